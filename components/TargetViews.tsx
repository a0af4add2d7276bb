// The views of the `t` and `W` panels (components/controllers/target.ts): the target list and the
// write-back's choice (this target / every target) with ink-select-input, and the Kraftfile diff.
import React from 'react';
import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { cut } from './theme.js';
import type { TargetPicker, WriteBackPanel, WriteBackScope } from './controllers/target.js';

const Indicator = ({ isSelected = false }: { isSelected?: boolean }) => <Box marginRight={1}><Text>{isSelected ? '›' : ' '}</Text></Box>;

function itemOf(width: number) {
  return ({ isSelected = false, label }: { isSelected?: boolean; label: string }) => <Text inverse={isSelected} wrap="truncate">{cut(` ${label} `, Math.max(4, width - 4))}</Text>;
}

export function TargetPickerView({ picker, width, height }: { picker: TargetPicker; width: number; height: number }) {
  const idw = Math.max(...picker.items.map((i) => i.id.length));
  const items = picker.items.map((i) => ({ key: i.id, value: i.id, label: `${i.current ? '*' : ' '} ${i.id.padEnd(idw)}  ${i.detail}` }));
  const current = Math.max(0, picker.items.findIndex((i) => i.current));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate">{cut(' Each target has a configuration file of its own; * is the one open now.', width)}</Text>
      <Text> </Text>
      <SelectInput items={items} initialIndex={current} limit={Math.max(1, height - 4)} onSelect={(i) => picker.choose(i.value)}
        indicatorComponent={Indicator} itemComponent={itemOf(width)} />
      <Text> </Text>
      <Text dimColor wrap="truncate">{cut(' ↑↓ choose  ⏎ open it (the menu reopens on its configuration)  Esc back', width)}</Text>
    </Box>
  );
}

const SCOPES: { label: string; value: WriteBackScope }[] = [
  { label: "Write it into this target's kconfig", value: 'target' },
  { label: 'Write it into unikraft.kconfig (every target)', value: 'all' },
];

export function WriteBackView({ panel, width, height }: { panel: WriteBackPanel; width: number; height: number }) {
  const d = panel.diff();
  const lines = d instanceof Error ? [`Cannot write back: ${d.message}`] : d === '' ? ['The Kraftfile already gives this configuration: nothing to write.'] : d.trimEnd().split('\n');
  const room = Math.max(1, height - 6 - (panel.state === 'ready' ? 0 : panel.message.length));
  const shown = lines.slice(Math.min(panel.top, Math.max(0, lines.length - room)), Math.min(panel.top, Math.max(0, lines.length - room)) + room);
  const tone = (l: string) => (l.startsWith('+') && !l.startsWith('+++') ? 'green' : l.startsWith('-') && !l.startsWith('---') ? 'red' : undefined);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((l, i) => <Text key={i} color={tone(l)} wrap="truncate">{cut(l, width)}</Text>)}
      <Text> </Text>
      {panel.state === 'ready' && !(d instanceof Error) && d !== '' ? (
        <SelectInput items={SCOPES} initialIndex={SCOPES.findIndex((s) => s.value === panel.scope)} onHighlight={(i) => panel.highlight(i.value)}
          onSelect={(i) => panel.choose(i.value)} indicatorComponent={Indicator} itemComponent={itemOf(width)} />
      ) : null}
      {panel.state === 'writing' ? <Text>Writing the Kraftfile and checking it gives this configuration…</Text> : null}
      {panel.message.map((m, i) => <Text key={`m${i}`} wrap="truncate">{cut(m, width)}</Text>)}
      <Text dimColor wrap="truncate">{cut(panel.state === 'ready' ? ' ↑↓ this target / every target (the diff follows)  ⏎ write  PgUp/PgDn scroll  Esc back' : ' Esc back to the menu', width)}</Text>
    </Box>
  );
}
