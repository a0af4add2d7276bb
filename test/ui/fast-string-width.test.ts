// components/fastStringWidth.ts stands in front of string-width in the bundle: where it answers, the
// answer must be the real string-width's, for both versions the bundle holds (8 for Ink, 7 for
// wrap-ansi), on every code point, and no two code points it takes may join into one grapheme.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { MENU_SYMBOLS, fastStringWidth, isSimpleCodePoint, simpleByRule } from '../../components/fastStringWidth.js';

type Width = (s: string, o?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }) => number;
const require = createRequire(import.meta.url);
/** The string-width that `pkg` (a package of the bundle) imports. */
async function stringWidthOf(pkg: string): Promise<{ version: string; width: Width }> {
  const from = path.dirname(require.resolve(pkg)); // string-width is looked up from there, as Node does for pkg
  const entry = require.resolve('string-width', { paths: [from] });
  const version = require(path.join(entry.slice(0, entry.lastIndexOf('string-width') + 'string-width'.length), 'package.json')).version as string;
  return { version, width: (await import(pathToFileURL(entry).href)).default as Width };
}
const reals = await Promise.all([stringWidthOf('ink'), stringWidthOf('wrap-ansi')]);
const segmenter = new Intl.Segmenter();
const graphemes = (s: string) => [...segmenter.segment(s)].length;

test('the bundle holds string-width 8 (ink) and 7 (wrap-ansi): the versions this proof covers', () => {
  expect(reals.map((r) => r.version.split('.')[0]).sort()).toEqual(['7', '8']);
});

test('every code point of the fast path measures as string-width measures it, and stands alone as a grapheme', () => {
  let taken = 0;
  for (let cp = 0; cp < 0x10000; cp++) {
    const ch = String.fromCharCode(cp);
    for (const narrow of [true, false]) {
      const fast = fastStringWidth(ch, { ambiguousIsNarrow: narrow });
      if (fast === undefined) continue;
      for (const real of reals) expect(fast, `U+${cp.toString(16)} v${real.version} narrow=${narrow}`).toBe(real.width(ch, { ambiguousIsNarrow: narrow }));
    }
    if (cp > 0x7e && isSimpleCodePoint(cp)) {
      taken++;
      // joins neither what precedes it (Extend, SpacingMark, conjoining jamo) nor what follows (Prepend)
      expect(graphemes(`a${ch}a`), `U+${cp.toString(16)}`).toBe(3);
      expect(graphemes(`${ch}${ch}`), `U+${cp.toString(16)}`).toBe(2);
    }
  }
  // what a menu frame is drawn with is taken; emoji, marks and jamo are not
  for (const ch of '─·…⏎␣│▸✓é中') expect(isSimpleCodePoint(ch.charCodeAt(0)), ch).toBe(true);
  // the symbols taken without the rule pass it
  for (const ch of MENU_SYMBOLS) expect(simpleByRule(ch.charCodeAt(0)), ch).toBe(true);
  for (const ch of '⌛©\u0301\u1100\u200d\ufe0f') expect(isSimpleCodePoint(ch.charCodeAt(0)), ch).toBe(false);
  expect(taken).toBeGreaterThan(40_000);
});

test('random strings of text, symbols, controls, ANSI codes, emoji and marks: the same widths wherever the fast path answers', () => {
  let seed = 14;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) >>> 0; return seed % n; };
  const pieces = ['a', 'Z', ' ', '~', '─', '·', '…', '中', 'é', 'Ω', 'ア', '\t', '\n', '\r\n', '\x1b', '\x1b[31m', '\x1b[0m', '\x1b]8;;http://x\x07',
    '\u0301', '\u200d', '\ufe0f', '👍', '⌛', '©', '\u1100\u1161', '가', 'ﾞ', 'ｱ', '\u0e33', '\ud83d', '\x9b1m', 'x\u20e3', '🇫🇷'];
  let answered = 0;
  for (let i = 0; i < 20_000; i++) {
    let s = '';
    const n = 1 + rand(8);
    for (let j = 0; j < n; j++) s += pieces[rand(pieces.length)];
    for (const opts of [undefined, { ambiguousIsNarrow: false }, { countAnsiEscapeCodes: true }]) {
      const fast = fastStringWidth(s, opts);
      if (fast === undefined) continue;
      answered++;
      for (const real of reals) expect(fast, `${JSON.stringify(s)} v${real.version} ${JSON.stringify(opts)}`).toBe(real.width(s, opts));
    }
  }
  expect(answered).toBeGreaterThan(1000);
  expect(fastStringWidth('', undefined)).toBe(0);
  expect(fastStringWidth(undefined)).toBe(0);
});
