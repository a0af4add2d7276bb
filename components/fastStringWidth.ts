// The width string-width gives, for the strings a menu frame is made of, without loading string-width.
// Loading it costs the first frame ~40 ms: its module builds a \p{RGI_Emoji} set and an
// Intl.Segmenter (ICU's break data) before the first call. Ink measures every piece of text with it,
// and a menu frame is ASCII plus a few symbols (─ · … ⏎ ␣), each of which is a grapheme of its own
// and no emoji (or a control, width 0), so its width is the sum of its code points' East Asian widths, as in string-width.
// scripts/bundle.mjs puts this in front of every string-width the bundle holds (7 for wrap-ansi, 8
// for the rest); anything else (marks, emoji, controls, Hangul jamo, astral planes, ANSI counted as
// text) goes to the real one. test/ui/fast-string-width.test.ts proves it equal to both on every
// code point it takes, and on every way two of them could join into one grapheme.
import { eastAsianWidth } from 'get-east-asian-width';
import stripAnsi from 'strip-ansi';

/** Per BMP code point: 0 not looked at yet, 1 its own grapheme and no emoji, 2 anything else. */
const simple = new Uint8Array(0x10000);
/** The rule's two expressions, made at its first use (a frame of ASCII and MENU_SYMBOLS needs neither: ~0.3 ms). */
let rule: { kinds: RegExp; except: RegExp } | undefined;
function ruleExpressions(): { kinds: RegExp; except: RegExp } {
  return rule ??= {
    // Letters, numbers, punctuation, symbols and spaces...
    kinds: /^[\p{L}\p{N}\p{P}\p{S}\p{Zs}]$/u,
    // ...minus what can be an emoji, is ignorable, or joins a neighbour into one grapheme: Hangul
    // jamo (conjoining), U+0D4E (Prepend), U+0E33 and U+0EB3 (SpacingMark though letters), and the
    // halfwidth/fullwidth forms (string-width adds their width after a grapheme's first code point;
    // U+FF9E-FF9F extend)
    except: /^[\p{Emoji}\p{Extended_Pictographic}\p{Default_Ignorable_Code_Point}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u0D4E\u0E33\u0EB3\uFF00-\uFFEF]$/u,
  };
}

/** The rule itself, for a BMP code point above ASCII (its first use compiles the expressions: ~1.5 ms). */
export function simpleByRule(cp: number): boolean {
  const ch = String.fromCharCode(cp);
  const { kinds, except } = ruleExpressions();
  return kinds.test(ch) && !except.test(ch);
}

/**
 * The symbols the menu's own lines are drawn with, known to pass the rule
 * (test/ui/fast-string-width.test.ts): a frame made of them and ASCII needs no regular expression.
 */
export const MENU_SYMBOLS = '─│·…⏎␣▸›→←↑↓✓✗•';
for (const ch of MENU_SYMBOLS) simple[ch.charCodeAt(0)] = 1;

/** Can `cp` (a BMP code point above ASCII) be measured alone? */
export function isSimpleCodePoint(cp: number): boolean {
  let s = simple[cp];
  if (s === 0) s = simple[cp] = simpleByRule(cp) ? 1 : 2;
  return s === 1;
}

export interface WidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}

const AMBIGUOUS_NARROW = { ambiguousAsWide: false };
const AMBIGUOUS_WIDE = { ambiguousAsWide: true };

/** string-width's answer, or undefined when it takes the real string-width to know. */
export function fastStringWidth(input: unknown, options?: WidthOptions): number | undefined {
  if (typeof input !== 'string') return 0;
  if (options?.countAnsiEscapeCodes) return undefined;
  const s = input.includes('\x1b') || input.includes('\x9b') ? stripAnsi(input) : input;
  const ambiguous = options?.ambiguousIsNarrow === false ? AMBIGUOUS_WIDE : AMBIGUOUS_NARROW;
  let width = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) width++;
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) continue; // controls: graphemes of their own, width 0
    else if (c > 0x9f && isSimpleCodePoint(c)) width += eastAsianWidth(c, ambiguous);
    else return undefined;
  }
  return width;
}
