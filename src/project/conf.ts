// Running conf on a project the way Unikraft's Makefile does for its *config targets.
import { childProcess } from '../../kconfig/childProcess.js';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runConf } from '../../kconfig/conf.js';
import { fdLineSource } from '../../kconfig/stdin.js';
import { archConfigSymbol } from './arch.js';
import { syncconfigEnv } from './discover.js';
import { UkmenuError } from './errors.js';
import { qstrip } from './paths.js';
import { confEnvironment, type Project } from './types.js';

export interface ConfRunOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Something that behaves like the C `conf`: argv without the program name, returns the exit code. */
export type ConfRunner = (argv: string[], opts: ConfRunOptions) => number | Promise<number>;

/** conf as implemented by our engine (kconfig/), with Unikraft's behaviour. */
export const engineConfRunner: ConfRunner = (argv, o) =>
  runConf(argv, { ...engineIo(o), env: o.env, cwd: o.cwd, flavor: 'unikraft' });

/** conf's output as text to the caller's sinks; answers come from stdin, as for conf. */
export function engineIo(o: { stdout: (t: string) => void; stderr: (t: string) => void }) {
  return {
    stdout: o.stdout,
    stderr: o.stderr,
    input: fdLineSource(0),
    tty: !!process.stdin.isTTY && !!process.stdout.isTTY,
  };
}

/** A conf binary (for example the reference built from Unikraft's support/kconfig), run as a child process. */
export function binaryConfRunner(bin: string): ConfRunner {
  return (argv, o) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.env)) if (v !== undefined) env[k] = v;
    const r = childProcess().spawnSync(bin, argv, { cwd: o.cwd, env, input: '', encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.error) throw r.error;
    if (r.stdout) o.stdout(r.stdout);
    if (r.stderr) o.stderr(r.stderr);
    return r.status ?? 128 + 1;
  };
}

/** conf's long options (Unikraft's v5.2 conf plus Linux 6.1's), for getopt_long-style prefix matching. */
const LONG_OPTIONS = [
  'oldaskconfig', 'oldconfig', 'syncconfig', 'defconfig', 'savedefconfig', 'allnoconfig', 'allyesconfig',
  'allmodconfig', 'alldefconfig', 'randconfig', 'listnewconfig', 'olddefconfig', 'oldnoconfig', 'helpnewconfig',
  'yes2modconfig', 'mod2yesconfig', 'mod2noconfig', 'help', 'silent',
];

function matchLong(name: string): string | undefined {
  if (LONG_OPTIONS.includes(name)) return name;
  const hits = LONG_OPTIONS.filter((o) => o.startsWith(name));
  return hits.length === 1 ? hits[0] : undefined;
}

export interface ConfArgs {
  /** The mode (input_mode) as conf would pick it: the last mode option; oldnoconfig is olddefconfig. */
  mode?: string;
  /** Non-option arguments (conf takes the first as the Kconfig file). */
  positionals: string[];
  /** The options, with --defconfig/--savedefconfig files written as --opt=ABSOLUTE (when resolveFrom is given). */
  options: string[];
  defconfigFile?: string;
  savedefconfigFile?: string;
}

/**
 * Splits conf's arguments like getopt_long would. `--defconfig FILE` and `--savedefconfig FILE`
 * both take the next argument (conf 6.1 style; v5.2 conf only accepts `--defconfig=FILE`, so the
 * project mode always passes `=`). With `resolveFrom`, those files become absolute paths, since
 * conf runs in the build folder, not where the user typed the command.
 */
export function analyzeConfArgs(argv: string[], resolveFrom?: string): ConfArgs {
  const out: ConfArgs = { positionals: [], options: [] };
  const abs = (f: string) => (resolveFrom !== undefined ? path.resolve(resolveFrom, f) : f);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { out.positionals.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('-') || a === '-') { out.positionals.push(a); continue; }
    if (!a.startsWith('--')) { out.options.push(a); continue; }
    const eq = a.indexOf('=');
    const name = matchLong(a.slice(2, eq < 0 ? undefined : eq));
    if (name === undefined) { out.options.push(a); continue; }
    let value = eq < 0 ? undefined : a.slice(eq + 1);
    if ((name === 'defconfig' || name === 'savedefconfig') && value === undefined && i + 1 < argv.length && !argv[i + 1].startsWith('-')) {
      value = argv[++i];
    }
    if (name === 'help' || name === 'silent') { out.options.push(a); continue; }
    out.mode = name === 'oldnoconfig' ? 'olddefconfig' : name;
    if (name === 'defconfig') out.defconfigFile = value;
    if (name === 'savedefconfig') out.savedefconfigFile = value;
    if ((name === 'defconfig' || name === 'savedefconfig') && value !== undefined) out.options.push(`--${name}=${abs(value)}`);
    else out.options.push(eq < 0 ? `--${name}` : a);
  }
  if (out.defconfigFile !== undefined) out.defconfigFile = abs(out.defconfigFile);
  if (out.savedefconfigFile !== undefined) out.savedefconfigFile = abs(out.savedefconfigFile);
  return out;
}

export interface ProjectConfOptions {
  runner?: ConfRunner;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** The user's environment (default process.env); the project's variables go on top. */
  baseEnv?: Record<string, string | undefined>;
  /** Where the user typed the command: relative --defconfig/--savedefconfig files resolve here. */
  cwd?: string;
}

