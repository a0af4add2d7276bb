// The real program in a real terminal: `bin/ukmenu.js --app <copy of examples/helloworld>` (as the
// installed `ukmenu` command runs: its #! line's node settings, the bundle loaded with V8's code
// cache; test/run/run-tmux.test.ts runs it the README's way, `node bin/ukmenu.js`) run in tmux (built with scripts/bundle.mjs, as `npm run build` does, into a temporary folder so
// that a concurrent test never sees a half-written dist/). Keys go in with send-keys, the screen
// comes back with capture-pane; the .config written is checked, and so is the terminal after
// every way out (normal screen, cursor shown, cooked mode), colours and NO_COLOR, and resizing.
//
// Needs tmux (Debian: tmux; .ci/run installs it). Without CI a missing tmux skips; in CI it fails.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inCI } from '../ci.js';
import { bundleUkmenu } from './bundle.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const IN_CI = inCI; // the one notion of CI (test/ci.ts)
const HAVE_TMUX = spawnSync('sh', ['-c', 'command -v tmux']).status === 0;
const HAVE_MAKE = spawnSync('sh', ['-c', 'command -v make']).status === 0;

if (IN_CI && (!HAVE_TMUX || !HAVE_MAKE)) {
  test('tmux and make are installed (CI)', () => {
    throw new Error('CI must provide tmux and make for the whole-program menu test (Debian: apt-get install tmux make)');
  });
}

const SOCKET = `ukmenu-test-${process.pid}`;
let work = '';
let bin = '';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The visible screen of a session (-e: with escape codes). */
function screen(session: string, escapes = false): string {
  return tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', session);
}

/** Waits until the screen contains `text` (or matches), returns the screen. */
async function waitFor(session: string, text: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const t0 = Date.now();
  let last = '';
  while (Date.now() - t0 < timeoutMs) {
    last = screen(session);
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
    await sleep(40);
  }
  throw new Error(`timed out waiting for ${String(text)}; the screen was:\n${last}`);
}

/** Sends keys (tmux key names or literal text with `-l`). */
async function keys(session: string, ...k: string[]): Promise<void> {
  tmux('send-keys', '-t', session, ...k);
  await sleep(120);
}

async function typeText(session: string, text: string): Promise<void> {
  tmux('send-keys', '-t', session, '-l', text);
  await sleep(150);
}

/** A fresh copy of the example, named helloworld (the title bar shows the folder's name). */
function exampleCopy(): string {
  const dir = fs.mkdtempSync(path.join(work, 'app-'));
  const app = path.join(dir, 'helloworld');
  const src = path.join(REPO, 'examples', 'helloworld');
  const skip = new Set(['build', '.config', '.config.old'].map((f) => path.join(src, f)));
  fs.cpSync(src, app, { recursive: true, filter: (p) => !skip.has(p) });
  return app;
}

/**
 * Starts ukmenu in a new tmux session with a clean environment (no CI variables: Ink draws
 * nothing when it thinks it runs in CI). After ukmenu ends, the shell prints its exit status and
 * whether the terminal is back in cooked mode, then waits.
 */
function start(session: string, app: string, opts: { env?: Record<string, string>; width?: number; height?: number } = {}): void {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, XDG_CONFIG_HOME: path.join(work, 'xdg'),
    TERM: 'xterm-256color', LANG: 'C.UTF-8', ...opts.env,
  };
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  const script = `${bin} --app ${app}; echo "EXIT=$?"; stty -a | grep -o -- '-\\?icanon' | head -1; sleep 600`;
  tmux('new-session', '-d', '-s', session, '-x', String(opts.width ?? 100), '-y', String(opts.height ?? 30),
    'env', '-i', ...envArgs, 'sh', '-c', script);
}

/** The terminal after ukmenu ended: exit code, cooked mode, normal screen, cursor shown. */
async function ended(session: string): Promise<{ code: number; screen: string; cooked: boolean; alternate: boolean; cursor: boolean }> {
  const s = await waitFor(session, /EXIT=\d+\n.*icanon/);
  const code = Number(/EXIT=(\d+)/.exec(s)![1]);
  const fmt = tmux('display-message', '-p', '-t', session, '#{alternate_on} #{cursor_flag}').trim().split(' ');
  return { code, screen: s, cooked: /(^|\n)icanon/.test(s), alternate: fmt[0] === '1', cursor: fmt[1] === '1' };
}

