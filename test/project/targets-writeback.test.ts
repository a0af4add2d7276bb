// Writing a target's configuration back into the Kraftfile, on the real core: after changes made on
// the tree (as the menu makes them), `--target T targets --write-back` records them, and the
// Kraftfile read again creates exactly that configuration; comments, order and the untouched lines
// stay byte for byte. Bad input: unknown target, broken YAML, values conf warns about: nothing written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverProject, type Project } from '../../src/project/index.js';
import { createTargetConfig, listTargets, projectWithConfig } from '../../src/project/targets.js';
import { loadTree } from '../../src/tree.js';
import { cleanEnv, runCli } from './fixtures.js';
import { unpackRealApp, type RealApp } from './realUnikraft.js';

const KRAFTFILE = `spec: v0.6
name: hello # the image name

# values for every target
unikraft:
    version: stable
    kconfig:
    - CONFIG_LIBUKDEBUG_PRINTK_INFO=y

targets:
- qemu/x86_64        # the usual one
- platform: qemu
  architecture: arm64
  kconfig:
    CONFIG_LIBUKDEBUG_PRINT_TIME: n   # quieter
# firecracker later
`;

let real: RealApp;
/** The app as discovered once (the targets' files differ only in configFile). */
let base: Project;
const env = () => cleanEnv({ PWD: real.app });
const kraftfile = () => path.join(real.app, 'Kraftfile');
const read = (f: string) => fs.readFileSync(f, 'utf8');

beforeAll(async () => {
  real = unpackRealApp(false);
  fs.writeFileSync(kraftfile(), KRAFTFILE);
  base = await discoverProject({ cwd: real.app, env: env() });
}, 300_000);
afterAll(() => real?.remove());

/** Changes values of the target's configuration as the menu does (tree edits, then save). */
async function edit(target: string, values: Record<string, string>): Promise<string> {
  const set = listTargets(real.app);
  const t = set.targets.find((x) => x.id === target)!;
  const project = projectWithConfig(base, t.configFile);
  if (!fs.existsSync(t.configFile)) await createTargetConfig(project, set, t, { baseEnv: env() });
  const { tree } = loadTree({ kind: 'project', project, baseEnv: env() });
  for (const [k, v] of Object.entries(values)) {
    tree.set(k, v);
    expect(tree.value(k)).toBe(v);
  }
  tree.writeConfig(t.configFile);
  return t.configFile;
}

/** The configuration the Kraftfile gives a target now, created into a scratch file. */
async function fromKraftfile(target: string): Promise<string> {
  const set = listTargets(real.app);
  const t = set.targets.find((x) => x.id === target)!;
  const out = path.join(real.root, 'again.config');
  expect(await createTargetConfig(base, set, t, { out, baseEnv: env() })).toEqual([]);
  return read(out);
}

