// The menu's first frame as text, without React and Ink: the very bytes Ink writes for App's first
// render of the top menu, so that it can be on the screen before React and Ink are loaded (~40 ms)
// and have rendered (~40 ms more). Ink then renders as always; when its frame is the same text,
// nothing is written again (src/frameOnScreen.ts), otherwise it replaces this one.
// This is App.tsx's menu view (Header, Rule, MenuList and MenuRow, DetailsPane, StatusLine, Footer)
// written a second time. The data is the controller's, as Ink's render reads it; the styling is
// Ink's own: each <Text>'s transform (its order: dim, colour, bold, inverse) with the chalk Ink uses,
// nested texts joined as Ink squashes them, and each line written back by ansi-tokenize as Ink's
// Output does (unless it comes out the same: inkLine) and trimmed. test/ui/first-frame.test.ts
// compares it with Ink's frame on many menus and sizes.
// Where it cannot be sure (another view, a wide or control character, a line longer than the
// terminal, Ink's CI or screen-reader modes), it returns undefined and Ink draws the frame alone.
import chalk from '../node_modules/chalk/source/index.js';
import { styledCharsFromTokens, styledCharsToString, tokenize } from '../node_modules/@alcalzone/ansi-tokenize/build/index.js';
import type { MenuController } from './controller.js';
import { crumbLine, cutPieces, entryLabel, fittingHints, pieceColor, pieceDim, rowLine, rowPieces, ruleText, titleBar } from './layoutText.js';
import type { RowCells } from './rows.js';
import { cut, lineColor, statusColor, type Theme } from './theme.js';

/** What a <Text> applies to its text. */
interface Style {
  color?: string;
  dimColor?: boolean;
  bold?: boolean;
  inverse?: boolean;
}

/** Characters of known width 1 besides printable ASCII: the menu's own marks and rules. */
const NARROW = new Set([...'─›•…⏎␣✗·']);

class Unsure extends Error {}

/** A <Text>'s transform (Ink's Text: dim, colour, bold, inverse, in that order). */
function styled(text: string, s: Style): string {
  let t = text;
  if (t.length === 0) return t;
  if (s.dimColor) t = chalk.dim(t);
  if (s.color) {
    const paint = (chalk as unknown as Record<string, ((x: string) => string) | undefined>)[s.color];
    if (typeof paint !== 'function') throw new Unsure();
    t = paint(t);
  }
  if (s.bold) t = chalk.bold(t);
  if (s.inverse) t = chalk.inverse(t);
  return t;
}

/** Text as it comes from the tree or the file system: only characters whose width is sure. */
function plain(text: string): string {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 || c > 0x7e) && !NARROW.has(ch)) throw new Unsure();
  }
  return text;
}

export interface FirstFrameOptions {
  columns: number;
  rows: number;
  env?: Record<string, string | undefined>;
}

/**
 * The text Ink writes for `<App controller={c} />`'s first render on a terminal of this size (the
 * synchronized-output and hidden-cursor sequences included), or undefined where it cannot be sure.
 */
