// Reading Kraftfiles: spec v0.5 and v0.6 (`spec`/`specification`), legacy kraft.yaml (v0.5 objects
// with firecracker/kvm names, v0.4 architectures/platforms maps), kconfig as a list and as a map,
// targets as plat/arch and as objects, and broken files reported at file:line:col.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kraftfileLibraries, parseKraftfile, readKraftfile } from '../../src/project/kraftfile.js';
import { kraftfileLibs } from '../../src/project/kraftfileFind.js';
import { UkmenuError } from '../../src/project/errors.js';

const summary = (text: string, file = '/app/Kraftfile') => {
  const k = parseKraftfile(file, text, 'app');
  const vals = (b: { values: { key: string; value: string }[] }) => b.values.map((v) => `${v.key}=${v.value}`);
  return {
    spec: k.spec, name: k.name, unikraft: vals(k.unikraft),
    libraries: k.libraries.map((l) => [l.name, ...vals(l.kconfig)]),
    targets: k.targets.map((t) => [t.name, t.plat, t.arch, ...vals(t.kconfig)]),
  };
};

function fails(text: string): string {
  try {
    parseKraftfile('/app/Kraftfile', text);
  } catch (e) {
    expect(e).toBeInstanceOf(UkmenuError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('Kraftfile spec v0.6', () => {
  it('spec:, kconfig maps (y, true/false, numbers, hex, text), targets as plat/arch and objects', () => {
    expect(summary(`spec: v0.6
name: hello
unikraft:
  source: https://github.com/unikraft/unikraft.git
  version: stable
  kconfig:
    CONFIG_LIBUKDEBUG_PRINTK_INFO: 'y'
    CONFIG_LIBUKDEBUG_ANSI_COLOR: true
    CONFIG_LIBUKDEBUG_PRINT_TIME: false
    CONFIG_LIBUKALLOC_HEAP: 64
    CONFIG_ADDR: 0x1000
    CONFIG_UK_NAME: hello world
libraries:
  musl: stable
  lwip:
    version: stable
    kconfig:
      CONFIG_LWIP_IPV6: y
targets:
- qemu/x86_64
- fc/arm64
- name: other
  plat: firecracker
  arch: x86_64
  kconfig:
    CONFIG_X: n
- platform: kvm/arm64
`)).toEqual({
      spec: 'v0.6', name: 'hello',
      unikraft: ['CONFIG_LIBUKDEBUG_PRINTK_INFO=y', 'CONFIG_LIBUKDEBUG_ANSI_COLOR=y', 'CONFIG_LIBUKDEBUG_PRINT_TIME=n', 'CONFIG_LIBUKALLOC_HEAP=64', 'CONFIG_ADDR=0x1000', 'CONFIG_UK_NAME="hello world"'],
      libraries: [['musl'], ['lwip', 'CONFIG_LWIP_IPV6=y']],
      targets: [['hello', 'qemu', 'x86_64'], ['hello', 'fc', 'arm64'], ['other', 'fc', 'x86_64', 'CONFIG_X=n'], ['hello', 'qemu', 'arm64']],
    });
  });
});

describe('Kraftfile spec v0.5 and legacy kraft.yaml', () => {
  it('specification:, kconfig lists (quoted text kept, other text quoted), architecture/platform objects', () => {
    expect(summary(`---
specification: '0.5'
name: nginx
unikraft:
  version: stable
  kconfig:
    - CONFIG_LIBUKDEBUG_ANSI_COLOR=y
    - CONFIG_UK_NAME="ng inx"
    - CONFIG_MSG=hello there
    - CONFIG_OFF=n
targets:
  - architecture: x86_64
    platform: kvm
  - architecture: arm64
    platform: firecracker
    kconfig:
      - CONFIG_Y=7
libraries:
  newlib: stable
  nginx:
    version: stable
    kconfig:
      - CONFIG_LIBNGINX=y
`, '/app/kraft.yaml')).toEqual({
      spec: '0.5', name: 'nginx',
      unikraft: ['CONFIG_LIBUKDEBUG_ANSI_COLOR=y', 'CONFIG_UK_NAME="ng inx"', 'CONFIG_MSG="hello there"', 'CONFIG_OFF=n'],
      libraries: [['newlib'], ['nginx', 'CONFIG_LIBNGINX=y']],
      targets: [['nginx', 'qemu', 'x86_64'], ['nginx', 'fc', 'arm64', 'CONFIG_Y=7']],
    });
  });

  it('v0.4 architectures and platforms maps: every pair turned on; no name: the app folder', () => {
    expect(summary(`specification: '0.4'
unikraft: '0.4'
architectures:
  x86_64: true
  arm64: false
  arm: true
platforms:
  kvm: true
  xen: true
`).targets).toEqual([['app', 'qemu', 'x86_64'], ['app', 'qemu', 'arm'], ['app', 'xen', 'x86_64'], ['app', 'xen', 'arm']]);
  });

  it('readKraftfile and kraftfileLibraries (what project discovery uses) read Kraftfile before kraft.yaml', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-kraftfile-'));
    try {
      fs.writeFileSync(path.join(dir, 'kraft.yaml'), 'libraries:\n  newlib: stable\n');
      expect(readKraftfile(dir)).toEqual({ file: path.join(dir, 'kraft.yaml'), libraries: ['newlib'] });
      fs.writeFileSync(path.join(dir, 'Kraftfile'), 'libraries: {musl: stable, "lwip": {version: stable}}\n');
      expect(readKraftfile(dir)).toEqual({ file: path.join(dir, 'Kraftfile'), libraries: ['musl', 'lwip'] });
      expect(kraftfileLibraries('name: x\n')).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("discovery's libraries without the YAML parser when the text cannot list any", () => {
  it('gives what the parse gives; a Kraftfile without libraries lists none, even when it is broken', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-kraftfile-'));
    try {
      expect(await kraftfileLibs(dir)).toBeUndefined();
      for (const text of [
        'spec: v0.6\nname: x\ntargets:\n  - qemu/x86_64\n',
        'libraries:\n  musl: stable\n',
        '"libraries": {musl: stable}\n',
        '"librar\\x69es": {musl: stable}\n', // an escape: parsed
        'x: &l libraries\n? *l\n: {lwip: stable}\n',
        'name: "a\\tb"\n',
      ]) {
        fs.writeFileSync(path.join(dir, 'Kraftfile'), text);
        expect(await kraftfileLibs(dir), text).toEqual(readKraftfile(dir));
      }
      expect(readKraftfile(dir)).toEqual({ file: path.join(dir, 'Kraftfile'), libraries: [] });
      fs.writeFileSync(path.join(dir, 'Kraftfile'), '"librar\\x69es": {musl: stable}\n');
      expect((await kraftfileLibs(dir))?.libraries).toEqual(['musl']);
      fs.writeFileSync(path.join(dir, 'Kraftfile'), 'targets: [qemu/x86_64\nname: x\n');
      expect(() => readKraftfile(dir)).toThrow(UkmenuError);
      expect(await kraftfileLibs(dir)).toEqual({ file: path.join(dir, 'Kraftfile'), libraries: [] });
      fs.writeFileSync(path.join(dir, 'Kraftfile'), 'libraries: [musl\n');
      await expect(kraftfileLibs(dir)).rejects.toThrow(UkmenuError); // listing libraries: its errors are discovery's
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what the app runs with, from the same parse as its targets', () => {
  it('rootfs:, cmd: and volumes: beside targets; cmd items kept as written', () => {
    const k = parseKraftfile('/app/Kraftfile', 'spec: v0.6\ntargets: [qemu/x86_64]\nrootfs: ./fs\ncmd: ["-v", 0x10, true]\nvolumes: ["./d:/data"]\n');
    expect(k.targets.map((t) => `${t.plat}/${t.arch}`)).toEqual(['qemu/x86_64']);
    expect(k.rootfs).toBe('/app/fs');
    expect(k.cmd).toEqual(['-v', '0x10', 'true']);
    expect(k.volumes).toEqual([{ source: '/app/d', dest: '/data', name: undefined }]);
  });
});

describe('broken Kraftfiles: file:line:col', () => {
  it.each([
    ['not YAML', 'spec: v0.6\ntargets: [qemu/x86_64\nname: x\n', /^\/app\/Kraftfile:3:\d+: not valid YAML: /],
    ['a target without a slash', 'spec: v0.6\ntargets:\n  - qemu\n', /^\/app\/Kraftfile:3:5: target "qemu" is not plat\/arch/],
    ['a target without architecture', 'targets:\n  - platform: qemu\n', /^\/app\/Kraftfile:2:5: this target has no architecture/],
    ['a kconfig item without =', 'unikraft:\n  kconfig:\n    - CONFIG_A\n', /^\/app\/Kraftfile:3:7: kconfig: "CONFIG_A" is not KEY=VALUE/],
    ['a kconfig map value missing', 'unikraft:\n  kconfig:\n    CONFIG_A:\n', /^\/app\/Kraftfile:3:5: kconfig: CONFIG_A has no value/],
    ['kconfig of the wrong kind', 'unikraft:\n  kconfig: yes\n', /^\/app\/Kraftfile:2:12: kconfig must be a list/],
    ['targets of the wrong kind', 'targets: qemu/x86_64\n', /^\/app\/Kraftfile:1:10: targets must be a list/],
    ['not a map', '- a\n- b\n', /^\/app\/Kraftfile:1:1: a Kraftfile is a map/],
    ['cmd: with no value (YAML null)', 'spec: v0.6\ncmd:\n', /^\/app\/Kraftfile:2:5: cmd: must be a list of arguments or one string/],
    ['rootfs: that is not a path', 'rootfs: [a, b]\n', /^\/app\/Kraftfile:1:9: rootfs: must be a path/],
    ['volumes: entry without source', 'volumes:\n  - destination: /\n', /^\/app\/Kraftfile:2:3: volumes: must be a list/],
  ])('%s', (_name, text, message) => {
    expect(fails(text)).toMatch(message);
  });
});
