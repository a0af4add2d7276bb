// The entries of the current menu. Only the rows in the window are rendered (the Linux tree's big
// menus have hundreds of entries); each row's text comes from the controller's per-version cache.
import React from 'react';
import { Box, Text } from 'ink';
import type { MenuController } from './controller.js';
import { MenuRow } from './MenuRow.js';
import { ValueEditor } from './ValueEditor.js';

export interface MenuListProps {
  controller: MenuController;
  width: number;
  height: number;
}

export function MenuList({ controller, width, height }: MenuListProps) {
  const { index, top, rows } = controller.cursor();
  const mode = controller.mode;
  const theme = controller.theme;
  const showNames = controller.showNames;
  const out: React.ReactNode[] = [];
  for (let i = top; i < Math.min(rows.length, top + height); i++) {
    const row = rows[i];
    if (mode.kind === 'edit' && i === index && mode.node.id === row.node.id) {
      out.push(
        <ValueEditor
          key={`edit-${row.node.id}`}
          prompt={row.node.prompt ?? mode.name}
          type={mode.type}
          text={mode.text}
          valid={controller.editValid()}
          range={mode.range}
          width={width}
          theme={theme}
        />,
      );
      continue;
    }
    const cells = controller.cells(row);
    out.push(<MenuRow key={`${row.node.id}-${row.role}`} cells={cells} selected={i === index} width={width} showNames={showNames} theme={theme} />);
  }
  if (!rows.length) out.push(<Text key="empty" dimColor>{'  (no visible entries; z shows hidden ones)'}</Text>);
  return (
    <Box flexDirection="column" height={height} width={width} overflowY="hidden">
      {out}
    </Box>
  );
}
