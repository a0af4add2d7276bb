// Intl.Segmenter's grapheme segmentation for the bundle's dependencies that cut text by graphemes
// (ansi-tokenize, which Ink's frame output tokenizes every new line with; slice-ansi; string-width 7):
// scripts/bundle.mjs makes their module-level `new Intl.Segmenter(...)` this. For a string whose
// every UTF-16 unit is a grapheme of its own (ASCII but CR, C1 controls, and the code points
// components/fastStringWidth.ts measures alone), the segments are its units, given without ICU;
// any other string goes to a real Intl.Segmenter, made on first need. Making one loads ICU's break
// data (~15 ms) and segmenting calls into ICU per grapheme: a menu frame is ASCII and a few symbols.
// test/ui/graphemes.test.ts proves the segments equal to ICU's.
import { isSimpleCodePoint } from './fastStringWidth.js';

export interface Segment {
  segment: string;
  index: number;
  input: string;
}

export interface Segments extends Iterable<Segment> {
  containing(index?: number): Segment | undefined;
}

/** Is every UTF-16 unit of `s` a grapheme of its own? */
export function unitGraphemes(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xa0) {
      if (c === 0x0d) return false; // CR LF is one grapheme
    } else if (!isSimpleCodePoint(c)) {
      return false;
    }
  }
  return true;
}

function unitSegments(input: string): Segments {
  return {
    containing(index = 0) {
      const i = Math.trunc(index);
      return i >= 0 && i < input.length ? { segment: input[i], index: i, input } : undefined;
    },
    *[Symbol.iterator]() {
      for (let i = 0; i < input.length; i++) yield { segment: input[i], index: i, input };
    },
  };
}

/** What `new Intl.Segmenter(locales, options)` is to a caller that only calls segment(). */
export function graphemeSegmenter(locales?: string | string[], options?: Intl.SegmenterOptions): { segment(s: string): Segments } {
  let icu: Intl.Segmenter | undefined;
  const byGrapheme = (options?.granularity ?? 'grapheme') === 'grapheme';
  return {
    segment(s: string): Segments {
      if (byGrapheme && unitGraphemes(s)) return unitSegments(s);
      return (icu ??= new Intl.Segmenter(locales, options)).segment(s) as unknown as Segments;
    },
  };
}
