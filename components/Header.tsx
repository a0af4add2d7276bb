// Top lines: program and tree title, the .config path with the unsaved marker, and the breadcrumb.
import React, { memo } from 'react';
import { Box, Text } from 'ink';
import { cut, fit } from './theme.js';

export interface HeaderProps {
  title: string;
  configPath: string;
  dirty: boolean;
  newFile: boolean;
  crumbs: string[];
  width: number;
}

export const Header = memo(function Header({ title, configPath, dirty, newFile, crumbs, width }: HeaderProps) {
  const mark = dirty ? (newFile ? ' [new, unsaved]' : ' [+] unsaved') : '';
  const right = `${configPath}${mark}`;
  const left = ` ukmenu · ${title}`;
  const room = Math.max(0, width - right.length - 1);
  const line = fit(left, room) + fit(right, width - room);
  const trail = crumbs.join(' › ');
  return (
    <Box flexDirection="column">
      <Text inverse bold wrap="truncate">{fit(line, width)}</Text>
      <Text color="cyan" wrap="truncate">{cut(` ${trail}`, width)}</Text>
    </Box>
  );
});
