// `ukmenu build` and `ukmenu run` for scripts: the same sessions as the menu's views, printed.
import path from 'node:path';
import { UkmenuError } from '../project/errors.js';
import type { Project } from '../project/types.js';
import { formatDuration, parseStepLine, type BuildProgress } from './progress.js';
import type { BuildSession } from './build.js';
import type { Env } from './tools.js';
import { detectAccel, type Accel } from '../run/qemu.js';
import { splitWords } from '../project/split-words.js';
import { parseNetworkMode, parsePort } from '../run/network.js';
import { planLines, writePlanFiles, type RunChoices } from '../run/plan.js';
import { EXIT } from '../run/status.js';
import { accelNote, imageStale, loadWorkspace, prepareBuild, prepareRun, workspacePlan, workspaceRunConfig, type Workspace } from '../run/workspace.js';

export interface CommandIO {
  env: Env;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Forwarded to the guest's console by `run` (default: none). */
  stdin?: NodeJS.ReadableStream;
  /** Install SIGINT/SIGTERM/SIGHUP handlers that stop make or QEMU (the real program; not in tests). */
  handleSignals?: boolean;
}

export const BUILD_USAGE = `Usage: ukmenu [OPTIONS] build [-j N] [-- MAKE-ARGS...]
  Builds the application's image with make (the app Makefile, or the core's with A= L= O= C=),
  passing CROSS_COMPILE for another architecture; prints make's output with [step/total] (the
  total is counted by a make -n alongside), then a summary that leads with the error that made the
  build fail (for a library whose download failed: its URL and where the archive is expected).
`;

export const RUN_USAGE = `Usage: ukmenu [OPTIONS] run [--timeout SECONDS] [--no-build] [--rootfs PATH] [-p HOST:GUEST[/udp]]...
                          [--network user|bridge:NAME|tap:NAME|none] [--memory MIB] [-a|--append PARAMS]
                          [--plat kvm|xen] [--qemu-arg ARG]... [--kvm | --no-kvm] [--print] [-- APP-ARGS...]
  Boots the image (building it first when it is older than .config or the sources) with what it
  needs: the root filesystem (--rootfs, else the Kraftfile's rootfs:, else the app's rootfs/ folder;
  an initrd archive or a 9p share, as the configuration mounts it), the application's arguments
  (after --, else the Kraftfile's cmd:), library parameters (-a), the network (user-mode with -p
  forwards by default when the image has a network card). QEMU, Firecracker (KVM_VMM_FIRECRACKER)
  or Xen (--plat xen: writes the xl configuration). --print shows the plan and starts nothing.
  Prints the guest's console and exits with the guest's status:
    0 success, 1 failure reported by the guest (x86 isa-debug-exit 35 / "power off (status N)")
      or the boot could not start (no image, missing root filesystem or driver, port in use, no VMM),
    2 bad arguments, 3 no status (crash, QEMU error), 124 timeout, 130 stopped (Ctrl-C).
`;

function usage(message: string, text: string): UkmenuError {
  return new UkmenuError(message, [text.trimEnd().split('\n')[0]], 2);
}

function withSignals(io: CommandIO, stop: () => Promise<void> | void): () => void {
  if (!io.handleSignals) return () => {};
  const handler = () => { void stop(); };
  const sigs: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of sigs) process.on(s, handler);
  return () => { for (const s of sigs) process.off(s, handler); };
}

/** Prints a build as it goes: step lines with [n/total] (`?` while the total is counted), other lines as make prints them. */
function buildPrinter(session: () => BuildSession | null, out: (t: string) => void): (line: string, stream: 'out' | 'err') => void {
  return (line) => {
    const p = session()?.progress;
    // onLine runs after the progress model took the line: p.done already counts it
    if (p && parseStepLine(line)) {
      const w = String(Math.max(p.total, p.done)).length;
      out(`[${String(p.done).padStart(w)}/${p.total || '?'}] ${line.trimStart()}\n`);
    } else {
      out(line + '\n');
    }
  };
}

