// The inline editor for int/hex/string values: replaces the entry's row while editing, shows the
// type and range, and marks the text as acceptable or not (tree.isAssignable) while typing.
import React from 'react';
import { Box, Text } from 'ink';
import type { TextState } from './textEdit.js';
import { TextInput } from './TextInput.js';

export interface ValueEditorProps {
  prompt: string;
  type: string;
  text: TextState;
  valid: boolean;
  range: { min: string; max: string } | null;
  width: number;
}

export function ValueEditor({ prompt, type, text, valid, range, width }: ValueEditorProps) {
  const hint = `${type}${range ? ` ${range.min}..${range.max}` : ''}`;
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate">
        <Text bold>{'> ('}</Text>
        <TextInput state={text} color={valid ? undefined : 'red'} />
        <Text bold>{') '}</Text>
        {prompt}
        <Text dimColor>{`  [${hint}] `}</Text>
        {valid ? <Text color="green">✓ ok</Text> : <Text color="red">✗ not allowed</Text>}
      </Text>
    </Box>
  );
}
