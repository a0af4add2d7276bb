// Pick lists (quit and preview dialogs, recent configuration files) with ink-select-input, drawn
// with the theme: the highlighted item inverse, so it is clear without colour.
import React from 'react';
import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import type { Theme } from './theme.js';
import { cut } from './theme.js';

export interface Choice { label: string; value: string }

export function Choices({ items, onSelect, theme, width, limit, initialIndex }: {
  items: readonly Choice[];
  onSelect: (value: string) => void;
  theme: Theme;
  width: number;
  limit?: number;
  initialIndex?: number;
}) {
  const Indicator = ({ isSelected = false }: { isSelected?: boolean }) => (
    <Box marginRight={1}><Text color={isSelected ? theme.c('accent') : undefined}>{isSelected ? '›' : ' '}</Text></Box>
  );
  const Item = ({ isSelected = false, label }: { isSelected?: boolean; label: string }) => (
    <Text inverse={isSelected} wrap="truncate">{cut(` ${label} `, Math.max(4, width - 4))}</Text>
  );
  return (
    <SelectInput
      items={items.map((i) => ({ key: i.value || '(other)', label: i.label, value: i.value }))}
      onSelect={(item) => onSelect(item.value)}
      indicatorComponent={Indicator}
      itemComponent={Item}
      limit={limit}
      initialIndex={initialIndex}
    />
  );
}
