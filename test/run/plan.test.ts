// The boot plan's parts without a VM: the CPIO writer against the real cpio (extracts what it wrote,
// the order Unikraft's extractor needs), the kernel command line forms (each one checked on a real
// boot in real-core.test.ts), -p / --network parsing, the Kraftfile reader, Firecracker's JSON
// (field by field against its documented config schema) and the xl configuration, and a stand-in
// `firecracker` on PATH that records what ukmenu ran.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { findProgram } from '../../src/build/tools.js';
import { UkmenuError } from '../../src/project/errors.js';
import type { Project } from '../../src/project/types.js';
import { kernelCmdline, quoteWord } from '../../src/run/args.js';
import { mapValues, runConfig } from '../../src/run/config.js';
import { cpioArchive, listFolder, writeCpioOf } from '../../src/run/cpio.js';
import { loadKraftfile } from '../../src/project/kraftfile.js';
import { splitWords } from '../../src/project/split-words.js';
import { parseNetworkMode, parsePort } from '../../src/run/network.js';
import { bootPlan, NO_CHOICES, planLines, type RunChoices } from '../../src/run/plan.js';
import { rootfsNeed } from '../../src/run/rootfs.js';
import { prepareRun } from '../../src/run/workspace.js';
import { requireOrSkip } from '../ci.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-plan-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(appDir: string): Project {
  return {
    kind: 'app', appDir, ukBase: '/uk', libs: [], plats: [], excludes: [], configFile: path.join(appDir, '.config'),
    buildDir: path.join(appDir, 'build'), kconfigDir: path.join(appDir, 'build', 'kconfig'), topKconfig: '/uk/Config.uk', confCwd: appDir,
    name: 'app', arch: 'x86_64', hostArch: 'x86_64', fullVersion: '0.17.0', codename: 'x', env: {}, dirsToCreate: [],
    commandLine: {}, origins: { ukBase: '', libs: '', configFile: '', buildDir: '' }, warnings: [],
  };
}

let apps = 0;
/** An app folder with a rootfs/ folder (hello.txt) and the given .config values. */
function app(values: Record<string, string>, withRootfs = true) {
  const dir = path.join(tmp, `app${apps++}`);
  mkdirSync(path.join(dir, withRootfs ? 'rootfs' : 'build'), { recursive: true });
  if (withRootfs) writeFileSync(path.join(dir, 'rootfs', 'hello.txt'), 'hi\n');
  const p = project(dir);
  const v = mapValues({ UK_NAME: 'app', PLAT_KVM: 'y', KVM_VMM_QEMU: 'y', ...values });
  return { dir, project: p, values: v, rc: runConfig(p, v, {}) };
}
const EMU = { kvm: false, reason: 'emulation' };
const KVM = { kvm: true, reason: 'KVM' };
const plan = (a: ReturnType<typeof app>, c: Partial<RunChoices> = {}, accel = EMU, env: Record<string, string> = { PATH: '/nonexistent' }) =>
  bootPlan({ project: a.project, values: a.values, rc: a.rc, accel, env }, { ...NO_CHOICES, ...c });
const err = (f: () => unknown): UkmenuError => {
  try { f(); } catch (e) { if (e instanceof UkmenuError) return e; throw e; }
  throw new Error('no error');
};

const INITRD = { ARCH_X86_64: 'y', LIBVFSCORE: 'y', LIBVFSCORE_AUTOMOUNT_CI: 'y', LIBVFSCORE_AUTOMOUNT_CI_INITRD: 'y', LIBUKLIBPARAM: 'y' };
const NET = { LIBUKNETDEV: 'y', LIBVIRTIO_NET: 'y', LIBVIRTIO_PCI: 'y', LIBUKBUS_PCI: 'y', LIBUKNETDEV_EINFO_LIBPARAM: 'y' };
const NINEP = { ARCH_X86_64: 'y', LIBVFSCORE: 'y', LIBVFSCORE_AUTOMOUNT_CI: 'y', LIBVFSCORE_AUTOMOUNT_CI_9PFS: 'y', LIBVFSCORE_AUTOMOUNT_CI_9PFS_TAG: '"fs1"' };

