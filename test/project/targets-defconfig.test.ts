// A target's configuration, created as kraft creates it, byte for byte what the real core's
// `make defconfig` writes on the merged lines (UK_DEFCONFIG, C=<the target's file>): qemu, fc and
// xen × x86_64 and arm64, from a v0.6 Kraftfile of our own with a library of our own (its kconfig
// between the core's and the target's), the real app's legacy kraft.yaml and its defconfigs/ files.
// Every make run happens once, in beforeAll; the cases compare.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverProject, type Project } from '../../src/project/index.js';
import { createTargetConfig, listTargets, targetDefconfig, type AppTargets, type Target } from '../../src/project/targets.js';
import { cleanEnv, runCli } from './fixtures.js';
import { unpackRealApp, type RealApp } from './realUnikraft.js';

const KRAFTFILE = `# our own v0.6 Kraftfile
spec: v0.6
name: hello

unikraft:
  source: ./workdir/unikraft
  kconfig:            # a map
    CONFIG_LIBUKDEBUG_PRINTK_INFO: 'y'
    CONFIG_LIBUKDEBUG_ANSI_COLOR: true
    CONFIG_LIBUKDEBUG_PRINT_TIME: false

libraries:
  mylib:
    kconfig:          # a list (kraft adds CONFIG_LIBMYLIB=y)
      - CONFIG_MYLIB_GREETING=hello there
      - CONFIG_MYLIB_COUNT=7

targets:
  - qemu/x86_64
  - qemu/arm64
  - fc/x86_64
  - platform: firecracker
    architecture: arm64
    kconfig:
      CONFIG_MYLIB_COUNT: 9
  - name: hello-xen
    plat: xen
    arch: x86_64
    kconfig:
      - CONFIG_LIBUKDEBUG_ANSI_COLOR=n
  - plat: xen/arm64
`;

const MYLIB_CONFIG = `menuconfig LIBMYLIB
	bool "mylib: a library of the test's own"
	default n
if LIBMYLIB
config MYLIB_GREETING
	string "Greeting"
	default "hi"
config MYLIB_COUNT
	int "Count"
	default 3
endif
`;

let real: RealApp;
let libDir: string;
const env = () => cleanEnv({ PWD: real.app });
/** make defconfig's result for each case, by name. */
const reference = new Map<string, string>();
let ours: AppTargets;
let legacy: AppTargets;

function makeDefconfig(lines: string, extraVars: string[]): string {
  const input = path.join(real.root, 'merged.defconfig');
  const out = path.join(real.root, 'make.config');
  fs.writeFileSync(input, lines);
  fs.rmSync(out, { force: true });
  const r = real.make([`C=${out}`, `UK_DEFCONFIG=${input}`, ...extraVars, 'defconfig'], { PWD: real.app });
  if (r.status !== 0) throw new Error(`make defconfig failed:\n${r.stdout}${r.stderr}`);
  return fs.readFileSync(out, 'utf8');
}

beforeAll(() => {
  real = unpackRealApp();
  // the real app's own kraft.yaml (spec 0.5) and defconfigs/ first
  legacy = listTargets(real.app);
  for (const t of legacy.targets.filter((x) => ['qemu/arm64', 'fc-x86_64'].includes(x.id))) reference.set(`legacy ${t.id}`, makeDefconfig(targetDefconfig(legacy, t), []));
  // then our Kraftfile, which wins over kraft.yaml, with a library of our own
  libDir = path.join(real.app, 'workdir', 'libs', 'mylib');
  fs.mkdirSync(libDir, { recursive: true });
  fs.writeFileSync(path.join(libDir, 'Config.uk'), MYLIB_CONFIG);
  fs.writeFileSync(path.join(libDir, 'Makefile.uk'), '$(eval $(call addlib_s,libmylib,$(CONFIG_LIBMYLIB)))\n');
  fs.writeFileSync(path.join(real.app, 'Kraftfile'), KRAFTFILE);
  ours = listTargets(real.app);
  for (const t of ours.targets.filter((x) => x.kraft)) reference.set(`ours ${t.id}`, makeDefconfig(targetDefconfig(ours, t), [`LIBS=${libDir}`]));
}, 900_000);
afterAll(() => real?.remove());

