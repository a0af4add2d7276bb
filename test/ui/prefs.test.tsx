// Preferences persist with `conf` (in a temporary folder here, never the real home), and the
// terminal guard restores the screen on every way out.
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { confPrefs, sanitize, pushRecent } from '../../components/prefs.js';
import { guardTerminal } from '../../components/terminal.js';
import { BASIC } from './fixtures.js';
import { KEY, renderMenu, smallTree, tempDir } from './helpers.js';

afterEach(() => cleanup());

describe('preferences', () => {
  test('names, show all, theme and last searches are saved with conf and read back', async () => {
    const cwd = tempDir();
    const prefs = await confPrefs({ cwd });
    const h = renderMenu(smallTree(BASIC), { prefs });
    await h.press('c', 'z', 'T', '/');
    await h.type('verbose');
    await h.press(KEY.enter);
    const file = path.join(cwd, 'config.json');
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ showNames: true, showAll: true, theme: 'contrast', lastSearches: ['verbose'] });
    // a new session reads them
    const again = await confPrefs({ cwd });
    expect(again.get()).toMatchObject({ showNames: true, showAll: true, theme: 'contrast', lastSearches: ['verbose'] });
    const h2 = renderMenu(smallTree(BASIC), { prefs: again });
    expect(h2.frame()).toContain('Networking support (NEW)  NET');
  });

  test('a broken or foreign preferences file falls back to the defaults', async () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'config.json'), '{ not json');
    const p = await confPrefs({ cwd });
    expect(p.get().showNames).toBe(false);
    expect(sanitize({ theme: 'neon', lastSearches: ['a', 3, ''], showAll: 'yes' })).toMatchObject({ theme: 'default', lastSearches: ['a'], showAll: false });
    expect(pushRecent(['a', 'b', 'c'], 'b', 2)).toEqual(['b', 'a']);
  });
});

describe('terminal guard', () => {
  function fakeTty() {
    const out = new PassThrough() as unknown as NodeJS.WriteStream & { isTTY: boolean };
    out.isTTY = true;
    let written = '';
    (out as unknown as PassThrough).on('data', (d: Buffer) => { written += d.toString(); });
    const raw: boolean[] = [];
    const stdin = { isTTY: true, setRawMode: (b: boolean) => { raw.push(b); } } as unknown as NodeJS.ReadStream;
    const errs: string[] = [];
    const stderr = { write: (s: string) => { errs.push(s); return true; } } as unknown as NodeJS.WriteStream;
    return { out, stdin, stderr, written: () => written, raw, errs };
  }

  test('enters the alternate screen and leaves it (cursor shown, cooked mode) on restore', async () => {
    const t = fakeTty();
    const g = guardTerminal({ stdout: t.out, stdin: t.stdin, stderr: t.stderr, exitOnFatal: false });
    expect(t.written()).toContain('\x1b[?1049h');
    g.restore();
    g.restore(); // once only
    await new Promise((r) => setImmediate(r));
    expect(t.written().match(/\x1b\[\?1049l/g)?.length).toBe(1);
    expect(t.written()).toContain('\x1b[?25h');
    expect(t.raw).toEqual([false]);
  });

  test('an uncaught exception restores the screen first, then prints the error', async () => {
    const t = fakeTty();
    const g = guardTerminal({ stdout: t.out, stdin: t.stdin, stderr: t.stderr, exitOnFatal: false });
    (process.emit as (e: string, ...a: unknown[]) => boolean)('uncaughtException', new Error('boom'), 'uncaughtException');
    await new Promise((r) => setImmediate(r));
    expect(t.written()).toContain('\x1b[?1049l');
    expect(t.errs.join('')).toContain('ukmenu: internal error: Error: boom');
    g.restore();
    // a rejected promise too
    const t2 = fakeTty();
    const g2 = guardTerminal({ stdout: t2.out, stdin: t2.stdin, stderr: t2.stderr, exitOnFatal: false });
    process.emit('unhandledRejection', new Error('later'), Promise.resolve());
    await new Promise((r) => setImmediate(r));
    expect(t2.written()).toContain('\x1b[?1049l');
    expect(t2.errs.join('')).toContain('unhandled promise rejection');
    g2.restore();
  });

  test('a resize clears the screen so that Ink draws it whole again', async () => {
    const t = fakeTty();
    const g = guardTerminal({ stdout: t.out, stdin: t.stdin, stderr: t.stderr, exitOnFatal: false });
    (t.out as unknown as PassThrough).emit('resize');
    await new Promise((r) => setImmediate(r));
    expect(t.written()).toContain('\x1b[H\x1b[2J');
    g.restore();
  });
});