export function firstFrameText(c: MenuController, o: FirstFrameOptions): string | undefined {
  const env = o.env ?? process.env;
  const inCi = (k: string) => k in env && env[k] !== '0' && env[k] !== 'false'; // as is-in-ci decides for Ink
  if (inCi('CI') || inCi('CONTINUOUS_INTEGRATION') || env.INK_SCREEN_READER === 'true') return undefined;
  try {
    return frame(c, o.columns, Math.max(1, o.rows - 1));
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
}

function frame(c: MenuController, w: number, h: number): string {
  c.setViewport(w, h);
  if (c.mode.kind !== 'menu' || c.tooSmall) throw new Unsure();
  const theme = c.theme;
  const lines: string[] = [];
  /** One <Text wrap="truncate"> line: its text (already styled) no wider than the terminal. */
  const line = (text: string, width: number) => {
    if (width > w) throw new Unsure();
    lines.push(inkLine(text));
  };
  const text = (t: string, s: Style = {}) => line(styled(plain(t), s), t.length);

  // Header
  const bar = { title: c.title, app: c.app, configPath: c.configPath, target: c.target, dirty: c.dirty, newFile: c.isNewFile, changed: c.changedSinceLoad().size };
  text(titleBar(bar, w), { inverse: true, bold: true });
  text(crumbLine(c.breadcrumb(), w), { color: theme.c('accent'), bold: !theme.color });
  text(ruleText(w), { dimColor: true });

  // MenuList
  const { index, top, rows } = c.menu.cursor();
  const session = c.session;
  const showNames = session.p.showNames;
  const listHeight = c.listHeight;
  const before = lines.length;
  for (let i = top; i < Math.min(rows.length, top + listHeight); i++) menuRow(line, session.cells(rows[i]), i === index, w, showNames, theme);
  if (!rows.length) text('  (no visible entries; z shows hidden ones)', { dimColor: true });
  while (lines.length < before + listHeight) lines.push('');
  if (lines.length > before + listHeight) throw new Unsure();

  // Rule with the highlighted entry
  const row = rows[index] ?? null;
  text(ruleText(w, entryLabel(row, index, rows.length, c.showAll, c.showNames)), { dimColor: true });

  // DetailsPane
  const detailsHeight = c.detailsHeight;
  const details = c.details(row?.node ?? null, detailsHeight).slice(0, detailsHeight);
  for (const l of details) text(cut(` ${l.text}`, w), { bold: l.tone === 'head', dimColor: l.tone === 'dim', color: lineColor(l.tone, theme) });
  for (let i = details.length; i < detailsHeight; i++) lines.push('');

  // StatusLine
  const status = c.status;
  if (!status) lines.push('');
  else text(cut(`${status.tone === 'error' ? ' ✗ ' : ' '}${status.text}`, w), { color: statusColor(status.tone, theme), bold: status.tone === 'error' });

  // Footer
  const hints = fittingHints(c.hints(), w);
  if (!hints.length) throw new Unsure(); // an empty <Text> takes no line
  line(hints.map(([k, label]) => styled(plain(` ${k} `), { inverse: true }) + plain(`${label} `)).join(''), hints.reduce((n, [k, l]) => n + k.length + l.length + 3, 0));

  if (lines.length !== h) throw new Unsure();
  return `\x1b[?2026h\x1b[?25l${lines.join('\n')}\n\x1b[?2026l`;
}

/** The closing code chalk writes after each opening code the menu uses. */
const CLOSE: Record<string, string> = { 1: '22', 2: '22', 7: '27' };
for (let c = 30; c <= 37; c++) CLOSE[c] = CLOSE[c + 60] = '39';

/**
 * A line as Ink's Output writes it: ansi-tokenize's styled characters written back, the trailing
 * blanks trimmed. Most lines are plain text and runs each styled once (the codes opened, the text,
 * the same codes closed in reverse order, as chalk writes them), runs apart: those come out as they
 * went in, with no need to tokenize them (~5 ms cold).
 */
function inkLine(text: string): string {
  if (!text.includes('\x1b')) return text.trimEnd();
  return (simpleRuns(text) ? text : styledCharsToString(styledCharsFromTokens(tokenize(text)))).trimEnd();
}

const SGR = /\x1b\[(\d+)m/y;

/** Is `text` plain text and runs as inkLine says (no two runs side by side)? */
function simpleRuns(text: string): boolean {
  let i = 0;
  let afterRun = false;
  while (i < text.length) {
    if (text[i] !== '\x1b') {
      const next = text.indexOf('\x1b', i);
      i = next < 0 ? text.length : next;
      afterRun = false;
      continue;
    }
    if (afterRun) return false;
    const opened: string[] = [];
    for (SGR.lastIndex = i; ; i = SGR.lastIndex) {
      const m = SGR.exec(text);
      if (!m) break;
      if (CLOSE[m[1]] === undefined) return false;
      opened.push(m[1]);
    }
    const end = text.indexOf('\x1b', i);
    if (opened.length === 0 || end <= i) return false; // not an opening code, or no text
    i = end;
    for (let k = opened.length - 1; k >= 0; k--) {
      const close = `\x1b[${CLOSE[opened[k]]}m`;
      if (!text.startsWith(close, i)) return false;
      i += close.length;
    }
    afterRun = true;
  }
  return true;
}

/** MenuRow.tsx */
function menuRow(line: (t: string, width: number) => void, cells: RowCells, selected: boolean, w: number,
  showNames: boolean, theme: Theme): void {
  if (selected) {
    const l = plain(rowLine(cells, true, showNames, w));
    line(styled(l + ' '.repeat(Math.max(0, w - l.length)), { inverse: true }), Math.max(w, l.length));
    return;
  }
  if (!cells.changed && !cells.reason && !(showNames && cells.name)) {
    const l = plain(rowLine(cells, false, false, w));
    line(styled(l, { dimColor: cells.dim }), l.length);
    return;
  }
  const { pieces, room } = cutPieces(rowPieces(cells, false, showNames), w);
  const out = pieces.map(([t, role]) => styled(plain(t), { color: pieceColor(role, theme), bold: role === 'changed', dimColor: pieceDim(role, theme) })).join('');
  line(styled(out, { dimColor: cells.dim }), w - room);
}
