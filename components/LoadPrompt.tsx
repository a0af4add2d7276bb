// The prompt for `L`: which configuration file to load.
import React from 'react';
import { Text } from 'ink';
import type { TextState } from './textEdit.js';
import { TextInput } from './TextInput.js';

export function LoadPrompt({ text }: { text: TextState }) {
  return (
    <Text wrap="truncate">
      <Text bold>{' Load configuration from: '}</Text>
      <TextInput state={text} />
    </Text>
  );
}
