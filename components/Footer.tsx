// The key bar: the hints of the view on top (components/bindings.ts), as many as fit the width (H
// lists the menu's keys).
import React, { memo } from 'react';
import { Text } from 'ink';
import type { Hint } from './bindings.js';

export const Footer = memo(function Footer({ hints, width }: { hints: readonly Hint[]; width: number }) {
  const parts: React.ReactNode[] = [];
  let used = 0;
  for (const [k, label] of hints) {
    const len = k.length + 2 + label.length + 1;
    if (used + len > width) break;
    parts.push(<Text key={k} inverse>{` ${k} `}</Text>, <Text key={`${k}-l`}>{`${label} `}</Text>);
    used += len;
  }
  return <Text wrap="truncate">{parts}</Text>;
});
