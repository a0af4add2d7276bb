// A horizontal rule with an optional label.
import React, { memo } from 'react';
import { Text } from 'ink';
import { ruleText } from './layoutText.js';

export const Rule = memo(function Rule({ width, label }: { width: number; label?: string }) {
  return <Text dimColor wrap="truncate">{ruleText(width, label)}</Text>;
});