describe('CPIO newc archives', () => {
  test('the real cpio extracts what we wrote: contents, modes, a link, parents before children', (ctx) => {
    if (requireOrSkip('cpio', !!findProgram('cpio'), (n) => ctx.skip(n))) return;
    const src = path.join(tmp, 'tree');
    mkdirSync(path.join(src, 'b', 'c'), { recursive: true });
    mkdirSync(path.join(src, 'a'));
    writeFileSync(path.join(src, 'b', 'c', 'deep.txt'), 'deep\n');
    writeFileSync(path.join(src, 'x.sh'), '#!/bin/sh\n');
    chmodSync(path.join(src, 'x.sh'), 0o755);
    writeFileSync(path.join(src, 'odd'), Buffer.from([0, 1, 2])); // 3 bytes: padding
    symlinkSync('b/c/deep.txt', path.join(src, 'link'));
    const file = path.join(tmp, 'tree.cpio');
    const r = writeCpioOf(src, file);
    expect(r).toMatchObject({ rebuilt: true, entries: 7 });
    const list = spawnSync('cpio', ['-it', '--quiet'], { input: readFileSync(file), encoding: 'utf8' });
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual(['a', 'b', 'b/c', 'b/c/deep.txt', 'link', 'odd', 'x.sh']);
    const out = path.join(tmp, 'extracted');
    mkdirSync(out);
    const x = spawnSync('cpio', ['-idm', '--quiet'], { input: readFileSync(file), cwd: out, encoding: 'utf8' });
    expect(x.status, x.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'b', 'c', 'deep.txt'), 'utf8')).toBe('deep\n');
    expect([...readFileSync(path.join(out, 'odd'))]).toEqual([0, 1, 2]);
    expect(statSync(path.join(out, 'x.sh')).mode & 0o777).toBe(0o755);
    expect(readFileSync(path.join(out, 'link'), 'utf8')).toBe('deep\n');
    expect(statSync(path.join(out, 'x.sh')).mtimeMs).toBe(0); // fixed time
  });

  test('reproducible; rebuilt only when the folder changed', () => {
    const src = path.join(tmp, 'repro');
    mkdirSync(src);
    writeFileSync(path.join(src, 'f'), '1');
    expect(cpioArchive(listFolder(src)).equals(cpioArchive(listFolder(src)))).toBe(true);
    const file = path.join(tmp, 'repro.cpio');
    expect(writeCpioOf(src, file).rebuilt).toBe(true);
    expect(writeCpioOf(src, file).rebuilt).toBe(false);
    writeFileSync(path.join(src, 'f'), '22');
    utimesSync(path.join(src, 'f'), new Date(), new Date(Date.now() + 5000));
    expect(writeCpioOf(src, file).rebuilt).toBe(true);
    expect(readFileSync(file).includes(Buffer.from('22'))).toBe(true);
  });
});

describe('the kernel command line (forms checked on real boots in real-core.test.ts)', () => {
  test('with uklibparam: parameters, then --, then the arguments; no parameters: the arguments alone', () => {
    expect(kernelCmdline({ uklibparam: true, libParams: ['netdev.ip=1.2.3.4/24'], appArgs: ['a', 'b c'] }).line).toBe("netdev.ip=1.2.3.4/24 -- a 'b c'");
    expect(kernelCmdline({ uklibparam: true, libParams: ['x.y=1'], appArgs: [] }).line).toBe('x.y=1 --');
    expect(kernelCmdline({ uklibparam: true, libParams: [], appArgs: ['a'] }).line).toBe('a');
    const dd = kernelCmdline({ uklibparam: true, libParams: [], appArgs: ['a', '--', 'b'] });
    expect(dd.notes.join()).toContain('drops them');
  });

  test('without uklibparam the whole line is argv and parameters are left out with a note; argv[0] when the VMM does not add it', () => {
    const c = kernelCmdline({ uklibparam: false, libParams: ['netdev.ip=x'], appArgs: ['a'], argv0: 'app' });
    expect(c.words).toEqual(['app', 'a']);
    expect(c.notes.join()).toContain('LIBUKLIBPARAM is off');
    expect(kernelCmdline({ uklibparam: true, libParams: [], appArgs: ['a'], argv0: 'app', vmmAddsParams: true }).line).toBe('app -- a');
  });

  test('quoting as lib/ukargparse reads it', () => {
    expect(quoteWord('plain')).toBe('plain');
    expect(quoteWord('two words')).toBe("'two words'");
    expect(quoteWord("it's")).toBe(`"it's"`);
    expect(quoteWord('say "hi" \\o/ it\'s')).toBe(`"say \\"hi\\" \\\\o/ it's"`);
  });
});

