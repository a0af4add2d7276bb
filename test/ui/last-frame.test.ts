// src/lastFrame.ts with stand-in terminal streams: a frame is kept with what it was made of and
// drawn again (raw mode on) only while all of it is unchanged; a message on stderr before the menu
// takes over leaves the full screen first; the menu's takeover ends the watch on stderr.
// The real program in tmux: test/tmux/last-frame.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { ENTER, LEAVE } from '../../components/terminal.js';
import { claimFrameKeeper, showLastFrame } from '../../src/lastFrame.js';
import { leaveShownFrame as leaveLastFrame, showFrame, takeShownFrame as takeLastFrame } from '../../src/frameOnScreen.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-last-frame-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function terminal(cols = 100, rows = 30) {
  const out: string[] = [];
  const err: string[] = [];
  const raw: boolean[] = [];
  const stdout = { isTTY: true, columns: cols, rows, write: (s: string) => { out.push(s); return true; } };
  const stderr = { isTTY: true, write: (s: string) => { err.push(s); return true; } };
  const stdin = { isTTY: true, setRawMode: (on: boolean) => { raw.push(on); } };
  return { out, err, raw, t: { stdout, stderr, stdin } as unknown as Parameters<typeof showLastFrame>[3] };
}

const FRAME = '\x1b[?2026h top menu\n  Architecture Selection  --->\n\x1b[?2026l';
let n = 0;

