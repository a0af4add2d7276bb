// The status line: the result of the last action, or an error with the engine's reason.
import React, { memo } from 'react';
import { Text } from 'ink';
import type { Status } from './controller.js';
import { cut, statusColor } from './theme.js';

export const StatusLine = memo(function StatusLine({ status, width }: { status: Status | null; width: number }) {
  if (!status) return <Text> </Text>;
  return (
    <Text color={statusColor(status.tone)} bold={status.tone === 'error'} wrap="truncate">
      {cut(`${status.tone === 'error' ? ' ✗ ' : ' '}${status.text}`, width)}
    </Text>
  );
});
