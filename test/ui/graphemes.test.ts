// components/graphemes.ts stands in for Intl.Segmenter('grapheme') in the bundle's dependencies
// (scripts/bundle.mjs): its segments, and containing(), must be ICU's for every string.
import { expect, test } from 'vitest';
import { graphemeSegmenter, unitGraphemes } from '../../components/graphemes.js';

const icu = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ours = graphemeSegmenter(undefined, { granularity: 'grapheme' });
const plain = (it: Iterable<{ segment: string; index: number; input: string }>) => [...it].map(({ segment, index, input }) => ({ segment, index, input }));

function same(s: string) {
  expect(plain(ours.segment(s)), JSON.stringify(s)).toEqual(plain(icu.segment(s)));
  const a = ours.segment(s);
  const b = icu.segment(s);
  for (let i = -1; i <= s.length; i++) {
    const x = a.containing(i);
    const y = b.containing(i);
    expect(x && { segment: x.segment, index: x.index, input: x.input }, `${JSON.stringify(s)} containing(${i})`).toEqual(y && { segment: y.segment, index: y.index, input: y.input });
  }
}

test('random strings of text, symbols, controls, ANSI codes, CR LF, emoji, marks and jamo segment as ICU segments them', () => {
  let seed = 7;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) >>> 0; return seed % n; };
  const pieces = ['a', 'Z', ' ', '~', '─', '·', '…', '⏎', '␣', '中', 'é', 'ア', '\t', '\n', '\r', '\r\n', '\x1b', '\x1b[7m', '\x1b[27m', '\x9b', '\x85',
    '\u0301', '\u200d', '\ufe0f', '👍', '👍🏽', '🇫🇷', '\u1100', '\u1161', '가', 'ﾞ', '\u0e33', '\u0d4e', 'क्', 'ष'];
  let fast = 0;
  for (let i = 0; i < 5000; i++) {
    let s = '';
    for (let j = 1 + rand(10); j > 0; j--) s += pieces[rand(pieces.length)];
    if (unitGraphemes(s)) fast++;
    same(s);
  }
  expect(fast).toBeGreaterThan(500);
  same('');
});

test('every code point of the fast path stands alone between ASCII, controls and escapes, as ICU has it', () => {
  for (let cp = 0xa0; cp < 0x10000; cp++) {
    const ch = String.fromCharCode(cp);
    if (!unitGraphemes(ch)) continue;
    for (const s of [`a${ch}\x1b[1m${ch}${ch}\n`, `\x9b${ch}\t`]) expect(plain(ours.segment(s)).length, `U+${cp.toString(16)}`).toBe(plain(icu.segment(s)).length);
  }
});

test('other granularities go to ICU', () => {
  const words = graphemeSegmenter(undefined, { granularity: 'word' });
  expect(plain(words.segment('two words'))).toEqual(plain(new Intl.Segmenter(undefined, { granularity: 'word' }).segment('two words')));
});
