// The ukmenu command line. `main` takes its inputs explicitly so tests can run it in-process.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runConf } from '../kconfig/conf.js';
import type { KconfigMenuOptions } from './menu.js';
import {
  analyzeConfArgs,
  binaryConfRunner,
  discoverProject,
  engineConfRunner,
  engineIo,
  runProjectConf,
  UkmenuError,
  type ConfRunner,
  type DiscoverOptions,
  type Project,
} from './project/index.js';
import type { TreeSource } from './commands/inspect.js';
import type { TargetChoice } from './commands/targets.js';
import { traceStage } from './startTrace.js';
import { showLastFrame } from './lastFrame.js';
import { frameTerminal } from './frameTerminal.js';

export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** conf for a project (default: our engine with Unikraft behaviour). */
  projectConf?: ConfRunner;
  /** conf for `ukmenu conf ... KCONFIG` (default: our engine, flavour picked from the tree). */
  plainConf?: ConfRunner;
  /** The terminal's input: `ukmenu run` forwards it to the guest's console. */
  stdin?: NodeJS.ReadableStream;
  /** `ukmenu build`/`run` stop make/QEMU on SIGINT/SIGTERM/SIGHUP (the real program sets this). */
  handleSignals?: boolean;
  /** The menu (default: ./menu.js). */
  openMenu?: (project: Project, io: { stdout: (t: string) => void; stderr: (t: string) => void }) => Promise<number>;
  /** The menu on a plain Kconfig tree, for --kconfig (default: ./menu.js). */
  openKconfigMenu?: (opts: KconfigMenuOptions, io: { stdout: (t: string) => void; stderr: (t: string) => void }) => Promise<number>;
}

export const USAGE = `Usage:
  ukmenu [OPTIONS]                      open the menu for the application (default: this folder)
  ukmenu [OPTIONS] conf [CONF-ARGS]     run conf on the application, as make <mode>config does
                                        (e.g. ukmenu conf --olddefconfig)
  ukmenu conf [CONF-ARGS] KCONFIG       a plain drop-in for Kconfig's conf on any Kconfig file,
                                        with the environment as given (KCONFIG_CONFIG, CONFIG_, ...)
  ukmenu [OPTIONS] build [-j N] [-- MAKE-ARGS]
                                        build the image with make, with progress and errors first
  ukmenu [OPTIONS] run [--timeout SECONDS] [--no-build] [--memory MIB] [--append ARGS]
                   [--kvm|--no-kvm] [--print] [-- QEMU-ARGS]
                                        boot the image in QEMU (building it first when stale),
                                        print the console, exit with the guest's status (0 success,
                                        1 failure, 3 crash/no status, 124 timeout; see README)
  ukmenu [OPTIONS] project [--json|--env]
                                        show what was found: core, libraries, .config, build folder,
                                        and the environment conf gets
  ukmenu [OPTIONS] why SYMBOL [--to VALUE] [--json]
                                        why SYMBOL has its value, what keeps it from changing, and
                                        the changes that would give it the other value (or VALUE)
  ukmenu [OPTIONS] search QUERY... [--limit N] [--visible] [--json]
                                        fuzzy search over names, prompts, menu paths and help; one
                                        result a line, best first, the symbol name first
  ukmenu [OPTIONS] size [--json] [--diff]
                                        what each library of the last build adds to the image,
                                        largest first (--diff: against the build before)
  ukmenu [OPTIONS] targets [--json] [--write-back [--all]]
                                        the application's targets (Kraftfile, defconfigs/); with
                                        --target NAME --write-back: record its configuration in
                                        the Kraftfile (the target's kconfig; --all: unikraft's)
  ukmenu --kconfig FILE [--config FILE] [menu|why ...|search ...|conf ...]
                                        the same on any Kconfig tree, with the environment as for
                                        \`ukmenu conf\` (KCONFIG_CONFIG, srctree, the tree's variables)

Options (where the pieces are; see README):
  --app DIR         the application folder (default: the current folder)
  --uk-root DIR     the Unikraft core (default: $UK_ROOT, the app Makefile's UK_ROOT,
                    APP/workdir/unikraft, APP/.unikraft/unikraft)
  --libs A:B        external libraries: folders, or names looked up in $UK_LIBS,
                    APP/workdir/libs and APP/.unikraft/libs (default: the app Makefile's L=/LIBS,
                    else the Kraftfile's libraries)
  --config FILE     the configuration file (default: APP/.config, or the app Makefile's C=)
  --build-dir DIR   the build folder (default: APP/build, or the app Makefile's O=)
  --target NAME     a target of the Kraftfile or defconfigs/ (see \`ukmenu targets\`): its own
                    configuration file (.config.<name>_<plat>-<arch>, as kraft keeps it), created
                    from the Kraftfile's values when missing; the app's .config is left alone
  --kconfig FILE    a plain Kconfig tree instead of an application (then --config is its .config;
                    default: $KCONFIG_CONFIG, else .config)
  -h, --help        this text
  -V, --version     the version

What opening an application runs (as \`make menuconfig\` does): make reads the app's Makefile and
the core's version files to find the pieces (their parse-time $(shell ...) lines run, e.g. the
core's git hash), \`gcc -v\` gives the host architecture, and loading the tree runs the tree's
$(shell,...) lines (Unikraft's config-submenu.sh). Only \`build\` and \`run\` (and the menu's b/r)
run the build or QEMU. With --kconfig FILE only that tree's own $(shell,...) lines run.
`;

