// The run view: the boot plan first (root filesystem, arguments, network, memory, platform; each
// part editable, remembered per app), then the exact VMM command (copyable), KVM or emulation, the
// guest's serial console (keys go to the guest), the exit status and run time; the build view first
// when the image is stale.
import React from 'react';
import { Box, Text } from 'ink';
import type { Key } from 'ink';
import { formatDuration } from '../../src/build/progress.js';
import type { RunFlow } from '../../src/run/flow.js';
import { PLAN_FIELDS, type PlanField } from '../../src/run/plan-fields.js';
import { planLines } from '../../src/run/plan.js';
import { choicesFromPrefs, prefsFromChoices, type RunPrefStore } from '../../src/run/prefs.js';
import type { RunSession } from '../../src/run/run.js';
import type { Panel } from '../panel.js';
import { BuildView, ErrorView, buildCommandLine } from './BuildView.js';
import { clip, color, keyBytes, Notifier, Pane, Rule, scrollKey, wrapHard, type PaneLine } from './common.js';

export interface RunViewProps {
  session: RunSession;
  notes: string[];
  width: number;
  height: number;
  scroll: number;
  /** Offer to turn LIBUKRANDOM off (the guest could not seed it). */
  offerFix: boolean;
  /** A short message (e.g. "copied"). */
  flash?: string | null;
}

export const RUN_KEYS_RUNNING = 'keys go to the guest · Ctrl-C/Esc stop the VM · PgUp PgDn scroll';
export const RUN_KEYS_DONE = 'r run again · e edit the plan · a kernel arguments · c copy the command · PgUp PgDn scroll · Esc/q back to the menu';

export function verdictLine(s: RunSession): PaneLine {
  const took = formatDuration(s.elapsed());
  if (s.running || !s.verdict) {
    return { text: `● running · ${took} · ${s.config.arch} · ${s.accel.kvm ? 'KVM' : 'emulation'} · ${s.command.args[s.command.args.indexOf('-m') + 1] ?? ''}`, color: 'cyan' };
  }
  const v = s.verdict;
  const mark = v.outcome === 'success' ? '✓' : v.outcome === 'stopped' || v.outcome === 'timeout' ? '■' : '✗';
  const c = v.outcome === 'success' ? 'green' : v.outcome === 'stopped' || v.outcome === 'timeout' ? 'yellow' : 'red';
  return { text: `${mark} ${v.text} · ran ${took}`, color: c, bold: true };
}

export function RunView({ session: s, notes, width, height, scroll, offerFix, flash }: RunViewProps) {
  const top: React.ReactNode[] = [];
  const cmd = wrapHard(`$ ${s.commandLine}`, width, 3);
  cmd.forEach((l, i) => top.push(<Text key={`c${i}`} dimColor wrap="truncate">{l}</Text>));
  for (const [i, n] of notes.entries()) {
    top.push(<Text key={`n${i}`} color={color(i === 0 ? 'cyan' : 'yellow')} wrap="truncate">{clip(i === 0 ? n : `! ${n}`, width)}</Text>);
  }
  const v = verdictLine(s);
  top.push(<Text key="v" wrap="truncate" color={v.color ? color(v.color) : undefined} bold={v.bold}>{clip(v.text, width)}</Text>);
  if (s.boot && !s.running) top.push(<Text key="boot" wrap="truncate">{clip(s.boot.line, width)}</Text>);
  if (offerFix) {
    top.push(
      <Text key="fix" color={color('yellow')} wrap="truncate">
        {clip('libukrandom cannot seed itself here (no RDSEED under emulation): press u to turn LIBUKRANDOM off and boot again', width)}
      </Text>,
    );
  }
  const lines: PaneLine[] = s.screen.all().map((text) => ({
    text,
    color: /^(CRIT|ERR)[:\s]|Could not initialize the HWRNG|^qemu-system-\w+: /.test(text) ? 'red' : /^Warn[:\s]/.test(text) ? 'yellow' : undefined,
  }));
  const bodyHeight = Math.max(0, height - top.length - 3);
  const keys = s.running ? RUN_KEYS_RUNNING : RUN_KEYS_DONE + (offerFix ? ' · u fix and boot again' : '');
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {top}
      <Rule width={width} label={`console${scroll ? ` · ${scroll} lines from the end` : ''}`} />
      <Pane lines={lines} width={width} height={bodyHeight} scroll={scroll} />
      <Rule width={width} />
      <Text dimColor={!flash} color={flash ? color('green') : undefined} wrap="truncate">{clip(flash ?? keys, width)}</Text>
    </Box>
  );
}

