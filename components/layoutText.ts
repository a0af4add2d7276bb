// The texts of the menu view's lines, as laid out for a width: the title bar, the breadcrumb, the
// rules, a row's pieces, the key bar's hints that fit. The Ink components style them; the first
// frame written without Ink (firstFrame.ts) styles the very same texts.
import type { Hint } from './bindings.js';
import type { Row, RowCells } from './rows.js';
import { cut, fit, type Theme } from './theme.js';

/** Cuts a path from the left ("…/app/.config") to fit `room` columns. */
export function shortPath(p: string, room: number): string {
  if (p.length <= room) return p;
  const parts = p.split('/');
  for (let i = 1; i < parts.length - 1; i++) {
    const s = `…/${parts.slice(i).join('/')}`;
    if (s.length <= room) return s;
  }
  return `…/${parts.slice(-2).join('/')}`;
}

const SEP = ' › ';

/**
 * The breadcrumb in `room` columns: the current menu (the last part) stays readable; the outer
 * parts are shortened first, outermost first, then reduced to "…".
 */
export function crumbTrail(crumbs: readonly string[], room: number): string {
  const whole = crumbs.join(SEP);
  if (whole.length <= room || crumbs.length < 2) return cut(whole, room);
  const parts = [...crumbs];
  const last = parts.length - 1;
  for (const limit of [24, 12, 1]) {
    for (let i = 0; i < last; i++) {
      if (parts[i].length > limit) parts[i] = limit === 1 ? '…' : `${parts[i].slice(0, limit - 1)}…`;
      if (parts.join(SEP).length <= room) return parts.join(SEP);
    }
  }
  return cut(`…${SEP}${crumbs[last]}`, room);
}

/** The breadcrumb's line. */
export function crumbLine(crumbs: readonly string[], width: number): string {
  return cut(` ${crumbTrail(crumbs, width - 1)}`, width);
}

export interface TitleBarParts {
  title: string;
  app: string;
  configPath: string;
  /** The application's target whose configuration this is (`t`), if any. */
  target?: string;
  dirty: boolean;
  newFile: boolean;
  changed: number;
}

/**
 * The title bar's line, exactly `width` columns: program, mainmenu text and application on the
 * left; the values changed since load, the target, the .config and its saved state on the right.
 */
export function titleBar({ title, app, configPath, target, dirty, newFile, changed }: TitleBarParts, width: number): string {
  const state = dirty ? (newFile ? '[new, unsaved]' : '[+] unsaved') : 'saved';
  const tgt = target ? `target ${target} · ` : '';
  const count = changed ? `${changed} changed · ` : '';
  const left = ` ukmenu · ${title}${app ? ` · ${app}` : ''}`;
  // the path gets what is left after the title, at least its last two parts
  const pathRoom = Math.max(Math.min(configPath.length, 24), width - left.length - `${count}${tgt} ${state} `.length - 2);
  const right = `${count}${tgt}${shortPath(configPath, pathRoom)} ${state} `;
  const leftText = fit(left, Math.max(0, Math.min(width - right.length - 1, width)));
  return fit(leftText + cut(` ${right}`, width - leftText.length), width);
}

/** A horizontal rule with an optional label. */
export function ruleText(width: number, label?: string): string {
  const head = label ? `── ${label} ` : '';
  return (head + '─'.repeat(Math.max(0, width - head.length))).slice(0, width);
}

/** The label of the rule below the menu list: the highlighted entry, its position, the view's flags. */
export function entryLabel(row: Row | null, index: number, count: number, showAll: boolean, showNames: boolean): string {
  const label = row ? (row.node.symbol && row.node.kind !== 'choice' ? row.node.symbol : row.node.prompt ?? '') : '';
  const pos = count ? `${index + 1}/${count}` : '';
  const flags = `${showAll ? ' all' : ''}${showNames ? ' names' : ''}`;
  return `${label}${label && pos ? '  ' : ''}${pos}${flags ? `  [${flags.trim()}]` : ''}`;
}

export type PieceRole = 'cursor' | 'changed' | 'text' | 'name' | 'reason';

/** The pieces of a row: [text, role] with roles for colouring. */
export function rowPieces(cells: RowCells, selected: boolean, showNames: boolean): [string, PieceRole][] {
  const pieces: [string, PieceRole][] = [
    [selected ? '>' : ' ', 'cursor'],
    [cells.changed ? '•' : ' ', 'changed'],
    [cells.text, 'text'],
  ];
  if (showNames && cells.name) pieces.push([`  ${cells.name}`, 'name']);
  if (cells.reason) pieces.push([`   (hidden: ${cells.reason})`, 'reason']);
  return pieces;
}

/** A piece's colour and dimming in a row that is not highlighted. */
export const pieceColor = (role: PieceRole, theme: Theme): string | undefined =>
  role === 'changed' ? theme.c('changed') : role === 'name' ? theme.c('name') : undefined;
export const pieceDim = (role: PieceRole, theme: Theme): boolean => role === 'reason' || (role === 'name' && !theme.color);

/** The row as plain text, cut to the width (with an ellipsis). */
export function rowLine(cells: RowCells, selected: boolean, showNames: boolean, width: number): string {
  const s = rowPieces(cells, selected, showNames).map((p) => p[0]).join('');
  return s.length > width ? `${s.slice(0, Math.max(0, width - 1))}…` : s;
}

/** The row's pieces cut to the width (the last one shown ends with an ellipsis), and the columns left. */
export function cutPieces(pieces: readonly [string, PieceRole][], width: number): { pieces: [string, PieceRole][]; room: number } {
  let room = width;
  const out: [string, PieceRole][] = [];
  for (const [text, role] of pieces) {
    if (room <= 0) break;
    let t = text.length > room ? text.slice(0, Math.max(0, room - 1)) + '…' : text;
    if (text.length > room && room === 1) t = text.slice(0, 1);
    room -= t.length;
    out.push([t, role]);
  }
  return { pieces: out, room };
}

/** The key bar's hints that fit the width, in order. */
export function fittingHints(hints: readonly Hint[], width: number): Hint[] {
  const out: Hint[] = [];
  let used = 0;
  for (const h of hints) {
    const len = h[0].length + 2 + h[1].length + 1;
    if (used + len > width) break;
    out.push(h);
    used += len;
  }
  return out;
}