type ProjectOpt = 'app' | 'ukRoot' | 'libs' | 'config' | 'buildDir';
const PROJECT_OPTIONS: Record<string, ProjectOpt> = {
  '--app': 'app',
  '--uk-root': 'ukRoot',
  '--libs': 'libs',
  '--config': 'config',
  '--build-dir': 'buildDir',
};

function usageError(message: string): UkmenuError {
  return new UkmenuError(message, ['run `ukmenu --help` for usage'], 2);
}

export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Takes one project option at argv[i] (either `--opt VALUE` or `--opt=VALUE`); returns how many args it used, or 0. */
function takeProjectOption(argv: string[], i: number, into: DiscoverOptions): number {
  const a = argv[i];
  const eq = a.indexOf('=');
  const flag = eq < 0 ? a : a.slice(0, eq);
  const key = PROJECT_OPTIONS[flag];
  if (!key) return 0;
  let value: string;
  let used = 1;
  if (eq >= 0) value = a.slice(eq + 1);
  else {
    if (i + 1 >= argv.length) throw usageError(`${flag} needs a value`);
    value = argv[i + 1];
    used = 2;
  }
  if (into[key] !== undefined) throw usageError(`${flag} given twice`);
  into[key] = value;
  return used;
}

function shellQuote(v: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

function describeProject(p: Project): string {
  const rows: [string, string][] = [
    ['application', p.appDir === p.ukBase ? '(none: the core itself)' : p.appDir],
    ['unikraft', `${p.ukBase}  (from ${p.origins.ukBase}; ${p.fullVersion}${p.codename ? ` ${p.codename}` : ''})`],
  ];
  if (p.libs.length === 0) rows.push(['libraries', `none  (${p.origins.libs})`]);
  p.libs.forEach((l, i) => rows.push([i === 0 ? 'libraries' : '', i === 0 ? `${l}  (from ${p.origins.libs})` : l]));
  p.plats.forEach((l, i) => rows.push([i === 0 ? 'platforms' : '', l]));
  rows.push(
    ['.config', `${p.configFile}  (${p.origins.configFile})`],
    ['build folder', `${p.buildDir}  (${p.origins.buildDir})`],
    ['name', p.name],
    ['architecture', `${p.arch} (host ${p.hostArch})`],
    ['Kconfig', p.topKconfig],
  );
  if (p.makefile) rows.push(['app Makefile', p.makefile]);
  return rows.map(([k, v]) => `${k.padEnd(13)} ${v}`).join('\n') + '\n';
}

/** UKMENU_CONF=/path/to/conf runs that C conf binary instead of the engine (for comparing the two). */
function binaryFromEnv(io: CliIO): ConfRunner | undefined {
  const bin = io.env.UKMENU_CONF;
  return bin ? binaryConfRunner(bin) : undefined;
}

/** The project options plus the chosen --target (whose configuration is created unless `keepTarget`). */
type CliOptions = DiscoverOptions & { target?: TargetChoice; keepTarget?: boolean };

async function discover(opts: CliOptions, io: CliIO): Promise<Project> {
  const { target, keepTarget, ...rest } = opts;
  const project = await discoverProject({ ...rest, cwd: io.cwd, env: io.env });
  for (const w of project.warnings) io.stderr(`ukmenu: note: ${w}\n`);
  if (!target) return project;
  return (await import('./commands/targets.js')).targetProject(project, target, io, !keepTarget);
}

/**
 * Takes a valued option (`--NAME VALUE` / `--NAME=VALUE`) at argv[i] into `into[key]`; returns how
 * many args it used, or 0 when argv[i] is not that option.
 */
function takeValueOption<K extends string>(option: string, argv: string[], i: number, into: { [k in K]?: string }, key: K): number {
  const a = argv[i];
  if (a !== option && !a.startsWith(`${option}=`)) return 0;
  if (into[key] !== undefined) throw usageError(`${option} given twice`);
  if (a === option) {
    if (i + 1 >= argv.length) throw usageError(`${option} needs a value`);
    into[key] = argv[i + 1];
    return 2;
  }
  into[key] = a.slice(option.length + 1);
  return 1;
}

const takeTargetOption = (argv: string[], i: number, into: { name?: string }) => takeValueOption('--target', argv, i, into, 'name');
const takeKconfigOption = (argv: string[], i: number, into: { kconfig?: string }) => takeValueOption('--kconfig', argv, i, into, 'kconfig');

/** The tree for why/search: --kconfig FILE (plain) or the application's. */
async function treeSource(opts: DiscoverOptions, plain: { kconfig?: string }, io: CliIO): Promise<TreeSource> {
  if (plain.kconfig !== undefined) {
    const extra = (['app', 'ukRoot', 'libs', 'buildDir'] as const).filter((k) => opts[k] !== undefined);
    if (extra.length) throw usageError(`--kconfig is a plain Kconfig tree: --${extra[0] === 'ukRoot' ? 'uk-root' : extra[0] === 'buildDir' ? 'build-dir' : extra[0]} does not apply`);
    return { kind: 'kconfig', kconfig: plain.kconfig, config: opts.config, env: io.env, cwd: io.cwd };
  }
  return { kind: 'project', project: await discover(opts, io) };
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const opts: CliOptions = {};
  const plain: { kconfig?: string } = {};
  const targetName: { name?: string } = {};
  let projectOptionGiven = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') { io.stdout(USAGE); return 0; }
    if (a === '-V' || a === '--version') { io.stdout(`ukmenu ${version()}\n`); return 0; }
    const k = takeKconfigOption(argv, i, plain);
    if (k) { i += k - 1; continue; }
    const t = takeTargetOption(argv, i, targetName);
    if (t) { i += t - 1; continue; }
    const used = takeProjectOption(argv, i, opts);
    if (used) { projectOptionGiven = true; i += used - 1; continue; }
    if (a.startsWith('-')) throw usageError(`unknown option ${a}`);
    break;
  }
  const sub = argv[i] ?? 'menu';
  const rest = argv.slice(i + 1);
  if (plain.kconfig !== undefined && !['menu', 'why', 'search', 'conf', 'help'].includes(sub)) {
    throw usageError(`--kconfig applies to the menu, why, search and conf, not to ${sub}`);
  }
  if (targetName.name !== undefined) {
    if (plain.kconfig !== undefined) throw usageError('--target is a target of an application: --kconfig does not apply');
    if (opts.config !== undefined) throw usageError('--target and --config both name the configuration file: give one');
    opts.target = (await import('./commands/targets.js')).chooseTarget(path.resolve(io.cwd, opts.app ?? '.'), targetName.name);
  }

  switch (sub) {
    case 'conf': {
      const parsed = analyzeConfArgs(rest);
      if (plain.kconfig !== undefined) {
        // `ukmenu --kconfig FILE [--config FILE] conf MODE`: the plain conf on FILE
        const src = await treeSource(opts, plain, io);
        if (parsed.positionals.length) throw usageError(`conf: the Kconfig file is ${plain.kconfig} (--kconfig); unexpected "${parsed.positionals[0]}"`);
        const env = src.kind === 'kconfig' && src.config !== undefined ? { ...io.env, KCONFIG_CONFIG: src.config } : io.env;
        const runner = io.plainConf ?? binaryFromEnv(io) ?? ((args, o) => runConf(args, { ...engineIo(o), env: o.env, cwd: o.cwd }));
        return await runner([...rest, plain.kconfig], { env, cwd: io.cwd, stdout: io.stdout, stderr: io.stderr });
      }
      if (!projectOptionGiven && parsed.positionals.length > 0) {
        // plain drop-in conf: the caller's environment and folder, the Kconfig file as given
        const runner = io.plainConf ?? binaryFromEnv(io) ?? ((args, o) => runConf(args, { ...engineIo(o), env: o.env, cwd: o.cwd }));
        return await runner(rest, { env: io.env, cwd: io.cwd, stdout: io.stdout, stderr: io.stderr });
      }
      const project = await discover(opts, io);
      return await runProjectConf(project, rest, {
        runner: io.projectConf ?? binaryFromEnv(io) ?? engineConfRunner,
        stdout: io.stdout,
        stderr: io.stderr,
        baseEnv: io.env,
        cwd: io.cwd,
      });
    }
    case 'project': {
      let format: 'text' | 'json' | 'env' = 'text';
      for (let j = 0; j < rest.length; j++) {
        const used = takeProjectOption(rest, j, opts);
        if (used) { j += used - 1; continue; }
        if (rest[j] === '--json') format = 'json';
        else if (rest[j] === '--env') format = 'env';
        else throw usageError(`unknown argument for project: ${rest[j]}`);
      }
      const project = await discover({ ...opts, keepTarget: true }, io);
      if (format === 'json') io.stdout(JSON.stringify(project, null, 2) + '\n');
      else if (format === 'env') io.stdout(Object.entries(project.env).map(([k, v]) => `${k}=${shellQuote(v)}\n`).join(''));
      else io.stdout(describeProject(project));
      return 0;
    }
    case 'menu': {
      for (let j = 0; j < rest.length; j++) {
        const k = takeKconfigOption(rest, j, plain);
        if (k) { j += k - 1; continue; }
        const used = takeProjectOption(rest, j, opts);
        if (!used) throw usageError(`unknown argument ${rest[j]}`);
        j += used - 1;
      }
      const menuIo = { stdout: io.stdout, stderr: io.stderr };
      // imported here, and started before the project is found (menuStart.ts): `ukmenu conf` on a
      // Linux-size tree should not pay for the menu's modules, the menu should not wait for them
      const injected = plain.kconfig !== undefined ? io.openKconfigMenu : io.openMenu;
      // the last first frame at once, when nothing it was made of changed (lastFrame.ts)
      if (!injected && showLastFrame(io.cwd, argv, io.env, frameTerminal())) traceStage('last frame shown');
      const start = injected ? undefined : await import('./menuStart.js');
      const menu = start?.startMenu();
      menu?.catch(() => {}); // a failure shows where it is awaited, after the project's errors
      try {
        const src = await treeSource(opts, plain, io);
        traceStage('project found');
        if (src.kind === 'kconfig') return await (io.openKconfigMenu ?? (await menu!).openKconfigMenu)(src, menuIo);
        return await (io.openMenu ?? (await menu!).openMenu)(src.project, menuIo);
      } finally {
        start?.endMenuStart();
      }
    }
    case 'why':
    case 'search': {
      const own: string[] = [];
      for (let j = 0; j < rest.length; j++) {
        if (rest[j] === '--') { own.push(...rest.slice(j)); break; }
        if (rest[j] === '--to' || rest[j] === '--limit') { own.push(...rest.slice(j, j + 2)); j++; continue; }
        const k = takeKconfigOption(rest, j, plain);
        if (k) { j += k - 1; continue; }
        const used = takeProjectOption(rest, j, opts);
        if (used) { j += used - 1; continue; }
        own.push(rest[j]);
      }
      const inspect = await import('./commands/inspect.js');
      if (own.includes('-h') || own.includes('--help')) {
        io.stdout(sub === 'why' ? inspect.WHY_USAGE : inspect.SEARCH_USAGE);
        return 0;
      }
      const loaded = inspect.loadForInspect(await treeSource(opts, plain, io), io);
      if (typeof loaded === 'number') return loaded;
      return sub === 'why' ? inspect.whyCommand(loaded, own, io) : inspect.searchCommand(loaded, own, io);
    }
    case 'build':
    case 'run':
      return await buildOrRun(sub, rest, opts, io);
    case 'targets': {
      const own = commandArgs(rest, opts);
      const { targetsCommand } = await import('./commands/targets.js');
      return await targetsCommand(own, path.resolve(io.cwd, opts.app ?? '.'), opts.target, io, () => discover({ ...opts, target: undefined }, io));
    }
    case 'size': {
      const own = commandArgs(rest, opts);
      const { sizeCommand, SIZE_USAGE } = await import('./commands/size.js');
      if (own.includes('-h') || own.includes('--help')) { io.stdout(SIZE_USAGE); return 0; }
      return await sizeCommand(await discover({ ...opts, keepTarget: true }, io), own, { env: io.env, stdout: io.stdout, stderr: io.stderr, cwd: io.cwd });
    }
    case 'help':
      io.stdout(USAGE);
      return 0;
    default:
      throw usageError(`unknown command "${sub}"`);
  }
}

