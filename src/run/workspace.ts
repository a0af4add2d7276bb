// The glue shared by the command line and the menu: a project plus its configuration values give a
// build session (make with the right variables) and a run session (QEMU with the right command).
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { KconfigError, type KconfigTree } from '../../kconfig/api.js';
import { loadTree } from '../tree.js';
import { BuildSession } from '../build/build.js';
import { buildTools, currentUkmenuCommand, makeInvocation } from '../build/make.js';
import type { Spawner } from '../build/process.js';
import { requireTools, type Env } from '../build/tools.js';
import { UkmenuError } from '../project/errors.js';
import type { Project } from '../project/types.js';
import { runConfig, treeValues, type ConfigValues, type RunConfig } from './config.js';
import { checkPortsFree } from './network.js';
import { bootPlan, NO_CHOICES, writePlanFiles, type BootPlan, type RunChoices } from './plan.js';
import { detectAccel, shellLine, type Accel } from './qemu.js';
import { RunSession } from './run.js';
import { staleReason } from './stale.js';

export interface Workspace {
  project: Project;
  /** The configuration's current values (the menu's tree, or one read from .config). */
  values: () => ConfigValues;
  env: Env;
  /** The command that starts ukmenu, for the example core's UKMENU (default: this process, when it is ukmenu). */
  ukmenuCommand?: string;
}

/** Loads the project's tree and .config with the engine, as the menu does; fails when there is no .config. */
export function loadWorkspace(project: Project, env: Env = process.env): Workspace & { tree: KconfigTree } {
  if (!existsSync(project.configFile)) {
    throw new UkmenuError(`there is no configuration yet (${project.configFile})`, [
      'fix: create one: ukmenu conf --olddefconfig (defaults), ukmenu conf --defconfig FILE, or ukmenu (the menu)',
    ]);
  }
  let tree: KconfigTree;
  try {
    tree = loadTree({ kind: 'project', project, baseEnv: env }).tree;
  } catch (e) {
    if (e instanceof KconfigError) throw new UkmenuError(`cannot load the Kconfig tree of ${project.ukBase}`, e.messages.trim().split('\n'));
    throw e;
  }
  return { project, tree, values: () => treeValues(tree), env };
}

export function workspaceRunConfig(ws: Workspace): RunConfig {
  return runConfig(ws.project, ws.values(), ws.env);
}

const unquote = (s: string | undefined) => (s ?? '').replace(/^"(.*)"$/s, '$1').trim();

export interface BuildPrep {
  spawn?: Spawner;
  onLine?: (line: string, stream: 'out' | 'err') => void;
  jobs?: number;
  /** Extra make arguments (VAR=value, goals). */
  extra?: string[];
}

/** A build session for the workspace's current configuration; throws when make or the compiler is missing. */
export function prepareBuild(ws: Workspace, o: BuildPrep = {}): BuildSession {
  const rc = workspaceRunConfig(ws);
  const inv = makeInvocation(ws.project, {
    arch: rc.arch,
    configCrossCompile: unquote(ws.values().get('CROSS_COMPILE')),
    env: ws.env,
    extra: o.extra,
    ukmenuCommand: ws.ukmenuCommand ?? currentUkmenuCommand(),
  });
  if (!o.spawn) requireTools(buildTools(inv, rc.arch), ws.env);
  return new BuildSession({ invocation: inv, spawn: o.spawn, onLine: o.onLine, jobs: o.jobs, onDryRunFailure: (out) => linkBuildMakefile(ws.project, out), image: rc.image });
}

/**
 * Unikraft's Makefile links BUILD_DIR/Makefile to itself (the LN step) and runs make again there;
 * under `make -n` the link is not made and the dry run of a first build fails. Make it as make would.
 */
export function linkBuildMakefile(project: Project, dryRunOutput: string): boolean {
  const link = path.join(project.buildDir, 'Makefile');
  if (!dryRunOutput.includes(`${link}: No such file or directory`) && !dryRunOutput.includes(`No rule to make target '${link}'`)) return false;
  try {
    mkdirSync(project.buildDir, { recursive: true });
    symlinkSync(path.join(project.ukBase, 'Makefile'), link);
    return true;
  } catch {
    return false;
  }
}

/** Why the image must be built before booting, or null. */
export function imageStale(ws: Workspace): string | null {
  return staleReason(ws.project, workspaceRunConfig(ws).image);
}

export interface RunPrep {
  spawn?: Spawner;
  /** Accelerator (default: detectAccel). */
  accel?: Accel;
  /** Root filesystem, ports, network, memory, parameters, arguments, platform, QEMU arguments. */
  choices?: RunChoices;
  timeoutMs?: number;
  onText?: (text: string) => void;
}

/** The boot plan for the workspace's current configuration and the user's choices. */
export async function workspacePlan(ws: Workspace, choices: RunChoices = NO_CHOICES, accel?: Accel): Promise<BootPlan> {
  const rc = workspaceRunConfig(ws);
  const a = accel ?? (await detectAccel(rc.arch, ws.env));
  return bootPlan({ project: ws.project, values: ws.values(), rc, accel: a, env: ws.env }, choices);
}

/**
 * A run session for the workspace's image, its plan and what was written for it; throws (before any
 * VM starts) when it cannot boot: no image, no VMM, a missing root filesystem, a taken port, ...
 */
export async function prepareRun(ws: Workspace, o: RunPrep = {}): Promise<{ session: RunSession; plan: BootPlan; written: string[] }> {
  const rc = workspaceRunConfig(ws);
  if (rc.problems.length) throw new UkmenuError(`cannot boot this configuration`, rc.problems);
  const plan = await workspacePlan(ws, o.choices, o.accel);
  if (!o.spawn && plan.vmm === 'qemu') requireTools([{ program: plan.command.program, why: `booting ${rc.arch} images` }], ws.env);
  const accel = o.accel ?? (await detectAccel(rc.arch, ws.env));
  if (!existsSync(plan.image)) {
    throw new UkmenuError(`there is no image to boot (${plan.image})`, ['fix: build it first: ukmenu build (or b in the menu)']);
  }
  if (plan.missing.length) {
    const written = writePlanFiles(plan);
    throw new UkmenuError(`cannot start ${plan.vmm === 'xen' ? 'Xen' : 'Firecracker'} here: ${plan.missing.join('; ')}`, [
      ...written, `run it where it works: ${shellLine(plan.command.program, plan.command.args)}`,
    ]);
  }
  await checkPortsFree(plan.network.ports);
  const written = writePlanFiles(plan);
  const session = new RunSession({
    config: plan.vmm === 'qemu' ? rc : { ...rc, status: { kind: 'poweroff' } },
    command: plan.command,
    accel,
    cwd: ws.project.appDir,
    env: { ...ws.env },
    spawn: o.spawn,
    timeoutMs: o.timeoutMs,
    onText: o.onText,
  });
  return { session, plan, written };
}

/** The note for the user about emulation (the x86 RDSEED limitation when it matters). */
export function accelNote(rc: RunConfig, accel: Accel): string | null {
  if (accel.kvm) return null;
  if (rc.arch === 'x86_64' && rc.ukrandom) {
    return 'LIBUKRANDOM is on and QEMU\'s emulated x86 CPU has no RDSEED: the guest will likely stop with "Could not initialize the HWRNG"';
  }
  return null;
}
