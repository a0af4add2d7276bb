// The entries of the current menu. Only the rows in the window are rendered (the Linux tree's big
// menus have hundreds of entries); each row's text comes from the session's per-version cache.
import React from 'react';
import { Box, Text } from 'ink';
import type { MenuBrowser } from './controllers/menu.js';
import type { EditController } from './controllers/edit.js';
import { MenuRow } from './MenuRow.js';
import type { MenuSession } from './session.js';
import { ValueEditor } from './ValueEditor.js';

export interface MenuListProps {
  menu: MenuBrowser;
  session: MenuSession;
  /** The value editor, shown in place of its row. */
  editing: EditController | null;
  width: number;
  height: number;
}

export function MenuList({ menu, session, editing, width, height }: MenuListProps) {
  const { index, top, rows } = menu.cursor();
  const theme = session.theme;
  const showNames = session.p.showNames;
  const out: React.ReactNode[] = [];
  for (let i = top; i < Math.min(rows.length, top + height); i++) {
    const row = rows[i];
    if (editing && i === index && editing.node.id === row.node.id) {
      out.push(
        <ValueEditor
          key={`edit-${row.node.id}`}
          prompt={row.node.prompt ?? editing.name}
          type={editing.type}
          text={editing.text}
          valid={editing.valid()}
          range={editing.range}
          width={width}
          theme={theme}
        />,
      );
      continue;
    }
    const cells = session.cells(row);
    out.push(<MenuRow key={`${row.node.id}-${row.role}`} cells={cells} selected={i === index} width={width} showNames={showNames} theme={theme} />);
  }
  if (!rows.length) out.push(<Text key="empty" dimColor>{'  (no visible entries; z shows hidden ones)'}</Text>);
  return (
    <Box flexDirection="column" height={height} width={width} overflowY="hidden">
      {out}
    </Box>
  );
}