describe.skipIf(!HAVE_TMUX || !HAVE_MAKE)('ukmenu in tmux', () => {
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-tmux-'));
    bin = bundleUkmenu(work);
  }, 120_000);

  afterAll(() => {
    try { tmux('kill-server'); } catch { /* no server left */ }
    if (work && !process.env.UKMENU_TMUX_KEEP) fs.rmSync(work, { recursive: true, force: true });
  });

  test('browse, search, edit, set from the results, save: the .config has the values; q leaves a clean terminal', async () => {
    const app = exampleCopy();
    start('main', app);
    let s = await waitFor('main', 'Architecture Selection  --->');
    expect(s.split('\n')[0]).toMatch(/^ ukmenu · Unikraft\/[\d.]+ Configuration · helloworld .*\.config \[new, unsaved\]/);
    expect(s).toContain('⏎ open/set');
    // into Application Options, edit the repeat count
    await typeText('main', '/');
    await typeText('main', 'repeat count');
    s = await waitFor('main', 'APPHELLOWORLD_REPEAT');
    await keys('main', 'Enter');
    s = await waitFor('main', '› Application Options');
    expect(s).toMatch(/>\s*\(1\)\s+Repeat count/);
    await keys('main', 'Enter', 'C-u');
    await typeText('main', '3');
    await keys('main', 'Enter');
    s = await waitFor('main', 'APPHELLOWORLD_REPEAT = 3');
    expect(s).toMatch(/>•\(3\)\s+Repeat count/);
    // search again and set a value right from the results
    await keys('main', 'Escape'); // back to the results
    await waitFor('main', 'Search: repeat count');
    await keys('main', 'C-u');
    await typeText('main', 'lucky');
    await waitFor('main', 'APPHELLOWORLD_LUCKY');
    await keys('main', 'Tab');
    await typeText('main', 'y');
    s = await waitFor('main', /\[\*\] Print a lucky number \(ukrandom\)\s+APPHELLOWORLD_LUCKY/);
    await keys('main', 'Escape'); // closes the search: back in the menu of the jump
    s = await waitFor('main', /•\[\*\] Print a lucky number/);
    expect(s).toContain('› Application Options');
    // the title counts the changes; s saves
    s = screen('main');
    expect(s.split('\n')[0]).toMatch(/\d+ changed · .*\.config \[new, unsaved\]/);
    await typeText('main', 's');
    s = await waitFor('main', `Saved ${path.join(app, '.config')}`);
    expect(s.split('\n')[0]).toMatch(/\.config saved/);
    const config = fs.readFileSync(path.join(app, '.config'), 'utf8');
    expect(config).toContain('CONFIG_APPHELLOWORLD_REPEAT=3\n');
    expect(config).toContain('CONFIG_APPHELLOWORLD_LUCKY=y\n');
    expect(config).toContain('CONFIG_LIBUKRANDOM=y\n'); // implied by the lucky number
    // what was written is a consistent configuration: conf --olddefconfig leaves it as it is
    const r = spawnSync(process.execPath, [bin, '--app', app, 'conf', '--olddefconfig'], {
      encoding: 'utf8', env: { PATH: process.env.PATH, HOME: work, XDG_CONFIG_HOME: path.join(work, 'xdg') },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(app, '.config'), 'utf8')).toBe(config);
    // nothing unsaved: q quits at once, and the terminal is as it was
    await typeText('main', 'q');
    const end = await ended('main');
    expect(end.code).toBe(0);
    expect(end.alternate).toBe(false);
    expect(end.cursor).toBe(true);
    expect(end.cooked).toBe(true);
    expect(end.screen).not.toContain('Architecture Selection');
    // the preferences went to XDG_CONFIG_HOME, not to the real home folder
    const prefs = JSON.parse(fs.readFileSync(path.join(work, 'xdg', 'ukmenu-nodejs', 'config.json'), 'utf8'));
    expect(prefs.lastSearches).toEqual(['lucky', 'repeat count']);
    tmux('kill-session', '-t', 'main');
  });

  test('quit with changes: the dialog lists them; n quits without writing; Ctrl-C twice too', async () => {
    const app = exampleCopy();
    start('quit', app);
    await waitFor('quit', 'Architecture Selection');
    await keys('quit', 'Down', 'Down', 'Down', 'Down', 'Enter'); // Application Options
    await waitFor('quit', '› Application Options');
    await keys('quit', 'Home', 'Down', 'Down', 'Space'); // Greet someone: off
    await keys('quit', 'q');
    let s = await waitFor('quit', 'Save changes to');
    expect(s).toMatch(/\d+ values? changed since the file was read or saved/);
    expect(s).toContain('Yes, save and quit');
    await keys('quit', 'c');
    await waitFor('quit', 'Quit cancelled');
    await keys('quit', 'C-c');
    await waitFor('quit', 'Save changes to');
    await keys('quit', 'C-c');
    const end = await ended('quit');
    expect(end.code).toBe(0);
    expect(end.alternate).toBe(false);
    expect(end.cooked).toBe(true);
    expect(fs.existsSync(path.join(app, '.config'))).toBe(false);
    s = end.screen;
    expect(s).not.toContain('Save changes');
    tmux('kill-session', '-t', 'quit');
  });

  test('SIGTERM while the menu is open restores the terminal', async () => {
    const app = exampleCopy();
    start('term', app);
    await waitFor('term', 'Architecture Selection');
    const pid = tmux('display-message', '-p', '-t', 'term', '#{pane_pid}').trim();
    // the pane runs sh; ukmenu is its child
    const child = execFileSync('pgrep', ['-P', pid, 'node'], { encoding: 'utf8' }).trim().split('\n')[0];
    process.kill(Number(child), 'SIGTERM');
    const end = await ended('term');
    expect(end.code).toBe(143);
    expect(end.alternate).toBe(false);
    expect(end.cursor).toBe(true);
    expect(end.cooked).toBe(true);
    tmux('kill-session', '-t', 'term');
  });

  test('colours, and none with NO_COLOR', async () => {
    const app = exampleCopy();
    // eslint-disable-next-line no-control-regex
    const colour = /\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;5;\d+)[;m]/;
    start('colour', app);
    await waitFor('colour', 'Architecture Selection');
    expect(screen('colour', true)).toMatch(colour);
    await keys('colour', 'q');
    tmux('kill-session', '-t', 'colour');
    start('mono', app, { env: { NO_COLOR: '1' } });
    await waitFor('mono', 'Architecture Selection');
    await keys('mono', 'Down', 'Down', 'Down', 'Enter');
    await waitFor('mono', 'Library Configuration');
    const s = screen('mono', true);
    expect(s).not.toMatch(colour);
    expect(s).toContain('\x1b[7m'); // the highlight is inverse video
    await keys('mono', 'q');
    tmux('kill-session', '-t', 'mono');
  });

  test('reflows on resize, says when the terminal is too small, and comes back', async () => {
    const app = exampleCopy();
    start('size', app, { width: 100, height: 30 });
    await waitFor('size', 'Architecture Selection');
    tmux('resize-window', '-t', 'size', '-x', '80', '-y', '24');
    let s = await waitFor('size', /^─{80}$/m);
    const lines = s.split('\n');
    expect(lines[0]).toMatch(/^ ukmenu · /);
    expect(lines.filter((l) => l.includes('Architecture Selection  --->')).length).toBe(1);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    tmux('resize-window', '-t', 'size', '-x', '50', '-y', '12');
    s = await waitFor('size', 'Terminal too small');
    expect(s).not.toContain('Architecture Selection');
    tmux('resize-window', '-t', 'size', '-x', '120', '-y', '40');
    s = await waitFor('size', /^─{120}$/m);
    expect(s).not.toContain('Terminal too small');
    expect(s.split('\n').filter((l) => l.includes('Architecture Selection  --->')).length).toBe(1);
    await keys('size', 'q', 'n'); // the .config is new: the quit dialog asks
    const end = await ended('size');
    expect(end.code).toBe(0);
    tmux('kill-session', '-t', 'size');
  });
});
