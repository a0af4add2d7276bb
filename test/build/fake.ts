// A fake process stream for the build and run sessions: the test decides what each process prints
// and when it exits, and sees what was written to it and whether it was stopped.
import type { ProcessHandle, ProcessResult, SpawnOptions, Spawner } from '../../src/build/process.js';

export class FakeProcess implements ProcessHandle {
  readonly pid = 4242;
  readonly written: string[] = [];
  stopped = false;
  private resolve!: (r: ProcessResult) => void;
  readonly exited: Promise<ProcessResult>;
  done = false;

  constructor(readonly command: string, readonly args: string[], readonly opts: SpawnOptions) {
    this.exited = new Promise((r) => { this.resolve = r; });
  }

  out(text: string): void { this.opts.onOutput(text, 'out'); }
  err(text: string): void { this.opts.onOutput(text, 'err'); }

  exit(exitCode: number | null, signal: string | null = null, spawnError?: string): void {
    if (this.done) return;
    this.done = true;
    this.resolve({ exitCode, signal, stopped: this.stopped, spawnError });
  }

  write(data: string | Uint8Array): void {
    this.written.push(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
  }

  async stop(): Promise<ProcessResult> {
    this.stopped = true;
    this.exit(null, 'SIGTERM');
    return { ...(await this.exited), stopped: true };
  }
}

/** A spawner that hands each started process to `onStart` (which may script it) and records them all. */
export function fakeSpawner(onStart: (p: FakeProcess) => void = () => {}): { spawn: Spawner; procs: FakeProcess[] } {
  const procs: FakeProcess[] = [];
  const spawn: Spawner = (command, args, opts) => {
    const p = new FakeProcess(command, args, opts);
    procs.push(p);
    queueMicrotask(() => onStart(p));
    return p;
  };
  return { spawn, procs };
}

export const tick = (ms = 0) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until `cond()` holds (polling), failing after `ms`. */
export async function until(cond: () => boolean, ms = 3000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await tick(5);
  }
}
