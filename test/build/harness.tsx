// Renders a Panel (components/panel.ts) with ink-testing-library the way the menu shows it: its
// render() at a fixed size, re-rendered when it notifies, keys routed to onKey().
import React, { useEffect, useReducer } from 'react';
import { Box, useInput } from 'ink';
import { render } from 'ink-testing-library';
import type { Panel } from '../../components/panel.js';
import { tick } from './fake.js';

function Host({ panel, width, height }: { panel: Panel; width: number; height: number }) {
  const [, bump] = useReducer((x: number) => x + 1, 0);
  useEffect(() => panel.subscribe(bump), [panel]);
  useInput((input, key) => { if (panel.onKey(input, key)) bump(); });
  return <Box flexDirection="column" width={width} height={height}>{panel.render({ columns: width, rows: height })}</Box>;
}

export const KEYS = { esc: '\x1b', ctrlC: '\x03', enter: '\r', up: '\x1b[A', pageUp: '\x1b[5~', pageDown: '\x1b[6~' } as const;

export function renderPanel(panel: Panel, width = 100, height = 30) {
  const r = render(<Host panel={panel} width={width} height={height} />);
  return {
    frame: () => r.lastFrame() ?? '',
    async press(...keys: string[]) {
      for (const k of keys) {
        r.stdin.write(k);
        await tick(k === KEYS.esc ? 30 : 5);
      }
    },
    /** Waits until the frame matches (Ink renders asynchronously). */
    async waitFor(re: RegExp | string, ms = 3000) {
      const end = Date.now() + ms;
      for (;;) {
        const f = r.lastFrame() ?? '';
        if (typeof re === 'string' ? f.includes(re) : re.test(f)) return f;
        if (Date.now() > end) throw new Error(`frame never matched ${re}:\n${f}`);
        await tick(10);
      }
    },
    unmount: () => r.unmount(),
  };
}
