// The last first frame (src/lastFrame.ts) in the real program, in tmux, on the real core and
// app-helloworld (its config-submenu.sh calls answered in process, so the tree's files stay as they
// were between opens): the second open draws the kept frame before the menu has loaded, keys
// pressed at once are handled once it has, and it leaves the terminal as it found it; a kept frame
// that is not what the menu draws is replaced (cleared, drawn again); a changed .config draws none;
// after a change saved in the menu, the next open draws the saved configuration's frame at once; a
// .config written again with the same text and a touched Kconfig file are no change. With no kept
// frame, the first frame is written before React and Ink load (components/firstFrame.ts), and
// Ink's is the same text.
//
// Needs tmux, make and the real core's tools (.ci/run installs them). Without CI a missing one skips; in CI it fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requireOrSkip } from '../ci.js';
import { unpackRealApp, type RealApp } from '../project/realUnikraft.js';
import { setUpRealApp, tearDownRealApp } from './realAppSetup.js';
import { Pane } from './pane.js';

const have = (p: string) => spawnSync('sh', ['-c', `command -v ${p}`]).status === 0;
const SKIP = requireOrSkip('tmux, make, gcc and git', have('tmux') && have('make') && have('gcc') && have('git'));
const SOCKET = `ukmenu-last-frame-${process.pid}`;
const REPO = fileURLToPath(new URL('../..', import.meta.url));
let work = '';
let bin = '';
let real: RealApp;
let opens = 0;

/** Opens the menu in the app's folder (the real app's by default); returns the pane and the file its UKMENU_TRACE goes to. */
function open(app = real.app, env: Record<string, string> = {}): { pane: Pane; trace: string } {
  const trace = path.join(work, `trace-${++opens}`);
  const pane = new Pane(SOCKET, `open${opens}`).start(
    `${bin}; echo "EXIT=$?"; stty -a | grep -o -- '-\\?icanon' | head -1; sleep 600`, app,
    { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, XDG_CONFIG_HOME: path.join(work, 'xdg'), TERM: 'xterm-256color', LANG: 'C.UTF-8', PWD: app, UKMENU_TRACE: trace, ...env },
  );
  return { pane, trace };
}

/** q (and `answer` to "Save changes?"), then the terminal as ukmenu left it. */
async function quit(pane: Pane, answer?: string): Promise<void> {
  pane.press('q');
  if (answer) {
    await pane.shows('Save changes');
    pane.press(answer);
  }
  const s = await pane.shows(/EXIT=\d+\n.*icanon/);
  expect(s).toMatch(/EXIT=0\n/);
  expect(s).toMatch(/(^|\n)icanon/); // cooked mode
  expect(pane.tmux('display-message', '-p', '-t', pane.session, '#{alternate_on}').trim()).toBe('0');
  pane.kill();
}

/** In the open menu: Image name (the seventh entry) gets `typed` appended, and the .config is saved with it. */
async function saveImageName(pane: Pane, typed: string, saved: string): Promise<void> {
  pane.press('Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Enter');
  await pane.shows('Editing UK_NAME');
  pane.press(typed, 'Enter');
  await pane.shows(`(${saved}) Image name`);
  pane.press('s');
  // (the save replaces the file: a read in between finds none)
  const config = path.join(real.app, '.config');
  const done = () => { try { return fs.readFileSync(config, 'utf8').includes(`CONFIG_UK_NAME="${saved}"`); } catch { return false; } };
  for (const t0 = Date.now(); !done() && Date.now() - t0 < 60_000;) await new Promise((r) => setTimeout(r, 50));
  expect(done()).toBe(true);
}

/** Waits until the open's trace says its first frame is out. */
async function firstFrameOut(trace: string): Promise<void> {
  for (const t0 = Date.now(); !stages(trace).includes('first frame rendered') && Date.now() - t0 < 60_000;) await new Promise((r) => setTimeout(r, 50));
}

/** The open drew the kept frame, and the menu's own first frame was the same text; then it quits. */
async function expectKeptFrame(o: { pane: Pane; trace: string }, answer?: string): Promise<void> {
  await firstFrameOut(o.trace);
  const s = stages(o.trace);
  expect(s).toContain('last frame shown');
  expect(s).toContain('frame on the screen was the same');
  await quit(o.pane, answer);
}

/** With no kept frame: the first frame was written before React and Ink loaded, and Ink's was the same text. */
function expectEarlyFrame(trace: string): void {
  const s = stages(trace);
  expect(s).toContain('first frame written');
  expect(s.indexOf('first frame written')).toBeLessThan(s.indexOf('menu modules loaded'));
  expect(s).toContain('frame on the screen was the same');
}

const stages = (trace: string) => fs.readFileSync(trace, 'utf8').split('\n').map((l) => l.replace(/^\s*[\d.]+\s+\d+ cpu\s+\d+ sys\s+\d+ faults\s+/, ''));

