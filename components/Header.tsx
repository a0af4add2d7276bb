// The title bar (program, mainmenu text, application, the .config with its saved/unsaved state and
// the number of values changed since load) and the breadcrumb of the current menu path, shortened
// from the outside in (their texts: layoutText.ts).
import React, { memo } from 'react';
import { Box, Text } from 'ink';
import { crumbLine, titleBar, type TitleBarParts } from './layoutText.js';
import type { Theme } from './theme.js';

export interface HeaderProps extends TitleBarParts {
  crumbs: string[];
  width: number;
  theme: Theme;
}

export const Header = memo(function Header({ crumbs, width, theme, ...bar }: HeaderProps) {
  return (
    <Box flexDirection="column">
      <Text inverse bold wrap="truncate">{titleBar(bar, width)}</Text>
      <Text color={theme.c('accent')} bold={!theme.color} wrap="truncate">{crumbLine(crumbs, width)}</Text>
    </Box>
  );
});
