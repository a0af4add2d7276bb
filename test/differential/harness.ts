// Differential testing of the TypeScript engine (kconfig/conf.ts runConf, in-process) against the
// C conf of Linux 6.1 (test/oracle), on generated trees and .config files (test/gen).
//
// Each case: one generated tree, one random input .config (+ a defconfig file, sometimes a
// KCONFIG_ALLCONFIG file and an old include/config/auto.conf), one random conf environment; run
// in every mode on both sides, each side in its own directory laid out identically:
//   <root>/<case>/src/           the tree (srctree=../../src)
//   <root>/<case>/c/<mode>/      C conf run directory
//   <root>/<case>/e/<mode>/      engine run directory
// Compared: exit code, stdout, stderr (temp paths normalized) and every file under the run
// directory afterwards (.config, .config.old, auto.conf, autoconf.h, rustc_cfg, auto.conf.cmd,
// include/config/<SYMBOL> dep files, savedefconfig output...). randconfig cannot match C's rand():
// instead the C conf's olddefconfig must leave the engine's randconfig output unchanged.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runConf } from '../../kconfig/conf.js';
import { generateConfig } from '../gen/config-gen.js';
import { generateBadConfigCase, generateLoopCase, generateSyntaxErrorCase, type ErrorCase } from '../gen/error-gen.js';
import { generateTree, type GenTree } from '../gen/kconfig-gen.js';
import { Rng, seedFrom } from '../gen/prng.js';
import { CONF_BIN, cleanEnv, hitAlarm, makeTempDir, pinnedEnv, runOracleBatch, snapshotDir, writeFiles, type BatchJob, type BatchResult } from '../oracle/oracle.js';
import { unifiedDiff, visible } from './diff-text.js';

export const MODES = [
  'olddefconfig', 'alldefconfig', 'allnoconfig', 'allyesconfig', 'allmodconfig',
  'defconfig', 'savedefconfig', 'syncconfig', 'listnewconfig', 'randconfig',
] as const;
export type Mode = (typeof MODES)[number];

export type Engine = (argv: string[], opts: {
  env: Record<string, string>;
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  flavor: 'linux';
}) => number;

export const defaultEngine: Engine = (argv, opts) => runConf(argv, opts);

/**
 * The C conf wrapped as an "engine" (one process per run): comparing it with itself checks that the
 * harness is deterministic (no PIDs, times or paths leak into what is compared).
 */
export const cConfEngine: Engine = (argv, opts) => {
  const r = spawnSync(CONF_BIN, argv, {
    argv0: 'conf', cwd: opts.cwd, env: cleanEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 4 << 20, timeout: 20_000, killSignal: 'SIGKILL',
  });
  opts.stdout(r.stdout.toString('utf8'));
  opts.stderr(r.stderr.toString('utf8'));
  return r.status ?? 128;
};

export interface Mismatch {
  seed: number;
  mode: string;
  /** What differs: exit, stdout, stderr, file:<path>, engine-threw, fixpoint. */
  what: string;
  detail: string;
  /** Where the failing case was kept. */
  dir?: string;
  kind?: string;
}

export interface Report {
  cases: number;
  runs: Map<string, number>;
  mismatches: Map<string, Mismatch[]>;
  /** Engine exceptions grouped by first line of the message. */
  thrown: Map<string, { count: number; first: Mismatch; stack?: string }>;
  keptDirs: string[];
  /** Runs not compared because the C conf did not terminate (killed after 10 s or 1 MiB of output). */
  skipped: Map<string, number>;
  /** Per mode: what happened to the reference runs (the coverage rules read these). */
  counts: Map<string, ModeCounts>;
  /** Why the run stopped before `cases` cases, if it did. */
  stopped?: string;
  ms: number;
  cSeconds: number;
  engineSeconds: number;
}

/** What became of a mode's runs. */
export interface ModeCounts {
  runs: number;
  /** Compared with the engine (the C conf ended normally). */
  compared: number;
  /** The C conf exited 0 (a reference that fails everywhere, e.g. a missing tree, proves nothing). */
  cOk: number;
  /** The C conf wrote 1 MiB of output (SIGXFSZ): a dialog loop with stdin at EOF. */
  loops: number;
  /** The C conf was stopped by the alarm, then again by the longer one when run alone. */
  timeouts: number;
  /** The C conf died of another signal (it crashes on some broken trees). */
  crashes: number;
}

/** Limits a run of the harness must meet for its "no difference" to mean something. */
export interface Coverage {
  /** Compared runs per mode, at least. */
  minCompared: number;
  /** Share of a mode's reference runs that exit 0, at least (0 for error cases). */
  minOkRate: number;
  /** Share of a mode's runs killed (loops, timeouts, crashes), at most. */
  maxKilledRate: number;
}