function summarize(p: BuildProgress, image: string | null, err: (t: string) => void): void {
  const took = formatDuration(p.elapsed());
  if (p.phase === 'succeeded' && p.done === 0) {
    err(`ukmenu: up to date: make had nothing to do (${took})${image ? `: ${image}` : ''}\n`);
    return;
  }
  if (p.phase === 'succeeded') {
    err(`ukmenu: build finished in ${took} (${p.done} step${p.done === 1 ? '' : 's'})${image ? `: ${image}` : ''}\n`);
    return;
  }
  if (p.phase === 'cancelled') {
    err(`ukmenu: build cancelled after ${took}\n`);
    return;
  }
  const errors = p.errorSummary();
  const lines = [`ukmenu: the build failed after ${took}: ${p.message ?? `make exited with ${p.exitCode}`}`];
  if (errors.length) {
    // the cause first (a fetch, the compiler, a tool), with where a missing archive goes
    lines.push(`  ${errors.length} error${errors.length === 1 ? '' : 's'}:`);
    for (const e of errors.slice(0, 20)) lines.push(`    ${e.text}`, ...(e.hint ?? []).map((h) => `      ${h}`));
    if (errors.length > 20) lines.push(`    ... and ${errors.length - 20} more`);
  }
  err(lines.join('\n') + '\n');
}

async function runBuild(ws: Workspace, io: CommandIO, out: (t: string) => void, o: { jobs?: number; extra?: string[]; sizes?: string[] }): Promise<BuildProgress> {
  let session: BuildSession | null = null;
  session = prepareBuild(ws, { jobs: o.jobs, extra: o.extra, onLine: buildPrinter(() => session, out) });
  io.stderr(`ukmenu: ${session.commandLine}  (${session.invocation.how}, in ${session.invocation.cwd})\n`);
  const s = session;
  const off = withSignals(io, () => s.cancel());
  try {
    const r = await s.start();
    o.sizes?.push(...s.sizeSummary);
    return r.progress;
  } finally {
    off();
  }
}

/** `ukmenu build`. */
export async function buildCommand(project: Project, args: string[], io: CommandIO): Promise<number> {
  let jobs: number | undefined;
  const extra: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { extra.push(...args.slice(i + 1)); break; }
    if (a === '-h' || a === '--help') { io.stdout(BUILD_USAGE); return 0; }
    const j = /^-j(\d+)$/.exec(a) ?? /^--jobs=(\d+)$/.exec(a);
    if (j) { jobs = Number(j[1]); continue; }
    if (a === '-j' || a === '--jobs') {
      const v = args[++i];
      if (!v || !/^\d+$/.test(v)) throw usage(`${a} needs a number`, BUILD_USAGE);
      jobs = Number(v);
      continue;
    }
    throw usage(`unknown argument for build: ${a}`, BUILD_USAGE);
  }
  const ws = loadWorkspace(project, io.env);
  const sizes: string[] = [];
  const p = await runBuild(ws, io, io.stdout, { jobs, extra, sizes });
  const image = workspaceRunConfig(ws).image;
  summarize(p, p.phase === 'succeeded' ? path.relative(process.cwd(), image) || image : null, io.stderr);
  for (const l of sizes) io.stderr(`ukmenu: ${l}\n`);
  if (p.phase === 'cancelled') return EXIT.stopped;
  return p.phase === 'succeeded' ? 0 : 1;
}

interface RunArgs {
  timeoutMs?: number;
  noBuild: boolean;
  kvm?: boolean;
  print: boolean;
  choices: RunChoices;
}

function parseRunArgs(args: string[]): RunArgs | 'help' {
  const choices: RunChoices = { ports: [], libParams: [], qemuArgs: [] };
  const r: RunArgs = { noBuild: false, print: false, choices };
  const value = (i: number, flag: string): [string, number] => {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    if (eq > 0) return [a.slice(eq + 1), i];
    if (i + 1 >= args.length) throw usage(`${flag} needs a value`, RUN_USAGE);
    return [args[i + 1], i + 1];
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const flag = a.startsWith('--') && a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (a === '--') { choices.appArgs = args.slice(i + 1); break; }
    if (a === '-h' || a === '--help') return 'help';
    if (flag === '--timeout') {
      const [v, j] = value(i, flag); i = j;
      const s = Number(v);
      if (!Number.isFinite(s) || s <= 0) throw usage(`--timeout needs a number of seconds, not "${v}"`, RUN_USAGE);
      r.timeoutMs = Math.round(s * 1000);
    } else if (flag === '--memory' || flag === '-m') {
      const [v, j] = value(i, flag); i = j;
      const m = /^(\d+)\s*([MmGg])?i?[Bb]?$/.exec(v);
      if (!m || Number(m[1]) === 0) throw usage(`--memory needs a size in MiB (e.g. 128 or 1G), not "${v}"`, RUN_USAGE);
      choices.memoryMiB = Number(m[1]) * (m[2] && /g/i.test(m[2]) ? 1024 : 1);
    } else if (flag === '--append' || flag === '-a') {
      const [v, j] = value(i, flag); i = j;
      choices.libParams.push(...splitWords(v));
    } else if (flag === '--rootfs') {
      const [v, j] = value(i, flag); i = j;
      choices.rootfs = { path: path.resolve(v), from: '--rootfs' };
    } else if (flag === '-p' || flag === '--port') {
      const [v, j] = value(i, flag); i = j;
      choices.ports.push(parsePort(v));
    } else if (flag === '--network') {
      const [v, j] = value(i, flag); i = j;
      choices.network = parseNetworkMode(v);
    } else if (flag === '--plat') {
      const [v, j] = value(i, flag); i = j;
      if (v !== 'kvm' && v !== 'xen') throw usage(`--plat needs kvm or xen, not "${v}"`, RUN_USAGE);
      choices.plat = v;
    } else if (flag === '--qemu-arg') {
      const [v, j] = value(i, flag); i = j;
      choices.qemuArgs.push(v);
    } else if (a === '--no-build') r.noBuild = true;
    else if (a === '--kvm') r.kvm = true;
    else if (a === '--no-kvm') r.kvm = false;
    else if (a === '--print') r.print = true;
    else throw usage(`unknown argument for run: ${a}`, RUN_USAGE);
  }
  return r;
}