/** Copies text through the terminal (OSC 52), which most terminals (and tmux with set-clipboard) honour. */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}

export interface RunPanelOptions {
  /** The image's name and architecture, for the title. */
  title: string;
  flow: RunFlow;
  /** Writes to the terminal for the clipboard (default: process.stdout). */
  copy?: (text: string) => void;
  /** Open on the boot plan (Enter boots) instead of booting at once. */
  planFirst?: boolean;
  /** Where the choices are remembered, per application (default: not remembered). */
  prefs?: RunPrefStore;
  /** The application folder (the key of the remembered choices; relative paths start there). */
  appDir?: string;
}

export const PLAN_KEYS = 'Enter boot · a kernel arguments · f root filesystem · p ports · n network · m memory';

/** The boot plan before booting: what will be passed and run, or why it cannot. */
export function PlanView({ flow, width, height, flash }: { flow: RunFlow; width: number; height: number; flash?: string | null }) {
  const body: PaneLine[] = flow.plan
    ? planLines(flow.plan).map((text) => ({ text, color: /^(missing|note):/.test(text) ? 'yellow' : undefined }))
    : flow.planError
      ? flow.planError.map((l, i) => (i === 0 ? { text: `✗ ${l}`, color: 'red', bold: true } : { text: `  ${l}` }))
      : [{ text: 'working out the plan…' }];
  const plats = flow.plan?.notes.some((n) => n.includes('--plat')) || flow.choices.plat;
  const keys = `${PLAN_KEYS}${plats ? ' · P platform' : ''} · Esc/q back to the menu`;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold wrap="truncate">{clip('Boot plan', width)}</Text>
      <Pane lines={body} width={width} height={Math.max(0, height - 3)} scroll={0} />
      <Rule width={width} />
      <Text dimColor={!flash} color={flash ? color('red') : undefined} wrap="truncate">{clip(flash ?? keys, width)}</Text>
    </Box>
  );
}

interface Editing {
  field: PlanField;
  text: string;
  /** Back to the plan after Enter (else: boot at once). */
  toPlan: boolean;
  error?: string;
}