export interface DiffOptions {
  seed: number;
  cases: number;
  /** Cases per batch of C runs (default 100). */
  chunk?: number;
  /** C runs in parallel (default 2). */
  parallel?: number;
  modes?: readonly string[];
  engine?: Engine;
  /** Keep at most this many failing cases on disk (default 20). */
  keep?: number;
  /** Where failing cases are kept (default: a new directory under the OS temp dir). */
  keepRoot?: string;
  /** Stop starting new chunks after this many ms (the report says so), once `minCases` are done. */
  deadlineMs?: number;
  /** Cases run whatever the deadline (default 0), so that a busy machine still compares enough. */
  minCases?: number;
  /** Stop after the first chunk if the engine threw on every run (e.g. not implemented yet). */
  stopWhenAllThrow?: boolean;
  /**
   * randconfig: also require byte-identical results (default true: the engine emulates glibc's
   * rand(), so a KCONFIG_SEED gives C's choices). Either way the engine's output must be an
   * olddefconfig fixpoint whenever the C conf's own randconfig output is one.
   */
  randconfigExact?: boolean;
  log?: (s: string) => void;
}

interface RunOut {
  code: number;
  stdout: string;
  stderr: string;
  threw?: { message: string; stack?: string };
}

interface ModeRun {
  mode: string;
  argv: string[];
  env: Record<string, string>;
  /** Input files of the run directory. */
  inputs: Record<string, string | Buffer>;
  /** Compare exit/stdout/stderr/files exactly (false for randconfig). */
  exact: boolean;
}

interface Case {
  index: number;
  seed: number;
  kind?: string;
  tree: { files: Record<string, string>; top: string };
  runs: ModeRun[];
  /** The KCONFIG_CONFIG path (relative to the run dir). */
  configPath: string;
  /** A $(shell,...) of the tree writes to stderr (then the C side must not buffer stderr). */
  shellWritesStderr?: boolean;
  env: Record<string, string>;
}

function newReport(): Report {
  return { cases: 0, runs: new Map(), mismatches: new Map(), thrown: new Map(), keptDirs: [], skipped: new Map(), counts: new Map(), ms: 0, cSeconds: 0, engineSeconds: 0 };
}


/** Builds one random case (tree, inputs, environment, the argv of every mode). */
export function buildCase(seed: number, index: number, modes: readonly string[], randconfigExact = true): Case {
  const rng = new Rng(seedFrom(seed, 'env'));
  const tree: GenTree = generateTree(seed);
  const env: Record<string, string> = pinnedEnv({ srctree: '../../src', ...tree.env });
  let prefix = 'CONFIG_';
  if (rng.chance(0.08)) env['CONFIG_'] = prefix = rng.pick(['XY_', 'CFG_', '']);
  let configPath = '.config';
  if (rng.chance(0.08)) env['KCONFIG_CONFIG'] = configPath = rng.pick(['out/my.config', 'alt.config']);
  else if (rng.chance(0.5)) env['KCONFIG_CONFIG'] = '.config';
  let autoPath = 'include/config/auto.conf';
  if (rng.chance(0.05)) env['KCONFIG_AUTOCONFIG'] = autoPath = rng.pick(['gen/auto.conf', 'auto.conf']);
  if (rng.chance(0.05)) env['KCONFIG_AUTOHEADER'] = rng.pick(['gen/autoconf.h', 'config.h']);
  if (rng.chance(0.05)) env['KCONFIG_RUSTCCFG'] = rng.pick(['gen/rustc_cfg', 'rust.cfg']);
  if (rng.chance(0.05)) env['KCONFIG_OVERWRITECONFIG'] = '1';
  if (rng.chance(0.1)) env['KCONFIG_WARN_UNKNOWN_SYMBOLS'] = '1';
  if (rng.chance(0.05)) env['KCONFIG_WERROR'] = '1';
  if (rng.chance(0.05)) env['KCONFIG_NOSILENTUPDATE'] = '1';
  const inputs: Record<string, string | Buffer> = {};
  const missingConfig = rng.chance(0.06);
  if (!missingConfig) inputs[configPath] = generateConfig(tree, seedFrom(seed, 'config'), { prefix });
  else if (rng.chance(0.6)) {
    env['KCONFIG_DEFCONFIG_LIST'] = rng.pick(['defconfig.in', 'missing.config defconfig.in', '  missing.config  ', 'missing.config']);
  }
  const defconfigMissing = rng.chance(0.03);
  if (!defconfigMissing || env['KCONFIG_DEFCONFIG_LIST']) inputs['defconfig.in'] = generateConfig(tree, seedFrom(seed, 'defconfig'), { prefix });
  if (rng.chance(0.15)) {
    const k = rng.int(0, 3);
    if (k === 0) { env['KCONFIG_ALLCONFIG'] = 'allconfig.in'; inputs['allconfig.in'] = generateConfig(tree, seedFrom(seed, 'all'), { prefix, density: 0.3 }); }
    else if (k === 1) { env['KCONFIG_ALLCONFIG'] = rng.pick(['1', '']); inputs['all.config'] = generateConfig(tree, seedFrom(seed, 'all'), { prefix, density: 0.3 }); }
    else if (k === 2) { env['KCONFIG_ALLCONFIG'] = '1'; inputs['allno.config'] = generateConfig(tree, seedFrom(seed, 'allno'), { prefix, density: 0.3 }); }
    else env['KCONFIG_ALLCONFIG'] = rng.pick(['missing.config', '1']); // an error for the all*config modes
  }
  // An existing auto.conf: syncconfig compares old and new values (include/config/<SYM> files);
  // the other modes write auto.conf & co. only when it is missing (and that costs many files).
  const auto = rng.float();
  if (auto < 0.35) inputs[autoPath] = generateConfig(tree, seedFrom(seed, 'auto'), { prefix, noise: 0.05 });
  else if (auto < 0.7) inputs[autoPath] = '';
  const silent = rng.chance(0.6);
  const argvFor = (mode: string): string[] => {
    let m: string[];
    if (mode === 'defconfig') m = rng.chance(0.5) ? ['--defconfig', 'defconfig.in'] : ['--defconfig=defconfig.in'];
    else if (mode === 'savedefconfig') m = rng.chance(0.5) ? ['--savedefconfig', 'defconfig.out'] : ['--savedefconfig=defconfig.out'];
    else m = [`--${mode}`];
    if (!silent) return [...m, 'Kconfig'];
    return rng.chance(0.8) ? ['-s', ...m, 'Kconfig'] : [...m, '-s', 'Kconfig'];
  };
  const runs: ModeRun[] = [];
  for (const mode of modes) {
    const e = { ...env };
    if (mode === 'randconfig') {
      e['KCONFIG_SEED'] = rng.chance(0.5) ? String(rng.next()) : '0x' + rng.next().toString(16);
      if (!randconfigExact) delete e['KCONFIG_WERROR']; // the outcome would depend on the random values
      if (rng.chance(0.1)) e['KCONFIG_PROBABILITY'] = rng.pick(['20', '10:30', '50:25:25', '100', '0']);
    }
    runs.push({ mode, argv: argvFor(mode), env: e, inputs, exact: mode !== 'randconfig' || randconfigExact });
  }
  return { index, seed, tree, runs, configPath, env, shellWritesStderr: tree.features.includes('macro-shell-stderr') };
}

