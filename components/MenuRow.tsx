// One entry of the menu list: cursor, changed-since-load mark, mconf's mark and text, the symbol
// name (c) and, for hidden entries shown by z, the reason. Memoized: moving the highlight
// re-renders only the two rows involved.
import React, { memo } from 'react';
import { Text } from 'ink';
import { cutPieces, pieceColor, pieceDim, rowLine, rowPieces } from './layoutText.js';
import type { RowCells } from './rows.js';
import type { Theme } from './theme.js';

export interface MenuRowProps {
  cells: RowCells;
  selected: boolean;
  width: number;
  showNames: boolean;
  theme: Theme;
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
  // (not the highlighted row: that is one piece, above)
  const { pieces } = cutPieces(rowPieces(cells, false, showNames), width);
  return (
    <Text dimColor={cells.dim} wrap="truncate">
      {pieces.map(([t, role], i) => (
        <Text key={i} color={pieceColor(role, theme)} bold={role === 'changed'} dimColor={pieceDim(role, theme)}>
          {t}
        </Text>
      ))}
    </Text>
  );
});