/** `ukmenu run`. */
export async function runCommand(project: Project, args: string[], io: CommandIO): Promise<number> {
  const o = parseRunArgs(args);
  if (o === 'help') { io.stdout(RUN_USAGE); return 0; }
  const env: Env = { ...io.env };
  if (o.kvm === true) env.UKMENU_KVM = '1';
  if (o.kvm === false) env.UKMENU_KVM = '0';
  const ws = loadWorkspace(project, env);
  const rc = workspaceRunConfig(ws);
  if (rc.problems.length) throw new UkmenuError('cannot boot this configuration', rc.problems);
  // bad input (root filesystem, driver, platform) is reported before a build, not after it
  const accel: Accel = await detectAccel(rc.arch, env);
  await workspacePlan(ws, o.choices, accel);

  if (!o.noBuild && !o.print) {
    const reason = imageStale(ws);
    if (reason) {
      io.stderr(`ukmenu: building first: ${reason}\n`);
      const p = await runBuild(ws, io, io.stderr, {});
      summarize(p, null, io.stderr);
      if (p.phase === 'cancelled') return EXIT.stopped;
      if (p.phase !== 'succeeded') return 1;
    }
  }
  const rc2 = workspaceRunConfig(ws); // the image exists now
  if (o.print) {
    const plan = await workspacePlan(ws, o.choices, accel);
    const written = writePlanFiles(plan);
    io.stdout(planLines(plan).join('\n') + '\n');
    for (const w of written) io.stderr(`ukmenu: ${w}\n`);
    return 0;
  }
  let atLineStart = true;
  const onText = (t: string) => { io.stdout(t); atLineStart = t.endsWith('\n'); };
  const { session, plan, written } = await prepareRun(ws, { accel, choices: o.choices, timeoutMs: o.timeoutMs, onText });
  io.stderr(`ukmenu: ${accel.reason}\n`);
  const note = plan.vmm === 'qemu' ? accelNote(rc2, accel) : null;
  if (note) io.stderr(`ukmenu: note: ${note}\n`);
  for (const w of written) io.stderr(`ukmenu: ${w}\n`);
  for (const n of plan.notes) io.stderr(`ukmenu: note: ${n}\n`);
  io.stderr(`ukmenu: $ ${session.commandLine}\n`);

  const input = io.stdin;
  const forward = (d: Buffer | string) => session.send(typeof d === 'string' ? d : d.toString('utf8'));
  input?.on('data', forward);
  const off = withSignals(io, () => session.stop());
  const v = await session.start().finally(() => {
    off();
    input?.off('data', forward);
    input?.pause?.();
  });
  if (!atLineStart) io.stdout('\n');
  io.stderr(`ukmenu: ${v.text} (${formatDuration(session.elapsed())})\n`);
  if (session.boot) io.stderr(`ukmenu: ${session.boot.line}\n`);
  if (session.hwrng) {
    io.stderr('ukmenu: libukrandom could not seed itself: QEMU\'s emulated x86 CPU has no RDSEED.\n'
      + '  fix: turn LIBUKRANDOM off (ukmenu, then r; or CONFIG_LIBUKRANDOM=n and ukmenu conf --olddefconfig),\n'
      + '  or boot with KVM on a machine where it works\n');
  }
  return v.exitCode;
}