/** An error case (syntax error, dependency loop, malformed .config) run in a few modes. */
export function buildErrorCase(seed: number, index: number): Case {
  const rng = new Rng(seedFrom(seed, 'errenv'));
  const kind = rng.weighted<'syntax' | 'loop' | 'config'>([[5, 'syntax'], [3, 'loop'], [2, 'config']]);
  const ec: ErrorCase = kind === 'syntax' ? generateSyntaxErrorCase(seed) : kind === 'loop' ? generateLoopCase(seed) : generateBadConfigCase(seed);
  const env: Record<string, string> = pinnedEnv({ srctree: '../../src', ...ec.env });
  if (kind === 'config' && rng.chance(0.3)) env['KCONFIG_WERROR'] = '1';
  if (rng.chance(0.2)) env['KCONFIG_WARN_UNKNOWN_SYMBOLS'] = '1';
  const inputs: Record<string, string | Buffer> = {};
  if (ec.config) inputs['.config'] = ec.config;
  const modes = kind === 'config' ? ['olddefconfig', 'syncconfig', 'savedefconfig', 'defconfig'] : ['olddefconfig', 'allnoconfig'];
  if (kind === 'config' && ec.config) inputs['defconfig.in'] = ec.config;
  const runs: ModeRun[] = modes.map((mode) => ({
    mode,
    argv: mode === 'savedefconfig' ? ['--savedefconfig', 'defconfig.out', 'Kconfig'] : mode === 'defconfig' ? ['--defconfig', 'defconfig.in', 'Kconfig'] : ['-s', `--${mode}`, 'Kconfig'],
    env,
    inputs,
    exact: true,
  }));
  return { index, seed, kind: ec.kind, tree: { files: ec.files, top: ec.top }, runs, configPath: '.config', env };
}

const OUTPUT_CAP = 4 << 20;

/**
 * The C run was stopped by conf-batch's guards: SIGXFSZ after 1 MiB of output (an endless loop),
 * or SIGALRM twice (10 s, then 30 s alone: runOracleBatch retries). Nothing to compare.
 */
function cLooped(r: BatchResult): boolean {
  return r.signal === `signal ${os.constants.signals.SIGXFSZ}` || hitAlarm(r);
}

function countsOf(report: Report, mode: string): ModeCounts {
  let c = report.counts.get(mode);
  if (!c) report.counts.set(mode, (c = { runs: 0, compared: 0, cOk: 0, loops: 0, timeouts: 0, crashes: 0 }));
  return c;
}

