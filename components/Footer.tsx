// The key bar: the hints of the view on top (components/bindings.ts), as many as fit the width (H
// lists the menu's keys).
import React, { memo } from 'react';
import { Text } from 'ink';
import type { Hint } from './bindings.js';
import { fittingHints } from './layoutText.js';

export const Footer = memo(function Footer({ hints, width }: { hints: readonly Hint[]; width: number }) {
  const parts: React.ReactNode[] = [];
  for (const [k, label] of fittingHints(hints, width)) {
    parts.push(<Text key={k} inverse>{` ${k} `}</Text>, <Text key={`${k}-l`}>{`${label} `}</Text>);
  }
  return <Text wrap="truncate">{parts}</Text>;
});
