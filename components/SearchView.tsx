// Search (`/`): the query, live results (fuzzy over name, prompt, help and menu path) with the
// matched characters highlighted, each with its value, type and menu path; entries hidden in the
// menu are marked (or left out, z). With an empty query, the last searches. Below, the details of
// the highlighted result.
import React, { memo } from 'react';
import { Box, Text } from 'ink';
import type { KconfigTree, MenuNode } from '../kconfig/api.js';
import type { SearchController } from './controllers/search.js';
import { detailLines } from './details.js';
import { DetailsPane } from './DetailsPane.js';
import { matchRanges, queryWords, splitByRanges, type Range } from './highlight.js';
import type { MatchRange } from '../src/search/index.js';
import { Rule } from './Rule.js';
import type { MenuSession } from './session.js';
import { entryMark } from './rows.js';
import { TextInput } from './TextInput.js';
import { cut, type Theme } from './theme.js';

interface ResultPiece { text: string; kind: 'mark' | 'prompt' | 'name' | 'type' | 'path' | 'hidden' | 'gap'; hl: boolean }

export type FieldMatches = Partial<Record<'name' | 'prompt' | 'path' | 'help', MatchRange[]>>;

/** The search's inclusive [start, end] ranges as half-open ranges. */
const halfOpen = (rs: MatchRange[] | undefined): Range[] | null => (rs && rs.length ? rs.map(([s, e]) => [s, e + 1] as const) : null);

/**
 * The pieces of one result line (exported for tests). The matched characters come from the search
 * (`matches`, per field); where it gives none for a field, from the query's words.
 */
export function resultPieces(tree: KconfigTree, node: MenuNode, words: readonly string[], matches: FieldMatches = {}): ResultPiece[] {
  const hidden = !tree.isVisible(node);
  const out: ResultPiece[] = [];
  const add = (text: string, kind: ResultPiece['kind'], field: 'name' | 'prompt' | 'path' | null) => {
    if (!field) { out.push({ text, kind, hl: false }); return; }
    const ranges = halfOpen(matches[field]) ?? matchRanges(text, words);
    for (const p of splitByRanges(text, ranges)) out.push({ text: p.text, kind, hl: p.match });
  };
  add(`${entryMark(tree, node)} `, 'mark', null);
  if (node.prompt !== null) add(node.prompt, 'prompt', 'prompt');
  else add('(no prompt)', 'prompt', null);
  let type: string = node.kind;
  if (node.symbol && node.kind !== 'choice') {
    add('  ', 'gap', null);
    add(node.symbol, 'name', 'name');
    type = tree.info(node.symbol).type;
  } else if (node.kind === 'choice') {
    const sel = tree.nodeValue(node);
    add(` (${sel ?? 'none'})`, 'gap', null);
  }
  add(`  ${type}`, 'type', null);
  if (hidden) add('  hidden', 'hidden', null);
  add('   · ', 'gap', null);
  // the search indexes the path joined with ' > '; ' › ' has the same length
  if (node.path.length) add(node.path.join(' › '), 'path', 'path');
  else add('(main menu)', 'path', null);
  return out;
}

const ResultRow = memo(function ResultRow({ pieces, selected, hidden, width, theme }: { pieces: ResultPiece[]; selected: boolean; hidden: boolean; width: number; theme: Theme }) {
  let room = width - 2;
  const out: React.ReactNode[] = [];
  pieces.forEach((p, i) => {
    if (room <= 0) return;
    const t = p.text.length > room ? p.text.slice(0, Math.max(0, room - 1)) + '…' : p.text;
    room -= t.length;
    const color = p.hl ? theme.c('match') : p.kind === 'name' ? theme.c('name') : p.kind === 'hidden' ? theme.c('warn') : undefined;
    out.push(
      <Text key={i} color={selected ? undefined : color} bold={p.hl} underline={p.hl && !theme.color} dimColor={!selected && (p.kind === 'type' || p.kind === 'path') && !p.hl}>
        {t}
      </Text>,
    );
  });
  if (selected && room > 0) out.push(<Text key="pad">{' '.repeat(room)}</Text>);
  return (
    <Text inverse={selected} dimColor={hidden && !selected} wrap="truncate">
      {selected ? '> ' : '  '}
      {out}
    </Text>
  );
});

export function SearchView({ view: m, session, width, height }: { view: SearchController; session: MenuSession; width: number; height: number }) {
  const tree = session.tree;
  const theme = session.theme;
  const listH = m.listHeight;
  const detailsH = Math.max(0, height - 2 - listH);
  const q = m.text.value.trim();
  const words = queryWords(q);
  const hits = q ? m.visibleHits() : [];
  const hideNote = session.p.searchHideInvisible ? ', hidden entries left out' : '';
  const count = q
    ? `${hits.length < m.hits.length || m.total <= m.hits.length ? hits.length : `${hits.length} of ${m.total}`} result${hits.length === 1 ? '' : 's'}${hideNote}`
    : 'type a name, prompt, words from the help or a menu';
  const rows: React.ReactNode[] = [];
  let sel: MenuNode | null = null;
  if (q) {
    for (let i = m.top; i < Math.min(hits.length, m.top + listH); i++) {
      const node = tree.nodeById(hits[i].id);
      rows.push(<ResultRow key={node.id} pieces={resultPieces(tree, node, words, hits[i].matches)} selected={i === m.cursor} hidden={!tree.isVisible(node)} width={width} theme={theme} />);
    }
    sel = hits[m.cursor] ? tree.nodeById(hits[m.cursor].id) : null;
    if (!hits.length && m.done) rows.push(<Text key="none" dimColor>{'  no match'}</Text>);
  } else {
    const recent = m.recentSearches();
    if (recent.length) rows.push(<Text key="h" dimColor>{'  Recent searches (⏎ repeats one):'}</Text>);
    recent.slice(0, listH - 1).forEach((s, i) => {
      rows.push(<Text key={`r${i}`} inverse={i === m.cursor} wrap="truncate">{cut(`${i === m.cursor ? '> ' : '  '}${s}`, width)}</Text>);
    });
  }
  const focusNote = m.focus === 'results' ? '  [results: ␣ y n m set, ? info, w why, z hidden, Tab back to typing]' : '';
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <Text wrap="truncate">
        <Text bold color={theme.c('accent')}>{' Search: '}</Text>
        {m.focus === 'query' ? <TextInput state={m.text} /> : <Text underline>{m.text.value}</Text>}
        <Text dimColor>{`   ${count}${focusNote}`}</Text>
      </Text>
      <Box flexDirection="column" height={listH} overflowY="hidden">{rows}</Box>
      <Rule width={width} label={sel ? (sel.symbol ?? sel.prompt ?? '') : undefined} />
      <DetailsPane lines={detailLines(tree, sel, detailsH)} width={width} height={detailsH} theme={theme} />
    </Box>
  );
}