/** Why a mode's runs do not show enough (counts printed), or undefined when they do. */
export function coverageFailure(r: Report, mode: string, cov: Coverage): string | undefined {
  const c = countsOf(r, mode);
  const killed = c.loops + c.timeouts + c.crashes;
  const problems: string[] = [];
  if (c.compared < cov.minCompared) problems.push(`only ${c.compared} runs compared (at least ${cov.minCompared} needed)`);
  if (c.cOk < cov.minOkRate * c.runs) problems.push(`the C conf succeeded in only ${c.cOk} of ${c.runs} runs (at least ${(cov.minOkRate * 100).toFixed(0)}% needed: is the reference set up?)`);
  if (killed > cov.maxKilledRate * c.runs) problems.push(`${killed} of ${c.runs} reference runs killed (at most ${(cov.maxKilledRate * 100).toFixed(0)}%)`);
  if (!problems.length) return undefined;
  return `${mode}: ${problems.join('; ')}. Counts: ${c.runs} runs, ${c.compared} compared, C exit 0 in ${c.cOk}, ${c.loops} endless loops (1 MiB of output), ${c.timeouts} reference timeouts, ${c.crashes} C crashes`;
}

function runEngine(engine: Engine, run: ModeRun, cwd: string): RunOut {
  let stdout = '';
  let stderr = '';
  const cap = (n: number) => {
    // a runaway engine (an endless dialog loop): stop it rather than run out of memory
    if (n > OUTPUT_CAP) throw new Error(`engine wrote more than ${OUTPUT_CAP} bytes of output (endless loop?)`);
  };
  try {
    const code = engine(run.argv, {
      env: { ...run.env },
      cwd,
      stdout: (s) => { stdout += s; cap(stdout.length); },
      stderr: (s) => { stderr += s; cap(stderr.length); },
      flavor: 'linux',
    });
    if (typeof code !== 'number') return { code: -1, stdout, stderr, threw: { message: `runConf returned ${String(code)} instead of an exit code` } };
    return { code, stdout, stderr };
  } catch (e) {
    const err = e as Error;
    return { code: -1, stdout, stderr, threw: { message: String(err?.message ?? err), stack: err?.stack } };
  }
}