describe.skipIf(SKIP)('the last first frame in tmux', () => {
  beforeAll(() => { ({ work, bin, real } = setUpRealApp('last-frame')); }, 600_000);
  afterAll(() => tearDownRealApp(SOCKET, { work, real }));

  test('the second open draws the kept frame at once; keys pressed meanwhile work; a wrong frame is replaced; a changed .config draws none', async () => {
    // first open: no frame kept yet
    let o = open();
    const first = await o.pane.shows('(app-helloworld) Image name');
    await quit(o.pane);
    expect(stages(o.trace)).not.toContain('last frame shown');
    expectEarlyFrame(o.trace);

    // second open: the kept frame, then the menu takes over; Down and Enter pressed as soon as the
    // frame shows open the second entry
    o = open();
    const shown = await o.pane.shows('(app-helloworld) Image name');
    o.pane.press('Down', 'Enter');
    expect(shown).toBe(first);
    await o.pane.shows('› Platform Configuration');
    const s2 = stages(o.trace);
    expect(s2).toContain('last frame shown');
    expect(s2.indexOf('last frame shown')).toBeLessThan(s2.indexOf('first frame rendered'));
    await quit(o.pane);

    // a kept frame that is not the menu's own: replaced by the menu's, nothing of it left
    const frames = path.join(work, '.cache', 'ukmenu', 'frames');
    const files = fs.readdirSync(frames);
    expect(files).toHaveLength(1);
    const record = path.join(frames, files[0]);
    const kept = JSON.parse(fs.readFileSync(record, 'utf8'));
    expect(kept.frame).toContain('Image name');
    kept.frame = kept.frame.replace('Image name', 'A STALE ENTRY NAME WIDER THAN THE REAL ONE');
    fs.writeFileSync(record, JSON.stringify(kept));
    o = open();
    const fixed = await o.pane.shows(/Image name[\s\S]*open\/set/);
    await new Promise((r) => setTimeout(r, 300));
    expect(o.pane.screen()).toBe(first);
    expect(fixed).not.toContain('STALE');
    expect(stages(o.trace)).toContain('last frame shown');
    await quit(o.pane);

    // the .config changed since: no frame is drawn but the menu's own
    const config = path.join(real.app, '.config');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('CONFIG_UK_NAME="app-helloworld"', 'CONFIG_UK_NAME="renamed"'));
    // (written without React and Ink: keys pressed as soon as it shows wait for the menu)
    o = open();
    await o.pane.shows('(renamed) Image name');
    o.pane.press('Down', 'Enter');
    await o.pane.shows('› Platform Configuration');
    expect(stages(o.trace)).not.toContain('last frame shown');
    expectEarlyFrame(o.trace);
    await quit(o.pane);

    // a change saved in the menu: as it quits, the menu makes the next open's frame (the tree read
    // again, rendered off the screen), which the next open draws at once and is its own frame too
    o = open();
    await o.pane.shows('(renamed) Image name');
    await saveImageName(o.pane, '2', 'renamed2');
    await quit(o.pane);
    expect(stages(o.trace)).toContain("next open's frame kept");
    o = open();
    const after = await o.pane.shows('(renamed2) Image name');
    await new Promise((r) => setTimeout(r, 300));
    expect(o.pane.screen()).toBe(after);
    await expectKeptFrame(o);
    expect(stages(o.trace)).not.toContain("next open's frame kept"); // nothing changed: nothing to make
  }, 300_000);

  test('the frame is written in raw mode before Node\'s tty module loads (src/frameTerminal.ts), the menu\'s own and the kept one; keys typed at once reach the menu', async () => {
    // at each open's first write of the full screen on descriptor 1: is Node's tty module loaded,
    // and the terminal's mode (stty -a); in reports/1, reports/2
    const reports = path.join(work, 'reports');
    fs.mkdirSync(reports, { recursive: true });
    const preload = path.join(work, 'frame-report.cjs');
    fs.writeFileSync(preload, `
      const fs = require('fs'), path = require('path'), { spawnSync } = require('child_process');
      const write = fs.writeSync;
      let done = false;
      fs.writeSync = function (fd, data, ...rest) {
        if (fd === 1 && !done && String(data).includes('\\x1b[?1049h')) {
          done = true;
          const stty = spawnSync('stty', ['-a'], { stdio: [0, 'pipe', 'ignore'], encoding: 'utf8' }).stdout;
          const n = fs.readdirSync(${JSON.stringify(reports)}).length + 1;
          fs.writeFileSync(path.join(${JSON.stringify(reports)}, String(n)), JSON.stringify({ tty: process.moduleLoadList.includes('NativeModule tty'), stty }));
        }
        return write.call(this, fd, data, ...rest);
      };`);
    // a first open (an empty cache folder: make and gcc run), then the same again (the environment
    // too): it draws the frame the first kept
    const cache = path.join(work, 'cache-of-raw-mode-test');
    for (const [n, stage] of [[1, 'first frame written'], [2, 'last frame shown']] as const) {
      const o = open(real.app, { NODE_OPTIONS: `--require=${preload}`, XDG_CACHE_HOME: cache });
      const report = path.join(reports, String(n));
      for (const t0 = Date.now(); !fs.existsSync(report) && Date.now() - t0 < 60_000;) await new Promise((r) => setTimeout(r, 5));
      o.pane.press('Down', 'Down'); // before the menu can take keys
      const { tty, stty } = JSON.parse(fs.readFileSync(report, 'utf8')) as { tty: boolean; stty: string };
      expect(tty).toBe(false);
      expect(stty).toMatch(/(^|\s)-icanon(\s|$)/);
      expect(stty).toMatch(/(^|\s)-echo(\s|$)/);
      const s = await o.pane.shows(/^>\s+Device Drivers/m);
      expect(s).not.toContain('^['); // not echoed
      await firstFrameOut(o.trace);
      expect(stages(o.trace)).toContain(stage);
      if (n === 1) expect(stages(o.trace)).toContain('gcc -v: run'); // (bin/ukmenu.js: no probe of bin/ukmenu's)
      await quit(o.pane); // cooked mode again
    }
  }, 300_000);

  test('a .config written again with the same text (a copy renamed over it, as git or an editor does) and a touched Kconfig file still draw the kept frame', async () => {
    let o = open();
    const frame = await o.pane.shows('Image name');
    await quit(o.pane); // the frame is kept (or was already)
    const config = path.join(real.app, '.config');
    const inode = fs.statSync(config).ino;
    fs.copyFileSync(config, `${config}.copy`);
    fs.renameSync(`${config}.copy`, config);
    expect(fs.statSync(config).ino).not.toBe(inode);
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(real.core, 'Config.uk'), later, later);
    o = open();
    const shown = await o.pane.shows('Image name');
    expect(shown).toBe(frame);
    await expectKeptFrame(o);
  }, 300_000);

  test('the app Makefile edited while the menu is open: no frame is made at quit from the project found before it', async () => {
    const makefile = path.join(real.app, 'Makefile');
    const text = fs.readFileSync(makefile, 'utf8');
    try {
      let o = open();
      await o.pane.shows('Image name');
      await firstFrameOut(o.trace); // the menu's own, not a kept one
      // meanwhile, in an editor: the Makefile names the application (N=, the title bar's name)
      fs.writeFileSync(makefile, text.replaceAll('O=$(UK_BUILD)', 'O=$(UK_BUILD) N=edited'));
      const name = /\(([^)]*)\) Image name/.exec(o.pane.screen())![1];
      await saveImageName(o.pane, 'x', `${name}x`);
      await quit(o.pane);
      expect(stages(o.trace)).not.toContain("next open's frame kept");
      o = open();
      await o.pane.shows(/Configuration · edited/);
      await firstFrameOut(o.trace);
      expect(stages(o.trace)).not.toContain('last frame shown');
      await quit(o.pane, 'n'); // (N= changes UK_DEFNAME's default: the .config is not the tree's until saved)
    } finally {
      fs.writeFileSync(makefile, text);
    }
  }, 300_000);

  test('a core in a git repository: a tracked file edited changes the title (gitsha1\'s -custom), so the kept frame is not drawn; the next open keeps the new one', async () => {
    const gitReal = unpackRealApp(); // a core of its own, made a repository
    try {
      const git = (...args: string[]) => {
        const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: gitReal.core, encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        return r.stdout;
      };
      git('init', '-q');
      git('add', '-A');
      git('commit', '-qm', 'the core');
      const sha = git('rev-parse', '--short', 'HEAD').trim();
      let o = open(gitReal.app);
      await o.pane.shows(`0.17.0~${sha} Configuration`);
      await quit(o.pane, 'n'); // (a .config made by make olddefconfig before the repository: its version is not the tree's)
      o = open(gitReal.app);
      const kept = await o.pane.shows(`0.17.0~${sha} Configuration`);
      expect(kept).not.toContain('-custom');
      await expectKeptFrame(o, 'n');
      fs.appendFileSync(path.join(gitReal.core, 'README.md'), 'edited\n'); // no file of the tree's
      o = open(gitReal.app);
      await o.pane.shows(`0.17.0~${sha}-custom Configuration`);
      await firstFrameOut(o.trace);
      expect(stages(o.trace)).not.toContain('last frame shown');
      await quit(o.pane, 'n');
      o = open(gitReal.app);
      await o.pane.shows(`0.17.0~${sha}-custom Configuration`);
      await expectKeptFrame(o, 'n');
    } finally {
      gitReal.remove();
    }
  }, 300_000);

  test('the bundled example, whose mini core runs config-submenu.sh as a child process: the kept frame stays until the menu takes over', async () => {
    const app = path.join(work, 'example', 'helloworld');
    const src = path.join(REPO, 'examples', 'helloworld');
    const skip = new Set(['build', '.config', '.config.old'].map((f) => path.join(src, f)));
    fs.cpSync(src, app, { recursive: true, filter: (p) => !skip.has(p) });
    // no .config yet: the first open saves one as it quits (and makes the next open's frame)
    let o = open(app);
    await o.pane.shows('open/set');
    o.pane.press('q');
    await o.pane.shows('Save changes');
    o.pane.press('y');
    await o.pane.shows(/EXIT=0/);
    o.pane.kill();
    // the script's $(shell) runs hand its (empty) stderr on: that is no message, the frame stays
    o = open(app);
    await o.pane.shows('open/set');
    await expectKeptFrame(o);
  }, 300_000);
});
