// A faster Output.get() for Ink 6.8 (the step that turns a frame's writes into the text sent to
// the terminal). Ink's own builds a grid of width x height fresh cell objects and tokenizes every
// line of every frame again (its caches live for one frame). A menu frame is mostly the same lines
// as the last one (scrolling moves rows, it does not change them), so this version
//  - keeps the tokenizing, width and row-text caches across frames (bounded: cleared past a size),
//  - turns a row that holds one line written at column 0 (most rows) into text straight from the
//    cache, and lays out cell by cell only rows with several pieces, on a grid filled with one
//    shared blank cell (Ink only ever replaces cells, never changes them),
// which removes most of the per-frame work and allocation. The text is the same as Ink's (a styled
// line followed by blank cells serializes as the line alone once trailing blanks are trimmed). Ink's Output is internal (not in its package exports): it and the helpers it uses
// are imported by file, which gives the very module instances Ink uses, in Node and in the bundle.
import { styledCharsFromTokens, styledCharsToString, tokenize } from '../node_modules/@alcalzone/ansi-tokenize/build/index.js';
import Output from '../node_modules/ink/build/output.js';
import sliceAnsi from '../node_modules/slice-ansi/index.js';
import stringWidth from '../node_modules/string-width/index.js';

type StyledChar = ReturnType<typeof styledCharsFromTokens>[number];
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
    c = styledCharsFromTokens(tokenize(line));
    styled.set(line, c);
  }
  return c;
}

function width(text: string): number {
  let w = widths.get(text);
  if (w === undefined) {
    if (widths.size > LIMIT) widths.clear();
    w = stringWidth(text);
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
    r = styledCharsToString(styledChars(line)).trimEnd();
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
          return sliceAnsi(line, from, to);
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
    out.push(styledCharsToString(cells.filter((item) => item !== undefined)).trimEnd());
  }
  return { output: out.join('\n'), height: rows.length };
}

type Get = (this: unknown) => { output: string; height: number };

/** Ink's own Output.get (kept for the test that compares the two). */
export const inkGet = (Output.prototype as unknown as { get: Get }).get;
/** This module's Output.get. */
export const fastGet = get as Get;

let installed = false;

export function installInkCache(): void {
  if (installed) return;
  installed = true;
  (Output.prototype as unknown as { get: Get }).get = fastGet;
}

/** For tests: run both on every frame and report any difference. */
export function compareWithInk(onDiff: (ink: string, ours: string) => void, onFrame?: (output: string) => void): () => void {
  const proto = Output.prototype as unknown as { get: Get };
  const before = proto.get;
  proto.get = function (this: unknown) {
    const a = inkGet.call(this);
    const b = fastGet.call(this);
    if (a.output !== b.output || a.height !== b.height) onDiff(a.output, b.output);
    onFrame?.(b.output);
    return b;
  };
  return () => { proto.get = before; };
}

installInkCache();
