// A faster Output.get() for Ink 6.8 (the step that turns a frame's writes into the text sent to
// the terminal). Ink's own builds a grid of width x height fresh cell objects and tokenizes every
// line of every frame again (its caches live for one frame). A menu frame is mostly the same lines
// as the last one (scrolling moves rows, it does not change them), so this version
//  - keeps the tokenizing, width and row-text caches across frames (bounded: cleared past a size),
//  - turns a row that holds one line written at column 0 (most rows) into text straight from the
//    cache, and lays out cell by cell only rows with several pieces, on a grid filled with one
//    shared blank cell (Ink only ever replaces cells, never changes them),
// which removes most of the per-frame work and allocation. The text is the same as Ink's (a styled
// line followed by blank cells serializes as the line alone once trailing blanks are trimmed).
//
// Why it is kept although it reaches into Ink's internals: Ink's public options do not make up for
// it. On the bench's key-to-frame test (Linux's biggest menu, 429 rows, test/bench/ui.ts) stock
// Ink costs ~11 ms of CPU a key (p95 ~21 ms, over the 16 ms target), its `incrementalRendering`
// only writes fewer bytes after the same work (no better), `maxFps` only throttles; with this file
// a key costs ~4 ms. Because Output is internal (not in Ink's package exports), it and the helpers
// it uses are loaded by file path, which gives the very module instances Ink uses when npm hoists
// them next to Ink. installInkCache() installs it only when Ink is the version it was written for,
// those files load, and a probe frame comes out byte-identical to Ink's own; otherwise the menu
// runs on stock Ink, a little slower.
import type * as Tokenize from '@alcalzone/ansi-tokenize';

/** The Ink version this replacement was written and checked for (test/ui/inkcache.test.tsx). */
export const INK_VERSION = '6.8.0';

interface Internals {
  Output: { new(o: { width: number; height: number }): OutputLike; prototype: { get: Get } };
  tokenize: typeof Tokenize.tokenize;
  styledCharsFromTokens: typeof Tokenize.styledCharsFromTokens;
  styledCharsToString: typeof Tokenize.styledCharsToString;
  sliceAnsi: (s: string, from: number, to?: number) => string;
  stringWidth: (s: string) => number;
}

interface OutputLike {
  write(x: number, y: number, text: string, o: { transformers: Transformer[] }): void;
  clip(c: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}

let ink: Internals | null = null;

/** Ink's internals by file, or null when Ink is another version or laid out differently. */
async function loadInternals(): Promise<Internals | null> {
  try {
    const [pkg, output, tok, slice, width] = await Promise.all([
      import('../node_modules/ink/package.json', { with: { type: 'json' } }),
      import('../node_modules/ink/build/output.js'),
      import('../node_modules/@alcalzone/ansi-tokenize/build/index.js'),
      import('../node_modules/slice-ansi/index.js'),
      import('../node_modules/string-width/index.js'),
    ]);
    if (pkg.default.version !== INK_VERSION) return null;
    const Output = output.default as unknown as Internals['Output'];
    if (typeof Output?.prototype?.get !== 'function') return null;
    return {
      Output, tokenize: tok.tokenize, styledCharsFromTokens: tok.styledCharsFromTokens, styledCharsToString: tok.styledCharsToString,
      sliceAnsi: slice.default, stringWidth: width.default,
    };
  } catch {
    return null;
  }
}

type StyledChar = ReturnType<typeof Tokenize.styledCharsFromTokens>[number];
type Transformer = (line: string, index: number) => string;
type Op =
  | { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] }
  | { type: 'clip'; clip: { x1?: number; x2?: number; y1?: number; y2?: number } }
  | { type: 'unclip' };

const LIMIT = 20_000;
const styled = new Map<string, StyledChar[]>();
const widths = new Map<string, number>();
const blockWidths = new Map<string, number>();

function styledChars(line: string): StyledChar[] {
  let c = styled.get(line);
  if (c === undefined) {
    if (styled.size > LIMIT) styled.clear();
    c = ink!.styledCharsFromTokens(ink!.tokenize(line));
    styled.set(line, c);
  }
  return c;
}

function width(text: string): number {
  let w = widths.get(text);
  if (w === undefined) {
    if (widths.size > LIMIT) widths.clear();
    w = ink!.stringWidth(text);
    widths.set(text, w);
  }
  return w;
}

function widestLine(text: string): number {
  let w = blockWidths.get(text);
  if (w === undefined) {
    if (blockWidths.size > LIMIT) blockWidths.clear();
    w = 0;
    for (const line of text.split('\n')) w = Math.max(w, width(line));
    blockWidths.set(text, w);
  }
  return w;
}

const BLANK = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) }) as unknown as StyledChar;

const rowStrings = new Map<string, string>();

/** A row that holds exactly one line written at column 0: its text, cached by the line. */
function rowString(line: string): string {
  let r = rowStrings.get(line);
  if (r === undefined) {
    if (rowStrings.size > LIMIT) rowStrings.clear();
    r = ink!.styledCharsToString(styledChars(line)).trimEnd();
    rowStrings.set(line, r);
  }
  return r;
}