/** The run panel for the menu's `r` key. */
export class RunPanel implements Panel {
  title: string;
  closable = false;
  scroll = 0;
  flash: string | null = null;
  /** A part of the plan being edited, while open. */
  editing: Editing | null = null;
  /** The plan is shown (before booting). */
  planning = false;
  private rows = 24;
  private readonly flow: RunFlow;
  private readonly notifier: Notifier;
  private readonly unsub: () => void;
  private flashTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: RunPanelOptions) {
    this.title = opts.title;
    this.flow = opts.flow;
    if (opts.prefs && opts.appDir) this.flow.choices = choicesFromPrefs(opts.prefs.get(opts.appDir));
    this.notifier = new Notifier(() => this.flow.busy);
    this.unsub = this.flow.subscribe(() => {
      this.closable = !this.flow.busy;
      this.notifier.notify();
    });
    if (opts.planFirst) this.showPlan();
    else this.start();
  }

  private showPlan(): void {
    this.planning = true;
    this.closable = !this.flow.busy;
    void this.flow.preview();
    this.notifier.notify();
  }

  private remember(): void {
    if (this.opts.prefs && this.opts.appDir) this.opts.prefs.set(this.opts.appDir, prefsFromChoices(this.flow.choices));
  }

  private start(): void {
    this.planning = false;
    this.scroll = 0;
    this.closable = false;
    void this.flow.start().then(() => {
      this.closable = !this.flow.busy;
      this.notifier.notify();
    });
    this.closable = !this.flow.busy;
    this.notifier.notify();
  }

  render({ columns, rows }: { columns: number; rows: number }): React.ReactNode {
    this.rows = rows;
    const f = this.flow;
    if (this.editing !== null) {
      const e = this.editing;
      return (
        <Box flexDirection="column" width={columns} height={rows} overflow="hidden">
          <Text wrap="truncate">{clip(`${e.field.label} (${e.field.hint}):`, columns)}</Text>
          <Text wrap="truncate" color={color('cyan')}>{clip(`> ${e.text}█`, columns)}</Text>
          {e.error ? <Text wrap="truncate" color={color('red')}>{clip(`✗ ${e.error}`, columns)}</Text> : null}
          <Box flexGrow={1} />
          <Rule width={columns} />
          <Text dimColor wrap="truncate">{clip(`Enter ${e.toPlan ? 'use it' : 'boot with it'} · Esc cancel · Ctrl-U clear`, columns)}</Text>
        </Box>
      );
    }
    if (this.planning) return <PlanView flow={f} width={columns} height={rows} flash={this.flash} />;
    if (f.stage === 'error' && f.error) {
      return <ErrorView lines={f.error} width={columns} height={rows} keys="r try again · e edit the plan · Esc/q back to the menu" />;
    }
    if (f.stage === 'build' && f.build) {
      const p = f.build.progress;
      const keys = p.running ? 'Esc/Ctrl-C cancel · PgUp PgDn scroll the log' : 'r build and run again · PgUp PgDn scroll · Esc/q back to the menu';
      return <BuildView progress={p} command={buildCommandLine(f.build)} width={columns} height={rows} scroll={this.scroll}
        header={`Building first: ${f.buildReason ?? ''}`} keys={keys} />;
    }
    if (f.stage === 'boot' && f.run) {
      return <RunView session={f.run} notes={f.notes} width={columns} height={rows} scroll={this.scroll} offerFix={f.canFixHwrng} flash={this.flash} />;
    }
    return <Text dimColor>starting…</Text>;
  }

  private setFlash(text: string): void {
    this.flash = text;
    if (this.flashTimer) clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => { this.flash = null; this.notifier.notify(); }, 2500);
    this.flashTimer.unref?.();
  }

  private edit(field: PlanField, toPlan: boolean): void {
    this.editing = { field, text: field.text(this.flow.choices), toPlan };
    this.notifier.notify();
  }

  private editKey(input: string, key: Key): boolean {
    const e = this.editing!;
    if (key.escape) this.editing = null;
    else if (key.return) {
      try {
        this.flow.choices = e.field.apply(this.flow.choices, e.text, this.opts.appDir ?? process.cwd());
      } catch (err) {
        e.error = err instanceof Error ? err.message : String(err);
        this.notifier.notify();
        return true;
      }
      this.editing = null;
      this.remember();
      if (e.toPlan) this.showPlan();
      else this.start();
      return true;
    } else if (key.backspace || key.delete) e.text = e.text.slice(0, -1);
    else if (key.ctrl && input === 'u') e.text = '';
    else if (!key.ctrl && !key.meta && input && !/[\x00-\x1f]/.test(input)) e.text += input;
    this.notifier.notify();
    return true;
  }

  private planKey(input: string, key: Key): boolean {
    if (key.return) { this.remember(); this.start(); return true; }
    const field = PLAN_FIELDS.find((x) => x.key === input);
    if (field) { this.edit(field, true); return true; }
    if (input === 'P') {
      const plats: Array<'kvm' | 'xen'> = ['kvm', 'xen'];
      const cur = this.flow.plan?.plat ?? this.flow.choices.plat ?? 'kvm';
      this.flow.choices = { ...this.flow.choices, plat: plats[(plats.indexOf(cur) + 1) % 2] };
      this.remember();
      this.showPlan();
      return true;
    }
    return false;
  }

  onKey(input: string, key: Key): boolean {
    if (this.editing !== null) return this.editKey(input, key);
    if (this.planning) return this.planKey(input, key);
    const f = this.flow;
    const total = f.stage === 'boot' && f.run ? f.run.screen.all().length : f.build?.progress.log.length ?? 0;
    const scrolled = scrollKey(key, input, this.scroll, total, Math.max(1, this.rows - 8));
    if (f.busy) {
      if ((key.ctrl && input === 'c') || key.escape) { void f.stop(); return true; }
      if (scrolled !== null && (key.pageUp || key.pageDown || (f.stage === 'build'))) { this.scroll = scrolled; this.notifier.notify(); return true; }
      if (f.stage === 'boot' && f.run) { f.run.send(keyBytes(input, key)); return true; }
      return true; // nothing else while building
    }
    if (input === 'r') { this.start(); return true; }
    if (input === 'e') { this.showPlan(); return true; }
    if (input === 'a') { this.edit(PLAN_FIELDS[0], false); return true; }
    if (input === 'u' && f.canFixHwrng) { this.scroll = 0; void f.fixHwrng(); return true; }
    if (input === 'c' && f.run) {
      (this.opts.copy ?? ((t) => process.stdout.write(osc52(t))))(f.run.commandLine);
      this.setFlash('copied the QEMU command to the clipboard (OSC 52); it is also shown in full above');
      this.notifier.notify();
      return true;
    }
    if (scrolled !== null) { this.scroll = scrolled; this.notifier.notify(); return true; }
    return false;
  }

  subscribe(fn: () => void): () => void {
    return this.notifier.subscribe(fn);
  }

  dispose(): void {
    this.unsub();
    if (this.flashTimer) clearTimeout(this.flashTimer);
    this.flow.dispose();
    this.notifier.dispose();
  }
}
