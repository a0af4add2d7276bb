// One entry of the menu list: cursor, changed-since-load mark, mconf's mark and text, the symbol
// name (c) and, for hidden entries shown by z, the reason. Memoized: moving the highlight
// re-renders only the two rows involved.
import React, { memo } from 'react';
import { Text } from 'ink';
import type { RowCells } from './rows.js';
import type { Theme } from './theme.js';

export interface MenuRowProps {
  cells: RowCells;
  selected: boolean;
  width: number;
  showNames: boolean;
  theme: Theme;
}

/** The pieces of a row: [text, role] with roles for colouring. */
export function rowPieces(cells: RowCells, selected: boolean, showNames: boolean): [string, 'cursor' | 'changed' | 'text' | 'name' | 'reason'][] {
  const pieces: [string, 'cursor' | 'changed' | 'text' | 'name' | 'reason'][] = [
    [selected ? '>' : ' ', 'cursor'],
    [cells.changed ? '•' : ' ', 'changed'],
    [cells.text, 'text'],
  ];
  if (showNames && cells.name) pieces.push([`  ${cells.name}`, 'name']);
  if (cells.reason) pieces.push([`   (hidden: ${cells.reason})`, 'reason']);
  return pieces;
}

/** The row as plain text, cut to the width (with an ellipsis). */
export function rowLine(cells: RowCells, selected: boolean, showNames: boolean, width: number): string {
  const s = rowPieces(cells, selected, showNames).map((p) => p[0]).join('');
  return s.length > width ? `${s.slice(0, Math.max(0, width - 1))}…` : s;
}

export const MenuRow = memo(function MenuRow({ cells, selected, width, showNames, theme }: MenuRowProps) {
  // the common cases in one piece of text (Ink's cost grows with the pieces and characters drawn)
  if (selected) {
    const line = rowLine(cells, true, showNames, width);
    return <Text inverse wrap="truncate">{line + ' '.repeat(Math.max(0, width - line.length))}</Text>;
  }
  if (!cells.changed && !cells.reason && !(showNames && cells.name)) {
    return <Text dimColor={cells.dim} wrap="truncate">{rowLine(cells, false, false, width)}</Text>;
  }
  const pieces = rowPieces(cells, selected, showNames);
  // cut the pieces to the width (only the highlighted row is padded, for its bar)
  let room = width;
  const out: React.ReactNode[] = [];
  pieces.forEach(([text, role], i) => {
    if (room <= 0) return;
    let t = text.length > room ? text.slice(0, Math.max(0, room - 1)) + '…' : text;
    if (text.length > room && room === 1) t = text.slice(0, 1);
    room -= t.length;
    const color = role === 'changed' ? theme.c('changed') : role === 'name' ? theme.c('name') : undefined;
    out.push(
      <Text key={i} color={selected ? undefined : color} bold={role === 'changed'} dimColor={!selected && (role === 'reason' || (role === 'name' && !theme.color))}>
        {t}
      </Text>,
    );
  });
  if (selected && room > 0) out.push(<Text key="pad">{' '.repeat(room)}</Text>);
  return (
    <Text inverse={selected} dimColor={cells.dim && !selected} wrap="truncate">
      {out}
    </Text>
  );
});
