// Real applications on the real Unikraft core (../shared/unikraft, unpacked to a temporary folder),
// configured, built and booted through `ukmenu run` with the real make, gcc and QEMU:
// - test/fixtures/apps/showroot (nolibc + vfscore: prints its argv, two files of its root
//   filesystem and the address of its network card) with an initrd, uklibparam and a virtio-net card
//   (the QEMU line has the forward, the card and netdev.ip=; the guest reports that address), and with
//   a 9p share without uklibparam; arguments from `--` and from a Kraftfile's cmd:; bad input;
// - app-helloworld on x86_64 (LIBUKRANDOM off: the emulated CPU has no RDSEED) and arm64.
// Four builds in all, shared by the tests of each describe (beforeAll).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findProgram } from '../../src/build/tools.js';
import { requireOrSkip } from '../ci.js';
import { processesWith, REPO, show, ukmenu } from './ukmenu-process.js';

const SHARED = path.join(REPO, '..', 'shared', 'unikraft');
const CORE_TAR = path.join(SHARED, 'unikraft-0.17.0-89-geaf6fda1.tar.xz');
const HELLO_TAR = path.join(SHARED, 'app-helloworld-1add85d.tar.xz');
const FIXTURE = path.join(REPO, 'test', 'fixtures', 'apps', 'showroot');
const X86 = ['make', 'gcc', 'tar', 'xz', 'cpio', 'qemu-system-x86_64'];
const ARM = ['make', 'aarch64-linux-gnu-gcc', 'tar', 'xz', 'qemu-system-aarch64'];
const BOOT = ['--timeout', '120'];
/** A build on a busy 2-core machine can take minutes: no test here has a tighter limit. */
const LONG = 1_200_000;

const missing = (tools: string[]) => [...tools.filter((t) => !findProgram(t)), ...[CORE_TAR, HELLO_TAR].filter((f) => !existsSync(f))];
const skipX86 = requireOrSkip(`the real core and ${X86.join(', ')}`, missing(X86).length === 0);
const skipArm = requireOrSkip(`the real core and ${ARM.join(', ')}`, missing(ARM).length === 0);

