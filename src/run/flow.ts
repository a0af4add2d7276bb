// What `r` does in the menu: build first when the image is stale, then boot; boot again; turn
// LIBUKRANDOM off (save, rebuild, boot) when the emulated x86 CPU cannot seed it.
import type { BuildSession } from '../build/build.js';
import { UkmenuError, isUkmenuError } from '../project/errors.js';
import type { RunSession } from './run.js';
import { NO_CHOICES, type BootPlan, type RunChoices } from './plan.js';
import { accelNote, imageStale, prepareBuild, prepareRun, workspacePlan, workspaceRunConfig, type BuildPrep, type RunPrep, type Workspace } from './workspace.js';

export type FlowStage = 'idle' | 'build' | 'boot' | 'error';

export interface RunFlowOptions {
  workspace: Workspace;
  build?: BuildPrep;
  run?: RunPrep;
  /** Sets a symbol and saves the .config (the menu's tree); returns an error text or null. */
  setAndSave?: (name: string, value: string) => string | null;
  /** Always build first (make decides what is out of date), not only when the image looks stale. */
  alwaysBuild?: boolean;
}

export class RunFlow {
  stage: FlowStage = 'idle';
  build: BuildSession | null = null;
  run: RunSession | null = null;
  /** Why the image was rebuilt first (stale reason), for the view. */
  buildReason: string | null = null;
  /** An error that stopped the flow (missing tool, no image, ...): lines to show. */
  error: string[] | null = null;
  /** Notes (emulation, HWRNG). */
  notes: string[] = [];
  /** Root filesystem, arguments, ports, network, memory, platform for the next boots. */
  choices: RunChoices;
  /** The plan of the last boot, or of the preview. */
  plan: BootPlan | null = null;
  /** What the last boot wrote (initrd archive, VMM files). */
  written: string[] = [];
  /** Why the plan cannot be made (shown by the preview). */
  planError: string[] | null = null;
  private readonly listeners = new Set<() => void>();
  private unsub: (() => void) | null = null;
  private generation = 0;

  constructor(private readonly opts: RunFlowOptions) {
    this.choices = opts.run?.choices ?? NO_CHOICES;
  }

  /** Works out the plan for the current choices without booting (the run view shows it first). */
  async preview(): Promise<void> {
    try {
      this.plan = await workspacePlan(this.opts.workspace, this.choices, this.opts.run?.accel);
      this.planError = null;
    } catch (e) {
      this.plan = null;
      this.planError = isUkmenuError(e) ? [e.message, ...e.details] : [e instanceof Error ? e.message : String(e)];
    }
    this.changed();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }

  private follow(x: { subscribe(fn: () => void): () => void }): void {
    this.unsub?.();
    this.unsub = x.subscribe(() => this.changed());
  }

  private fail(e: unknown): void {
    this.stage = 'error';
    if (isUkmenuError(e)) this.error = [e.message, ...e.details];
    else this.error = [e instanceof Error ? e.message : String(e)];
    this.changed();
  }

  get busy(): boolean {
    return (this.stage === 'build' && !!this.build?.running) || (this.stage === 'boot' && !!this.run?.running);
  }

  /** Builds when needed, then boots. Resolves when the guest has stopped (or the flow failed). */
  async start(): Promise<void> {
    if (this.busy) return;
    const gen = ++this.generation;
    this.error = null;
    this.notes = [];
    this.run?.dispose();
    this.run = null;
    const ws = this.opts.workspace;
    let reason: string | null;
    try {
      const problems = workspaceRunConfig(ws).problems;
      if (problems.length) throw new UkmenuError('cannot boot this configuration', problems);
      reason = this.opts.alwaysBuild ? 'building first' : imageStale(ws);
    } catch (e) {
      this.fail(e);
      return;
    }
    if (reason) {
      this.buildReason = reason;
      try {
        this.build?.dispose();
        this.build = prepareBuild(ws, this.opts.build);
      } catch (e) {
        this.fail(e);
        return;
      }
      this.stage = 'build';
      this.follow(this.build);
      this.changed();
      const r = await this.build.start();
      if (gen !== this.generation) return;
      if (!r.ok) { this.changed(); return; }
    }
    try {
      const r = await prepareRun(ws, { ...this.opts.run, choices: this.choices });
      this.run = r.session;
      this.plan = r.plan;
      this.written = r.written;
    } catch (e) {
      this.fail(e);
      return;
    }
    if (gen !== this.generation) { this.run = null; return; }
    const run = this.run;
    const note = accelNote(workspaceRunConfig(ws), run.accel);
    this.notes = [`${run.accel.reason}`, ...(note ? [note] : []), ...this.plan!.notes];
    this.stage = 'boot';
    this.follow(run);
    this.changed();
    await run.start();
    this.changed();
  }

  /** Can the HWRNG fix be offered (the guest stopped because libukrandom could not seed)? */
  get canFixHwrng(): boolean {
    return !!this.opts.setAndSave && this.stage === 'boot' && !!this.run && !this.run.running && !!this.run.hwrng
      && this.run.config.ukrandom;
  }

  /** Turns LIBUKRANDOM off, saves, rebuilds and boots again. */
  async fixHwrng(): Promise<void> {
    if (!this.canFixHwrng || !this.opts.setAndSave) return;
    const err = this.opts.setAndSave('LIBUKRANDOM', 'n');
    if (err) {
      this.notes = [...this.notes, `could not turn LIBUKRANDOM off: ${err}`];
      this.changed();
      return;
    }
    await this.start();
  }

  /** Cancels the build or stops the VM. */
  async stop(): Promise<void> {
    if (this.stage === 'build' && this.build?.running) await this.build.cancel();
    else if (this.stage === 'boot' && this.run?.running) await this.run.stop();
  }

  dispose(): void {
    this.generation++;
    this.unsub?.();
    this.unsub = null;
    void this.stop();
    this.build?.dispose();
    this.run?.dispose();
    this.listeners.clear();
  }
}
