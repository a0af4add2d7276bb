// `t` and `W` in the real program in tmux: the bundled ukmenu on a copy of examples/helloworld with
// a Kraftfile of our own, opened with --target; t picks the other target (the menu reopens on its
// own configuration, created), a value set from the search is saved and written back by W.
//
// Needs tmux and make (.ci/run installs them). Without CI a missing one skips; in CI it fails.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requireOrSkip } from '../ci.js';
import { bundleUkmenu } from './bundle.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const have = (p: string) => spawnSync('sh', ['-c', `command -v ${p}`]).status === 0;
const SKIP = requireOrSkip('tmux and make', have('tmux') && have('make'));
const SOCKET = `ukmenu-targets-${process.pid}`;
let work = '';
let bin = '';

const run = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the pane until `want` shows (generous: a busy machine). */
async function shows(want: string | RegExp): Promise<string> {
  let pane = '';
  for (const t0 = Date.now(); Date.now() - t0 < 60_000; await pause(50)) {
    pane = run('capture-pane', '-p', '-t', 'targets');
    if (typeof want === 'string' ? pane.includes(want) : want.test(pane)) return pane;
  }
  throw new Error(`${String(want)} never showed; the pane:\n${pane}`);
}

async function press(...k: string[]): Promise<void> {
  run('send-keys', '-t', 'targets', ...k);
  await pause(150);
}

const KRAFTFILE = `spec: v0.6
name: hello
targets:
  - qemu/x86_64   # the default
  - qemu/arm64
`;

/** A copy of examples/helloworld (no build, no .config) named `name`, with KRAFTFILE. */
function appWithKraftfile(name: string): string {
  const app = path.join(work, name);
  const src = path.join(REPO, 'examples', 'helloworld');
  fs.cpSync(src, app, { recursive: true, filter: (p) => path.dirname(p) !== src || !/^(build|\.config.*)$/.test(path.basename(p)) });
  fs.writeFileSync(path.join(app, 'Kraftfile'), KRAFTFILE);
  return app;
}

/** The menu on `app` in the session 'targets' (120x32); the shell prints its exit code after it. */
function openOn(app: string, args = ''): void {
  const env = [`PATH=${process.env.PATH}`, `HOME=${work}`, `XDG_CONFIG_HOME=${path.join(work, 'xdg')}`, 'TERM=xterm-256color', 'LANG=C.UTF-8'];
  run('new-session', '-d', '-s', 'targets', '-x', '120', '-y', '32', 'env', '-i', ...env, 'sh', '-c',
    `node ${bin} --app ${app} ${args}; echo "EXIT=$?"; sleep 600`);
}

describe.skipIf(SKIP)('t and W in tmux', () => {
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-tmux-targets-'));
    bin = bundleUkmenu(work);
  }, 120_000);

  afterAll(() => {
    try { run('kill-server'); } catch { /* none left */ }
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('on the plain .config (no target: the Kraftfile is read once the first frame is out) t lists the targets', async () => {
    openOn(appWithKraftfile('plain'));
    const first = await shows('Architecture Selection');
    expect(first.split('\n')[0]).not.toContain('target ');
    await press('t');
    const pane = await shows('Targets: pick the configuration to edit');
    expect(pane).toMatch(/qemu\/x86_64 /);
    expect(pane).toMatch(/qemu\/arm64 /);
    expect(pane).not.toMatch(/\* qemu/); // the menu is on none of them
    await press('Escape');
    await shows('Architecture Selection');
    await press('q');
    await shows(/Save changes|EXIT=\d+/);
    if (run('capture-pane', '-p', '-t', 'targets').includes('Save changes')) await press('n');
    expect(await shows(/EXIT=\d+/)).toContain('EXIT=0');
    run('kill-session', '-t', 'targets');
  }, 240_000);

  test('t reopens the menu on the other target; W writes the change into the Kraftfile', async () => {
    const app = appWithKraftfile('helloworld');
    openOn(app, '--target qemu/x86_64');
    let pane = await shows('target qemu/x86_64 · ');
    expect(fs.existsSync(path.join(app, '.config.hello_qemu-x86_64'))).toBe(true);
    await press('t');
    pane = await shows('Targets: pick the configuration to edit');
    expect(pane).toMatch(/› +\* qemu\/x86_64 /);
    await press('Down'); // one key at a time: the pick list reads a key per event
    await press('Enter');
    pane = await shows('target qemu/arm64 · ');
    const arm = path.join(app, '.config.hello_qemu-arm64');
    expect(fs.readFileSync(arm, 'utf8')).toMatch(/^CONFIG_ARCH_ARM_64=y$/m);
    // set a value from the search, then W: saved, the diff, Enter writes it
    run('send-keys', '-t', 'targets', '-l', '/');
    await pause(150);
    run('send-keys', '-t', 'targets', '-l', 'lucky');
    await shows('APPHELLOWORLD_LUCKY');
    await press('Enter');
    await press('y');
    await press('W');
    pane = await shows('Write back to the Kraftfile (target qemu/arm64)');
    expect(pane).toContain('+    kconfig:');
    expect(pane).toContain('+      - CONFIG_APPHELLOWORLD_LUCKY=y');
    expect(fs.readFileSync(arm, 'utf8')).toMatch(/^CONFIG_APPHELLOWORLD_LUCKY=y$/m);
    await press('Enter');
    await shows('Written: the Kraftfile now gives exactly this configuration.');
    expect(fs.readFileSync(path.join(app, 'Kraftfile'), 'utf8')).toBe(KRAFTFILE.replace('  - qemu/arm64\n',
      // LUCKY implies LIBUKRANDOM, which the configuration has off: recorded too, so it reads back the same
      '  - platform: qemu\n    architecture: arm64\n    kconfig:\n      - CONFIG_LIBUKRANDOM=n\n      - CONFIG_APPHELLOWORLD_LUCKY=y\n'));
    await press('Escape');
    await shows('target qemu/arm64 · ');
    await press('q');
    pane = await shows(/EXIT=\d+/);
    expect(pane).toContain('EXIT=0');
  }, 240_000);
});