describe('write-back round trip', () => {
  it('into the target: a shorthand target becomes a map with kconfig; comments and other lines kept', async () => {
    const config = await edit('qemu/x86_64', { LIBUKDEBUG_ANSI_COLOR: 'y', LIBUKDEBUG_PRINTK_CRIT: 'y', LIBUKALLOC_IFSTATS: 'y' });
    const before = read(kraftfile());
    const r = await runCli(['--target', 'qemu/x86_64', 'targets', '--write-back'], { cwd: real.app, env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr, r.stderr).not.toMatch(/note/);
    const after = read(kraftfile());
    expect(r.stdout).toContain('+- platform: qemu        # the usual one\n+  architecture: x86_64\n+  kconfig:\n');
    expect(r.stdout).toContain('\n+  - CONFIG_LIBUKDEBUG_ANSI_COLOR=y\n');
    expect(r.stdout).toContain('\n+  - CONFIG_LIBUKALLOC_IFSTATS=y\n');
    expect(r.stdout).not.toMatch(/UK_NAME|ARCH_/); // the Makefile's savedefconfig lines are not values to record
    // the other lines are the same bytes: only the shorthand line became the map
    const removed = before.split('\n').filter((l) => !after.split('\n').includes(l));
    expect(removed).toEqual(['- qemu/x86_64        # the usual one']);
    for (const comment of ['# the image name', '# values for every target', '# quieter', '# firecracker later', '# the usual one']) expect(after).toContain(comment);
    expect(await fromKraftfile('qemu/x86_64')).toBe(read(config));
    // nothing left to record
    const again = await runCli(['--target', 'qemu/x86_64', 'targets', '--write-back'], { cwd: real.app, env: env() });
    expect(again.stdout).toMatch(/already gives this configuration/);
    expect(read(kraftfile())).toBe(after);
  }, 300_000);

  it('into a map-form target, and a value back to what the Kraftfile had changed in place', async () => {
    const config = await edit('qemu/arm64', { LIBUKDEBUG_PRINT_TIME: 'y', LIBUKDEBUG_PRINTK_WARN: 'y' });
    const r = await runCli(['--target', 'qemu/arm64', 'targets', '--write-back'], { cwd: real.app, env: env() });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const after = read(kraftfile());
    expect(after).toContain('    CONFIG_LIBUKDEBUG_PRINT_TIME: y   # quieter');
    expect(after).toContain('    CONFIG_LIBUKDEBUG_PRINTK_WARN: y');
    expect(await fromKraftfile('qemu/arm64')).toBe(read(config));
  }, 300_000);

  it('--all: into unikraft.kconfig, for every target', async () => {
    const config = await edit('qemu/arm64', { LIBUKDEBUG_PRINTD: 'y' });
    const r = await runCli(['--target', 'qemu/arm64', 'targets', '--write-back', '--all'], { cwd: real.app, env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {5}- CONFIG_LIBUKDEBUG_PRINTK_INFO=y\n\+ {4}- CONFIG_LIBUKDEBUG_PRINTD=y$/m);
    expect(await fromKraftfile('qemu/arm64')).toBe(read(config));
    expect(await fromKraftfile('qemu/x86_64')).toMatch(/^CONFIG_LIBUKDEBUG_PRINTD=y$/m);
  }, 300_000);
});

describe('bad input: a message, nothing written', () => {
  it('an unknown target lists the known ones', async () => {
    const r = await runCli(['--target', 'xen/riscv', 'targets'], { cwd: real.app, env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown target "xen\/riscv"; the known targets are:\n\s+qemu\/x86_64 +\(qemu\/x86_64, Kraftfile\)\n\s+qemu\/arm64/);
  });

  it('a broken Kraftfile: file:line:col, for every command; nothing changes', async () => {
    const good = read(kraftfile());
    const dotConfig = path.join(real.app, '.config');
    fs.writeFileSync(kraftfile(), good.replace('targets:\n', 'targets: [\n'));
    const broken = read(kraftfile());
    try {
      for (const args of [['targets'], ['--target', 'qemu/x86_64', 'conf', '--olddefconfig']]) {
        const r = await runCli(args, { cwd: real.app, env: env() });
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(new RegExp(`^ukmenu: ${kraftfile()}:\\d+:\\d+: not valid YAML`));
        expect(r.stderr).not.toMatch(/ at .*\.ts:\d+/);
      }
      expect(read(kraftfile())).toBe(broken);
      expect(fs.existsSync(dotConfig)).toBe(false);
    } finally {
      fs.writeFileSync(kraftfile(), good);
    }
  });

  it('values conf warns about: its warnings, no configuration written', async () => {
    const good = read(kraftfile());
    fs.writeFileSync(kraftfile(), 'spec: v0.6\nname: hello\nunikraft:\n  kconfig:\n    - CONFIG_LIBUKDEBUG_ANSI_COLOR=y\n    - CONFIG_LIBUKDEBUG_PRINTK_INFO=maybe\ntargets:\n  - qemu/x86_64\n');
    try {
      const file = path.join(real.app, '.config.hello_qemu-x86_64');
      fs.rmSync(file, { force: true });
      const r = await runCli(['--target', 'hello', 'conf', '--olddefconfig'], { cwd: real.app, env: env() });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/the values of target hello do not resolve \(Kraftfile\); nothing was written/);
      expect(r.stderr).toContain(`${kraftfile()}:6:warning: symbol value '"maybe"' invalid for LIBUKDEBUG_PRINTK_INFO`);
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      fs.writeFileSync(kraftfile(), good);
    }
  }, 120_000);
});