describe('options and the Kraftfile', () => {
  test('-p and --network', () => {
    expect(parsePort('8080:80')).toEqual({ host: 8080, guest: 80, proto: 'tcp' });
    expect(parsePort('53:53/udp')).toEqual({ host: 53, guest: 53, proto: 'udp' });
    for (const bad of ['80', 'a:b', '0:80', '1:65536', '1:2/sctp', '']) {
      const e = err(() => parsePort(bad));
      expect(e.exitCode).toBe(2);
      expect(e.message).toMatch(/^-p /);
    }
    expect(parseNetworkMode('bridge:br0')).toEqual({ kind: 'bridge', bridge: 'br0' });
    expect(parseNetworkMode('tap:tap0')).toEqual({ kind: 'tap', tap: 'tap0' });
    expect(err(() => parseNetworkMode('wifi')).exitCode).toBe(2);
  });

  test('rootfs: and cmd: (list or string); malformed YAML and values name file:line:col', () => {
    const dir = path.join(tmp, 'kraft');
    mkdirSync(dir);
    const f = path.join(dir, 'Kraftfile');
    const kraftfileIn = (file: string) => loadKraftfile(path.dirname(file))!;
    writeFileSync(f, 'spec: v0.6\nrootfs: ./fs\ncmd: ["/bin/app", "-c", "x y"]\n');
    expect(kraftfileIn(f)).toMatchObject({ file: f, rootfs: path.join(dir, 'fs'), cmd: ['/bin/app', '-c', 'x y'] });
    expect(kraftfileIn(f).volumes).toBeUndefined();
    writeFileSync(f, 'cmd: /bin/app -c "x y" \'z w\'\n');
    expect(kraftfileIn(f).cmd).toEqual(['/bin/app', '-c', 'x y', 'z w']);
    writeFileSync(f, 'spec: v0.6\ncmd:\n  nested: 1\n');
    expect(err(() => kraftfileIn(f)).message).toBe(`${f}:3:3: cmd: must be a list of arguments or one string`);
    writeFileSync(f, 'spec: v0.6\nrootfs: [a\n');
    expect(err(() => kraftfileIn(f)).message).toMatch(new RegExp(`^${f.replace(/[.]/g, '\\.')}:\\d+:\\d+: not valid YAML`));
    expect(splitWords(`a "b \\" c" 'd e' f\\ g`)).toEqual(['a', 'b " c', 'd e', 'f g']);
    // volumes: spec 0.5 (app-nginx's kraft.yaml: a map named by the 9p tag) and 0.6 (a list)
    writeFileSync(f, 'specification: \'0.5\'\nvolumes:\n  fs0:\n    driver: 9pfs\n    source: ./fs0\n');
    expect(kraftfileIn(f).volumes).toEqual([{ source: path.join(dir, 'fs0'), name: 'fs0', driver: '9pfs', dest: undefined }]);
    writeFileSync(f, 'spec: v0.6\nvolumes:\n  - ./data:/data\n  - source: ./root\n    destination: /\n');
    expect(kraftfileIn(f).volumes).toEqual([
      { source: path.join(dir, 'data'), dest: '/data', name: undefined },
      { source: path.join(dir, 'root'), dest: '/', name: undefined, driver: undefined },
    ]);
  });
});

