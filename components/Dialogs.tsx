// The quit dialog ("save changes? yes / no / cancel" with the list of what changed), the change
// preview (every value an edit would change, then Apply / Cancel), the load pick list and the
// one-line file prompts (save as, minimal config, load).
import React from 'react';
import { Box, Text } from 'ink';
import { Choices } from './Choices.js';
import type { PickController } from './controllers/pick.js';
import { PREVIEW_CHOICES, type PreviewController } from './controllers/preview.js';
import type { PromptController } from './controllers/prompt.js';
import { QUIT_CHOICES, type QuitController } from './controllers/quit.js';
import type { Change, MenuSession } from './session.js';
import { TextInput } from './TextInput.js';
import { cut, type Theme } from './theme.js';

function ChangeList({ changes, top, height, width, theme }: { changes: Change[]; top: number; height: number; width: number; theme: Theme }) {
  const shown = changes.slice(top, top + height);
  const nameW = Math.min(40, Math.max(8, ...shown.map((c) => c.name.length)));
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      {shown.map((c) => (
        <Text key={c.name} wrap="truncate">
          {cut(`   ${c.name.padEnd(nameW)}  `, width)}
          <Text dimColor>{c.from}</Text>
          {' → '}
          <Text bold color={theme.c('changed')}>{c.to}</Text>
        </Text>
      ))}
      {changes.length > top + height ? <Text dimColor>{`   … ${changes.length - top - height} more (PgDn)`}</Text> : null}
    </Box>
  );
}

export function QuitDialog({ view: m, session, onChoose, width, height }: { view: QuitController; session: MenuSession; onChoose: (v: string) => void; width: number; height: number }) {
  const theme = session.theme;
  const n = m.changes.length;
  const listH = Math.max(1, height - 7);
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <Text bold color={theme.c('warn')} wrap="truncate">{cut(` Save changes to ${session.configPath}?`, width)}</Text>
      <Text wrap="truncate">{cut(n ? ` ${n} value${n === 1 ? '' : 's'} changed since the file was read or saved:` : (session.isNewFile ? ' The file does not exist yet: saving writes it.' : ' No value changed, but saving rewrites the file as conf would (new options, or values that do not hold).'), width)}</Text>
      <ChangeList changes={m.changes} top={m.top} height={listH} width={width} theme={theme} />
      <Text> </Text>
      <Choices items={QUIT_CHOICES} onSelect={onChoose} theme={theme} width={width} />
    </Box>
  );
}

export function PreviewDialog({ view: m, theme, onChoose, width, height }: { view: PreviewController; theme: Theme; onChoose: (v: string) => void; width: number; height: number }) {
  const edits = m.edits.map((e) => `${e.node ? e.node.prompt ?? 'choice' : e.name}=${e.value}`).join(', ');
  const listH = Math.max(1, height - 7);
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <Text bold color={theme.c('accent')} wrap="truncate">{cut(` ${m.title}`, width)}</Text>
      <Text wrap="truncate">{cut(` Edits: ${edits}`, width)}</Text>
      {m.error
        ? <Text color={theme.c('bad')} bold wrap="truncate">{cut(` ✗ Not possible now: ${m.error}`, width)}</Text>
        : <Text wrap="truncate">{cut(` Every value that would change (${m.changes.length}):`, width)}</Text>}
      {m.notes.map((note) => <Text key={note} color={theme.c('warn')} wrap="truncate">{cut(` ! ${note}`, width)}</Text>)}
      {m.error ? <Box height={listH} /> : <ChangeList changes={m.changes} top={m.top} height={Math.max(1, listH - m.notes.length)} width={width} theme={theme} />}
      <Text> </Text>
      <Choices items={m.error ? PREVIEW_CHOICES.slice(1) : PREVIEW_CHOICES} onSelect={onChoose} theme={theme} width={width} />
    </Box>
  );
}

/** The load list: drawn like the other pick lists, its cursor owned by the PickController (Home/End work). */
export function PickDialog({ view: m, theme, width, height }: { view: PickController; theme: Theme; width: number; height: number }) {
  const limit = Math.min(m.limit, Math.max(3, height - 3));
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <Text bold color={theme.c('accent')}>{' Load a configuration'}</Text>
      <Text dimColor>{' Values not saved are replaced by the loaded ones (u undoes nothing across a load).'}</Text>
      {m.items.slice(m.top, m.top + limit).map((item, k) => {
        const selected = m.top + k === m.cursor;
        return (
          <Box key={item.value || '(other)'}>
            <Box marginRight={1}><Text color={selected ? theme.c('accent') : undefined}>{selected ? '›' : ' '}</Text></Box>
            <Text inverse={selected} wrap="truncate">{cut(` ${item.label} `, Math.max(4, width - 4))}</Text>
          </Box>
        );
      })}
    </Box>
  );
}

const PROMPTS = {
  saveAs: 'Save a copy of the configuration to:',
  saveMin: 'Save the minimal configuration (savedefconfig) to:',
  load: 'Load the configuration from:',
} as const;

export function PromptLine({ view: m, theme, width }: { view: PromptController; theme: Theme; width: number }) {
  return (
    <Text wrap="truncate">
      <Text bold>{` ${PROMPTS[m.purpose]} `}</Text>
      <TextInput state={m.text} />
      {m.error ? <Text color={theme.c('bad')} bold>{cut(`  ✗ ${m.error}`, Math.max(0, width - PROMPTS[m.purpose].length - m.text.value.length - 4))}</Text> : null}
    </Text>
  );
}