/** Replaces scratch run directories in a message (to group equal errors of different runs). */
export function normalizeRunPaths(s: string): string {
  return s.replace(/\/[^\s'"]*?\/ukmenu-[a-z-]+-[A-Za-z0-9]{6}(?:\/\d+\/[ce]\/[a-z-]+)?/g, '<RUN>');
}

function normalize(s: string, root: string): string {
  return s.split(root).join('<ROOT>');
}

function noteMismatch(report: Report, m: Mismatch) {
  let list = report.mismatches.get(m.mode);
  if (!list) report.mismatches.set(m.mode, (list = []));
  list.push(m);
}

function writeRepro(dir: string, c: Case, run: ModeRun, note: string) {
  const envLine = Object.entries(run.env).map(([k, v]) => `${k}=${shellQuote(v)}`).join(' ');
  const lines = [
    '#!/bin/sh',
    `# ${note}`,
    `# case seed ${c.seed}${c.kind ? ` (${c.kind})` : ''}, mode ${run.mode}`,
    '# src/ is the tree, in/<mode>/ the inputs, c/<mode>/ and e/<mode>/ what the C conf and the engine left.',
    '# This re-runs the C conf on a fresh copy of the inputs in rerun/<mode>/:',
    'cd "$(dirname "$0")"',
    `rm -rf rerun/${run.mode} && mkdir -p rerun && cp -r in/${run.mode} rerun/${run.mode} && cd rerun/${run.mode} &&`,
    `env -i ${envLine} ${CONF_BIN} ${run.argv.map(shellQuote).join(' ')} </dev/null`,
    `# The same case through the differential CLI (from the repository root):`,
    `#   npx tsx test/differential/run.ts --case-seed ${c.seed}${c.kind ? ' --errors' : ''} --modes ${run.mode}`,
  ];
  fs.writeFileSync(path.join(dir, `repro-${run.mode}.sh`), lines.join('\n') + '\n', { mode: 0o755 });
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function keepCase(report: Report, opts: DiffOptions, caseDir: string, c: Case, run: ModeRun, note: string): string | undefined {
  if (report.keptDirs.length >= (opts.keep ?? 20) && !report.keptDirs.some((d) => d.endsWith(`seed-${c.seed}`))) return undefined;
  const root = opts.keepRoot ?? (opts.keepRoot = makeTempDir('ukmenu-diff-fail-', true));
  const dest = path.join(root, `seed-${c.seed}`);
  if (!fs.existsSync(dest)) {
    fs.mkdirSync(dest, { recursive: true });
    fs.cpSync(path.join(caseDir, 'src'), path.join(dest, 'src'), { recursive: true });
    report.keptDirs.push(dest);
  }
  for (const side of ['c', 'e']) {
    const from = path.join(caseDir, side, run.mode);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dest, side, run.mode), { recursive: true });
  }
  writeFiles(path.join(dest, 'in', run.mode), run.inputs);
  writeRepro(dest, c, run, note);
  return dest;
}

function filesText(b: Buffer | undefined): string {
  return b === undefined ? '<missing>' : b.toString('utf8');
}

function compareRun(report: Report, opts: DiffOptions, c: Case, run: ModeRun, caseDir: string, root: string, cOut: BatchResult, eOut: RunOut) {
  const found: Mismatch[] = [];
  const add = (what: string, detail: string) => found.push({ seed: c.seed, mode: run.mode, what, detail, kind: c.kind });
  const counts = countsOf(report, run.mode);
  counts.runs++;
  if (cLooped(cOut)) {
    // The C conf loops forever on some inputs (syncconfig's dialog with stdin at EOF, on a new
    // visible int/hex symbol whose value it cannot accept): nothing to compare (counted, bounded).
    report.skipped.set(run.mode, (report.skipped.get(run.mode) ?? 0) + 1);
    if (cOut.timedOut) counts.timeouts++;
    else counts.loops++;
    return;
  }
  if (cOut.signal && !eOut.threw) {
    // The C conf crashed (it does, e.g. SIGSEGV on some broken trees): the engine only has not to.
    report.skipped.set(`crash:${run.mode}`, (report.skipped.get(`crash:${run.mode}`) ?? 0) + 1);
    counts.crashes++;
    return;
  }
  if (cOut.code === 0) counts.cOk++;
  if (!eOut.threw) counts.compared++;
  if (eOut.threw) {
    add('engine-threw', `${eOut.threw.message}${eOut.threw.stack ? '\n' + eOut.threw.stack.split('\n').slice(1, 6).join('\n') : ''}`);
    const key = normalizeRunPaths(eOut.threw.message.split('\n')[0]!);
    const t = report.thrown.get(key);
    if (t) t.count++;
    else report.thrown.set(key, { count: 1, first: found[0]!, stack: eOut.threw.stack });
  } else if (run.exact) {
    if (cOut.code !== eOut.code) add('exit', `C conf exited ${cOut.code}${cOut.signal ? ` (${cOut.signal})` : ''}, engine returned ${eOut.code}`);
    const so = [normalize(cOut.stdout, root), normalize(eOut.stdout, root)];
    if (so[0] !== so[1]) add('stdout', unifiedDiff(so[0]!, so[1]!));
    const se = [normalize(cOut.stderr, root), normalize(eOut.stderr, root)];
    if (se[0] !== se[1]) add('stderr', unifiedDiff(se[0]!, se[1]!));
    const cf = snapshotDir(path.join(caseDir, 'c', run.mode));
    const ef = snapshotDir(path.join(caseDir, 'e', run.mode));
    for (const f of new Set([...cf.keys(), ...ef.keys()])) {
      const a = cf.get(f), b = ef.get(f);
      if (a && b && a.equals(b)) continue;
      if (!a || !b) add(`file:${f}`, `${f}: ${a ? 'written by C conf only' : 'written by the engine only'}\n${unifiedDiff(filesText(a), filesText(b))}`);
      else add(`file:${f}`, `${f}:\n${unifiedDiff(filesText(a), filesText(b))}`);
    }
  } else {
    // randconfig, not exact: same exit code and the same stdout up to the "written"/"No change" message
    if (cOut.code !== eOut.code) add('exit', `C conf randconfig exited ${cOut.code}, engine returned ${eOut.code}`);
    const norm = (s: string) => normalize(s, root).replace(/^# (No change to|configuration written to) .*$/m, '# <written>');
    if (norm(cOut.stdout) !== norm(eOut.stdout)) add('stdout', unifiedDiff(norm(cOut.stdout), norm(eOut.stdout)));
  }
  if (found.length) {
    const dir = keepCase(report, opts, caseDir, c, run, found.map((m) => m.what).join(', '));
    for (const m of found) noteMismatch(report, { ...m, dir });
  }
}

/** 10 s per C run, and 30 s for a run stopped by that, alone (genuine endless loops cost that much). */
const BATCH_ALARMS = { alarm: 10, retryAlarm: 30 };

interface Prepared {
  root: string;
  cases: Case[];
  where: Array<{ c: Case; run: ModeRun }>;
  cResults: Promise<BatchResult[]>;
  t0: number;
  cDone: number;
}

/** Writes a chunk's inputs and starts its C runs (asynchronously, in conf-batch). */
function prepareChunk(opts: DiffOptions, cases: Case[]): Prepared {
  const root = makeTempDir('ukmenu-diff-');
  const jobs: BatchJob[] = [];
  const where: Array<{ c: Case; run: ModeRun }> = [];
  for (const c of cases) {
    const caseDir = path.join(root, String(c.index));
    writeFiles(path.join(caseDir, 'src'), c.tree.files);
    for (const run of c.runs) {
      for (const side of ['c', 'e']) {
        const d = path.join(caseDir, side, run.mode);
        fs.mkdirSync(d, { recursive: true });
        writeFiles(d, run.inputs);
      }
      jobs.push({ cwd: path.join(caseDir, 'c', run.mode), argv: run.argv, env: run.env, bufferStderr: !c.shellWritesStderr });
      where.push({ c, run });
    }
  }
  const p: Prepared = { root, cases, where, t0: Date.now(), cDone: 0, cResults: Promise.resolve([]) };
  p.cResults = runOracleBatch(jobs, opts.parallel ?? 2, BATCH_ALARMS).then((r) => { p.cDone = Date.now(); return r; });
  p.cResults.catch(() => undefined); // awaited in finishChunk
  return p;
}

/** Runs the engine on a prepared chunk (where the C conf terminated), then compares. */
async function finishChunk(report: Report, opts: DiffOptions, p: Prepared, engine: Engine) {
  const { root, where } = p;
  try {
    const cOuts = await p.cResults;
    report.cSeconds += ((p.cDone || Date.now()) - p.t0) / 1000;
    // The engine runs here, in-process (the next chunk's C runs go on meanwhile). Runs where the
    // C conf did not terminate are not given to the engine: it may faithfully loop forever too.
    const e0 = Date.now();
    const eOuts = where.map(({ c, run }, k) =>
      cLooped(cOuts[k]!) ? { code: -1, stdout: '', stderr: '' } : runEngine(engine, run, path.join(root, String(c.index), 'e', run.mode)));
    report.engineSeconds += (Date.now() - e0) / 1000;

    // randconfig fixpoint: the C conf's olddefconfig must not change the engine's output (when it
    // does not change the C conf's own randconfig output either: C's randconfig is not always a
    // fixpoint, ~1% of generated trees)
    const fixJobs: BatchJob[] = [];
    const fixWhere: Array<{ c: Case; run: ModeRun; side: 'c' | 'e'; dir: string; config: Buffer }> = [];
    where.forEach(({ c, run }, k) => {
      if (run.mode !== 'randconfig' || cOuts[k]!.signal || eOuts[k]!.threw || eOuts[k]!.code !== 0 || cOuts[k]!.code !== 0) return;
      for (const side of ['e', 'c'] as const) {
        const cfg = path.join(root, String(c.index), side, run.mode, c.configPath);
        if (!fs.existsSync(cfg)) continue;
        const dir = path.join(root, String(c.index), 'fixpoint', side);
        fs.mkdirSync(dir, { recursive: true });
        const config = fs.readFileSync(cfg);
        writeFiles(dir, { [c.configPath]: config });
        const env = { ...run.env };
        delete env['KCONFIG_ALLCONFIG'];
        delete env['KCONFIG_WERROR'];
        delete env['KCONFIG_NOSILENTUPDATE'];
        fixJobs.push({ cwd: dir, argv: ['-s', '--olddefconfig', 'Kconfig'], env });
        fixWhere.push({ c, run, side, dir, config });
      }
    });
    const t1 = Date.now();
    const fixOuts = await runOracleBatch(fixJobs, opts.parallel ?? 2, BATCH_ALARMS);
    report.cSeconds += (Date.now() - t1) / 1000;
    const isFix = (k: number) => {
      const after = snapshotDir(fixWhere[k]!.dir).get(fixWhere[k]!.c.configPath);
      return { ok: fixOuts[k]!.code === 0 && !!after && after.equals(fixWhere[k]!.config), after };
    };
    const cFixpoint = new Map<Case, boolean>();
    fixWhere.forEach((f, k) => { if (f.side === 'c') cFixpoint.set(f.c, isFix(k).ok); });

    where.forEach(({ c, run }, k) => {
      report.runs.set(run.mode, (report.runs.get(run.mode) ?? 0) + 1);
      compareRun(report, opts, c, run, path.join(root, String(c.index)), root, cOuts[k]!, eOuts[k]!);
    });
    fixWhere.forEach(({ c, run, side, config }, k) => {
      if (side !== 'e') return;
      const { ok, after } = isFix(k);
      if (ok) return;
      if (cFixpoint.get(c) === false) {
        report.skipped.set('randconfig-fixpoint', (report.skipped.get('randconfig-fixpoint') ?? 0) + 1);
        return;
      }
      const out = fixOuts[k]!;
      const detail = `C conf olddefconfig on the engine's randconfig output (KCONFIG_SEED=${run.env['KCONFIG_SEED']}) ` +
        (out.code !== 0 ? `exited ${out.code}:\n${out.stderr}` : `changed it (the C conf's own randconfig output is a fixpoint):\n${unifiedDiff(config.toString('utf8'), filesText(after), 'engine randconfig', 'C olddefconfig of it')}`);
      const caseDir = path.join(root, String(c.index));
      const kept = keepCase(report, opts, caseDir, c, run, 'randconfig output is not a fixpoint');
      noteMismatch(report, { seed: c.seed, mode: 'randconfig', what: 'fixpoint', detail, dir: kept, kind: c.kind });
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Processes chunks of cases: chunk k+1's C runs overlap the engine's work on chunk k. */
async function processChunks(report: Report, opts: DiffOptions, next: (k: number) => Case[] | undefined, engine: Engine, label: string) {
  const t0 = Date.now();
  let k = 0;
  const prepareNext = () => {
    const cs = next(k++);
    return cs && cs.length ? prepareChunk(opts, cs) : undefined;
  };
  let cur = prepareNext();
  while (cur) {
    const more = report.cases + cur.cases.length < opts.cases && !(pastDeadline(opts, t0) && report.cases + cur.cases.length >= (opts.minCases ?? 0));
    const pre = more ? prepareNext() : undefined;
    await finishChunk(report, opts, cur, engine);
    report.cases += cur.cases.length;
    opts.log?.(`[${label}] ${report.cases}/${opts.cases} cases, ${countMismatches(report)} mismatches, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    if (shouldStop(report, opts, t0)) {
      if (pre) {
        await pre.cResults.catch(() => undefined);
        fs.rmSync(pre.root, { recursive: true, force: true });
      }
      break;
    }
    cur = pre;
  }
}

function pastDeadline(opts: DiffOptions, t0: number): boolean {
  return opts.deadlineMs !== undefined && Date.now() - t0 > opts.deadlineMs;
}

function shouldStop(report: Report, opts: DiffOptions, t0: number): boolean {
  if (report.cases === 0) return false;
  let runs = 0;
  for (const n of report.runs.values()) runs += n;
  for (const [m, n] of report.skipped) if (m !== 'randconfig-fixpoint' && !m.startsWith('crash:')) runs -= n; // not given to the engine
  let thrown = 0;
  for (const t of report.thrown.values()) thrown += t.count;
  if (opts.stopWhenAllThrow && runs > 0 && thrown === runs) {
    report.stopped = `the engine threw on all ${runs} runs of the first ${report.cases} cases: stopped there`;
    return true;
  }
  if (pastDeadline(opts, t0) && report.cases >= (opts.minCases ?? 0)) {
    report.stopped = `time budget of ${(opts.deadlineMs! / 1000).toFixed(0)} s used up after ${report.cases} of ${opts.cases} cases`;
    return true;
  }
  return false;
}

/** Random valid trees and configs, every mode. */
export async function runDifferential(opts: DiffOptions): Promise<Report> {
  const report = newReport();
  const t0 = Date.now();
  const modes = opts.modes ?? MODES;
  const chunk = opts.chunk ?? 100;
  await processChunks(report, opts, (k) => {
    const cases: Case[] = [];
    for (let i = k * chunk; i < Math.min(opts.cases, (k + 1) * chunk); i++) cases.push(buildCase(seedFrom(opts.seed, 'case', i), i, modes, opts.randconfigExact ?? true));
    return cases;
  }, opts.engine ?? defaultEngine, 'differential');
  report.ms = Date.now() - t0;
  return report;
}

/** Broken trees, loops and malformed configs: exit codes, stderr, stdout, files. */
export async function runErrorCases(opts: DiffOptions): Promise<Report> {
  const report = newReport();
  const t0 = Date.now();
  const chunk = opts.chunk ?? 100;
  await processChunks(report, opts, (k) => {
    const cases: Case[] = [];
    for (let i = k * chunk; i < Math.min(opts.cases, (k + 1) * chunk); i++) {
      const c = buildErrorCase(seedFrom(opts.seed, 'error', i), i);
      if (opts.modes) c.runs = c.runs.filter((r) => opts.modes!.includes(r.mode));
      cases.push(c);
    }
    return cases;
  }, opts.engine ?? defaultEngine, 'errors');
  report.ms = Date.now() - t0;
  return report;
}

/** Re-runs a single case by its case seed (as printed in reports). */
export async function runSingleCase(caseSeed: number, error: boolean, opts: Omit<DiffOptions, 'seed' | 'cases'>): Promise<Report> {
  const report = newReport();
  const t0 = Date.now();
  const c = error ? buildErrorCase(caseSeed, 0) : buildCase(caseSeed, 0, opts.modes ?? MODES, opts.randconfigExact ?? true);
  if (error && opts.modes) c.runs = c.runs.filter((r) => opts.modes!.includes(r.mode));
  await processChunks(report, { ...opts, seed: caseSeed, cases: 1 }, (k) => (k === 0 ? [c] : undefined), opts.engine ?? defaultEngine, 'case');
  report.ms = Date.now() - t0;
  return report;
}

export function countMismatches(r: Report): number {
  let n = 0;
  for (const l of r.mismatches.values()) n += l.length;
  return n;
}

/** Mismatching runs of a mode (a run can differ in several ways). */
export function failingRuns(r: Report, mode: string): number {
  return new Set((r.mismatches.get(mode) ?? []).map((m) => m.seed)).size;
}

export function formatReport(r: Report, title: string, opts: { details?: number; modes?: readonly string[] } = {}): string {
  const out: string[] = [];
  out.push(`${title}: ${r.cases} cases in ${(r.ms / 1000).toFixed(1)} s (C conf ${r.cSeconds.toFixed(1)} s, engine ${r.engineSeconds.toFixed(1)} s)`);
  if (r.stopped) out.push(`  (${r.stopped})`);
  const modes = opts.modes ?? [...r.runs.keys()];
  out.push('  mode            runs  compared  C ok  killed  failing  (what differs)');
  for (const m of modes) {
    const list = r.mismatches.get(m) ?? [];
    const what = new Map<string, number>();
    for (const x of list) {
      const w = x.what.startsWith('file:') ? 'file:' + x.what.slice(5).replace(/^include\/config\/(?!auto\.conf)[^/]+$/, 'include/config/<dep>') : x.what;
      what.set(w, (what.get(w) ?? 0) + 1);
    }
    const ws = [...what].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
    const c = countsOf(r, m);
    const killed = c.loops + c.timeouts + c.crashes;
    out.push(`  ${m.padEnd(14)} ${String(r.runs.get(m) ?? 0).padStart(5)}  ${String(c.compared).padStart(8)}  ${String(c.cOk).padStart(4)}  ${String(killed).padStart(6)}  ${String(failingRuns(r, m)).padStart(7)}  ${ws}`);
  }
  const loops = [...r.skipped].filter(([m]) => m !== 'randconfig-fixpoint' && !m.startsWith('crash:'));
  const crashes = [...r.skipped].filter(([m]) => m.startsWith('crash:'));
  if (crashes.length) out.push(`  the C conf crashed (only checked that the engine does not throw): ${crashes.map(([m, n]) => `${m.slice(6)} ${n}`).join(', ')}`);
  if (loops.length) {
    const why = (m: string) => { const c = countsOf(r, m); return `${c.loops} endless loops, ${c.timeouts} timeouts`; };
    out.push(`  not compared (the C conf did not terminate): ${loops.map(([m, n]) => `${m} ${n} (${why(m)})`).join(', ')}`);
  }
  const rf = r.skipped.get('randconfig-fixpoint');
  if (rf) out.push(`  randconfig fixpoint not required in ${rf} cases (the C conf's own randconfig output is no fixpoint either)`);
  if (r.thrown.size) {
    out.push('  engine exceptions:');
    for (const [msg, t] of r.thrown) {
      out.push(`    ${t.count}x ${msg} (first: case seed ${t.first.seed}, ${t.first.mode})`);
      if (t.stack) out.push(...t.stack.split('\n').slice(1, 4).map((l) => '      ' + l.trim()));
    }
  }
  const details = opts.details ?? 3;
  if (details > 0) {
    let shown = 0;
    for (const m of modes) {
      for (const x of r.mismatches.get(m) ?? []) {
        if (x.what === 'engine-threw' && r.thrown.size) continue;
        if (shown++ >= details) break;
        out.push('', `── case seed ${x.seed}${x.kind ? ` (${x.kind})` : ''}, mode ${x.mode}: ${x.what}${x.dir ? `  [kept in ${x.dir}]` : ''}`);
        out.push(x.detail.split('\n').map((l) => '   ' + l).join('\n'));
      }
    }
  }
  if (r.keptDirs.length) out.push('', `failing cases kept under ${path.dirname(r.keptDirs[0]!)} (each has repro-<mode>.sh)`);
  return out.join('\n');
}

/** The failure message of one mode: counts, what differs, a few diffs. */
export function modeFailure(r: Report, mode: string, seed: number, rerun: string): string | undefined {
  const list = r.mismatches.get(mode) ?? [];
  if (!list.length) return undefined;
  const runs = r.runs.get(mode) ?? 0;
  const out = [`${mode}: ${failingRuns(r, mode)} of ${runs} runs differ from the C conf (seed ${seed}; re-run: ${rerun} --modes ${mode})`];
  const threw = list.filter((m) => m.what === 'engine-threw');
  if (threw.length) {
    const msgs = new Map<string, number>();
    for (const m of threw) { const k = m.detail.split('\n')[0]!; msgs.set(k, (msgs.get(k) ?? 0) + 1); }
    for (const [k, n] of msgs) out.push(`  engine threw ${n}x: ${k}`);
    out.push('  ' + threw[0]!.detail.split('\n').slice(1).join('\n  '));
  }
  const rest = list.filter((m) => m.what !== 'engine-threw');
  for (const m of rest.slice(0, 3)) {
    out.push('', `── case seed ${m.seed}${m.kind ? ` (${m.kind})` : ''}: ${m.what}${m.dir ? `  [kept in ${m.dir}]` : ''}`);
    out.push(m.detail.split('\n').map((l) => '   ' + l).join('\n'));
  }
  if (rest.length > 3) out.push(`   ... and ${rest.length - 3} more differences`);
  return out.join('\n');
}

export { visible };
export const tmpdir = os.tmpdir;
