// The run view's boot plan (components/build/RunView.tsx with planFirst) with ink-testing-library:
// the plan as `ukmenu run --print` shows it, its keys, each part changed before booting (a bad
// value is refused with the reason, the plan stays), the choices remembered for the app, Enter
// boots with them (a fake QEMU records its arguments), and a plan that cannot boot says why.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { RunPanel } from '../../components/build/RunView.js';
import type { Project } from '../../src/project/types.js';
import { mapValues } from '../../src/run/config.js';
import { RunFlow } from '../../src/run/flow.js';
import { confRunPrefs, memoryRunPrefs } from '../../src/run/prefs.js';
import { fakeSpawner, until } from '../build/fake.js';
import { KEYS, renderPanel } from '../build/harness.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-runview-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => cleanup());

const EMU = { kvm: false, reason: 'emulation' };
const VALUES = {
  ARCH_X86_64: 'y', PLAT_KVM: 'y', KVM_VMM_QEMU: 'y', UK_NAME: 'app', LIBUKLIBPARAM: 'y', LIBUKRANDOM: 'n',
  LIBVFSCORE: 'y', LIBVFSCORE_AUTOMOUNT_CI: 'y', LIBVFSCORE_AUTOMOUNT_CI_INITRD: 'y',
  LIBUKNETDEV: 'y', LIBVIRTIO_NET: 'y', LIBVIRTIO_PCI: 'y', LIBUKBUS_PCI: 'y', LIBUKNETDEV_EINFO_LIBPARAM: 'y',
};

let n = 0;
function setup(withRootfs = true) {
  const appDir = path.join(tmp, `app${n++}`);
  mkdirSync(path.join(appDir, 'build'), { recursive: true });
  if (withRootfs) {
    mkdirSync(path.join(appDir, 'rootfs'));
    writeFileSync(path.join(appDir, 'rootfs', 'hello.txt'), 'hi\n');
  }
  writeFileSync(path.join(appDir, '.config'), '');
  writeFileSync(path.join(appDir, 'build', 'app_qemu-x86_64'), 'image'); // newer than .config: not stale
  const project: Project = {
    kind: 'app', appDir, ukBase: appDir, libs: [], plats: [], excludes: [], configFile: path.join(appDir, '.config'),
    buildDir: path.join(appDir, 'build'), kconfigDir: path.join(appDir, 'build', 'kconfig'), topKconfig: '', confCwd: appDir,
    name: 'app', arch: 'x86_64', hostArch: 'x86_64', fullVersion: '', codename: '', env: {}, dirsToCreate: [],
    commandLine: {}, origins: { ukBase: '', libs: '', configFile: '', buildDir: '' }, warnings: [],
  };
  const { spawn, procs } = fakeSpawner();
  const prefs = memoryRunPrefs();
  const flow = new RunFlow({ workspace: { project, values: () => mapValues(VALUES), env: { PATH: process.env.PATH } }, run: { spawn, accel: EMU } });
  return { appDir, procs, prefs, flow };
}

async function type(h: ReturnType<typeof renderPanel>, text: string) {
  for (const ch of text) await h.press(ch);
}

