// The key bar: the keys of the current mode, as many as fit the width (H lists them all).
import React, { memo } from 'react';
import { Text } from 'ink';
import type { Theme } from './theme.js';

export type KeyBarMode = 'menu' | 'edit' | 'search' | 'results' | 'pager' | 'why' | 'preview' | 'quit' | 'prompt' | 'pick';

const KEYS: Record<KeyBarMode, [string, string][]> = {
  menu: [['⏎', 'open/set'], ['␣', 'toggle'], ['/', 'search'], ['?', 'info'], ['w', 'why'], ['p', 'preview'], ['u', 'undo'],
    ['s', 'save'], ['q', 'quit'], ['z', 'all'], ['c', 'names'], ['o', 'load'], ['S', 'save as'], ['d', 'minimal'], ['U', 'redo'], ['H', 'keys']],
  edit: [['⏎', 'set'], ['Esc', 'cancel'], ['←→', 'move'], ['^U', 'clear']],
  search: [['↑↓', 'choose'], ['⏎', 'jump'], ['Tab', 'to results'], ['Esc', 'close']],
  results: [['⏎', 'jump'], ['␣ y n m', 'set'], ['?', 'info'], ['w', 'why'], ['p', 'preview'], ['z', 'hide hidden'], ['Tab', 'to query'], ['Esc', 'back']],
  pager: [['↑↓', 'scroll'], ['PgUp/PgDn', 'page'], ['Esc', 'close']],
  why: [['↑↓', 'move'], ['→/⏎', 'expand'], ['←', 'collapse'], ['e', 'expand all'], ['a', 'apply the way out'], ['y/n/m', 'target'], ['?', 'info'], ['Esc', 'close']],
  preview: [['↑↓ ⏎', 'choose'], ['a', 'apply'], ['Esc', 'cancel'], ['PgUp/PgDn', 'scroll']],
  quit: [['y', 'save+quit'], ['n', 'quit'], ['c/Esc', 'cancel'], ['↑↓ ⏎', 'choose']],
  prompt: [['⏎', 'ok'], ['Esc', 'cancel'], ['^U', 'clear']],
  pick: [['↑↓', 'choose'], ['⏎', 'load'], ['Esc', 'cancel']],
};

export const Footer = memo(function Footer({ mode, width, canBuild, canRun }: { mode: KeyBarMode; width: number; canBuild: boolean; canRun: boolean; theme: Theme }) {
  let keys = KEYS[mode];
  if (mode === 'menu') {
    const extra: [string, string][] = [];
    if (canBuild) extra.push(['b', 'build']);
    if (canRun) extra.push(['r', 'run']);
    keys = [...keys.slice(0, 9), ...extra, ...keys.slice(9)];
  }
  const parts: React.ReactNode[] = [];
  let used = 0;
  for (const [k, label] of keys) {
    const len = k.length + 2 + label.length + 1;
    if (used + len > width) break;
    parts.push(<Text key={k} inverse>{` ${k} `}</Text>, <Text key={`${k}-l`}>{`${label} `}</Text>);
    used += len;
  }
  return <Text wrap="truncate">{parts}</Text>;
});
