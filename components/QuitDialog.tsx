// The unsaved-changes guard: Save / Discard / Cancel, in the status line.
import React from 'react';
import { Text } from 'ink';
import { QUIT_CHOICES } from './controller.js';

export function QuitDialog({ configPath, choice }: { configPath: string; choice: number }) {
  return (
    <Text wrap="truncate">
      <Text color="yellow" bold>{` Unsaved changes. Save to ${configPath}? `}</Text>
      {QUIT_CHOICES.map((c, i) => (
        <Text key={c} inverse={i === choice}>{` [${c[0]}]${c.slice(1)} `}</Text>
      ))}
    </Text>
  );
}
