// Why (`w`): the reasons for a symbol's value as a tree the user expands (→/⏎) and collapses (←),
// each symbol mentioned expandable into its own reasons; below it the way out (the edits that give
// the other value), which `a` applies as one change after showing everything else it changes.
import React from 'react';
import { Box, Text } from 'ink';
import type { WhyController } from './controllers/why.js';
import type { MenuSession } from './session.js';
import { cut, lineColor } from './theme.js';

export function WhyView({ view: m, session, width, height }: { view: WhyController; session: MenuSession; width: number; height: number }) {
  const theme = session.theme;
  const rows = m.rows();
  const listH = m.listHeight;
  let info = '';
  try {
    const i = session.tree.info(m.name);
    info = `${m.name}${i.prompt ? ` — ${i.prompt}` : ''} = ${i.type === 'string' ? JSON.stringify(i.value) : i.value}`;
  } catch { info = m.name; }
  const out: React.ReactNode[] = [];
  for (let i = m.top; i < Math.min(rows.length, m.top + listH); i++) {
    const r = rows[i];
    const sel = i === m.cursor;
    const twisty = r.node.kids ? (r.open ? '▾ ' : '▸ ') : '  ';
    out.push(
      <Text key={r.key} inverse={sel} dimColor={!sel && r.node.tone === 'dim'} color={sel ? undefined : lineColor(r.node.tone, theme)} wrap="truncate">
        {cut(`${sel ? '>' : ' '} ${'   '.repeat(r.depth)}${twisty}${r.node.text}`, width)}
      </Text>,
    );
  }
  const plan = m.plan;
  const planLines: React.ReactNode[] = [];
  if (plan) {
    const target = `${m.name}=${plan.wanted}`;
    const head = plan.ok
      ? `Way out to ${target} (y/n/m: another target; a: see every change and apply): ${plan.steps.length ? '' : plan.summary}`
      : `No way out to ${target} (y/n/m: another target)`;
    planLines.push(<Text key="ph" bold color={plan.ok ? theme.c('ok') : theme.c('warn')} wrap="truncate">{cut(` ${head}`, width)}</Text>);
    const maxSteps = Math.min(4, plan.steps.length);
    plan.steps.slice(0, maxSteps).forEach((st, i) => {
      const act = st.value === 'n' ? `turn off ${st.name}` : st.value === 'y' ? `turn on ${st.name}` : `set ${st.name}=${st.value}`;
      planLines.push(<Text key={`p${i}`} wrap="truncate">{cut(`   ${i + 1}. ${act}   (now ${st.from}; ${st.why})`, width)}</Text>);
    });
    if (plan.steps.length > maxSteps) planLines.push(<Text key="pm" dimColor>{`   … ${plan.steps.length - maxSteps} more steps`}</Text>);
    if (!plan.ok) planLines.push(<Text key="pp" color={theme.c('warn')} wrap="truncate">{cut(`   ${plan.problem ?? plan.summary}`, width)}</Text>);
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <Text bold color={theme.c('accent')} wrap="truncate">{cut(` Why: ${info}`, width)}</Text>
      <Text wrap="truncate">{cut(`   ${m.summary}`, width)}</Text>
      {m.intro.map((l, i) => <Text key={`i${i}`} color={lineColor(l.tone, theme)} dimColor={l.tone === 'dim'} wrap="truncate">{cut(` ${l.text}`, width)}</Text>)}
      <Box flexDirection="column" height={listH} overflowY="hidden">{out}</Box>
      <Text dimColor wrap="truncate">{'─'.repeat(width)}</Text>
      {planLines}
    </Box>
  );
}
