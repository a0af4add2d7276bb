// The small pieces: Makefile sed chains, make's command lines, conf's arguments, Kraftfiles, configupdate.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyzeConfArgs,
  archConfigSymbol,
  archFamily,
  configUpdateNotice,
  hostArchFromGccVersion,
  normalizeArch,
  parseMakeArgs,
} from '../../src/project/index.js';
import { kraftfileLibraries } from '../../src/project/kraftfile.js';
import { rmrf, tmpdir, write } from './fixtures.js';

describe('architecture names as the Makefile derives them', () => {
  it('HOSTARCH from gcc -v', () => {
    const gcc = (t: string) => `Using built-in specs.\nCOLLECT_GCC=gcc\nTarget: ${t}\nThread model: posix\n`;
    expect(hostArchFromGccVersion(gcc('x86_64-linux-gnu'))).toBe('x86_64');
    expect(hostArchFromGccVersion(gcc('aarch64-linux-gnu'))).toBe('arm64');
    expect(hostArchFromGccVersion(gcc('arm-linux-gnueabihf'))).toBe('arm');
    expect(hostArchFromGccVersion(gcc('armv7l-unknown-linux-gnueabihf'))).toBe('arm');
    expect(hostArchFromGccVersion(gcc('i686-linux-gnu'))).toBe('x86');
    expect(hostArchFromGccVersion(gcc('powerpc64le-linux-gnu'))).toBe('powerpc64le');
    expect(hostArchFromGccVersion('no target line')).toBe('');
  });

  it('CONFIG_UK_ARCH from ARCH, UK_FAMILY, ukarch_str2cfg', () => {
    expect(normalizeArch('x86_64')).toBe('x86_64');
    expect(normalizeArch('aarch64')).toBe('arm64');
    expect(normalizeArch('arm64-v8')).toBe('arm64');
    expect(normalizeArch('armv7')).toBe('arm');
    expect(archFamily('x86_64')).toBe('x86');
    expect(archFamily('arm64')).toBe('arm');
    expect(archFamily('arm')).toBe('arm');
    expect(archConfigSymbol('x86_64')).toBe('CONFIG_ARCH_X86_64');
    expect(archConfigSymbol('arm64')).toBe('CONFIG_ARCH_ARM_64');
    expect(archConfigSymbol('arm')).toBe('CONFIG_ARCH_ARM_32');
  });
});

describe('make command lines', () => {
  it('parses -C, variables and goals', () => {
    const c = parseMakeArgs(['--no-print-directory', '-C', '/u', 'A=/a', 'L=', 'O=/a/b', 'X:=1', '-j', '4', 'menuconfig']);
    expect(c.directory).toBe('/u');
    expect(c.vars).toEqual({ A: '/a', L: '', O: '/a/b', X: '1' });
    expect(c.goals).toEqual(['menuconfig']);
    expect(parseMakeArgs(['-C/x', 'all']).directory).toBe('/x');
    expect(parseMakeArgs(['--directory=/y']).directory).toBe('/y');
    expect(parseMakeArgs(['-f', 'Makefile', 'CONFIG_UK_BASE=/u']).vars.CONFIG_UK_BASE).toBe('/u');
  });
});

describe("conf's arguments", () => {
  it('finds the mode like getopt_long (prefixes, aliases) and makes files absolute', () => {
    const a = analyzeConfArgs(['-s', '--olddef'], '/here');
    expect(a.mode).toBe('olddefconfig');
    expect(a.options).toEqual(['-s', '--olddefconfig']);
    expect(analyzeConfArgs(['--oldnoconfig']).mode).toBe('olddefconfig');
    expect(analyzeConfArgs(['--old']).mode).toBeUndefined(); // ambiguous: left for conf to refuse
    const d = analyzeConfArgs(['--defconfig', 'defconfigs/x'], '/app');
    expect(d.options).toEqual(['--defconfig=/app/defconfigs/x']);
    expect(d.defconfigFile).toBe('/app/defconfigs/x');
    const s = analyzeConfArgs(['--savedefconfig=out'], '/app');
    expect(s.options).toEqual(['--savedefconfig=/app/out']);
    expect(analyzeConfArgs(['--defconfig']).options).toEqual(['--defconfig']);
    expect(analyzeConfArgs(['--', '-weird']).positionals).toEqual(['-weird']);
  });
});

describe('Kraftfile libraries', () => {
  it('reads the keys of the top-level libraries map', () => {
    const text = [
      'spec: v0.6',
      'name: nginx',
      'unikraft:',
      '  version: stable',
      '  kconfig:',
      '    CONFIG_LIBUKDEBUG: y',
      'libraries:',
      '  # the C library',
      '  musl: stable',
      '  lwip:',
      '    version: stable',
      '    kconfig:',
      '      CONFIG_LWIP_TCP: y',
      "  'nginx': stable",
      'targets:',
      '  - qemu/x86_64',
      '',
    ].join('\n');
    expect(kraftfileLibraries(text)).toEqual(['musl', 'lwip', 'nginx']);
    expect(kraftfileLibraries('libraries: {musl: stable, lwip: stable}\n')).toEqual(['musl', 'lwip']);
    expect(kraftfileLibraries('name: x\n')).toEqual([]);
  });
});

describe('configupdate', () => {
  it('notices a change of CONFIG_ARCH_* lines only', () => {
    const d = tmpdir();
    try {
      const a = write(path.join(d, 'a'), 'CONFIG_ARCH_X86_64=y\n# CONFIG_ARCH_ARM_64 is not set\nCONFIG_FOO=y\n');
      const b = write(path.join(d, 'b'), '# CONFIG_ARCH_ARM_64 is not set\nCONFIG_ARCH_X86_64=y\nCONFIG_FOO=n\n');
      const c = write(path.join(d, 'c'), 'CONFIG_ARCH_ARM_64=y\n');
      expect(configUpdateNotice(a, b)).toBeUndefined();
      expect(configUpdateNotice(a, c)).toContain('*** - CPU architecture changed\n');
      expect(configUpdateNotice(a, path.join(d, 'missing'))).toBeUndefined();
    } finally {
      rmrf(d);
    }
  });
});
