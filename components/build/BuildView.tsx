// The build view: a progress bar (indefinite until the dry run alongside has counted the steps),
// elapsed time and an estimate, the current step (fetch steps in words), the full log (scrollable),
// and on failure the errors, the cause first, with make's exit code.
import React from 'react';
import { Box, Text } from 'ink';
import type { Key } from 'ink';
import { shellQuote, type BuildSession } from '../../src/build/build.js';
import type { BuildError } from '../../src/build/errors.js';
import { fetchAction } from '../../src/build/fetch.js';
import { formatDuration, type BuildProgress } from '../../src/build/progress.js';
import type { Panel } from '../panel.js';
import { clip, color, Notifier, Pane, Rule, scrollKey, type PaneLine } from './common.js';

export interface BuildViewProps {
  progress: BuildProgress;
  /** make's command line. */
  command: string;
  width: number;
  height: number;
  /** Log lines scrolled back from the end (0: follow). */
  scroll: number;
  /** A line above everything (e.g. "Building first: .config is newer than the image"). */
  header?: string;
  /** The key help at the bottom; default the build panel's. */
  keys?: string;
  /** After a build that changed the image: its size, largest libraries, what changed (src/size). */
  sizes?: string[];
}

/** The bar; with no fraction (total unknown) a block that moves with `tick`, or dots when it does not. */
export function progressBar(fraction: number | null, width: number, tick?: number): string {
  if (width < 3) return '';
  const inner = width - 2;
  if (fraction === null) {
    if (tick === undefined || inner < 6) return `[${'·'.repeat(inner)}]`;
    const block = 3;
    const span = inner - block;
    const at = tick % (2 * span);
    const pos = at <= span ? at : 2 * span - at; // back and forth
    return `[${'·'.repeat(pos)}${'█'.repeat(block)}${'·'.repeat(inner - block - pos)}]`;
  }
  const full = Math.round(fraction * inner);
  return `[${'█'.repeat(full)}${'░'.repeat(inner - full)}]`;
}

/** The line under the bar: what is happening or how it ended. */
export function statusLine(p: BuildProgress): PaneLine {
  switch (p.phase) {
    case 'idle':
      return { text: '▸ starting make…', dim: true };
    case 'building': {
      const c = p.current;
      if (!c) return { text: '▸ starting make…', dim: true };
      const action = fetchAction(c);
      const pct = c.tag === 'WGET' && p.downloaded !== null ? ` · ${p.downloaded}%` : '';
      return { text: action ? `▸ ${action} ${c.target}${pct}` : `▸ ${c.tag.padEnd(7)} ${c.target}` };
    }
    case 'succeeded':
      if (p.done === 0) return { text: `✓ up to date: make had nothing to do (${formatDuration(p.elapsed())})`, color: 'green', bold: true };
      return { text: `✓ built in ${formatDuration(p.elapsed())} (${p.done} step${p.done === 1 ? '' : 's'}${p.warnings ? `, ${p.warnings} warning${p.warnings === 1 ? '' : 's'}` : ''})`, color: 'green', bold: true };
    case 'cancelled':
      return { text: `■ cancelled after ${formatDuration(p.elapsed())}: make and its children were stopped`, color: 'yellow', bold: true };
    case 'failed': {
      const n = p.errors.length;
      return { text: `✗ build failed: ${p.message ?? `make exited with ${p.exitCode}`}${n ? ` · ${n} error${n === 1 ? '' : 's'}` : ''}`, color: 'red', bold: true };
    }
  }
}

function counts(p: BuildProgress): string {
  const f = p.fraction();
  const pct = f === null ? '' : ` ${Math.floor(f * 100)}%`;
  const total = p.total > 0 ? `${p.done}/${p.total}` : `${p.done} step${p.done === 1 ? '' : 's'}${p.counting && p.running ? ' (counting the total…)' : ''}`;
  const left = p.remaining();
  const eta = left !== null && p.running ? ` · ~${formatDuration(left)} left` : '';
  return ` ${total}${pct} · ${formatDuration(p.elapsed())}${eta}`;
}

export const BUILD_KEYS_RUNNING = 'Esc/Ctrl-C cancel · ↑↓ PgUp PgDn Home End scroll the log';
export const BUILD_KEYS_DONE = 'b build again · ↑↓ PgUp PgDn Home End scroll · Esc/q back to the menu';

