// One build of a project: make at once, with the progress model fed from its output, and a `make -n`
// alongside that counts the steps for the bar's total. Cancel ends both and everything they started.
import { existsSync } from 'node:fs';
import { ThrottledNotifier } from './notifier.js';
import { BuildProgress, dryRunSteps } from './progress.js';
import { LineSplitter, spawnGroup, type ProcessHandle, type Spawner } from './process.js';
import type { MakeInvocation } from './make.js';
import { jobs } from './make.js';
import { recordBuildSizes } from '../size/record.js';

/** Steps that compile: the configuration is done when make prints the first (see startDryRun). */
const COMPILE_TAGS = new Set(['CC', 'CXX', 'AS', 'GOC', 'RUSTC']);
/** The dry run's nice value: it must not slow the build it counts. */
const DRY_RUN_PRIORITY = 15;

export interface BuildSessionOptions {
  invocation: MakeInvocation;
  /** -j (default: the number of cores). */
  jobs?: number;
  /** Skip the dry run (the bar then has no total). */
  noDryRun?: boolean;
  /** How processes start (tests pass a fake). */
  spawn?: Spawner;
  now?: () => number;
  /**
   * Called when the dry run fails, with its output; may fix what made it fail and return true to
   * run it once more (Unikraft's first build links BUILD_DIR/Makefile, which `make -n` cannot).
   */
  onDryRunFailure?: (output: string) => boolean;
  /** Called with every line of the real build as it arrives (the command line prints them). */
  onLine?: (line: string, stream: 'out' | 'err') => void;
  /** The image the build makes, for its size history (also recorded without a link line beside it). */
  image?: string;
}

export interface BuildResult {
  ok: boolean;
  cancelled: boolean;
  exitCode: number | null;
  progress: BuildProgress;
}

/**
 * make's arguments for the dry run that counts a build's steps. make expands the recipes it prints,
 * and Unikraft's expansions write files: build_cmd's write_file_deferred writes each object's
 * `.o.cmd` (which the build then runs with sh), so a dry run alongside a build would truncate and
 * rewrite the very files the build is running (seen: an empty `.cmd` compiles nothing, and fixdep
 * fails on the missing `.d`). Emptied on the command line (sub-makes inherit it), it writes nothing.
 */
export function dryRunArgs(args: readonly string[]): string[] {
  return ['-n', ...args, 'write_file_deferred='];
}

export class BuildSession {
  readonly progress: BuildProgress;
  readonly invocation: MakeInvocation;
  private readonly notifier = new ThrottledNotifier(50);
  private proc: ProcessHandle | null = null;
  private dryProc: ProcessHandle | null = null;
  private dryRun: Promise<void> | null = null;
  private makeEnded = false;
  private cancelled = false;
  private resultPromise: Promise<BuildResult> | null = null;
  private readonly spawn: Spawner;
  private readonly jobs: number;
  /** After a build that changed the image: its size, largest libraries and what changed (src/size). */
  sizeSummary: string[] = [];

  constructor(private readonly opts: BuildSessionOptions) {
    this.invocation = opts.invocation;
    this.spawn = opts.spawn ?? spawnGroup;
    this.jobs = opts.jobs ?? jobs();
    this.progress = new BuildProgress(50_000, opts.now, opts.invocation.buildDir);
  }

  /** The make command line of the real build, as a shell would take it. */
  get commandLine(): string {
    return [this.invocation.make, `-j${this.jobs}`, ...this.invocation.args].map(shellQuote).join(' ');
  }

  subscribe(fn: () => void): () => void {
    return this.notifier.subscribe(fn);
  }

  private changed(now = false): void {
    this.notifier.changed(now);
  }

  /** Starts the build (once); resolves when it has ended. */
  start(): Promise<BuildResult> {
    if (!this.resultPromise) this.resultPromise = this.run();
    return this.resultPromise;
  }

  get result(): Promise<BuildResult> {
    return this.start();
  }

