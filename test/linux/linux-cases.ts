// Linux 6.1's own Kconfig tree (from Debian's linux-source, extracted by test/oracle) through both
// the C conf and the engine: the runs, the seeded perturbation of a .config, the comparison.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runConf } from '../../kconfig/conf.js';
import { unifiedDiff } from '../differential/diff-text.js';
import { Rng } from '../gen/prng.js';
import { SHARED_SHELL_ENV, withSharedShell } from './shared-shell.js';
import { linuxDefconfig, linuxEnv, makeTempDir, REPO_ROOT, runOracleBatch, snapshotDir, writeFiles, type LinuxArch } from '../oracle/oracle.js';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface LinuxRun {
  arch: LinuxArch;
  name: string;
  argv: string[];
  env: Record<string, string>;
  inputs: Record<string, string>;
  /** The engine reuses the tree's command outputs (shared-shell.ts): runs on the defconfig result. */
  sharedShell?: boolean;
}

export interface SideResult {
  code: number;
  signal?: string;
  /** C side: stopped by the alarm twice (10 s, then 60 s alone): not compared, reported as such. */
  timedOut?: boolean;
  retried?: boolean;
  stdout: string;
  stderr: string;
  files: Map<string, Buffer>;
  threw?: string;
  ms: number;
}

/**
 * The runs that do not depend on an earlier result. The first runs the tree's commands through the
 * engine's own helpers and prefetch; the others reuse their outputs (shared-shell.ts: same
 * commands, same environment).
 */
export function baseRuns(arch: LinuxArch): LinuxRun[] {
  const env = linuxEnv(arch);
  const def = linuxDefconfig(arch);
  return [
    { arch, name: 'olddefconfig from an empty .config', argv: ['--olddefconfig', 'Kconfig'], env, inputs: { '.config': '' }, sharedShell: false },
    {
      arch, name: 'olddefconfig without .config (KCONFIG_DEFCONFIG_LIST as make sets it)', argv: ['-s', '--olddefconfig', 'Kconfig'],
      // make also lists /lib/modules/$(uname -r)/.config, /etc/kernel-config and /boot/config-$(uname -r)
      // first: host files, left out so that the test does not depend on the machine
      env: { ...env, KCONFIG_DEFCONFIG_LIST: def }, inputs: {}, sharedShell: true,
    },
    { arch, name: `defconfig (--defconfig ${def})`, argv: ['--defconfig', def, 'Kconfig'], env, inputs: {}, sharedShell: true },
    { arch, name: 'allnoconfig', argv: ['-s', '--allnoconfig', 'Kconfig'], env, inputs: {}, sharedShell: true },
    { arch, name: 'allyesconfig', argv: ['-s', '--allyesconfig', 'Kconfig'], env, inputs: {}, sharedShell: true },
    { arch, name: 'allmodconfig', argv: ['-s', '--allmodconfig', 'Kconfig'], env, inputs: {}, sharedShell: true },
  ];
}

/** Runs on the C conf's defconfig result. */
export function derivedRuns(arch: LinuxArch, defconfigOut: string, perturbed: number, seed: number): LinuxRun[] {
  const env = linuxEnv(arch);
  const runs: LinuxRun[] = [
    { arch, name: 'savedefconfig of the defconfig result', argv: ['--savedefconfig', 'defconfig.out', 'Kconfig'], env, inputs: { '.config': defconfigOut }, sharedShell: true },
    { arch, name: 'syncconfig of the defconfig result (auto.conf, autoconf.h, rustc_cfg, auto.conf.cmd, deps)', argv: ['--syncconfig', 'Kconfig'], env, inputs: { '.config': defconfigOut }, sharedShell: true },
  ];
  for (let i = 0; i < perturbed; i++) {
    const s = (seed + i * 7919) >>> 0;
    runs.push({ arch, name: `perturbed #${i} (seed ${s})`, argv: ['-s', '--olddefconfig', 'Kconfig'], env, inputs: { '.config': perturbConfig(defconfigOut, s, 50) }, sharedShell: true });
  }
  return runs;
}