describe('targets of the real app', () => {
  it('lists the legacy kraft.yaml targets (firecracker is fc) and the defconfigs/ files', () => {
    expect(legacy.targets.map((t) => [t.id, t.plat, t.arch, t.source, path.basename(t.configFile)])).toEqual([
      ['qemu/x86_64', 'qemu', 'x86_64', 'kraft.yaml', '.config.helloworld_qemu-x86_64'],
      ['qemu/arm64', 'qemu', 'arm64', 'kraft.yaml', '.config.helloworld_qemu-arm64'],
      ['fc/x86_64', 'fc', 'x86_64', 'kraft.yaml', '.config.helloworld_fc-x86_64'],
      ['fc/arm64', 'fc', 'arm64', 'kraft.yaml', '.config.helloworld_fc-arm64'],
      ['fc-arm64', 'fc', 'arm64', 'defconfigs/fc-arm64', '.config.fc-arm64'],
      ['fc-x86_64', 'fc', 'x86_64', 'defconfigs/fc-x86_64', '.config.fc-x86_64'],
      ['qemu-arm64', 'qemu', 'arm64', 'defconfigs/qemu-arm64', '.config.qemu-arm64'],
      ['qemu-x86_64', 'qemu', 'x86_64', 'defconfigs/qemu-x86_64', '.config.qemu-x86_64'],
    ]);
  });

  it('lists our Kraftfile targets: shorthand, objects, plat/arch in one, names', () => {
    expect(ours.targets.filter((t) => t.kraft).map((t) => [t.id, t.plat, t.arch, path.basename(t.configFile)])).toEqual([
      ['qemu/x86_64', 'qemu', 'x86_64', '.config.hello_qemu-x86_64'],
      ['qemu/arm64', 'qemu', 'arm64', '.config.hello_qemu-arm64'],
      ['fc/x86_64', 'fc', 'x86_64', '.config.hello_fc-x86_64'],
      ['fc/arm64', 'fc', 'arm64', '.config.hello_fc-arm64'],
      ['hello-xen', 'xen', 'x86_64', '.config.hello-xen_xen-x86_64'],
      ['xen/arm64', 'xen', 'arm64', '.config.hello_xen-arm64'],
    ]);
  });
});

describe('a target configuration = make defconfig on the merged lines', () => {
  const cases = () => [...reference.keys()];
  it('has a reference for every case', () => expect(cases().length).toBe(8));

  const projects: Record<string, Project> = {};
  it.each([
    'legacy qemu/arm64', 'legacy fc-x86_64',
    'ours qemu/x86_64', 'ours qemu/arm64', 'ours fc/x86_64', 'ours fc/arm64', 'ours hello-xen', 'ours xen/arm64',
  ])('%s', async (name) => {
    const [which, id] = name.split(' ');
    const set = which === 'legacy' ? legacy : ours;
    const target = set.targets.find((t) => t.id === id) as Target;
    projects[which] ??= await discoverProject({ cwd: real.app, env: env(), ...(which === 'ours' ? {} : { libs: '' }) });
    const project = projects[which];
    const out = path.join(real.root, `ours-${name.replace(/\W/g, '_')}.config`);
    const unmet = await createTargetConfig(project, set, target, { out, baseEnv: env() });
    expect(fs.readFileSync(out, 'utf8')).toBe(reference.get(name));
    if (which === 'ours') expect(unmet).toEqual([]);
  }, 120_000);

  it('the merged lines: core, library, target, platform, architecture; a later value wins', () => {
    const t = ours.targets.find((x) => x.id === 'fc/arm64')!;
    expect(targetDefconfig(ours, t)).toBe([
      'CONFIG_LIBUKDEBUG_PRINTK_INFO=y', 'CONFIG_LIBUKDEBUG_ANSI_COLOR=y', '# CONFIG_LIBUKDEBUG_PRINT_TIME is not set',
      'CONFIG_MYLIB_GREETING="hello there"', 'CONFIG_LIBMYLIB=y', 'CONFIG_MYLIB_COUNT=9',
      'CONFIG_PLAT_KVM=y', 'CONFIG_KVM_VMM_FIRECRACKER=y', 'CONFIG_ARCH_ARM_64=y', '',
    ].join('\n'));
    expect(reference.get('ours fc/arm64')).toMatch(/^CONFIG_MYLIB_COUNT=9$/m);
    expect(reference.get('ours hello-xen')).toMatch(/^# CONFIG_LIBUKDEBUG_ANSI_COLOR is not set$/m);
  });
});

describe('--target on the command line', () => {
  it('project --json reports the target configuration; conf creates it once, .config untouched', async () => {
    const dotConfig = fs.readFileSync(path.join(real.app, '.config'), 'utf8');
    const file = path.join(real.app, '.config.hello_qemu-arm64');
    fs.rmSync(file, { force: true });
    const p = await runCli(['--target', 'qemu/arm64', 'project', '--json'], { cwd: real.app, env: env() });
    expect(p.code, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout).configFile).toBe(file);
    const r = await runCli(['--target', 'qemu/arm64', 'conf', '--olddefconfig'], { cwd: real.app, env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/created .*\.config\.hello_qemu-arm64/);
    expect(fs.readFileSync(file, 'utf8')).toBe(reference.get('ours qemu/arm64'));
    expect(fs.readFileSync(path.join(real.app, '.config'), 'utf8')).toBe(dotConfig);
  }, 120_000);
});