  private async run(): Promise<BuildResult> {
    const inv = this.invocation;
    this.progress.start();
    this.changed(true);
    const split = { out: new LineSplitter((l) => this.line(l, 'out')), err: new LineSplitter((l) => this.line(l, 'err')) };
    if (inv.firstTarget && !existsSync(inv.firstTarget)) {
      // alone, quietly: whatever goes wrong, the build itself says
      const first = this.spawn(inv.make, [...inv.args, inv.firstTarget], { cwd: inv.cwd, env: inv.env, onOutput: () => {} });
      this.proc = first;
      const r = await first.exited;
      this.proc = null;
      if (this.cancelled || r.stopped) return this.end({ exitCode: r.exitCode, signal: r.signal, cancelled: true });
    }
    const proc = this.spawn(inv.make, [`-j${this.jobs}`, ...inv.args], {
      cwd: inv.cwd,
      env: inv.env,
      onOutput: (chunk, stream) => split[stream].push(chunk),
    });
    this.proc = proc;
    const r = await proc.exited;
    split.out.flush();
    split.err.flush();
    this.proc = null;
    this.makeEnded = true;
    await this.stopDryRun();
    if (r.spawnError) return this.end({ exitCode: null, message: r.spawnError });
    return this.end({ exitCode: r.exitCode, signal: r.signal, cancelled: this.cancelled || r.stopped });
  }

  /**
   * Counts the steps with `make -n`, alongside the build and at a lower priority. It starts once make
   * compiles (after the configuration: a dry run remakes included makefiles such as auto.conf for
   * real, which must not race the build doing the same); its steps that make has not printed yet
   * are added to those done.
   */
  private startDryRun(): void {
    if (this.dryRun || this.opts.noDryRun || this.cancelled) return;
    const inv = this.invocation;
    this.progress.countingStarted();
    this.dryRun = (async () => {
      for (let attempt = 0; ; attempt++) {
        let dry = '';
        const proc = this.spawn(inv.make, dryRunArgs(inv.args), {
          cwd: inv.cwd,
          env: inv.env,
          priority: DRY_RUN_PRIORITY,
          onOutput: (chunk) => { dry += chunk; },
        });
        this.dryProc = proc;
        const r = await proc.exited;
        this.dryProc = null;
        if (r.stopped || this.cancelled || this.makeEnded) break;
        if (r.exitCode !== 0 && !r.spawnError && attempt === 0 && this.opts.onDryRunFailure?.(dry)) continue;
        // a failing dry run leaves the total unknown; the build says what is wrong
        this.progress.countedAlongside(r.exitCode === 0 ? dryRunSteps(dry) : []);
        this.changed(true);
        return;
      }
      this.progress.counted(0);
    })();
  }

  /** Ends the dry run (when the build ended or was cancelled first); resolves when it is gone. */
  private async stopDryRun(): Promise<void> {
    const proc = this.dryProc;
    if (proc) await proc.stop();
    await this.dryRun;
  }

  private line(text: string, stream: 'out' | 'err'): void {
    this.progress.line(text, stream);
    this.opts.onLine?.(text, stream);
    const step = this.progress.current;
    if (!this.dryRun && step && COMPILE_TAGS.has(step.tag) && !step.target.startsWith('kconfig:')) this.startDryRun();
    this.changed();
  }

  private end(r: { exitCode: number | null; signal?: string | null; cancelled?: boolean; message?: string }): BuildResult {
    const p = this.progress;
    let message = r.message;
    if (!message && !r.cancelled && r.exitCode !== 0) {
      message = r.exitCode === null ? `make was killed (${r.signal ?? 'signal'})` : `make exited with ${r.exitCode}`;
    }
    p.finish({ exitCode: r.exitCode, signal: r.signal, cancelled: r.cancelled, message });
    if (p.phase === 'succeeded' && this.invocation.buildDir) this.sizeSummary = recordBuildSizes(this.invocation.buildDir, this.opts.image);
    this.changed(true);
    return { ok: p.phase === 'succeeded', cancelled: p.phase === 'cancelled', exitCode: r.exitCode, progress: p };
  }

  get running(): boolean {
    return this.progress.running;
  }

  /** Stops make and every process it started; resolves when none is left. */
  async cancel(): Promise<void> {
    if (!this.progress.running) return;
    this.cancelled = true;
    await Promise.all([this.proc?.stop(), this.stopDryRun()]);
    await this.resultPromise;
  }

  dispose(): void {
    this.notifier.dispose();
  }
}

export function shellQuote(v: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}