describe('the last first frame', () => {
  let cwd = '';
  let input = '';
  let env: Record<string, string | undefined> = {};
  beforeEach(() => {
    takeLastFrame(); // nothing left showing from another test
    cwd = fs.mkdtempSync(path.join(dir, 'app-'));
    input = path.join(cwd, 'Config.uk');
    fs.writeFileSync(input, 'config A\n\tbool "a"\n');
    env = { XDG_CACHE_HOME: path.join(dir, `cache-${n++}`), UKMENU_LAST_FRAME: '1', TERM: 'xterm' };
  });

  /** An open that finds nothing kept, keeps FRAME, and a second open. */
  function keptThenOpened(term = terminal()) {
    expect(showLastFrame(cwd, ['--app', cwd], env, terminal().t)).toBe(false);
    claimFrameKeeper()!.keep(FRAME, { cols: 100, rows: 30, files: [input, cwd] });
    return { shown: showLastFrame(cwd, ['--app', cwd], env, term.t), term };
  }

  test('is drawn at once on the full screen, in raw mode, when nothing changed; the menu takes it over', () => {
    const { shown, term } = keptThenOpened();
    expect(shown).toBe(true);
    expect(term.out.join('')).toBe(ENTER + FRAME);
    expect(term.raw).toEqual([true]);
    expect(takeLastFrame()).toBe(FRAME);
    expect(takeLastFrame()).toBeUndefined(); // once
    // after the takeover stderr is the menu's again: no leaving of the screen
    term.t.stderr.write('a note\n');
    expect(term.out.join('')).toBe(ENTER + FRAME);
  });

  test('a message on stderr before the takeover leaves the full screen first (raw mode off); an empty write does not', () => {
    const { shown, term } = keptThenOpened();
    expect(shown).toBe(true);
    term.t.stderr.write(Buffer.alloc(0)); // what execFileSync writes for a $(shell) command that printed nothing
    term.t.stderr.write('');
    expect(term.out.join('')).toBe(ENTER + FRAME);
    term.t.stderr.write('Config.uk:3: syntax error\n');
    expect(term.out.join('')).toBe(ENTER + FRAME + LEAVE);
    expect(term.raw).toEqual([true, false]);
    expect(term.err.join('')).toBe('Config.uk:3: syntax error\n');
    expect(takeLastFrame()).toBeUndefined();
    leaveLastFrame(); // idempotent
    expect(term.out.join('')).toBe(ENTER + FRAME + LEAVE);
  });

  test('an exception before the takeover leaves the full screen before Node prints it', () => {
    const { shown, term } = keptThenOpened();
    expect(shown).toBe(true);
    (process.emit as (event: string, ...args: unknown[]) => boolean)('uncaughtExceptionMonitor', new Error('boom'), 'uncaughtException');
    expect(term.out.join('')).toBe(ENTER + FRAME + LEAVE);
    expect(term.raw).toEqual([true, false]);
    expect(takeLastFrame()).toBeUndefined();
  });

  test('only the first menu of a run keeps its frame (not the one t reopens on another target)', () => {
    keptThenOpened(); // a run that drew the frame, then
    takeLastFrame();
    claimFrameKeeper()!.keep(FRAME, { cols: 100, rows: 30, files: [input, cwd] }); // its menu's first frame
    expect(claimFrameKeeper()).toBeUndefined(); // the menu t reopened keeps none
    const term = terminal();
    expect(showLastFrame(cwd, ['--app', cwd], env, term.t)).toBe(true);
    expect(term.out.join('')).toBe(ENTER + FRAME);
  });

  test('is not drawn when a file it was made of changed, for another terminal size, arguments or environment, or when turned off', () => {
    keptThenOpened();
    takeLastFrame();
    const again = (e = env, argv = ['--app', cwd], term = terminal()) => { const r = showLastFrame(cwd, argv, e, term.t); takeLastFrame(); return r; };
    expect(again()).toBe(true);
    expect(again(env, ['--app', cwd], terminal(120, 30))).toBe(false);
    expect(again(env, ['--app', cwd, '--target', 'x'])).toBe(false);
    expect(again({ ...env, UK_ROOT: '/elsewhere' })).toBe(false);
    expect(again({ ...env, OLDPWD: '/somewhere' })).toBe(true); // changes with every cd, not the menu
    expect(again({ ...env, GPG_TTY: '/dev/pts/7', WT_SESSION: 'b1d2', WSL_INTEROP: '/run/WSL/88_interop' })).toBe(true); // per terminal tab
    expect(again({ ...env, UKMENU_LAST_FRAME: '0' })).toBe(false);
    fs.writeFileSync(input, 'config A\n\tbool "a, renamed"\n');
    expect(again()).toBe(false);
  });

  test('the keeper tells whether its last frame is still what the next open draws, and keeps a newer one', () => {
    expect(showLastFrame(cwd, ['--app', cwd], env, terminal().t)).toBe(false);
    const keeper = claimFrameKeeper()!;
    expect(keeper.current(100, 30)).toBe(false); // none kept yet
    keeper.keep(FRAME, { cols: 100, rows: 30, files: [input, cwd] });
    expect(keeper.current(100, 30)).toBe(true);
    expect(keeper.current(120, 40)).toBe(false); // the terminal was resized meanwhile
    fs.writeFileSync(input, 'config A\n\tbool "a, saved"\n'); // e.g. the menu saved its .config
    expect(keeper.current(100, 30)).toBe(false);
    keeper.keep('the frame after the save\n', { cols: 100, rows: 30, files: [input, cwd] }); // made again, kept
    expect(keeper.current(100, 30)).toBe(true);
    const term = terminal();
    expect(showLastFrame(cwd, ['--app', cwd], env, term.t)).toBe(true);
    expect(term.out.join('')).toBe(ENTER + 'the frame after the save\n');
  });

  test('a settings file counts by the values the frame shows: created with the defaults, or another key changed, is no change', () => {
    const prefs = path.join(cwd, 'prefs', 'config.json');
    const settings = [{ file: prefs, defaults: { showNames: false, theme: 'default' } }];
    expect(showLastFrame(cwd, ['--app', cwd], env, terminal().t)).toBe(false);
    claimFrameKeeper()!.keep(FRAME, { cols: 100, rows: 30, files: [input], settings }); // no file yet
    const again = () => { const r = showLastFrame(cwd, ['--app', cwd], env, terminal().t); takeLastFrame(); return r; };
    fs.mkdirSync(path.dirname(prefs));
    fs.writeFileSync(prefs, JSON.stringify({ showNames: false, theme: 'default', recentConfigs: [] }));
    expect(again()).toBe(true);
    fs.writeFileSync(prefs, JSON.stringify({ theme: 'default', recentConfigs: ['/elsewhere/.config'], showNames: false }));
    expect(again()).toBe(true);
    fs.writeFileSync(prefs, JSON.stringify({ showNames: true, theme: 'default', recentConfigs: ['/elsewhere/.config'] }));
    expect(again()).toBe(false);
  });

  test('terminals of two sizes keep a frame each', () => {
    expect(showLastFrame(cwd, ['--app', cwd], env, terminal().t)).toBe(false);
    claimFrameKeeper()!.keep(FRAME, { cols: 100, rows: 30, files: [input] });
    expect(showLastFrame(cwd, ['--app', cwd], env, terminal(80, 24).t)).toBe(false); // none for 80x24 yet
    claimFrameKeeper()!.keep('the frame at 80x24\n', { cols: 80, rows: 24, files: [input] });
    for (const [cols, rows, frame] of [[100, 30, FRAME], [80, 24, 'the frame at 80x24\n']] as const) {
      const term = terminal(cols, rows);
      expect(showLastFrame(cwd, ['--app', cwd], env, term.t)).toBe(true);
      expect(term.out.join('')).toBe(ENTER + frame);
      takeLastFrame();
    }
  });

  test('a file added to a folder it was made of counts as a change', () => {
    keptThenOpened();
    takeLastFrame();
    fs.writeFileSync(path.join(cwd, 'Kraftfile'), 'spec: v0.6\n');
    const term = terminal();
    expect(showLastFrame(cwd, ['--app', cwd], env, term.t)).toBe(false);
    expect(term.out).toEqual([]);
    expect(term.raw).toEqual([]);
  });
});