/** A command's own arguments; project options among them go into `opts`. */
function commandArgs(rest: string[], opts: DiscoverOptions): string[] {
  const own: string[] = [];
  for (let j = 0; j < rest.length; j++) {
    const used = takeProjectOption(rest, j, opts);
    if (used) { j += used - 1; continue; }
    own.push(rest[j]);
  }
  return own;
}

/** `ukmenu build` / `ukmenu run`: project options anywhere before `--`, the rest for the command. */
async function buildOrRun(sub: 'build' | 'run', rest: string[], opts: DiscoverOptions, io: CliIO): Promise<number> {
  const own: string[] = [];
  for (let j = 0; j < rest.length; j++) {
    if (rest[j] === '--') { own.push(...rest.slice(j)); break; }
    if (['--append', '-a', '--timeout', '--memory', '-m', '-j', '--jobs', '--rootfs', '-p', '--port', '--network', '--plat', '--qemu-arg'].includes(rest[j])) { own.push(...rest.slice(j, j + 2)); j++; continue; }
    const used = takeProjectOption(rest, j, opts);
    if (used) { j += used - 1; continue; }
    own.push(rest[j]);
  }
  const { buildCommand, runCommand, BUILD_USAGE, RUN_USAGE } = await import('./build/command.js');
  const dd = own.indexOf('--');
  const head = dd < 0 ? own : own.slice(0, dd);
  if (head.includes('-h') || head.includes('--help')) {
    io.stdout(sub === 'build' ? BUILD_USAGE : RUN_USAGE);
    return 0;
  }
  const cmdIO = { env: io.env, stdout: io.stdout, stderr: io.stderr, stdin: io.stdin, handleSignals: io.handleSignals };
  const project = await discover(opts, io);
  return sub === 'build' ? await buildCommand(project, own, cmdIO) : await runCommand(project, own, cmdIO);
}

/** Runs ukmenu with `argv` (without node and the script); returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UkmenuError) {
      io.stderr(e.format());
      return e.exitCode;
    }
    const err = e as Error;
    io.stderr(`ukmenu: ${err?.message ?? String(e)}\n`);
    if (io.env.UKMENU_DEBUG && err?.stack) io.stderr(err.stack + '\n');
    return 1;
  }
}