function get(this: { width: number; height: number; operations: Op[] }): { output: string; height: number } {
  // the writes each row receives, in order (after clipping and transformers)
  const rows: { x: number; line: string }[][] = [];
  for (let y = 0; y < this.height; y++) rows.push([]);
  const clips: { x1?: number; x2?: number; y1?: number; y2?: number }[] = [];
  for (const operation of this.operations) {
    if (operation.type === 'clip') clips.push(operation.clip);
    if (operation.type === 'unclip') clips.pop();
    if (operation.type !== 'write') continue;
    const { text, transformers } = operation;
    let { x, y } = operation;
    let lines = text.split('\n');
    const clip = clips.at(-1);
    if (clip) {
      const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
      const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
      if (clipHorizontally) {
        const w = widestLine(text);
        if (x + w < clip.x1! || x > clip.x2!) continue;
      }
      if (clipVertically) {
        const h = lines.length;
        if (y + h < clip.y1! || y > clip.y2!) continue;
      }
      if (clipHorizontally) {
        lines = lines.map((line) => {
          const from = x < clip.x1! ? clip.x1! - x : 0;
          const w = width(line);
          const to = x + w > clip.x2! ? clip.x2! - x : w;
          return ink!.sliceAnsi(line, from, to);
        });
        if (x < clip.x1!) x = clip.x1!;
      }
      if (clipVertically) {
        const from = y < clip.y1! ? clip.y1! - y : 0;
        const h = lines.length;
        const to = y + h > clip.y2! ? clip.y2! - y : h;
        lines = lines.slice(from, to);
        if (y < clip.y1!) y = clip.y1!;
      }
    }
    let offsetY = 0;
    for (let [index, line] of lines.entries()) {
      const row = rows[y + offsetY];
      if (!row) continue;
      for (const transformer of transformers) line = transformer(line, index);
      row.push({ x, line });
      offsetY++;
    }
  }
  const out: string[] = [];
  for (const writes of rows) {
    if (writes.length === 0) { out.push(''); continue; }
    if (writes.length === 1 && writes[0].x === 0) { out.push(rowString(writes[0].line)); continue; }
    // several pieces on the row: lay them out cell by cell, as Ink does
    const cells: StyledChar[] = new Array<StyledChar>(this.width).fill(BLANK);
    for (const { x, line } of writes) {
      let offsetX = x;
      for (const character of styledChars(line)) {
        cells[offsetX] = character;
        const characterWidth = Math.max(1, width(character.value));
        if (characterWidth > 1) {
          for (let i = 1; i < characterWidth; i++) {
            cells[offsetX + i] = { type: 'char', value: '', fullWidth: false, styles: character.styles } as StyledChar;
          }
        }
        offsetX += characterWidth;
      }
    }
    out.push(ink!.styledCharsToString(cells.filter((item) => item !== undefined)).trimEnd());
  }
  return { output: out.join('\n'), height: rows.length };
}

type Get = (this: unknown) => { output: string; height: number };

/** This module's Output.get. */
export const fastGet = get as Get;
let inkGet: Get | null = null;
let installed: Promise<boolean> | null = null;

/** A frame with the kinds of writes the menu makes: styles, a clip, wide characters, several pieces on a row. */
function probe(g: Get): string {
  const o = new ink!.Output({ width: 12, height: 4 });
  o.write(0, 0, '\x1b[7m> row\x1b[27m', { transformers: [] });
  o.clip({ x1: 0, x2: 6, y1: 0, y2: 4 });
  o.write(0, 1, 'clipped text', { transformers: [] });
  o.unclip();
  o.write(0, 2, 'ab', { transformers: [] });
  o.write(3, 2, '\x1b[1m漢字\x1b[22m', { transformers: [(l) => l.toUpperCase()] });
  return JSON.stringify(g.call(o));
}

/**
 * Installs the faster Output.get when Ink is the version it was written for and its files are
 * where expected; resolves false (stock Ink) otherwise. verifyInkCache() then checks it on a probe
 * frame: after the menu's first frame, because the probe costs that frame ~20 ms (Ink's own get on
 * it, and the wide characters and clip load string-width's emoji set and two ICU segmenters).
 */
export function installInkCache(): Promise<boolean> {
  installed ??= (async () => {
    ink = await loadInternals();
    if (!ink) return false;
    inkGet = ink.Output.prototype.get;
    ink.Output.prototype.get = fastGet;
    return true;
  })();
  return installed;
}

/**
 * Is the installed Output.get byte-identical to Ink's (`reference`: tests give another) on a probe
 * frame? If not, Ink's own is put back and false returned: the caller redraws.
 */
export function verifyInkCache(reference: Get | null = inkGet): boolean {
  if (!ink || !inkGet || !reference || ink.Output.prototype.get !== fastGet) return true;
  if (probe(reference) === probe(fastGet)) return true;
  ink.Output.prototype.get = inkGet;
  return false;
}

/** For tests: run Ink's and this Output.get on every frame and report any difference. */
export async function compareWithInk(onDiff: (ink: string, ours: string) => void, onFrame?: (output: string) => void): Promise<() => void> {
  if (!(await installInkCache()) || !verifyInkCache()) throw new Error(`inkCache.ts does not apply: Ink is not ${INK_VERSION} or not laid out as expected`);
  const proto = ink!.Output.prototype;
  const before = proto.get;
  const own = inkGet!;
  proto.get = function (this: unknown) {
    const a = own.call(this);
    const b = fastGet.call(this);
    if (a.output !== b.output || a.height !== b.height) onDiff(a.output, b.output);
    onFrame?.(b.output);
    return b;
  };
  return () => { proto.get = before; };
}
