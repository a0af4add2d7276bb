// The details of the highlighted entry (see details.ts), a fixed number of lines.
import React from 'react';
import { Box, Text } from 'ink';
import type { Line } from './why.js';
import { cut, lineColor, type Theme } from './theme.js';

export function DetailsPane({ lines, width, height, theme }: { lines: Line[]; width: number; height: number; theme: Theme }) {
  return (
    <Box flexDirection="column" height={height} width={width} overflowY="hidden">
      {lines.slice(0, height).map((l, i) => (
        <Text key={i} bold={l.tone === 'head'} dimColor={l.tone === 'dim'} color={lineColor(l.tone, theme)} wrap="truncate">
          {cut(` ${l.text}`, width)}
        </Text>
      ))}
    </Box>
  );
}