describe('what counts as a change of a file the frame was made of', () => {
  test('its content: rewritten as it was, touched, or replaced by a rename with the same text is no change', () => {
    takeLastFrame();
    const cwd = fs.mkdtempSync(path.join(dir, 'app-'));
    const config = path.join(cwd, '.config');
    fs.writeFileSync(config, 'CONFIG_A=y\n');
    const env = { XDG_CACHE_HOME: path.join(dir, 'cache-content'), UKMENU_LAST_FRAME: '1', TERM: 'xterm' };
    const again = () => { const r = showLastFrame(cwd, [], env, terminal().t); takeLastFrame(); return r; };
    expect(again()).toBe(false);
    claimFrameKeeper()!.keep(FRAME, { cols: 100, rows: 30, files: [config, cwd, path.join(cwd, 'Kraftfile')] });
    expect(again()).toBe(true);
    // as make olddefconfig writes it: a new file renamed over the old one (new inode, new time, the folder's time too)
    fs.writeFileSync(path.join(cwd, '.tmpconfig'), 'CONFIG_A=y\n');
    fs.renameSync(path.join(cwd, '.tmpconfig'), config);
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(config, later, later);
    fs.utimesSync(cwd, later, later);
    expect(again()).toBe(true);
    fs.writeFileSync(config, 'CONFIG_A=n\n'); // same size, another text
    expect(again()).toBe(false);
    fs.writeFileSync(config, 'CONFIG_A=y\n'); // back as it was
    expect(again()).toBe(true);
    fs.writeFileSync(path.join(cwd, 'Kraftfile'), 'spec: v0.6\n'); // a file that was missing
    expect(again()).toBe(false);
  });

  test('a command whose output the frame shows runs again before it is drawn: another output, no frame', () => {
    takeLastFrame();
    const cwd = fs.mkdtempSync(path.join(dir, 'app-'));
    const state = path.join(cwd, 'HEAD'); // stands for what git reads; not one of the frame's files
    fs.writeFileSync(state, 'abc1234\n');
    const env = { XDG_CACHE_HOME: path.join(dir, 'cache-commands'), UKMENU_LAST_FRAME: '1', TERM: 'xterm', PATH: process.env.PATH };
    const again = () => { const r = showLastFrame(cwd, [], env, terminal().t); takeLastFrame(); return r; };
    const command = { file: '/bin/sh', args: ['-c', `cat '${state}'`], set: {}, unset: [] };
    showLastFrame(cwd, [], env, terminal().t);
    claimFrameKeeper()!.keep(FRAME, { cols: 100, rows: 30, files: [], commands: [{ ...command, out: 'abc1234\n' }] });
    expect(again()).toBe(true);
    fs.writeFileSync(state, 'abc1234-custom\n');
    expect(again()).toBe(false);
  });

  test('a folder by its entries: a library folder replaced by a link under the same name, or a link pointed elsewhere, is a change', () => {
    takeLastFrame();
    const cwd = fs.mkdtempSync(path.join(dir, 'app-'));
    const libs = path.join(cwd, 'libs');
    for (const d of ['libs/a', 'other/a', 'third/a']) fs.mkdirSync(path.join(cwd, d), { recursive: true });
    const env = { XDG_CACHE_HOME: path.join(dir, 'cache-folders'), UKMENU_LAST_FRAME: '1', TERM: 'xterm' };
    const again = () => { const r = showLastFrame(cwd, [], env, terminal().t); takeLastFrame(); return r; };
    const keep = () => { showLastFrame(cwd, [], env, terminal().t); takeLastFrame(); claimFrameKeeper()!.keep(FRAME, { cols: 100, rows: 30, files: [libs] }); };
    keep();
    expect(again()).toBe(true);
    fs.rmSync(path.join(libs, 'a'), { recursive: true });
    fs.symlinkSync(path.join(cwd, 'other', 'a'), path.join(libs, 'a'));
    expect(again()).toBe(false);
    keep();
    expect(again()).toBe(true);
    fs.rmSync(path.join(libs, 'a'));
    fs.symlinkSync(path.join(cwd, 'third', 'a'), path.join(libs, 'a'));
    expect(again()).toBe(false);
  });
});