let root = '';
beforeAll(() => {
  if (skipX86 && skipArm) return;
  root = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-realcore-'));
  for (const t of [CORE_TAR, HELLO_TAR]) {
    const r = spawnSync('tar', ['-xJf', t, '-C', root], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tar -xJf ${t}: ${r.stderr}`);
  }
}, 120_000);
afterAll(() => { if (root) rmSync(root, { recursive: true, force: true }); });

/** A copy of an application with workdir/unikraft pointing at the unpacked core. */
function appCopy(from: string, name: string): string {
  const app = path.join(root, name);
  cpSync(from, app, { recursive: true });
  mkdirSync(path.join(app, 'workdir'), { recursive: true });
  symlinkSync(path.join(root, 'unikraft'), path.join(app, 'workdir', 'unikraft'));
  return app;
}

function conf(app: string, defconfig: string): void {
  const r = ukmenu(app, ['conf', '--defconfig', defconfig]);
  expect(r.status, show('ukmenu conf', r)).toBe(0);
}

/** `ukmenu run ...` that must succeed; the guest's console (stdout) and ukmenu's lines (stderr). */
function boot(app: string, args: string[]): { out: string; err: string } {
  const r = ukmenu(app, ['run', ...BOOT, ...args], {}, LONG);
  expect(r.status, show(`ukmenu run ${args.join(' ')}`, r)).toBe(0);
  return { out: r.stdout, err: r.stderr };
}

const argvLines = (out: string) => out.split('\n').filter((l) => /^showroot: argv\[\d+\]=/.test(l));

/** A TCP port that nothing listens on, found by binding port 0. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '0.0.0.0', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
  });
}

describe.skipIf(skipX86)('showroot with an initrd, uklibparam and a virtio-net card (x86_64)', () => {
  let app = '';
  beforeAll(() => {
    app = appCopy(FIXTURE, 'showroot-initrd');
    conf(app, 'defconfigs/initrd-net-x86_64');
  }, LONG);

  test('built first, booted with the app\'s rootfs/ as initrd, args after --, a forward, the card and netdev.ip', async () => {
    const port = await freePort();
    const r = ukmenu(app, ['run', ...BOOT, '-p', `${port}:80`, '--', 'one', 'two words', "it's"], {}, LONG);
    expect(r.status, show('ukmenu run', r)).toBe(0);
    expect(r.stderr).toContain('ukmenu: building first');
    const initrd = path.join(app, 'workdir', 'build', 'showroot-initrd.cpio');
    expect(r.stderr).toContain(`-initrd ${initrd}`);
    expect(r.stderr).toContain(`-netdev user,id=net0,hostfwd=tcp::${port}-:80 -device virtio-net-pci,netdev=net0`);
    expect(r.stderr).toContain('netdev.ip=10.0.2.15/24:10.0.2.2:10.0.2.3 -- one');
    expect(argvLines(r.stdout)).toEqual(['showroot: argv[1]=<one>', 'showroot: argv[2]=<two words>', "showroot: argv[3]=<it's>"]);
    expect(r.stdout).toContain('showroot: /hello.txt: hello from the root filesystem');
    expect(r.stdout).toContain('showroot: /etc/deep/nested.txt: nested file');
    expect(r.stdout).toContain('showroot: netdev0 ip=10.0.2.15/24');
    // the archive is what the real cpio reads back, parents first, owners 0, and is reused when unchanged
    const list = spawnSync('cpio', ['-itv', '--quiet'], { input: readFileSync(initrd), encoding: 'utf8' });
    expect(list.stdout.trim().split('\n').map((l) => l.split(/\s+/).slice(-1)[0])).toEqual(['etc', 'etc/deep', 'etc/deep/nested.txt', 'hello.txt']);
    expect(list.stdout).not.toMatch(/^\S+\s+\d+\s+(?!root)/m);
    const again = boot(app, ['--network', 'none', '--', 'a']);
    expect(again.err).toContain(`${initrd} is up to date with ${path.join(app, 'rootfs')}`);
    // no library parameters: the whole line is argv, without a "--"
    expect(argvLines(again.out)).toEqual(['showroot: argv[1]=<a>']);
    expect(again.out).toContain('showroot: no network card');
    // why ukmenu never starts the line with "--": on 0.17 the application then gets "--" itself
    const raw = boot(app, ['--network', 'none', '--qemu-arg=-append', '--qemu-arg=-- a']);
    expect(argvLines(raw.out)).toEqual(['showroot: argv[1]=<-->', 'showroot: argv[2]=<a>']);
  }, LONG);

  test('a Kraftfile\'s rootfs: and cmd:; a leading "--" of the user\'s arguments reaches the application', () => {
    const other = path.join(app, 'other-root');
    mkdirSync(path.join(other, 'etc', 'deep'), { recursive: true });
    writeFileSync(path.join(other, 'hello.txt'), 'from the Kraftfile rootfs\n');
    writeFileSync(path.join(other, 'etc', 'deep', 'nested.txt'), 'deep too\n');
    writeFileSync(path.join(app, 'Kraftfile'), "spec: v0.6\nrootfs: ./other-root\ncmd: [\"from-kraftfile\", \"x y\"]\n");
    try {
      const k = boot(app, []);
      expect(argvLines(k.out)).toEqual(['showroot: argv[1]=<from-kraftfile>', 'showroot: argv[2]=<x y>']);
      expect(k.out).toContain('showroot: /hello.txt: from the Kraftfile rootfs');
      expect(k.out).toContain('showroot: /etc/deep/nested.txt: deep too');
      // arguments after -- win over cmd:; "--" itself is an argument after ukmenu's separator
      const d = boot(app, ['--', '--', 'z']);
      expect(argvLines(d.out)).toEqual(['showroot: argv[1]=<-->', 'showroot: argv[2]=<z>']);
    } finally {
      rmSync(path.join(app, 'Kraftfile'));
    }
  }, LONG);

  test('--rootfs with an archive made by the real cpio', () => {
    const src = path.join(root, 'cpio-src');
    mkdirSync(path.join(src, 'etc', 'deep'), { recursive: true });
    writeFileSync(path.join(src, 'hello.txt'), 'made by cpio\n');
    writeFileSync(path.join(src, 'etc', 'deep', 'nested.txt'), 'n\n');
    const archive = path.join(root, 'made.cpio');
    const r = spawnSync('sh', ['-c', `cd ${src} && find . -mindepth 1 | sort | cpio -o -H newc --quiet > ${archive}`]);
    expect(r.status).toBe(0);
    const b = boot(app, ['--rootfs', archive, '--network', 'none']);
    expect(b.err).toContain(`-initrd ${archive}`);
    expect(b.out).toContain('showroot: /hello.txt: made by cpio');
  }, LONG);

  test('bad input: missing or wrong rootfs, a taken port, a malformed -p: one sentence, an exit code, no VM', async () => {
    const marker = `ukmenu-badinput-${process.pid}`;
    const run = (...args: string[]) => ukmenu(app, ['run', '--no-build', '--qemu-arg=-name', `--qemu-arg=${marker}`, ...args]);
    let r = run('--rootfs', path.join(root, 'nowhere'));
    expect(r.status, show('run', r)).toBe(1);
    expect(r.stderr).toContain(`ukmenu: the root filesystem ${path.join(root, 'nowhere')} (--rootfs) does not exist`);
    const text = path.join(root, 'not-an-archive.txt');
    writeFileSync(text, 'hello\n');
    r = run('--rootfs', text);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('is neither a folder nor a CPIO newc archive');
    r = run('-p', '80');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('ukmenu: -p 80: not a port forward');
    r = run('-p', '8080:70000');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the guest port 70000 is not between 1 and 65535');
    const port = await freePort();
    const server: Server = createServer();
    await new Promise<void>((res) => server.listen(port, '0.0.0.0', () => res()));
    try {
      const t = ukmenu(app, ['run', '--no-build', '--qemu-arg=-name', `--qemu-arg=${marker}`, '-p', `${port}:80`]);
      expect(t.status, show('run', t)).toBe(1);
      expect(t.stderr).toContain(`ukmenu: host port ${port}/tcp is already in use; the VM was not started`);
    } finally {
      server.close();
    }
    rmSync(path.join(app, 'rootfs'), { recursive: true });
    r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ukmenu: the configuration mounts its root filesystem from an initrd (LIBVFSCORE_AUTOMOUNT_CI_INITRD), but there is none');
    expect(r.stderr).toContain(path.join(app, 'rootfs'));
    expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(processesWith(marker)).toEqual([]);
  }, LONG);
});

describe.skipIf(skipX86)('showroot with a 9p share and without uklibparam (x86_64)', () => {
  let app = '';
  beforeAll(() => {
    app = appCopy(FIXTURE, 'showroot-9p');
    conf(app, 'defconfigs/9p-x86_64');
  }, LONG);

  test('the rootfs/ folder shared with the configured tag; the whole command line is argv', () => {
    expect(readFileSync(path.join(app, '.config'), 'utf8')).toContain('# CONFIG_LIBUKLIBPARAM is not set');
    const b = boot(app, ['--', 'one', 'two words']);
    expect(b.err).toContain(`-fsdev local,id=rootfs,path=${path.join(app, 'rootfs')},security_model=none -device virtio-9p-pci,fsdev=rootfs,mount_tag=shared`);
    expect(b.err).toContain("-append 'one '\\''two words'\\'''");
    expect(argvLines(b.out)).toEqual(['showroot: argv[1]=<one>', 'showroot: argv[2]=<two words>']);
    expect(b.out).toContain('showroot: /hello.txt: hello from the root filesystem');
    expect(b.out).toContain('showroot: /etc/deep/nested.txt: nested file');
  }, LONG);

  test('9p without its driver: the symbol is named, nothing is built or started', () => {
    const cfg = path.join(app, '.config');
    const saved = readFileSync(cfg, 'utf8');
    try {
      writeFileSync(cfg, saved.replace('CONFIG_LIBVIRTIO_9P=y', '# CONFIG_LIBVIRTIO_9P is not set'));
      const r = ukmenu(app, ['run']);
      expect(r.status, show('run', r)).toBe(1);
      expect(r.stderr).toMatch(/^ukmenu: the configuration mounts its root filesystem over 9p but has no virtio 9p driver: turn on LIBVIRTIO_9P/m);
      expect(r.stderr).not.toContain('building first');
      expect(readFileSync(cfg, 'utf8')).toContain('# CONFIG_LIBVIRTIO_9P is not set'); // the user's .config is kept
    } finally {
      writeFileSync(cfg, saved);
    }
  }, LONG);
});

describe('app-helloworld through ukmenu', () => {
  test.skipIf(skipX86)('x86_64 with LIBUKRANDOM off: built, booted, its arguments printed', () => {
    const app = appCopy(path.join(root, 'app-helloworld'), 'hello-x86');
    conf(app, 'defconfigs/qemu-x86_64');
    const cfg = path.join(app, '.config');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('CONFIG_LIBUKRANDOM=y', '# CONFIG_LIBUKRANDOM is not set'));
    const b = boot(app, ['--', 'a', 'b c']);
    expect(b.out).toContain('Hello world!');
    // QEMU's multiboot loader puts the kernel's path first
    expect(b.out).toContain(`Arguments:  "${path.join(app, 'workdir', 'build', 'helloworld_qemu-x86_64')}" "a" "b c"`);
  }, LONG);

  test.skipIf(skipArm)('arm64: built with the cross compiler, booted, argv[0] is the image name', () => {
    const app = appCopy(path.join(root, 'app-helloworld'), 'hello-arm64');
    conf(app, 'defconfigs/qemu-arm64');
    const b = boot(app, ['--', 'a', 'b c']);
    expect(b.err).toContain('qemu-system-aarch64 -machine virt');
    expect(b.out).toContain('Hello world!');
    expect(b.out).toContain('Arguments:  "helloworld" "a" "b c"');
  }, LONG);
});