test('the plan first; a, f, p, n, m change it; a bad port is refused; Enter boots with the choices, remembered for the app', async () => {
  const { appDir, procs, prefs, flow } = setup();
  const panel = new RunPanel({ title: 'Run app (x86_64)', flow, planFirst: true, prefs, appDir, copy: () => {} });
  const h = renderPanel(panel, 160, 40);
  let f = await h.waitFor('command:');
  expect(f).toContain('Boot plan');
  expect(f).toContain(`rootfs:   initrd (LIBVFSCORE_AUTOMOUNT_CI_INITRD) from ${path.join(appDir, 'rootfs')}`);
  expect(f).toContain('network:  user, virtio-net-pci, netdev.ip=10.0.2.15/24:10.0.2.2:10.0.2.3');
  expect(f).toContain('Enter boot · a kernel arguments · f root filesystem · p ports · n network · m memory');
  expect(procs).toHaveLength(0); // nothing started yet
  expect(panel.closable).toBe(true);

  await h.press('p');
  await h.waitFor('Port forwards (HOST:GUEST');
  await type(h, '8080');
  await h.press(KEYS.enter);
  f = await h.waitFor('✗ -p 8080: not a port forward');
  await type(h, ':80 5353:53/udp');
  await h.press(KEYS.enter);
  f = await h.waitFor('ports 8080:80 5353:53/udp');

  await h.press('a');
  await h.waitFor('Kernel arguments (library parameters, then --');
  await type(h, "x.y=1 -- one 'two words'");
  await h.press(KEYS.enter);
  f = await h.waitFor('args:     "one" "two words"');
  expect(f).toContain("cmdline:  netdev.ip=10.0.2.15/24:10.0.2.2:10.0.2.3 x.y=1 -- one 'two words'");

  await h.press('m');
  await type(h, 'lots');
  await h.press(KEYS.enter);
  await h.waitFor('✗ memory: a number of MiB, not "lots"');
  await h.press('\x15'); // Ctrl-U
  await type(h, '256');
  await h.press(KEYS.enter);
  await h.waitFor('vmm:      QEMU (kvm, x86_64), 256 MiB');

  await h.press('f');
  await type(h, 'nowhere');
  await h.press(KEYS.enter);
  f = await h.waitFor(`✗ the root filesystem ${path.join(appDir, 'nowhere')} (chosen in the run view) does not exist`);
  await h.press('f', '\x15', KEYS.enter); // back to the default
  await h.waitFor("(the app's rootfs/ folder)");

  await h.press('n');
  await type(h, 'none');
  await h.press(KEYS.enter);
  f = await h.waitFor(/network: {2}none/);
  expect(f).toContain('note:     port forwards (-p) need the user-mode network');
  await h.press('n', '\x15', KEYS.enter);
  await h.waitFor('network:  user, virtio-net-pci, ports 8080:80 5353:53/udp');

  expect(prefs.get(appDir)).toEqual({ appArgs: ['one', 'two words'], libParams: ['x.y=1'], ports: ['8080:80', '5353:53/udp'], memoryMiB: 256 });

  await h.press(KEYS.enter);
  await until(() => procs.length === 1, 5000, 'QEMU');
  const args = procs[0].args;
  expect(args.slice(args.indexOf('-append'), args.indexOf('-append') + 2)).toEqual(['-append', "netdev.ip=10.0.2.15/24:10.0.2.2:10.0.2.3 x.y=1 -- one 'two words'"]);
  expect(args).toEqual(expect.arrayContaining(['-m', '256M', '-initrd', path.join(appDir, 'build', 'app-initrd.cpio'),
    '-netdev', 'user,id=net0,hostfwd=tcp::8080-:80,hostfwd=udp::5353-:53']));
  procs[0].exit(0);
  f = await h.waitFor('✓ QEMU exited with 0');
  expect(f).toContain('e edit the plan');
  await h.press('e');
  await h.waitFor('Boot plan');
  h.unmount();
  panel.dispose();

  // a new panel for the same app starts from what was remembered
  const again = setup();
  const p2 = new RunPanel({ title: 'Run app (x86_64)', flow: again.flow, planFirst: true, prefs, appDir, copy: () => {} });
  const h2 = renderPanel(p2, 160, 40);
  await h2.waitFor('ports 8080:80 5353:53/udp');
  h2.unmount();
  p2.dispose();
});

test('a plan that cannot boot says why, and Enter starts nothing', async () => {
  const { appDir, procs, prefs, flow } = setup(false);
  const panel = new RunPanel({ title: 'Run app (x86_64)', flow, planFirst: true, prefs, appDir, copy: () => {} });
  const h = renderPanel(panel, 160, 30);
  const f = await h.waitFor('✗ the configuration mounts its root filesystem from an initrd (LIBVFSCORE_AUTOMOUNT_CI_INITRD), but there is none');
  expect(f).toContain(path.join(appDir, 'rootfs'));
  await h.press(KEYS.enter);
  await h.waitFor('r try again · e edit the plan');
  expect(procs).toHaveLength(0);
  h.unmount();
  panel.dispose();
});

test('the conf store keeps the choices of each app in run.json', () => {
  const dir = path.join(tmp, 'conf');
  const a = confRunPrefs({ cwd: dir });
  a.set('/apps/x', { ports: ['1:2'] });
  a.set('/apps/y.z', { network: 'none' });
  const b = confRunPrefs({ cwd: dir });
  expect(b.get('/apps/x')).toEqual({ ports: ['1:2'] });
  expect(b.get('/apps/y.z')).toEqual({ network: 'none' });
  expect(b.get('/apps/other')).toEqual({});
});