/** Modes after which Unikraft's Makefile runs an extra `conf --olddefconfig` (stdout to /dev/null). */
const EXTRA_OLDDEFCONFIG = new Set(['allyesconfig', 'allnoconfig', 'randconfig']);

/**
 * `make <mode>config` for the project: creates the build folders, runs conf with the Makefile's
 * environment in the build folder on $(UK_BASE)/Config.uk, then what the Makefile runs after it:
 * an extra --olddefconfig after allyes/allno/randconfig (with SKIP_LEGACY=y on the first run), the
 * CONFIG_<ARCH>=y and CONFIG_UK_NAME lines appended by savedefconfig, and support/scripts/configupdate's
 * "architecture changed" notice. Returns conf's exit code.
 */
export async function runProjectConf(project: Project, argv: string[], o: ProjectConfOptions = {}): Promise<number> {
  const runner = o.runner ?? engineConfRunner;
  const stdout = o.stdout ?? ((t: string) => void process.stdout.write(t));
  const stderr = o.stderr ?? ((t: string) => void process.stderr.write(t));
  const baseEnv = o.baseEnv ?? process.env;
  const args = analyzeConfArgs(argv, o.cwd ?? process.cwd());
  if (args.positionals.length) {
    throw new UkmenuError(`conf: unexpected argument "${args.positionals[0]}"`, [
      `for an application, the Kconfig file is the core's ${project.topKconfig}; drop "${args.positionals[0]}",`,
      'or run `ukmenu conf [options] KCONFIG` without --app/--uk-root/--libs/--config/--build-dir for a plain conf',
    ], 2);
  }
  let options = args.options;
  if (args.mode === 'defconfig' && args.defconfigFile === undefined) {
    // make defconfig: --defconfig$(if $(DEFCONFIG),=$(DEFCONFIG)) with DEFCONFIG = qstrip(UK_DEFCONFIG)
    const d = qstrip(baseEnv.UK_DEFCONFIG ?? '');
    if (d !== '') options = options.map((x) => (x === '--defconfig' ? `--defconfig=${path.resolve(o.cwd ?? process.cwd(), d)}` : x));
  }
  for (const d of project.dirsToCreate) {
    try {
      mkdirSync(d, { recursive: true });
    } catch (e) {
      throw new UkmenuError(`could not create ${d}: ${(e as Error).message}`, ['fix: check the permissions of the build folder, or pass --build-dir DIR']);
    }
  }
  const env = confEnvironment(project, baseEnv);
  if (args.mode === 'syncconfig' && project.kind === 'app') Object.assign(env, await syncconfigEnv(project, baseEnv));
  const run = { env, cwd: project.confCwd, stdout, stderr };
  const extra = args.mode !== undefined && EXTRA_OLDDEFCONFIG.has(args.mode);
  let rc = await runner([...options, project.topKconfig], extra ? { ...run, env: { ...env, SKIP_LEGACY: 'y' } } : run);
  if (rc !== 0) return rc;
  if (extra) {
    rc = await runner(['--olddefconfig', project.topKconfig], { ...run, stdout: () => {} });
    if (rc !== 0) return rc;
  }
  if (args.mode === 'savedefconfig') {
    if (args.savedefconfigFile !== undefined) appendFileSync(path.resolve(project.confCwd, args.savedefconfigFile), savedefconfigTrailer(project));
  } else if (args.mode !== 'listnewconfig' && args.mode !== 'helpnewconfig') {
    const notice = configUpdateNotice(path.resolve(project.confCwd, project.configFile), path.join(project.buildDir, 'config'));
    if (notice) stdout(notice);
  }
  return 0;
}

/**
 * What Unikraft's `make savedefconfig` appends to conf's minimal file. savedefconfig is one of the
 * Makefile's noconfig_targets, so the .config is not included: CONFIG_UK_ARCH is ARCH or the host's
 * (project.arch), CONFIG_UK_NAME is N= or the app folder's name (project.name). The arch line is
 * written only when that arch is the host's; conf's output already names another one.
 */
export function savedefconfigTrailer(project: Project): string {
  const arch = project.hostArch === project.arch ? `${archConfigSymbol(project.arch)}=y\n` : '';
  return `${arch}CONFIG_UK_NAME="${project.name}"\n`;
}

/**
 * support/scripts/configupdate: when both files exist and their CONFIG_ARCH_* lines differ, the
 * notice it prints; otherwise undefined.
 */
export function configUpdateNotice(config: string, configOut: string): string | undefined {
  if (!existsSync(config) || !existsSync(configOut)) return undefined;
  const sub = (f: string) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => /^#?[ \t\n\v\f\r]*CONFIG_ARCH_.*$/.test(l))
      .sort()
      .join('\n');
  let updates = '';
  if (sub(config) !== sub(configOut)) updates += '*** - CPU architecture changed\n';
  if (updates === '') return undefined;
  return (
    '*** The following configuration changes were detected:\n' +
    updates +
    "*** We highly recommend to execute 'make properclean' before\n" +
    "*** calling 'make'. This is to ensure that the new setting\n" +
    '*** is also considered by the fetch and prepare targets.\n' +
    '\n'
  );
}