export function BuildView({ progress: p, command, width, height, scroll, header, keys, sizes }: BuildViewProps) {
  const top: React.ReactNode[] = [];
  if (header) top.push(<Text key="h" color={color('cyan')} wrap="truncate">{clip(header, width)}</Text>);
  top.push(<Text key="cmd" dimColor wrap="truncate">{clip(`$ ${command}`, width)}</Text>);
  const tail = counts(p);
  const barWidth = Math.max(10, Math.min(50, width - 40)); // fixed: the counts after it change length
  const barColor = p.phase === 'failed' ? 'red' : p.phase === 'succeeded' ? 'green' : p.phase === 'cancelled' ? 'yellow' : 'cyan';
  top.push(
    <Text key="bar" wrap="truncate">
      <Text color={color(barColor)}>{progressBar(p.fraction(), barWidth, p.running ? Math.floor(p.elapsed() / 250) : undefined)}</Text>
      {clip(tail, Math.max(0, width - barWidth))}
    </Text>,
  );
  const st = statusLine(p);
  top.push(<Text key="st" wrap="truncate" color={st.color ? color(st.color) : undefined} bold={st.bold} dimColor={st.dim}>{clip(st.text, width)}</Text>);
  if (p.phase === 'succeeded') sizes?.forEach((l, i) => top.push(<Text key={`size${i}`} wrap="truncate">{clip(l, width)}</Text>));

  const bodyHeight = Math.max(0, height - top.length - 2); // rule + keys
  const errors = p.phase === 'failed' ? p.errorSummary() : [];
  const errorLines: PaneLine[] = errors.flatMap(errorPaneLines);
  const logLines: PaneLine[] = p.log.map((l) => ({
    text: l.text,
    color: /(^|: )(fatal )?error: /.test(l.text) ? 'red' : /: warning: /.test(l.text) ? 'yellow' : undefined,
    dim: l.stream === 'out' && /^make(\[\d+\])?: (Entering|Leaving) directory/.test(l.text),
  }));
  let body: React.ReactNode;
  if (errorLines.length && bodyHeight > 4) {
    // errors first: up to half of the space, then the end of the log
    const errH = Math.min(errorLines.length, Math.max(1, Math.floor((bodyHeight - 2) / 2)));
    const logH = bodyHeight - errH - 2;
    body = (
      <>
        <Rule width={width} label={`errors (${errors.length})`} />
        <Pane lines={errorLines.slice(0, errH)} width={width} height={errH} scroll={0} />
        <Rule width={width} label={`log (${p.log.length + p.dropped} lines)`} />
        <Pane lines={logLines} width={width} height={logH} scroll={scroll} />
      </>
    );
  } else {
    body = (
      <>
        <Rule width={width} label={`log (${p.log.length + p.dropped} lines)${scroll ? ` · ${scroll} from the end` : ''}`} />
        <Pane lines={logLines} width={width} height={Math.max(0, bodyHeight - 1)} scroll={scroll} />
      </>
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {top}
      {body}
      <Rule width={width} />
      <Text dimColor wrap="truncate">{clip(keys ?? (p.running ? BUILD_KEYS_RUNNING : BUILD_KEYS_DONE), width)}</Text>
    </Box>
  );
}

/** An error and the lines under it (where a missing archive is expected, how to fix it). */
function errorPaneLines(e: BuildError): PaneLine[] {
  return [{ text: e.text, color: 'red', bold: e.kind === 'fetch' }, ...(e.hint ?? []).map((h) => ({ text: `  ${h}` }))];
}

/** `cd DIR && make -jN ...`: what to type to run the same build by hand. */
export function buildCommandLine(s: BuildSession): string {
  return `cd ${shellQuote(s.invocation.cwd)} && ${s.commandLine}`;
}

export interface BuildPanelOptions {
  /** The image's name, for the title. */
  name: string;
  /** Creates (does not start) a build session for the current configuration; may throw (missing tool). */
  create: () => BuildSession;
}

/** The build panel for the menu's `b` key. */
export class BuildPanel implements Panel {
  title: string;
  closable = false;
  session: BuildSession | null = null;
  /** Why the build could not start (lines). */
  error: string[] | null = null;
  scroll = 0;
  private rows = 24;
  private unsub: (() => void) | null = null;
  private readonly notifier: Notifier;

  constructor(private readonly opts: BuildPanelOptions) {
    this.title = `Build ${opts.name}`;
    this.notifier = new Notifier(() => !!this.session?.running);
    this.start();
  }

  /** Starts a (new) build. */
  start(): void {
    this.unsub?.();
    this.session?.dispose();
    this.session = null;
    this.error = null;
    this.scroll = 0;
    try {
      this.session = this.opts.create();
    } catch (e) {
      const err = e as Error & { details?: string[] };
      this.error = [err.message, ...(err.details ?? [])];
      this.closable = true;
      this.notifier.notify();
      return;
    }
    this.closable = false;
    this.unsub = this.session.subscribe(() => {
      this.closable = !this.session?.running;
      this.notifier.notify();
    });
    void this.session.start().then(() => {
      this.closable = true;
      this.notifier.notify();
    });
    this.notifier.notify();
  }

  render({ columns, rows }: { columns: number; rows: number }): React.ReactNode {
    this.rows = rows;
    if (this.error) return <ErrorView lines={this.error} width={columns} height={rows} keys="b try again · Esc/q back to the menu" />;
    if (!this.session) return null;
    return <BuildView progress={this.session.progress} command={buildCommandLine(this.session)} width={columns} height={rows} scroll={this.scroll} sizes={this.session.sizeSummary} />;
  }

  onKey(input: string, key: Key): boolean {
    const s = this.session;
    if (s?.running) {
      if (key.escape || (key.ctrl && input === 'c') || input === 'x') { void s.cancel(); return true; }
    } else if (input === 'b') {
      this.start();
      return true;
    }
    if (s) {
      const n = scrollKey(key, input, this.scroll, s.progress.log.length, Math.max(1, this.rows - 7));
      if (n !== null) { this.scroll = n; this.notifier.notify(); return true; }
    }
    return false;
  }

  subscribe(fn: () => void): () => void {
    return this.notifier.subscribe(fn);
  }

  dispose(): void {
    this.unsub?.();
    void this.session?.cancel();
    this.session?.dispose();
    this.notifier.dispose();
  }
}

export function ErrorView({ lines, width, height, keys }: { lines: string[]; width: number; height: number; keys: string }) {
  const body: PaneLine[] = lines.map((l, i) => (i === 0 ? { text: `✗ ${l}`, color: 'red', bold: true } : { text: `  ${l}` }));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Pane lines={body} width={width} height={Math.max(0, height - 2)} scroll={0} />
      <Rule width={width} />
      <Text dimColor wrap="truncate">{clip(keys, width)}</Text>
    </Box>
  );
}
