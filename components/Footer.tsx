// The key hints for the current mode.
import React, { memo } from 'react';
import { Text } from 'ink';
import { fit } from './theme.js';

export type FooterMode = 'menu' | 'edit' | 'search' | 'pager' | 'quit' | 'load';

const HINTS: Record<Exclude<FooterMode, 'menu'>, string> = {
  edit: '⏎ set  Esc cancel  ←→ move  ^U clear',
  search: 'type to search  ↑↓ choose  ⏎ jump  Tab why  Esc close',
  pager: '↑↓ PgUp/PgDn scroll  Esc/q close',
  quit: 's save  d discard  c/Esc cancel  ←→ ⏎ choose',
  load: '⏎ load  Esc cancel',
};

export const Footer = memo(function Footer({ mode, width, canBuild, canRun }: { mode: FooterMode; width: number; canBuild: boolean; canRun: boolean }) {
  if (mode !== 'menu') return <Text inverse wrap="truncate">{fit(` ${HINTS[mode]}`, width)}</Text>;
  const text = ` ⏎/␣ select  y/n/m  ← back  / search  ? help  w why  S save  L load${canBuild ? '  b build' : ''}${canRun ? '  r run' : ''}  q quit`;
  return <Text inverse wrap="truncate">{fit(text, width)}</Text>;
});
