// The inline editor for int/hex/string values: replaces the entry's row while editing, shows the
// type and range, and marks the text as acceptable or not (tree.isAssignable) while typing.
import React from 'react';
import { Box, Text } from 'ink';
import type { TextState } from './textEdit.js';
import { TextInput } from './TextInput.js';
import type { Theme } from './theme.js';

export interface ValueEditorProps {
  prompt: string;
  type: string;
  text: TextState;
  valid: boolean;
  range: { min: string; max: string } | null;
  width: number;
  theme: Theme;
}

export function ValueEditor({ prompt, type, text, valid, range, width, theme }: ValueEditorProps) {
  const hint = `${type}${range ? ` ${range.min}..${range.max}` : ''}`;
  return (
    <Box width={width} height={1} overflowY="hidden">
      <Text wrap="truncate">
        <Text bold>{'>  ('}</Text>
        <TextInput state={text} color={valid ? undefined : theme.c('bad')} />
        <Text bold>{') '}</Text>
        {prompt}
        <Text dimColor>{`  [${hint}] `}</Text>
        {valid ? <Text color={theme.c('ok')}>✓ ok</Text> : <Text color={theme.c('bad')} bold>✗ not allowed</Text>}
      </Text>
    </Box>
  );
}
