// The status line: the result of the last action, or an error with the engine's reason.
import React, { memo } from 'react';
import { Text } from 'ink';
import type { Status } from './controller.js';
import { cut, statusColor, type Theme } from './theme.js';

export const StatusLine = memo(function StatusLine({ status, width, theme }: { status: Status | null; width: number; theme: Theme }) {
  if (!status) return <Text> </Text>;
  return (
    <Text color={statusColor(status.tone, theme)} bold={status.tone === 'error'} wrap="truncate">
      {cut(`${status.tone === 'error' ? ' ✗ ' : ' '}${status.text}`, width)}
    </Text>
  );
});
