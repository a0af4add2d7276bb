// A scrollable page of text: the help screen (?), the why view (w) and load warnings.
import React from 'react';
import { Box, Text } from 'ink';
import type { Line } from './why.js';
import { cut, lineColor } from './theme.js';

export interface PagerProps {
  title: string;
  lines: Line[];
  top: number;
  width: number;
  height: number;
}

export function Pager({ title, lines, top, width, height }: PagerProps) {
  const body = height - 1;
  const shown = lines.slice(top, top + body);
  const pos = lines.length > body ? `  ${top + 1}-${Math.min(lines.length, top + body)}/${lines.length}` : '';
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      <Text bold color="cyan" wrap="truncate">{cut(` ${title}${pos}`, width)}</Text>
      {shown.map((l, i) => (
        <Text key={top + i} bold={l.tone === 'head'} dimColor={l.tone === 'dim'} color={lineColor(l.tone)} wrap="truncate">
          {cut(` ${l.text}`, width)}
        </Text>
      ))}
    </Box>
  );
}