/**
 * Changes about `n` entries of a .config written by conf: odd int/hex formats (+5, 007, 0X1f, hex
 * without 0x, decimal in hex), out-of-range and malformed numbers, m for bools, invalid bool values,
 * string escapes, unquoted and unterminated strings, removed lines (symbols become new),
 * duplicates, unknown symbols and garbage lines.
 */
export function perturbConfig(config: string, seed: number, n: number): string {
  const rng = new Rng(seed);
  const lines: Array<string | null> = config.split('\n');
  const idx: number[] = [];
  lines.forEach((l, i) => {
    if (l === null) return;
    if (/^CONFIG_[A-Za-z0-9_]+=/.test(l) || /^# CONFIG_[A-Za-z0-9_]+ is not set$/.test(l)) idx.push(i);
  });
  // half of the changes on int/hex/string entries (a small minority of a Linux .config)
  const isLogic = (i: number) => /=[ymn]$|is not set$/.test(lines[i]!);
  const logic = rng.shuffle(idx.filter(isLogic));
  const other = rng.shuffle(idx.filter((i) => !isLogic(i)));
  const half = Math.min(other.length, Math.floor(n / 2));
  const chosen = [...other.slice(0, half), ...logic.slice(0, n - half)];
  rng.shuffle(chosen);
  const extra: string[] = [];
  for (const i of chosen) {
    const l = lines[i]!;
    const m = /^CONFIG_([A-Za-z0-9_]+)=(.*)$/.exec(l) ?? /^# CONFIG_([A-Za-z0-9_]+) is not set$/.exec(l);
    if (!m) continue;
    const name = m[1]!;
    const val = m[2] ?? 'n';
    const set = (v: string) => `CONFIG_${name}=${v}`;
    const r = rng.float();
    if (r < 0.08) { lines[i] = null; continue; } // the symbol becomes new
    if (r < 0.12) { extra.push(set(rng.pick(['y', 'n', 'm', '1']))); continue; } // a later duplicate
    let out: string;
    if (val === 'y' || val === 'n' || val === 'm') {
      out = rng.pick([set('m'), set('y'), set('n'), `# CONFIG_${name} is not set`, set('yes'), set('Y'), set(''), set('mod')]);
    } else if (/^"/.test(val)) {
      out = set(rng.pick(['"changed"', 'unquoted', '"unterminated', '"esc\\"aped \\\\ back"', '""', '"trailing"junk', `${val.slice(0, -1)} more"`]));
    } else if (/^0[xX]/.test(val)) {
      const v = BigInt(val);
      out = set(rng.pick([
        '0X' + v.toString(16).toUpperCase(), v.toString(16), '0x0', '0xffffffffffffffff', '10', '0x', 'xyz',
        '0x' + (v + 1n).toString(16), '0x' + (v * 4096n + 1n).toString(16), '-0x1', '0x00' + v.toString(16),
      ]));
    } else if (/^-?\d+$/.test(val)) {
      const v = BigInt(val);
      out = set(rng.pick([
        '+5', '007', '-0', String(v + 1n), String(v * 1000n + 7n), '-1', '0x10', '', '99999999999999999999',
        ' 5', String(-v - 1n), '1e3', '0' + String(v),
      ]));
    } else {
      out = set(rng.pick(['y', '""', '0']));
    }
    lines[i] = out;
  }
  const garbage = rng.int(0, 3);
  for (let g = 0; g < garbage; g++) {
    extra.splice(rng.int(0, extra.length), 0, rng.pick(['CONFIG_NOT_A_LINUX_SYMBOL=y', 'garbage line', '# CONFIG_ALSO_UNKNOWN is not set', 'CONFIG_EMPTY_NAME']));
  }
  return [...lines.filter((l): l is string => l !== null), ...extra].join('\n').replace(/\n*$/, '\n');
}

/** Seconds before a C run on the Linux tree is stopped, and for its one retry alone. */
export const LINUX_ALARMS = { alarm: 60, retryAlarm: 180 };

/**
 * Runs the C conf for every run (conf-batch, `parallel` at a time), each in its own new directory;
 * the runs with the same environment fork from one parse of the tree (oracle.ts shareParse).
 */
export async function runC(runs: LinuxRun[], parallel = 2): Promise<SideResult[]> {
  const dirs = runs.map((r) => {
    const d = makeTempDir(`ukmenu-linux-c-${r.arch}-`);
    writeFiles(d, r.inputs);
    return d;
  });
  const t0 = Date.now();
  // Linux's tree never makes conf loop: the alarm only guards against a hang, with room for a busy machine
  const outs = await runOracleBatch(runs.map((r, i) => ({ cwd: dirs[i]!, argv: r.argv, env: r.env })), parallel, { ...LINUX_ALARMS, shareParse: true });
  const ms = (Date.now() - t0) / Math.max(1, runs.length);
  return outs.map((o, i) => {
    const files = snapshotDir(dirs[i]!);
    fs.rmSync(dirs[i]!, { recursive: true, force: true });
    return { ...o, files, ms };
  });
}

/** Runs the engine (in-process) for one run in a new directory. */
export function runEngineLinux(run: LinuxRun): SideResult {
  return run.sharedShell ? withSharedShell(() => runEngineIn(run, { ...run.env, ...SHARED_SHELL_ENV })) : runEngineIn(run, { ...run.env });
}

function runEngineIn(run: LinuxRun, env: Record<string, string>): SideResult {
  const d = makeTempDir(`ukmenu-linux-e-${run.arch}-`);
  writeFiles(d, run.inputs);
  let stdout = '';
  let stderr = '';
  const t0 = Date.now();
  let code = -1;
  let threw: string | undefined;
  try {
    code = runConf(run.argv, { env, cwd: d, stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, flavor: 'linux' });
  } catch (e) {
    const err = e as Error;
    threw = `${err?.message ?? String(err)}\n${(err?.stack ?? '').split('\n').slice(1, 8).join('\n')}`;
  }
  const ms = Date.now() - t0;
  const files = snapshotDir(d);
  fs.rmSync(d, { recursive: true, force: true });
  return { code, stdout, stderr, files, threw, ms };
}

/**
 * Runs the engine for all runs in two engine processes (engine-runner.ts through tsx), each
 * snapshotting its own run folders, while this process only waits (and reads the C side's
 * folders): the runs of one architecture go to one process, where the tree's command outputs are
 * shared. A process that cannot start or fails leaves its share to this process.
 */
export async function runEngineAll(runs: LinuxRun[]): Promise<SideResult[]> {
  const arches = [...new Set(runs.map((r) => r.arch))];
  const share = (i: number) => (arches.length > 1 ? arches.indexOf(runs[i]!.arch) : i) % 2;
  const parts = [0, 1].map((p) => runs.map((_, i) => i).filter((i) => share(i) === p));
  const results: Array<SideResult | undefined> = new Array(runs.length);
  await Promise.all(parts.map(async (idx) => {
    if (!idx.length) return;
    const out = await runInRunner(idx.map((i) => runs[i]!), `${[...new Set(idx.map((i) => runs[i]!.arch))].join('-')}.json`);
    idx.forEach((i, k) => { results[i] = out[k]; });
  }));
  return results as SideResult[];
}

/** Where engine processes keep the shared command outputs for the next ones (by architecture). */
let outputsDir: string | undefined;

/** One engine-runner process for `runs` (in this process if it cannot start or fails). */
async function runInRunner(runs: LinuxRun[], outputsName: string): Promise<SideResult[]> {
  if (!outputsDir) {
    const dir = (outputsDir = makeTempDir('ukmenu-linux-e-outputs-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  const outputsFile = path.join(outputsDir, outputsName);
  const io = makeTempDir('ukmenu-linux-e-io-');
  const jobs = runs.map((r) => {
    const d = makeTempDir(`ukmenu-linux-e-${r.arch}-`);
    writeFiles(d, r.inputs);
    return { argv: r.argv, env: r.env, cwd: d, sharedShell: !!r.sharedShell };
  });
  fs.writeFileSync(path.join(io, 'jobs.json'), JSON.stringify(jobs));
  const done = await new Promise<{ ok: boolean; err: string }>((resolve) => {
    try {
      const p = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'engine-runner.ts'), path.join(io, 'jobs.json'), path.join(io, 'out.json'), outputsFile], {
        cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      p.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
      p.on('error', (e) => resolve({ ok: false, err: String(e) }));
      p.on('close', (code) => resolve({ ok: code === 0, err }));
    } catch (e) {
      resolve({ ok: false, err: String(e) });
    }
  });
  let out: EngineRunnerResult[] | undefined;
  if (done.ok) {
    try { out = JSON.parse(fs.readFileSync(path.join(io, 'out.json'), 'utf8')); } catch { out = undefined; }
  }
  fs.rmSync(io, { recursive: true, force: true });
  if (!out) console.warn(`[linux] an engine process failed, running its share here: ${done.err.slice(0, 500)}`);
  return runs.map((r, k) => {
    fs.rmSync(jobs[k]!.cwd, { recursive: true, force: true });
    const o = out?.[k];
    if (!o) return runEngineLinux(r);
    return { ...o, files: new Map(o.files.map(([f, b64]) => [f, Buffer.from(b64, 'base64')])) };
  });
}

/** What engine-runner.ts writes for a job: the run's result and the files left in its folder. */
export interface EngineRunnerResult {
  code: number;
  stdout: string;
  stderr: string;
  threw?: string;
  ms: number;
  /** Every file of the run folder: relative path, contents in base64. */
  files: Array<[string, string]>;
}

/** Differences between the two sides, as readable messages (empty: identical). */
export function compareSides(c: SideResult, e: SideResult): string[] {
  const out: string[] = [];
  if (e.threw) return [`the engine threw: ${e.threw}`];
  if (c.timedOut) return [`reference timed out: the C conf did not end within ${LINUX_ALARMS.alarm} s, nor within ${LINUX_ALARMS.retryAlarm} s when run again alone (not a difference; a slow or overloaded machine)`];
  if (c.signal) return [`the C conf was killed (${c.signal})`];
  if (c.code !== e.code) out.push(`exit code: C conf ${c.code}, engine ${e.code}`);
  if (c.stdout !== e.stdout) out.push(`stdout differs:\n${unifiedDiff(c.stdout, e.stdout)}`);
  if (c.stderr !== e.stderr) out.push(`stderr differs:\n${unifiedDiff(c.stderr, e.stderr)}`);
  const names = [...new Set([...c.files.keys(), ...e.files.keys()])].sort();
  const depOnly: string[] = [];
  for (const f of names) {
    const a = c.files.get(f);
    const b = e.files.get(f);
    if (a && b && a.equals(b)) continue;
    if (/^include\/config\/(?!auto\.conf)/.test(f)) {
      depOnly.push(`${f} (${a ? (b ? 'differs' : 'C only') : 'engine only'})`);
      continue;
    }
    if (!a || !b) out.push(`${f}: written by ${a ? 'the C conf' : 'the engine'} only`);
    else out.push(`${f} differs:\n${unifiedDiff(a.toString('utf8'), b.toString('utf8'), 'C conf', 'engine', 2, 40)}`);
  }
  if (depOnly.length) out.push(`include/config dep files differ (${depOnly.length}): ${depOnly.slice(0, 12).join(', ')}${depOnly.length > 12 ? ', ...' : ''}`);
  return out;
}

export function defconfigResult(r: SideResult): string {
  const b = r.files.get('.config');
  if (!b) throw new Error(`the C conf wrote no .config for defconfig (exit ${r.code}): ${r.stderr}`);
  return b.toString('utf8');
}

