// Renders a one-line text field with its cursor, or its text inverse while selected (the state and
// keys are in textEdit.ts).
import React from 'react';
import { Text } from 'ink';
import type { TextState } from './textEdit.js';

export function TextInput({ state, color }: { state: TextState; color?: string }) {
  const { value, cursor } = state;
  if (state.selected) return <Text color={color}><Text inverse>{value}</Text> </Text>;
  const at = value[cursor] ?? ' ';
  return (
    <Text color={color}>
      {value.slice(0, cursor)}
      <Text inverse>{at}</Text>
      {value.slice(cursor + 1)}
    </Text>
  );
}