describe('which root filesystem a configuration mounts (lib/vfscore/Config.uk)', () => {
  test('0.17 compiled-in and fall-back entries, a custom table, and the older LIBVFSCORE_ROOTFS', () => {
    const need = (v: Record<string, string>) => rootfsNeed(mapValues({ LIBVFSCORE: 'y', ...v }));
    expect(need({ LIBVFSCORE_AUTOMOUNT_CI: 'y', LIBVFSCORE_AUTOMOUNT_CI_9PFS: 'y' })).toEqual({ kind: '9p', tag: 'fs0', symbol: 'LIBVFSCORE_AUTOMOUNT_CI_9PFS' });
    expect(need({ LIBVFSCORE_AUTOMOUNT_CI: 'y', LIBVFSCORE_AUTOMOUNT_CI_CUSTOM: 'y', LIBVFSCORE_AUTOMOUNT_CI0_DRIVER: '"ramfs"', LIBVFSCORE_AUTOMOUNT_CI1_DRIVER: '"extract"', LIBVFSCORE_AUTOMOUNT_CI1_DEV: '"initrd0"' }).kind).toBe('initrd');
    expect(need({ LIBVFSCORE_AUTOMOUNT_UP: 'y', LIBVFSCORE_AUTOMOUNT_FB: 'y', LIBVFSCORE_AUTOMOUNT_FB_9PFS: 'y', LIBVFSCORE_AUTOMOUNT_FB_9PFS_TAG: '"share"' })).toMatchObject({ kind: '9p', tag: 'share' });
    expect(need({ LIBVFSCORE_AUTOMOUNT_ROOTFS: 'y', LIBVFSCORE_ROOTFS: '"initrd"' }).kind).toBe('initrd');
    expect(need({ LIBVFSCORE_AUTOMOUNT_ROOTFS: 'y', LIBVFSCORE_ROOTFS: '"9pfs"', LIBVFSCORE_ROOTDEV: '"fs1"' })).toMatchObject({ kind: '9p', tag: 'fs1' });
    expect(need({ LIBVFSCORE_AUTOMOUNT_CI: 'y', LIBVFSCORE_AUTOMOUNT_CI_RAMFS: 'y' }).kind).toBe('none');
    expect(rootfsNeed(mapValues({ LIBVFSCORE: 'n', LIBVFSCORE_AUTOMOUNT_CI_INITRD: 'y' })).kind).toBe('none');
  });
});

