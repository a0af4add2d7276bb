// The prompt for `L`: which configuration file to load.
import React from 'react';
import { Text } from 'ink';
import type { TextState } from './textEdit.js';
import { TextInput } from './TextInput.js';

export function LoadPrompt({ text, error }: { text: TextState; error: string | null }) {
  return (
    <Text wrap="truncate">
      <Text bold>{' Load configuration from: '}</Text>
      <TextInput state={text} />
      {error ? <Text color="red">{`  ✗ ${error}`}</Text> : null}
    </Text>
  );
}
