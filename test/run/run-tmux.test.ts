// The run view in a real terminal: ukmenu (bundled as `npm run build` makes it, into a folder of
// this test) on a copy of the bundled example in tmux; r shows the boot plan and its keys, a edits
// the kernel arguments, Enter builds and boots, the choice is remembered in run.json, q goes back.
// Needs tmux, make, gcc and qemu-system-x86_64: a skip outside CI, a failure in CI.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { findProgram } from '../../src/build/tools.js';
import { requireOrSkip } from '../ci.js';
import { bundleUkmenu } from '../tmux/bundle.js';
import { REPO } from './ukmenu-process.js';

const TOOLS = ['tmux', 'make', 'gcc', 'qemu-system-x86_64'];
const skip = requireOrSkip(TOOLS.join(', '), TOOLS.every((t) => !!findProgram(t)));
const socket = `ukmenu-runview-${process.pid}`;
const work = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-runtmux-'));
afterAll(() => {
  try { execFileSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' }); } catch { /* none left */ }
  rmSync(work, { recursive: true, force: true });
});

const tmux = (...a: string[]) => execFileSync('tmux', ['-L', socket, ...a], { encoding: 'utf8' });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The pane's text once it matches `want` (polled; the limit only ends a hung test). */
async function pane(want: string | RegExp, limitMs = 30_000): Promise<string> {
  const end = Date.now() + limitMs;
  for (let text = ''; ; await pause(50)) {
    text = tmux('capture-pane', '-p', '-t', 'run');
    if (typeof want === 'string' ? text.includes(want) : want.test(text)) return text;
    if (Date.now() > end) throw new Error(`the screen never showed ${String(want)}:\n${text}`);
  }
}

async function press(...k: string[]): Promise<void> {
  tmux('send-keys', '-t', 'run', ...k);
  await pause(150);
}

test.skipIf(skip)('r shows the boot plan; a edits the arguments; Enter builds and boots; the choice is remembered', async () => {
  const bin = bundleUkmenu(work);
  const app = path.join(work, 'helloworld');
  const src = path.join(REPO, 'examples', 'helloworld');
  cpSync(src, app, { recursive: true, filter: (p) => !['build', '.config', '.config.old'].some((f) => p === path.join(src, f)) });
  const xdg = path.join(work, 'xdg');
  const env = [`PATH=${process.env.PATH}`, `HOME=${work}`, `XDG_CONFIG_HOME=${xdg}`, 'TERM=xterm-256color', 'LANG=C.UTF-8'];
  tmux('new-session', '-d', '-s', 'run', '-x', '140', '-y', '40', 'env', '-i', ...env, 'sh', '-c',
    `node ${bin} --app ${app}; echo "EXIT=$?"; sleep 600`);
  await pane('Architecture Selection');

  await press('r');
  let s = await pane('command:');
  expect(s).toContain('Boot plan');
  expect(s).toMatch(/rootfs: {3}none/);
  expect(s).toContain('Enter boot · a kernel arguments · f root filesystem · p ports · n network · m memory');
  await press('a');
  await pane('Kernel arguments (library parameters, then --');
  tmux('send-keys', '-t', 'run', '-l', 'x=1 -- hi');
  await press('Enter');
  s = await pane("cmdline:  x=1 -- hi");

  await press('Enter');
  s = await pane(/QEMU exited with \d+/, 300_000);
  expect(s).toContain('✓ QEMU exited with 33: the guest reported success');
  expect(s).toContain("-append 'x=1 -- hi'");
  expect(s).toContain('e edit the plan');

  const runJson = (dir: string): string | undefined => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { const f = runJson(p); if (f) return f; } else if (e.name === 'run.json') return p;
    }
    return undefined;
  };
  const file = existsSync(xdg) ? runJson(xdg) : undefined;
  expect(file, 'run.json under XDG_CONFIG_HOME').toBeTruthy();
  expect(JSON.parse(readFileSync(file!, 'utf8')).apps[app]).toEqual({ appArgs: ['hi'], libParams: ['x=1'] });

  await press('q');
  await pane('Architecture Selection');
  await press('q');
  await pane(/EXIT=0/);
}, 600_000);
