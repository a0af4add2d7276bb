// Asking GNU make itself what an app Makefile and the Unikraft core say, instead of guessing with regexes.
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { coreVersionFromFiles } from './coreVersion.js';
import { UkmenuError } from './errors.js';
import { runToFiles } from './runToFiles.js';
import { appMakefileInProcess } from './makefileInProcess.js';
import { cachedAnswer, filesLookedAt, findOnPath, queryKey, sameFiles, storeAnswer } from './queryCache.js';

export type Env = Record<string, string | undefined>;

const VAR_MARK = '@@ukmenu-var@@ ';
const CALL_MARK = '@@ukmenu-call@@';

/** What make's command line for a (sub-)make says: its -C directory, VAR=value overrides and goals. */
export interface MakeCall {
  args: string[];
  /** The last -C / --directory, as written (not resolved). */
  directory?: string;
  vars: Record<string, string>;
  goals: string[];
}

export interface MakefileVar {
  origin: string;
  value: string;
}

export interface AppMakefileInfo {
  makefile: string;
  /** Variables of the app Makefile after it was read (only those that are defined). */
  vars: Record<string, MakefileVar>;
  /** The recursive `$(MAKE) ...` calls the Makefile's recipe for the goal would run, in order. */
  calls: MakeCall[];
  /** make's stderr when it failed before printing anything useful. */
  problem?: string;
}

/** The environment for make children: the caller's, without the settings of an enclosing make. */
export function makeEnv(env: Env, extra: Env = {}): Env {
  const out: Env = { ...env, ...extra };
  for (const k of ['MAKEFLAGS', 'MAKELEVEL', 'MFLAGS', 'MAKEOVERRIDES', 'GNUMAKEFLAGS', 'MAKEFILES']) delete out[k];
  return out;
}

function makeMissing(make: string): UkmenuError {
  return new UkmenuError(`cannot run \`${make}\` (GNU make): it is not installed or not on PATH`, [
    'ukmenu asks make for the app Makefile\'s variables and for the Unikraft version.',
    'fix: install GNU make (Debian/Ubuntu: apt-get install make), or set UKMENU_MAKE to its path',
  ]);
}

/**
 * Runs make with `input` on stdin (node's child_process, not execa, on the start-up path; with files, not pipes: runToFiles.ts).
 * `missing`: make could not be started at all.
 */
function runMake(make: string, args: string[], o: { cwd: string; env: Env; input: string }): Promise<{ exitCode: number; stdout: string; stderr: string; missing: boolean }> {
  return runToFiles(make, args, { cwd: o.cwd, env: o.env as NodeJS.ProcessEnv, input: o.input, timeout: 30_000, encoding: 'utf8' })
    .then((r) => ({ exitCode: r.status ?? 1, stdout: r.stdout, stderr: r.stderr, missing: r.error?.code === 'ENOENT' }));
}

/** Is there a program to run there? (no make installed: make's own error, as without the fast path) */
function runnable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return file.includes('/');
  } catch {
    return false;
  }
}