describe('a frame on a terminal whose stderr is made later (src/frameTerminal.ts)', () => {
  /** A terminal like frameTerminal's: stderr given to the watch only when `make()` is called. */
  function lateTerminal() {
    const out: string[] = [];
    const err: string[] = [];
    const raw: boolean[] = [];
    const finished: boolean[] = [];
    let watch: ((s: { write: NodeJS.WriteStream['write'] }) => void) | undefined;
    const stderr = { write: ((s: string) => { err.push(s); return true; }) as NodeJS.WriteStream['write'] };
    const t = {
      stdout: { isTTY: true, columns: 100, rows: 30, write: (s: string) => { out.push(s); } },
      stdin: { isTTY: true, setRawMode: (on: boolean) => { raw.push(on); } },
      get stderr(): typeof stderr { throw new Error('stderr read before it was made'); },
      withStderr: (f: typeof watch) => { watch = f; },
      finish: (takenOver: boolean) => { finished.push(takenOver); },
    };
    return { t, out, err, raw, finished, stderr, make: () => { watch?.(stderr); return stderr; } };
  }

  test('the watch begins when stderr is made: a message then leaves the full screen first; the frame left says so', () => {
    takeLastFrame();
    const late = lateTerminal();
    showFrame(FRAME, late.t);
    expect(late.out.join('')).toBe(ENTER + FRAME);
    late.make().write('Config.uk:3: syntax error\n');
    expect(late.out.join('')).toBe(ENTER + FRAME + LEAVE);
    expect(late.raw).toEqual([true, false]);
    expect(late.finished).toEqual([false]);
    expect(late.err).toEqual(['Config.uk:3: syntax error\n']);
  });

  test('stderr made after the menu took the frame over is not watched; the takeover says so', () => {
    takeLastFrame();
    const late = lateTerminal();
    showFrame(FRAME, late.t);
    expect(takeLastFrame()).toBe(FRAME);
    expect(late.finished).toEqual([true]);
    late.make().write('a message of the menu\'s\n');
    expect(late.out.join('')).toBe(ENTER + FRAME); // no LEAVE: the menu has the screen
    expect(late.raw).toEqual([true]); // raw mode is the menu's now
  });
});
