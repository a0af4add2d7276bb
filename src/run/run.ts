// One boot in QEMU: the console streamed and cleaned, keys sent to the guest, stop (QEMU really
// exits, nothing left behind), exit status, run time, and the emulated-x86 HWRNG limitation noticed.
import { ThrottledNotifier } from '../build/notifier.js';
import { spawnGroup, type ProcessHandle, type Spawner } from '../build/process.js';
import type { RunConfig } from './config.js';
import { ConsoleScreen, SerialDecoder } from './console.js';
import { shellLine, type Accel, type QemuCommand } from './qemu.js';
import { hwrngFailure, verdict, type Verdict } from './status.js';
import { recordBootTimes, type BootRecord } from '../size/record.js';

export interface RunSessionOptions {
  config: RunConfig;
  command: QemuCommand;
  accel: Accel;
  cwd: string;
  env: Record<string, string | undefined>;
  spawn?: Spawner;
  /** Stop the guest after this many milliseconds (the verdict is then 'timeout'). */
  timeoutMs?: number;
  /** Clean console text as it arrives (the command line prints it). */
  onText?: (text: string) => void;
  now?: () => number;
}

export type RunPhase = 'idle' | 'running' | 'exited';

export class RunSession {
  phase: RunPhase = 'idle';
  readonly screen = new ConsoleScreen();
  readonly config: RunConfig;
  readonly command: QemuCommand;
  readonly accel: Accel;
  startedAt = 0;
  endedAt = 0;
  verdict: Verdict | null = null;
  exitCode: number | null = null;
  /** The console line that shows libukrandom could not seed itself, once seen. */
  hwrng: string | null = null;
  /** When the guest's first console text arrived (0: not yet). */
  firstOutputAt = 0;
  /** After a boot that ended with the guest's status: its times and the previous boot's (src/size). */
  boot: BootRecord | null = null;
  private proc: ProcessHandle | null = null;
  private readonly notifier = new ThrottledNotifier(30);
  private readonly decoder = { out: new SerialDecoder(), err: new SerialDecoder() };
  private resultPromise: Promise<Verdict> | null = null;
  private timedOut = false;
  private stoppedByUser = false;
  private readonly now: () => number;

  constructor(private readonly opts: RunSessionOptions) {
    this.config = opts.config;
    this.command = opts.command;
    this.accel = opts.accel;
    this.now = opts.now ?? Date.now;
  }

  /** The exact command, as a shell takes it. */
  get commandLine(): string {
    return shellLine(this.command.program, this.command.args);
  }

  subscribe(fn: () => void): () => void {
    return this.notifier.subscribe(fn);
  }

  private changed(now = false): void {
    this.notifier.changed(now);
  }

  start(): Promise<Verdict> {
    if (!this.resultPromise) this.resultPromise = this.run();
    return this.resultPromise;
  }

  get result(): Promise<Verdict> {
    return this.start();
  }

  private async run(): Promise<Verdict> {
    const spawn = this.opts.spawn ?? spawnGroup;
    this.phase = 'running';
    this.startedAt = this.now();
    this.changed(true);
    const proc = spawn(this.command.program, this.command.args, {
      cwd: this.opts.cwd,
      env: this.opts.env,
      stdin: 'pipe',
      onOutput: (chunk, stream) => this.output(chunk, stream),
    });
    this.proc = proc;
    let timer: NodeJS.Timeout | null = null;
    if (this.opts.timeoutMs !== undefined && this.opts.timeoutMs > 0) {
      timer = setTimeout(() => { this.timedOut = true; void proc.stop(); }, this.opts.timeoutMs);
    }
    const r = await proc.exited;
    if (timer) clearTimeout(timer);
    this.proc = null;
    const tail = this.decoder.out.flush() + this.decoder.err.flush();
    if (tail) this.emit(tail);
    this.endedAt = this.now();
    this.exitCode = r.exitCode;
    this.verdict = verdict(this.config.status, {
      exitCode: r.exitCode,
      signal: r.signal,
      timedOut: this.timedOut,
      stoppedByUser: this.stoppedByUser,
      spawnError: r.spawnError,
    }, this.screen.all());
    this.phase = 'exited';
    this.boot = recordBootTimes(this.config.image, this.startedAt, this.firstOutputAt, this.endedAt, this.verdict.outcome);
    this.changed(true);
    return this.verdict;
  }

  private output(chunk: string, stream: 'out' | 'err'): void {
    const text = this.decoder[stream].push(chunk);
    if (text) this.emit(text);
  }

  private emit(text: string): void {
    const before = this.screen.lines.length;
    if (!this.firstOutputAt && text.trim()) this.firstOutputAt = this.now();
    this.screen.write(text);
    this.opts.onText?.(text);
    if (!this.hwrng && this.screen.lines.length !== before) this.hwrng = hwrngFailure(this.screen.lines.slice(Math.max(0, before - 1)));
    this.changed();
  }

  /** Sends keys to the guest's serial console (QEMU's stdin). */
  send(data: string): void {
    this.proc?.write(data);
  }

  get running(): boolean {
    return this.phase === 'running';
  }

  /** Milliseconds since QEMU started (until it ended). */
  elapsed(): number {
    if (this.startedAt === 0) return 0;
    return (this.endedAt || this.now()) - this.startedAt;
  }

  /** Stops the VM: QEMU and anything of its process group end; resolves once it has exited. */
  async stop(): Promise<void> {
    if (this.phase !== 'running') return;
    this.stoppedByUser = true;
    await this.proc?.stop(1500);
    await this.resultPromise;
  }

  dispose(): void {
    this.notifier.dispose();
  }
}
