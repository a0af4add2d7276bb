// Search (`/`): the query, live results (fuzzy over name, prompt, help and menu path), and the
// details of the highlighted result. Enter jumps to it in its menu.
import React from 'react';
import { Box, Text } from 'ink';
import type { MenuController } from './controller.js';
import { detailLines } from './details.js';
import { DetailsPane } from './DetailsPane.js';
import { MenuRow } from './MenuRow.js';
import { Rule } from './Rule.js';
import { TextInput } from './TextInput.js';

export function SearchView({ controller, width, height }: { controller: MenuController; width: number; height: number }) {
  const m = controller.mode;
  if (m.kind !== 'search') return null;
  const tree = controller.tree;
  const listH = controller.searchListHeight;
  const detailsH = Math.max(0, height - 2 - listH);
  const q = m.text.value.trim();
  const count = q ? `${m.hits.length}${m.hits.length >= 400 ? '+' : ''} result${m.hits.length === 1 ? '' : 's'}${m.done ? '' : ', searching…'}` : 'type a name, prompt or words from the help';
  const rows: React.ReactNode[] = [];
  for (let i = m.top; i < Math.min(m.hits.length, m.top + listH); i++) {
    const node = tree.nodeById(m.hits[i].id);
    const e = controller.entry(node);
    rows.push(<MenuRow key={node.id} text={e.text} dim={e.hidden} selected={i === m.cursor} width={width} />);
  }
  const sel = m.hits[m.cursor] ? tree.nodeById(m.hits[m.cursor].id) : null;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold color="cyan">{' Search: '}</Text>
        <TextInput state={m.text} />
        <Text dimColor>{`   ${count}`}</Text>
      </Text>
      <Box flexDirection="column" height={listH} overflow="hidden">{rows}</Box>
      <Rule width={width} label={sel ? (sel.symbol ?? sel.prompt ?? '') : undefined} />
      <DetailsPane lines={detailLines(tree, sel, detailsH)} width={width} height={detailsH} />
    </Box>
  );
}
