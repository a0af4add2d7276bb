// A horizontal rule with an optional label.
import React, { memo } from 'react';
import { Text } from 'ink';

export const Rule = memo(function Rule({ width, label }: { width: number; label?: string }) {
  const head = label ? `── ${label} ` : '';
  const text = (head + '─'.repeat(Math.max(0, width - head.length))).slice(0, width);
  return <Text dimColor wrap="truncate">{text}</Text>;
});