/** Parses a make argument list (as the shell would hand it to make). */
export function parseMakeArgs(args: string[]): MakeCall {
  const call: MakeCall = { args, vars: {}, goals: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-C' || a === '--directory') { call.directory = args[++i]; continue; }
    if (a.startsWith('--directory=')) { call.directory = a.slice('--directory='.length); continue; }
    if (/^-C./.test(a)) { call.directory = a.slice(2); continue; }
    if (['-f', '--file', '--makefile', '-I', '--include-dir', '-o', '-W', '--old-file', '--what-if', '--new-file', '--assume-old', '--assume-new', '-j', '-l'].includes(a)) {
      // options with a separate argument (-j/-l only consume a following number)
      if ((a === '-j' || a === '-l') && !/^\d+(\.\d+)?$/.test(args[i + 1] ?? '')) continue;
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    const eq = /^([^=\s:+?!]+)\s*(?::{1,3}|\+|\?|!)?=(.*)$/s.exec(a);
    if (eq) { call.vars[eq[1]] = eq[2]; continue; }
    call.goals.push(a);
  }
  return call;
}

/** The makefile GNU make would read in `dir`, if any (GNUmakefile, makefile, Makefile). */
export function findMakefile(dir: string): string | undefined {
  for (const name of ['GNUmakefile', 'makefile', 'Makefile']) {
    const p = path.join(dir, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * Reads an app Makefile with make: prints the given variables after the Makefile was read, and runs
 * make in dry-run mode for `goal` with $(MAKE) replaced by a printer, so the recursive call into
 * Unikraft (`$(MAKE) -C $(UK_ROOT) A=... L=... O=... goal`) is recorded instead of run. `-n` runs no
 * other recipe line. Parse-time `$(shell ...)` of the Makefile does run, as with any make call.
 * Answers of Makefiles that read nothing but themselves come from queryCache.ts when nothing changed.
 */
export async function queryAppMakefile(opts: {
  appDir: string;
  makefile: string;
  varNames: string[];
  overrides?: Record<string, string>;
  /** The goal to dry-run (default menuconfig); null: make's default goal. */
  goal?: string | null;
  env: Env;
  make?: string;
}): Promise<AppMakefileInfo> {
  const make = opts.make ?? 'make';
  const printer = `printf '\\n\\035%s\\036' ${CALL_MARK}`;
  const probe = `$(foreach v,${opts.varNames.join(' ')},$(if $(filter undefined,$(origin $(v))),,$(info ${VAR_MARK}$(v)|$(origin $(v))|$($(v)))))\n`;
  const args = [
    '-n', '--no-print-directory',
    '-f', path.basename(opts.makefile), '-f', '-',
    `MAKE=${printer}`,
    ...Object.entries(opts.overrides ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(opts.goal === null ? [] : [opts.goal ?? 'menuconfig']),
  ];
  const env = makeEnv(opts.env, { PWD: opts.appDir });
  // a Makefile of the apps' usual form: its answer without running make (makefileInProcess.ts)
  if (opts.env.UKMENU_ASK_MAKE !== '1' && opts.env.UKMENU_MAKEFILE_IN_PROCESS !== '0' && runnable(findOnPath(make, env))) {
    const known = appMakefileInProcess({ ...opts, overrides: opts.overrides ?? {}, env });
    if (known) return known;
  }
  const key = opts.env.UKMENU_ASK_MAKE === '1' ? undefined : queryKey({ appDir: opts.appDir, makefile: opts.makefile, args, input: probe, env, make });
  const kept = key ? cachedAnswer<{ info: AppMakefileInfo; looked: Record<string, string> }>(key, opts.env) : undefined;
  if (kept?.info && sameFiles(kept.looked)) return kept.info;
  // make -C does not change $(PWD); app Makefiles use it, so env has it as the shell would in APP;
  // with a key, -d also says which files the answer depends on (queryCache.ts)
  const r = await runMake(make, key ? ['-d', ...args] : args, { cwd: opts.appDir, env, input: probe });
  if (r.missing) throw makeMissing(make);
  const info: AppMakefileInfo = { makefile: opts.makefile, vars: {}, calls: [] };
  let current: string[] | undefined;
  for (const line of String(r.stdout ?? '').split('\n')) {
    if (line.startsWith(VAR_MARK)) {
      const rest = line.slice(VAR_MARK.length);
      const a = rest.indexOf('|');
      const b = rest.indexOf('|', a + 1);
      if (a > 0 && b > a) info.vars[rest.slice(0, a)] = { origin: rest.slice(a + 1, b), value: rest.slice(b + 1) };
      continue;
    }
    // the printer writes "\n\035ARG\036" per argument; a call starts with CALL_MARK
    const m = /^\x1d([\s\S]*)\x1e/.exec(line);
    if (!m) continue;
    if (m[1] === CALL_MARK) { current = []; info.calls.push(parseMakeArgs(current)); continue; }
    if (current) { current.push(m[1]); info.calls[info.calls.length - 1] = parseMakeArgs(current); }
  }
  if (Object.keys(info.vars).length === 0 && info.calls.length === 0 && r.exitCode !== 0) {
    info.problem = String(r.stderr ?? '').trim().split('\n').slice(-3).join('\n');
  }
  if (key && r.exitCode === 0) storeAnswer(key, { info, looked: filesLookedAt(r.stdout, opts.appDir) }, opts.env);
  return info;
}

export interface CoreVersion {
  fullVersion: string;
  codename: string;
}

/**
 * UK_FULLVERSION and UK_CODENAME, computed by make from the core's version.mk exactly as Unikraft's
 * Makefile does (including `support/scripts/gitsha1`, run in the core folder); for a plain
 * version.mk without make (coreVersion.ts). UKMENU_ASK_MAKE=1 always asks make.
 */
export async function queryCoreVersion(ukBase: string, env: Env, make = 'make'): Promise<CoreVersion> {
  if (env.UKMENU_ASK_MAKE !== '1') {
    const known = await coreVersionFromFiles(ukBase, makeEnv(env, { PWD: ukBase }));
    if (known) return known;
  }
  const mk = [
    'CONFIG_UK_BASE := $(realpath $(CURDIR))',
    'SCRIPTS_DIR := $(CONFIG_UK_BASE)/support/scripts',
    'include $(CONFIG_UK_BASE)/version.mk',
    'ifdef UK_EXTRAVERSION',
    'UK_FULLVERSION := $(UK_VERSION).$(UK_SUBVERSION).$(UK_EXTRAVERSION)$(shell cd $(CONFIG_UK_BASE); $(SCRIPTS_DIR)/gitsha1)',
    'else',
    'UK_FULLVERSION := $(UK_VERSION).$(UK_SUBVERSION)$(shell cd $(CONFIG_UK_BASE); $(SCRIPTS_DIR)/gitsha1)',
    'endif',
    `$(info ${VAR_MARK}UK_FULLVERSION|$(origin UK_FULLVERSION)|$(UK_FULLVERSION))`,
    `$(info ${VAR_MARK}UK_CODENAME|$(origin UK_CODENAME)|$(UK_CODENAME))`,
    '.PHONY: ukmenu-noop',
    'ukmenu-noop: ; @:',
    '',
  ].join('\n');
  const { r, vals } = await evalMakefile(make, ukBase, mk, makeEnv(env, { PWD: ukBase }));
  if (r.exitCode !== 0 || vals.UK_FULLVERSION === undefined) {
    throw new UkmenuError(`cannot read the Unikraft version from ${path.join(ukBase, 'version.mk')}`, [
      ...String(r.stderr ?? '').trim().split('\n').filter((l) => l !== '').slice(-3),
      'fix: check that the core is a complete Unikraft checkout (git status in it), or point --uk-root at one',
    ]);
  }
  return { fullVersion: vals.UK_FULLVERSION, codename: vals.UK_CODENAME ?? '' };
}

/**
 * The variables make has after `-include`-ing the .config and arch/Arch.uk, as Unikraft's Makefile
 * does for every goal that is not a configuration goal (syncconfig and the build): CONFIG_UK_ARCH
 * (from the arch choice) and CONFIG_UK_NAME (the .config's, else the environment's). Undefined
 * variables are left out.
 */
export async function queryDotConfig(ukBase: string, configFile: string, env: Env, make = 'make'): Promise<Record<string, string>> {
  const names = ['CONFIG_UK_ARCH', 'CONFIG_UK_NAME'];
  const mk = [
    '-include $(UKMENU_DOT_CONFIG)',
    '-include $(UKMENU_UK_BASE)/arch/Arch.uk',
    `$(foreach v,${names.join(' ')},$(if $(filter undefined,$(origin $(v))),,$(info ${VAR_MARK}$(v)|$(origin $(v))|$($(v)))))`,
    '.PHONY: ukmenu-noop',
    'ukmenu-noop: ; @:',
    '',
  ].join('\n');
  return (await evalMakefile(make, ukBase, mk, makeEnv(env, { UKMENU_DOT_CONFIG: configFile, UKMENU_UK_BASE: ukBase }))).vals;
}

/** Runs make on a makefile given on stdin (goal ukmenu-noop) and collects its VAR_MARK lines. */
async function evalMakefile(make: string, cwd: string, mk: string, env: ReturnType<typeof makeEnv>) {
  const r = await runMake(make, ['-s', '--no-print-directory', '-f', '-', 'ukmenu-noop'], { cwd, env, input: mk });
  if (r.missing) throw makeMissing(make);
  const vals: Record<string, string> = {};
  for (const line of String(r.stdout ?? '').split('\n')) {
    if (!line.startsWith(VAR_MARK)) continue;
    const [name, , ...rest] = line.slice(VAR_MARK.length).split('|');
    vals[name] = rest.join('|');
  }
  return { r, vals };
}