describe('plans', () => {
  test('initrd + network on QEMU: -initrd of the archive beside the image, user network with forwards and netdev.ip', () => {
    const a = app({ ...INITRD, ...NET });
    const p = plan(a, { ports: [parsePort('8080:80'), parsePort('5353:53/udp')], appArgs: ['x'] });
    expect(p.vmm).toBe('qemu');
    expect(p.rootfs.initrd).toBe(path.join(a.dir, 'build', 'app-initrd.cpio'));
    expect(p.command.args).toEqual(expect.arrayContaining(['-initrd', p.rootfs.initrd!, '-netdev', 'user,id=net0,hostfwd=tcp::8080-:80,hostfwd=udp::5353-:53', '-device', 'virtio-net-pci,netdev=net0']));
    expect(p.args.cmdline.line).toBe('netdev.ip=10.0.2.15/24:10.0.2.2:10.0.2.3 -- x');
    const text = planLines(p).join('\n');
    expect(text).toContain("rootfs:   initrd (LIBVFSCORE_AUTOMOUNT_CI_INITRD) from " + path.join(a.dir, 'rootfs') + " (the app's rootfs/ folder)");
    expect(text).toMatch(/^network: {2}user, virtio-net-pci, ports 8080:80 5353:53\/udp, netdev\.ip=/m);
    expect(text).toMatch(/^command: {2}qemu-system-x86_64 /m);
  });

  test('9p: the folder shared with the configured tag; its driver and bus are required; Firecracker has no 9p', () => {
    const ok = app({ ...NINEP, LIBVIRTIO_9P: 'y', LIBVIRTIO_PCI: 'y', LIBUKBUS_PCI: 'y' });
    expect(plan(ok).command.args).toEqual(expect.arrayContaining(['-fsdev', `local,id=rootfs,path=${path.join(ok.dir, 'rootfs')},security_model=none`, '-device', 'virtio-9p-pci,fsdev=rootfs,mount_tag=fs1']));
    expect(err(() => plan(app(NINEP))).message).toContain('turn on LIBVIRTIO_9P');
    expect(err(() => plan(app({ ...NINEP, LIBVIRTIO_9P: 'y' }))).message).toContain('turn on LIBUKBUS_PCI and LIBVIRTIO_PCI');
    const fc = app({ ...NINEP, LIBVIRTIO_9P: 'y', LIBVIRTIO_PCI: 'y', LIBUKBUS_PCI: 'y', KVM_VMM_QEMU: 'n', KVM_VMM_FIRECRACKER: 'y' });
    expect(err(() => plan(fc)).message).toContain('Firecracker has no 9p device');
  });

  test('an older core\'s 9p root (LIBVFSCORE_ROOTFS_9PFS) from a kraft.yaml volume named by its tag, as app-nginx has it', () => {
    const a = app({ ARCH_X86_64: 'y', LIBVFSCORE: 'y', LIBVFSCORE_AUTOMOUNT_ROOTFS: 'y', LIBVFSCORE_ROOTFS_9PFS: 'y', LIBVFSCORE_ROOTDEV: '"fs0"', LIBVIRTIO_9P: 'y', LIBVIRTIO_PCI: 'y', LIBUKBUS_PCI: 'y' }, false);
    mkdirSync(path.join(a.dir, 'fs0'));
    writeFileSync(path.join(a.dir, 'kraft.yaml'), "specification: '0.5'\nvolumes:\n  fs0:\n    driver: 9pfs\n    source: ./fs0\n");
    const p = plan(a);
    expect(p.rootfs.source).toEqual({ path: path.join(a.dir, 'fs0'), kind: 'folder', from: 'volumes: in kraft.yaml' });
    expect(p.command.args).toContain('virtio-9p-pci,fsdev=rootfs,mount_tag=fs0');
  });

  test('no rootfs found names the symbol and the folder; embedded initrd: nothing to pass', () => {
    const a = app(INITRD, false);
    const e = err(() => plan(a));
    expect(e.message).toBe('the configuration mounts its root filesystem from an initrd (LIBVFSCORE_AUTOMOUNT_CI_INITRD), but there is none');
    expect(e.details.join('\n')).toContain(path.join(a.dir, 'rootfs'));
    const emb = plan(app({ ARCH_X86_64: 'y', LIBVFSCORE: 'y', LIBVFSCORE_AUTOMOUNT_CI: 'y', LIBVFSCORE_AUTOMOUNT_CI_EINITRD: 'y', LIBVFSCORE_AUTOMOUNT_EINITRD_PATH: '"/x/initrd.cpio"' }));
    expect(emb.notes.join()).toContain('the initrd is linked into the image (LIBVFSCORE_AUTOMOUNT_CI_EINITRD: /x/initrd.cpio): nothing to pass');
    expect(emb.command.args).not.toContain('-initrd');
  });

  test('Firecracker: the JSON configuration, field by field; the command is printed with what is missing', () => {
    const a = app({ ...INITRD, ...NET, LIBVIRTIO_PCI: 'n', LIBVIRTIO_MMIO: 'y', KVM_VMM_QEMU: 'n', KVM_VMM_FIRECRACKER: 'y' });
    const p = plan(a, { network: parseNetworkMode('tap:tap7'), appArgs: ['-v'], memoryMiB: 128 });
    expect(p.vmm).toBe('firecracker');
    const file = p.files.find((f) => f.what === 'Firecracker VM configuration')!;
    expect(file.path).toBe(path.join(a.dir, 'build', 'app_fc-x86_64.firecracker.json'));
    const cfg = JSON.parse(file.text!);
    // Firecracker's schema (firecracker.yaml): BootSource, MachineConfiguration, NetworkInterface
    expect(Object.keys(cfg).sort()).toEqual(['boot-source', 'drives', 'machine-config', 'network-interfaces']);
    expect(cfg['boot-source']).toEqual({
      kernel_image_path: path.join(a.dir, 'build', 'app_fc-x86_64'),
      boot_args: 'app -- -v', // argv[0] first; Firecracker adds virtio_mmio.device= before the --
      initrd_path: path.join(a.dir, 'build', 'app-initrd.cpio'),
    });
    expect(cfg['machine-config']).toEqual({ vcpu_count: 1, mem_size_mib: 128, smt: false });
    expect(cfg['network-interfaces']).toEqual([{ iface_id: 'net0', guest_mac: '02:fc:00:00:00:01', host_dev_name: 'tap7' }]);
    expect(cfg.drives).toEqual([]);
    expect(p.command).toEqual({ program: 'firecracker', args: ['--no-api', '--config-file', file.path] });
    expect(p.missing.join('\n')).toContain('firecracker is not on PATH');
    expect(p.missing.join('\n')).toContain('Firecracker needs KVM, and here it is emulation');
    // no interface by default; user-mode networking does not exist there: said
    expect(JSON.parse(plan(a).files.find((f) => f.path.endsWith('.json'))!.text!)['network-interfaces']).toEqual([]);
    const u = plan(a, { network: parseNetworkMode('user') });
    expect(u.notes.join()).toContain('Firecracker has no user-mode network');
    expect(JSON.parse(u.files.find((f) => f.path.endsWith('.json'))!.text!)['network-interfaces']).toEqual([]);
  });

  test('a stand-in firecracker on PATH is run with --no-api --config-file FILE when KVM works', async () => {
    const a = app({ ...INITRD, KVM_VMM_QEMU: 'n', KVM_VMM_FIRECRACKER: 'y' });
    const bin = path.join(tmp, 'fcbin');
    mkdirSync(bin);
    const record = path.join(tmp, 'fc-args.txt');
    writeFileSync(path.join(bin, 'firecracker'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${record}\ncp "$3" ${record}.json\necho "guest says hi"\n`);
    chmodSync(path.join(bin, 'firecracker'), 0o755);
    mkdirSync(path.join(a.dir, 'build'), { recursive: true });
    writeFileSync(path.join(a.dir, 'build', 'app_fc-x86_64'), 'image');
    const env = { PATH: `${bin}:${process.env.PATH}` };
    const ws = { project: a.project, values: () => a.values, env };
    const { session, plan: p, written } = await prepareRun(ws, { accel: KVM, choices: { ...NO_CHOICES, appArgs: ['hello'] } });
    expect(p.missing).toEqual([]);
    expect(written.join('\n')).toContain('app-initrd.cpio');
    const v = await session.start();
    expect(v.outcome).toBe('success');
    expect(session.screen.all()).toContain('guest says hi');
    const json = path.join(a.dir, 'build', 'app_fc-x86_64.firecracker.json');
    expect(readFileSync(record, 'utf8')).toBe(`--no-api\n--config-file\n${json}\n`);
    expect(JSON.parse(readFileSync(`${record}.json`, 'utf8'))['boot-source'].boot_args).toBe('app hello');
    expect(existsSync(path.join(a.dir, 'build', 'app-initrd.cpio'))).toBe(true);
  });

  test('Xen: the xl configuration and `xl create -c FILE`; --plat chooses among several images', () => {
    const a = app({ ...INITRD, ...NET, PLAT_XEN: 'y' });
    const q = plan(a);
    expect(q.vmm).toBe('qemu');
    expect(q.notes.join()).toContain('--plat xen');
    const p = plan(a, { plat: 'xen', network: parseNetworkMode('bridge:xenbr0'), appArgs: ['a b'] });
    expect(p.vmm).toBe('xen');
    const file = p.files[p.files.length - 1];
    expect(file.path).toBe(path.join(a.dir, 'build', 'app_xen-x86_64.xl.cfg'));
    expect(file.text!.split('\n')).toEqual([
      "name = 'app'",
      "type = 'pv'",
      `kernel = '${path.join(a.dir, 'build', 'app_xen-x86_64')}'`,
      'memory = 64',
      'vcpus = 1',
      "extra = 'app \\'a b\\''",
      `ramdisk = '${path.join(a.dir, 'build', 'app-initrd.cpio')}'`,
      "vif = [ 'bridge=xenbr0' ]",
      "on_poweroff = 'destroy'",
      "on_crash = 'destroy'",
      "on_reboot = 'destroy'",
      '',
    ]);
    expect(p.command).toEqual({ program: 'xl', args: ['create', '-c', file.path] });
    expect(p.missing.join()).toContain('xl is not on PATH');
    expect(err(() => plan(app(INITRD), { plat: 'xen' })).message).toBe('--plat xen: the configuration has no Xen (PLAT_XEN) image');
    // an xl that cannot reach Xen (a stand-in that fails as xl does outside dom0)
    const bin = path.join(tmp, 'xlbin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'xl'), '#!/bin/sh\necho "xencall: error: Could not obtain handle on privileged command interface: No such file or directory" >&2\nexit 1\n');
    chmodSync(path.join(bin, 'xl'), 0o755);
    const noDom0 = plan(a, { plat: 'xen' }, EMU, { PATH: `${bin}:/usr/bin:/bin` });
    expect(noDom0.missing).toEqual(['`xl info` fails here (not Xen\'s dom0?): xencall: error: Could not obtain handle on privileged command interface: No such file or directory']);
  });
});
