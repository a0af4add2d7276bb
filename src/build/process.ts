// Child processes in a process group of their own (make with its compilers, QEMU): streamed output,
// input, and a stop that ends every process of the group, not just the direct child.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { execa } from 'execa';

export type OutputStream = 'out' | 'err';

export interface ProcessResult {
  exitCode: number | null;
  signal: string | null;
  /** The program could not be started (ENOENT, EACCES, ...). */
  spawnError?: string;
  /** The stop() that ended it (SIGTERM, then SIGKILL when needed). */
  stopped: boolean;
}

export interface SpawnOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** 'pipe' to write() to the process; default 'ignore'. */
  stdin?: 'pipe' | 'ignore';
  /** A nice value for the process (and what it starts later): lower priority than ukmenu's other work. */
  priority?: number;
  /** Raw output as it arrives (UTF-8 text; a multi-byte character is never split). */
  onOutput: (chunk: string, stream: OutputStream) => void;
}

export interface ProcessHandle {
  readonly pid: number | undefined;
  readonly exited: Promise<ProcessResult>;
  write(data: string | Uint8Array): void;
  /** Ends the whole process group (SIGTERM, SIGKILL after `graceMs`); resolves once none is left. */
  stop(graceMs?: number): Promise<ProcessResult>;
}

/** How sessions start processes; tests pass a fake. */
export type Spawner = (command: string, args: string[], opts: SpawnOptions) => ProcessHandle;

const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killLiveGroups(): void {
  for (const g of liveGroups) {
    try { process.kill(-g, 'SIGKILL'); } catch { /* gone */ }
  }
}

/** SIGHUP/SIGTERM while a build or VM runs (terminal closed, kill): end them, then die of the signal. */
function onFatalSignal(signal: NodeJS.Signals): void {
  killLiveGroups();
  liveGroups.clear();
  syncSignalHandlers();
  process.kill(process.pid, signal);
}

let signalHandlersOn = false;
function syncSignalHandlers(): void {
  const want = liveGroups.size > 0;
  if (want === signalHandlersOn) return;
  signalHandlersOn = want;
  for (const s of ['SIGHUP', 'SIGTERM'] as const) {
    if (want) process.on(s, onFatalSignal);
    else process.off(s, onFatalSignal);
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // a dying ukmenu takes its builds and VMs with it (they run in process groups of their own,
  // which a terminal's hangup or Ctrl-C does not reach)
  process.on('exit', killLiveGroups);
}

/** The processes (not zombies) whose process group is `pgid`, from /proc. */
export function groupMembers(pgid: number): { pid: number; comm: string; state: string }[] {
  const out: { pid: number; comm: string; state: string }[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${e}/stat`, 'utf8');
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    const state = fields[0];
    const pgrp = Number(fields[2]);
    if (pgrp === pgid && state !== 'Z' && state !== 'X') out.push({ pid: Number(e), comm, state });
  }
  return out;
}

/** Is any process of the group still running (zombies do not count)? */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  // kill(0) also succeeds for zombies nobody reaps (a container's init may not): look closer
  return groupMembers(pgid).length > 0;
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until no process of the group is left, up to `ms`; true when the group is empty. */
export async function waitGroupGone(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (groupAlive(pgid)) {
    if (Date.now() > until) return false;
    await sleep(20);
  }
  return true;
}

/**
 * Starts `command` as the leader of a new process group (setsid), with output streamed to
 * opts.onOutput. stop() signals the whole group: make's compilers and recursive makes end too.
 */
export const spawnGroup: Spawner = (command, args, opts) => {
  installExitHook();
  const child = execa(command, args, {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    detached: true,
    stdin: opts.stdin ?? 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    stripFinalNewline: false,
    encoding: 'utf8',
  });
  const pid = child.pid;
  if (pid !== undefined) { liveGroups.add(pid); syncSignalHandlers(); }
  if (pid !== undefined && opts.priority !== undefined) {
    try { os.setPriority(pid, opts.priority); } catch { /* it ended already, or not allowed: it runs at normal priority */ }
  }
  let stopping = false;
  const decoders = { out: new TextDecoder(), err: new TextDecoder() };
  child.stdout?.on('data', (b: Buffer | string) => opts.onOutput(typeof b === 'string' ? b : decoders.out.decode(b, { stream: true }), 'out'));
  child.stderr?.on('data', (b: Buffer | string) => opts.onOutput(typeof b === 'string' ? b : decoders.err.decode(b, { stream: true }), 'err'));
  child.stdin?.on('error', () => {}); // EPIPE when the process ended first

  const exited: Promise<ProcessResult> = (async () => {
    const r = await child;
    const code = (r as { code?: string }).code;
    const result: ProcessResult = {
      exitCode: typeof r.exitCode === 'number' ? r.exitCode : null,
      signal: r.signal ?? null,
      stopped: stopping,
    };
    if (code === 'ENOENT' || code === 'EACCES' || (r.failed && r.exitCode === undefined && !r.signal)) {
      result.spawnError = code === 'ENOENT' ? `cannot run ${command}: not found` : `cannot run ${command}: ${r.originalMessage ?? r.shortMessage ?? code}`;
    }
    if (pid !== undefined) {
      // the leader is gone; what it started (a compiler, a recursive make) may not be yet
      if (stopping) await waitGroupGone(pid, 3000);
      if (!groupAlive(pid)) { liveGroups.delete(pid); syncSignalHandlers(); }
    }
    return result;
  })();

  const handle: ProcessHandle = {
    pid,
    exited,
    write(data) {
      if (child.stdin && !child.stdin.destroyed && child.stdin.writable) child.stdin.write(data);
    },
    async stop(graceMs = 2000) {
      if (pid === undefined) return exited;
      stopping = true;
      killGroup(pid, 'SIGTERM');
      const gone = await waitGroupGone(pid, graceMs);
      if (!gone) {
        killGroup(pid, 'SIGKILL');
        await waitGroupGone(pid, 5000);
      }
      liveGroups.delete(pid);
      syncSignalHandlers();
      const r = await exited;
      return { ...r, stopped: true };
    },
  };
  return handle;
};

/** Splits streamed text into lines ("\n", "\r\n"); the last partial line is kept until flush(). */
export class LineSplitter {
  private rest = '';
  constructor(private readonly onLine: (line: string) => void) {}
  push(chunk: string): void {
    const text = this.rest + chunk;
    const parts = text.split('\n');
    this.rest = parts.pop() ?? '';
    for (const p of parts) this.onLine(p.endsWith('\r') ? p.slice(0, -1) : p);
  }
  flush(): void {
    if (this.rest !== '') {
      const r = this.rest;
      this.rest = '';
      this.onLine(r.endsWith('\r') ? r.slice(0, -1) : r);
    }
  }
}
