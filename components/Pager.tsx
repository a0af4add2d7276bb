// A scrollable page of text: symbol info (?), the keys (H) and load warnings.
import React from 'react';
import { Box, Text } from 'ink';
import type { Line } from './why.js';
import { cut, lineColor, type Theme } from './theme.js';

export interface PagerProps {
  title: string;
  lines: Line[];
  top: number;
  width: number;
  height: number;
  theme: Theme;
}

export function Pager({ title, lines, top, width, height, theme }: PagerProps) {
  const body = height - 1;
  const shown = lines.slice(top, top + body);
  const pos = lines.length > body ? `  ${top + 1}-${Math.min(lines.length, top + body)}/${lines.length}` : '';
  return (
    <Box flexDirection="column" height={height} width={width} overflowY="hidden">
      <Text bold color={theme.c('accent')} wrap="truncate">{cut(` ${title}${pos}`, width)}</Text>
      {shown.map((l, i) => (
        <Text key={top + i} bold={l.tone === 'head'} dimColor={l.tone === 'dim'} color={lineColor(l.tone, theme)} wrap="truncate">
          {cut(` ${l.text}`, width)}
        </Text>
      ))}
    </Box>
  );
}
