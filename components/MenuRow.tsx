// One entry of the menu list. Memoized: moving the highlight re-renders only the two rows involved.
import React, { memo } from 'react';
import { Text } from 'ink';
import { cut, fit } from './theme.js';

export interface MenuRowProps {
  text: string;
  selected: boolean;
  dim: boolean;
  width: number;
}

export const MenuRow = memo(function MenuRow({ text, selected, dim, width }: MenuRowProps) {
  // only the highlighted row is padded (for its bar): Ink's cost grows with the characters drawn
  const line = selected ? fit(`> ${text}`, width) : cut(`  ${text}`, width);
  return (
    <Text inverse={selected} dimColor={dim && !selected} wrap="truncate">
      {line}
    </Text>
  );
});
