// Finding the pieces of a Unikraft application the way users lay them out, and the environment
// Unikraft's Makefile gives kconfig. See Unikraft's Makefile (parameters A, L, P, E, O, C, N and
// COMMON_CONFIG_ENV) for every value computed here.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { archFamily, detectHostArch, normalizeArch } from './arch.js';
import { UkmenuError } from './errors.js';
import { kraftfileLibs } from './kraftfileFind.js';
import { findMakefile, queryAppMakefile, queryCoreVersion, queryDotConfig, type AppMakefileInfo, type Env, type MakeCall } from './make.js';
import { isDir, isFile, qstrip, realpathFuture } from './paths.js';
import { commonConfigEnv, type Project } from './types.js';
import { answerInProcess } from '../../kconfig/shell.js';
import { runShellTestInProcess } from './shellTest.js';
import { runSubmenuInProcess } from './submenu.js';

// the core's config-submenu.sh calls, answered without bash where ukmenu knows the script (submenu.ts),
// and its `test A = B && echo y || echo n` (shellTest.ts)
answerInProcess(runSubmenuInProcess);
answerInProcess(runShellTestInProcess);

export interface DiscoverOptions {
  /** --app: the application folder (default: cwd). */
  app?: string;
  /** --uk-root: the Unikraft core. */
  ukRoot?: string;
  /** --libs: colon-separated library folders or names (names are looked up in UK_LIBS, workdir/libs, .unikraft/libs). */
  libs?: string;
  /** --config: the .config file. */
  config?: string;
  /** --build-dir: the build folder. */
  buildDir?: string;
  /** Where relative option paths resolve (default: process.cwd()). */
  cwd?: string;
  /** The environment to read UK_ROOT, UK_LIBS, LIBS, ARCH, ... from (default: process.env). */
  env?: Env;
  /** The make program (default: $UKMENU_MAKE or make). */
  make?: string;
}

/** Files a core must have for ukmenu to load its tree as make does. */
const CORE_FILES: { file: string; why: string }[] = [
  { file: 'Config.uk', why: 'the top of the Kconfig tree' },
  { file: 'version.mk', why: 'UK_FULLVERSION and UK_CODENAME' },
  { file: 'support/build/config-submenu.sh', why: 'lists the libraries, platforms and drivers for Config.uk (Unikraft 0.14, 2023, and later)' },
];

/** Which of the files a core needs are missing in `dir`. */
export function missingCoreFiles(dir: string): { file: string; why: string }[] {
  return CORE_FILES.filter((f) => !isFile(path.join(dir, f.file)));
}

interface Candidate {
  label: string;
  /** The folder, or undefined when this source gave nothing. */
  dir?: string;
  /** Why it gave nothing, for the error message. */
  none?: string;
  /** Given explicitly by the user: must exist. */
  explicit: boolean;
}

const LIB_URL = (name: string) => `https://github.com/unikraft/lib-${name}`;

function coreNotFound(appDir: string, cands: Candidate[]): UkmenuError {
  const width = Math.max(...cands.map((c) => c.label.length));
  const lines = ['looked for it in this order:'];
  for (const c of cands) {
    const what = c.dir ? `${c.dir}: no such folder` : (c.none ?? 'not given');
    lines.push(`  ${c.label.padEnd(width)}  ${what}`);
  }
  lines.push(
    'to fix it, put the core in one of those places, for example:',
    `  git clone https://github.com/unikraft/unikraft ${path.join(appDir, 'workdir', 'unikraft')}`,
    'or say where it is: ukmenu --uk-root DIR (or export UK_ROOT=DIR)',
  );
  return new UkmenuError(`no Unikraft core found for the application in ${appDir}`, lines);
}

function badCore(dir: string, from: string, missing: { file: string; why: string }[]): UkmenuError {
  const notCore = missing.some((m) => m.file === 'Config.uk');
  const tooOld = !notCore && missing.some((m) => m.file === 'support/build/config-submenu.sh');
  const lines = missing.map((m) => `missing ${m.file} (${m.why})`);
  if (notCore) {
    lines.push('fix: point ukmenu at a Unikraft core checkout (the folder with Config.uk, Makefile, lib/, plat/): --uk-root DIR or UK_ROOT=DIR');
    return new UkmenuError(`${dir} (from ${from}) is not a Unikraft core`, lines);
  }
  if (tooOld) {
    lines.push(
      'this core is too old for ukmenu, which needs Unikraft 0.14 or newer (or the checkout is incomplete)',
      `fix: update it (git -C ${dir} pull, or check out RELEASE-0.14.0 or later), or point --uk-root at a newer core`,
    );
    return new UkmenuError(`the Unikraft core in ${dir} (from ${from}) is too old`, lines);
  }
  lines.push(`fix: restore the missing files (git -C ${dir} status), or point --uk-root at a complete core`);
  return new UkmenuError(`the Unikraft core in ${dir} (from ${from}) is incomplete`, lines);
}

function realDir(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function splitList(s: string | undefined): string[] {
  return (s ?? '').split(':').map((x) => x.trim()).filter((x) => x !== '');
}

/** The recursive make call into Unikraft that the app Makefile makes, if any. */
function unikraftCall(info: AppMakefileInfo | undefined): MakeCall | undefined {
  if (!info) return undefined;
  return info.calls.find((c) => c.vars.CONFIG_UK_BASE !== undefined || c.directory !== undefined);
}

interface LibSearch {
  bases: { label: string; dir: string }[];
}

function looksLikePath(entry: string): boolean {
  return entry.includes('/') || entry.startsWith('.') || entry.startsWith('~');
}

function resolveLibName(name: string, search: LibSearch, askedBy: string): string {
  const tried: string[] = [];
  for (const b of search.bases) {
    for (const sub of name.startsWith('lib-') ? [name] : [name, `lib-${name}`]) {
      const p = path.join(b.dir, sub);
      tried.push(`${p} (${b.label})`);
      if (isDir(p)) return p;
    }
  }
  const short = name.replace(/^lib-/, '');
  const first = search.bases[0]?.dir ?? 'workdir/libs';
  throw new UkmenuError(`cannot find the library "${name}" (asked for by ${askedBy})`, [
    'looked for it in:',
    ...tried.map((t) => `  ${t}`),
    'fix: fetch it, for example:',
    `  git clone ${LIB_URL(short)} ${path.join(first, short)}`,
    'or give its folder: ukmenu --libs /path/to/lib-' + short,
  ]);
}

/**
 * The version query (make on version.mk, running the core's gitsha1 and git) started at once for the
 * core the app most likely uses (the given one, else workdir/unikraft or .unikraft/unikraft), so it
 * runs alongside the app Makefile's; used only when that is the core found.
 */
function guessCoreVersion(given: string | undefined, appDir: string, env: Env, make: string) {
  const dir = given ?? [path.join(appDir, 'workdir/unikraft'), path.join(appDir, '.unikraft/unikraft')].find(isDir);
  if (!dir || missingCoreFiles(dir).length) return undefined;
  const ukBase = realDir(dir);
  const version = queryCoreVersion(ukBase, env, make);
  version.catch(() => {}); // unused when another core is found; awaited (and thrown) otherwise
  return { ukBase, version };
}

/**
 * Finds the core, the libraries, .config and the build folder for the app, and computes the
 * environment Unikraft's Makefile gives conf. Throws a UkmenuError saying what was looked for and
 * how to fix it when something is missing; touches nothing on disk.
 */
export async function discoverProject(o: DiscoverOptions = {}): Promise<Project> {
  const cwd = o.cwd ?? process.cwd();
  const env: Env = o.env ?? process.env;
  const make = o.make ?? (env.UKMENU_MAKE && env.UKMENU_MAKE !== '' ? env.UKMENU_MAKE : 'make');
  const warnings: string[] = [];

  // --- the application folder
  const appGiven = path.resolve(cwd, o.app ?? '.');
  if (!isDir(appGiven)) {
    throw new UkmenuError(`the application folder ${appGiven} does not exist`, [
      o.app !== undefined ? 'fix: check the path given to --app' : 'fix: run ukmenu in an application folder, or pass --app DIR',
    ]);
  }
  const hostArchP = detectHostArch(env);

  // --- the app Makefile, read by make
  const flagRoot = o.ukRoot !== undefined ? path.resolve(cwd, o.ukRoot) : undefined;
  const envRoot = flagRoot === undefined && env.UK_ROOT ? path.resolve(cwd, env.UK_ROOT) : undefined;
  const makefile = findMakefile(appGiven);
  const versionGuess = guessCoreVersion(flagRoot ?? envRoot, appGiven, env, make);
  let info: AppMakefileInfo | undefined;
  if (makefile) {
    const overrides: Record<string, string> = {};
    if (flagRoot ?? envRoot) overrides.UK_ROOT = (flagRoot ?? envRoot)!;
    info = await queryAppMakefile({
      appDir: appGiven,
      makefile,
      varNames: ['UK_ROOT', 'UK_LIBS', 'LIBS', 'UK_BUILD'],
      overrides,
      env,
      make,
    });
    if (!unikraftCall(info)) {
      // a Makefile that forwards only its default goal (`all: ; $(MAKE) -C $(UK_ROOT) ...`)
      const again = await queryAppMakefile({ appDir: appGiven, makefile, varNames: [], overrides, goal: null, env, make });
      if (unikraftCall(again)) info.calls = again.calls;
    }
    if (info.problem) warnings.push(`could not read ${makefile} with make: ${info.problem}`);
  }
  const call = unikraftCall(info);
  const mkVar = (n: string) => info?.vars[n]?.value;
  const inApp = (p: string) => path.resolve(appGiven, p);

  // --- the core: --uk-root, $UK_ROOT, the app Makefile, workdir/unikraft, .unikraft/unikraft
  let makeRoot: string | undefined;
  let makeRootNone = makefile ? `${makefile} does not say (no UK_ROOT, no $(MAKE) -C ...)` : `no Makefile in ${appGiven}`;
  if (call) makeRoot = inApp(call.vars.CONFIG_UK_BASE ?? call.directory!);
  else if (mkVar('UK_ROOT')?.trim()) makeRoot = inApp(mkVar('UK_ROOT')!.trim());
  if (makeRoot && (flagRoot ?? envRoot)) makeRoot = undefined;
  if (flagRoot ?? envRoot) makeRootNone = 'not used (the core was given)';
  const cands: Candidate[] = [
    { label: '--uk-root', dir: flagRoot, explicit: true },
    { label: 'UK_ROOT (environment)', dir: envRoot, none: flagRoot ? 'not used' : 'not set', explicit: true },
    { label: 'app Makefile', dir: makeRoot, none: makeRootNone, explicit: false },
    { label: 'workdir/unikraft', dir: inApp('workdir/unikraft'), explicit: false },
    { label: '.unikraft/unikraft', dir: inApp('.unikraft/unikraft'), explicit: false },
  ];
  let core: Candidate | undefined;
  for (const c of cands) {
    if (!c.dir) continue;
    if (isDir(c.dir)) { core = c; break; }
    if (c.explicit) {
      throw new UkmenuError(`the Unikraft core ${c.dir} (from ${c.label}) does not exist`, [
        `fix: check the path, or clone the core there: git clone https://github.com/unikraft/unikraft ${c.dir}`,
      ]);
    }
    if ((flagRoot ?? envRoot) === undefined && c.label === 'app Makefile') {
      warnings.push(`the app Makefile's Unikraft core ${c.dir} does not exist; looking in the usual places`);
    }
  }
  if (!core) throw coreNotFound(appGiven, cands);
  const missing = missingCoreFiles(core.dir!);
  if (missing.length) throw badCore(core.dir!, core.label, missing);
  const ukBase = realDir(core.dir!);

  // --- the application as make sees it (A=)
  let appDir = realDir(appGiven);
  if (call?.vars.A !== undefined && call.vars.A.trim() !== '') {
    const a = inApp(call.vars.A.trim());
    if (!isDir(a)) throw new UkmenuError(`the app Makefile passes A=${call.vars.A}, which does not exist`, ['fix: correct A= in the app Makefile, or pass --app DIR']);
    appDir = realDir(a);
  }

  // --- external libraries
  const libBases: { label: string; dir: string }[] = [];
  if (env.UK_LIBS?.trim()) libBases.push({ label: 'UK_LIBS', dir: path.resolve(cwd, env.UK_LIBS.trim()) });
  else if (mkVar('UK_LIBS')?.trim()) libBases.push({ label: "app Makefile's UK_LIBS", dir: inApp(mkVar('UK_LIBS')!.trim()) });
  libBases.push({ label: 'workdir/libs', dir: path.join(appDir, 'workdir', 'libs') });
  libBases.push({ label: '.unikraft/libs', dir: path.join(appDir, '.unikraft', 'libs') });
  const search: LibSearch = { bases: libBases.filter((b, i) => libBases.findIndex((x) => x.dir === b.dir) === i) };

  let libEntries: string[] = [];
  let libsRaw: string | undefined;
  let libsFrom = call ? 'the app Makefile passes none' : makefile ? 'the app Makefile names none' : 'none given';
  let libsBaseDir = cwd;
  if (o.libs !== undefined) {
    libEntries = splitList(o.libs);
    libsRaw = o.libs;
    libsFrom = '--libs';
  } else if (call && splitList(call.vars.L).length) {
    libEntries = splitList(call.vars.L);
    libsRaw = call.vars.L;
    libsFrom = 'app Makefile (L=)';
    libsBaseDir = appGiven;
  } else if (!call && splitList(mkVar('LIBS')).length) {
    libEntries = splitList(mkVar('LIBS'));
    libsRaw = mkVar('LIBS');
    libsFrom = "app Makefile's LIBS";
    libsBaseDir = appGiven;
  } else if (!makefile && splitList(env.LIBS).length) {
    libEntries = splitList(env.LIBS);
    libsRaw = env.LIBS;
    libsFrom = 'LIBS (environment)';
  }
  let kraft: Awaited<ReturnType<typeof kraftfileLibs>> = undefined;
  if (libEntries.length === 0 && o.libs === undefined && (kraft = await kraftfileLibs(appGiven)) && kraft.libraries.length) {
    libEntries = kraft.libraries;
    libsRaw = undefined;
    libsFrom = path.basename(kraft.file);
  }
  const fromKraft = kraft !== undefined && libsFrom === path.basename(kraft.file);
  let verbatim = true;
  const libs: string[] = [];
  for (const e of libEntries) {
    const expanded = e.replace(/^~(?=\/|$)/, env.HOME ?? '~');
    const asPath = path.resolve(libsBaseDir, expanded);
    let p: string;
    if (fromKraft || (libsFrom === '--libs' && !looksLikePath(e))) {
      // a name: musl finds workdir/libs/musl or .unikraft/libs/lib-musl; --libs also takes ./NAME
      try {
        p = resolveLibName(e, search, libsFrom);
      } catch (err) {
        if (fromKraft || !isDir(asPath)) throw err;
        p = asPath;
      }
      verbatim = false;
    } else {
      p = asPath;
      if (!isDir(p) && !isFile(p)) {
        throw new UkmenuError(`cannot find the library ${e} (from ${libsFrom})`, [
          `${p}: no such folder`,
          libsFrom === '--libs'
            ? 'fix: check the path given to --libs (colon-separated folders, or names found in workdir/libs or .unikraft/libs)'
            : `fix: fetch the library there, or correct ${libsFrom}; --libs A:B overrides it`,
        ]);
      }
      if (!path.isAbsolute(e)) verbatim = false;
    }
    if (!isFile(path.join(p, 'Config.uk'))) warnings.push(`the library ${p} has no Config.uk; it adds nothing to the menu`);
    libs.push(p);
  }
  const elibDirs = verbatim && libsRaw !== undefined ? libsRaw : libs.join(':');

  // --- external platforms (P=) and excluded libraries (E=), only from the app Makefile's call
  const plats: string[] = [];
  for (const e of splitList(call?.vars.P)) {
    const p = inApp(e);
    if (!isDir(p)) throw new UkmenuError(`cannot find the platform library ${e} (from the app Makefile's P=)`, ['fix: fetch it there, or correct P= in the app Makefile']);
    plats.push(p);
  }
  const excludes: string[] = [];
  for (const e of splitList(call?.vars.E)) {
    const p = inApp(e);
    if (!isDir(p) && !isFile(p)) throw new UkmenuError(`cannot find the library to exclude ${e} (from the app Makefile's E=)`, ['fix: correct E= in the app Makefile']);
    excludes.push(realDir(p));
  }

  // --- build folder and .config
  let buildDirGiven: string;
  let buildFrom: string;
  if (o.buildDir !== undefined) { buildDirGiven = path.resolve(cwd, o.buildDir); buildFrom = '--build-dir'; }
  else if (call?.vars.O?.trim()) { buildDirGiven = inApp(call.vars.O.trim()); buildFrom = 'app Makefile (O=)'; }
  else { buildDirGiven = path.join(appDir, 'build'); buildFrom = 'default (APP/build)'; }
  const buildDir = realpathFuture(buildDirGiven);

  let configGiven: string;
  let configFrom: string;
  if (o.config !== undefined) { configGiven = path.resolve(cwd, o.config); configFrom = '--config'; }
  else if (call?.vars.C?.trim()) { configGiven = inApp(call.vars.C.trim()); configFrom = 'app Makefile (C=)'; }
  else { configGiven = path.join(appDir, '.config'); configFrom = 'default (APP/.config)'; }
  if (!isDir(path.dirname(configGiven))) {
    throw new UkmenuError(`the folder of the configuration file ${configGiven} does not exist`, [
      `fix: create ${path.dirname(configGiven)}, or give another file with --config FILE`,
    ]);
  }
  const configFile = path.join(realDir(path.dirname(configGiven)), path.basename(configGiven));

  // --- name, architecture, version
  const name = qstrip(call?.vars.N ?? env.CONFIG_UK_NAME ?? path.basename(appDir));
  const hostArch = await hostArchP;
  let arch = env.CONFIG_UK_ARCH ?? '';
  if (arch === '') {
    const a = call?.vars.ARCH ?? env.ARCH ?? '';
    arch = normalizeArch(a !== '' ? qstrip(a) : hostArch);
  }
  const family = env.UK_FAMILY !== undefined && env.UK_FAMILY !== '' ? env.UK_FAMILY : archFamily(arch);
  for (const f of ['Makefile.uk', 'Compiler.uk']) {
    const p = path.join(ukBase, 'arch', family, arch, f);
    if (!isFile(p)) {
      throw new UkmenuError(`target architecture (${arch}) is not supported by the core (could not find ${p})`, [
        `the architecture comes from ${env.CONFIG_UK_ARCH ? 'CONFIG_UK_ARCH' : (call?.vars.ARCH ?? env.ARCH) ? 'ARCH' : `this machine (HOSTARCH=${hostArch})`}, as in Unikraft's Makefile`,
        'fix: set ARCH=x86_64 or ARCH=arm64 in the environment',
      ]);
    }
  }
  const version = await (versionGuess?.ukBase === ukBase ? versionGuess.version : queryCoreVersion(ukBase, env, make));

  const kconfigDir = path.join(buildDir, 'kconfig');
  const includesDir = path.join(buildDir, 'include', 'uk', 'bits');
  const projectEnv = commonConfigEnv({
    configFile,
    buildDir,
    kconfigDir,
    autoconfig: path.join(kconfigDir, 'auto.conf'),
    autoheader: path.join(includesDir, 'config.h'),
    tristate: path.join(kconfigDir, 'tristate.config'),
    hostArch,
    ukBase,
    appDir,
    fullVersion: version.fullVersion,
    codename: version.codename,
    arch,
    elibDirs,
    eplatDirs: call?.vars.P ?? '',
    // the Makefile appends each as $(colon)PATH, and no makefile of the core defines `colon`: the
    // paths run together (one E= path excludes, several exclude nothing), as make passes them
    excludeDirs: excludes.join(''),
    name,
  });
  // variables the Makefile exports to every recipe, conf included
  Object.assign(projectEnv, {
    ARCH: arch,
    CONFIG_UK_ARCH: arch,
    CONFIG_UK_NAME: name,
    HOSTARCH: hostArch,
    UK_FAMILY: family,
    PWD: buildDir,
  });
  if (libs.length || call?.vars.L !== undefined) projectEnv.L = elibDirs;

  return {
    kind: 'app',
    commandLine: { ...(call?.vars ?? {}) },
    appDir,
    ukBase,
    libs,
    plats,
    excludes,
    configFile,
    buildDir,
    kconfigDir,
    topKconfig: path.join(ukBase, 'Config.uk'),
    confCwd: buildDir,
    name,
    arch,
    hostArch,
    fullVersion: version.fullVersion,
    codename: version.codename,
    env: projectEnv,
    dirsToCreate: [buildDir, kconfigDir, path.join(buildDir, 'include'), includesDir],
    origins: { ukBase: core.label, libs: libsFrom, configFile: configFrom, buildDir: buildFrom },
    makefile,
    warnings,
  };
}

/**
 * The project's variables as make has them for `syncconfig` (and the build), which, unlike the
 * configuration goals, read the .config first: UK_ARCH follows the .config's architecture choice
 * and UK_NAME the .config's CONFIG_UK_NAME (an N= from the app Makefile still wins).
 */
export async function syncconfigEnv(project: Project, env: Env = process.env): Promise<Record<string, string>> {
  const make = env.UKMENU_MAKE && env.UKMENU_MAKE !== '' ? env.UKMENU_MAKE : 'make';
  const vals = await queryDotConfig(project.ukBase, project.configFile, env, make);
  const arch = vals.CONFIG_UK_ARCH !== undefined && vals.CONFIG_UK_ARCH !== '' ? vals.CONFIG_UK_ARCH : project.arch;
  const family = env.UK_FAMILY !== undefined && env.UK_FAMILY !== '' ? env.UK_FAMILY : archFamily(arch);
  const name = qstrip(project.commandLine.N ?? vals.CONFIG_UK_NAME ?? path.basename(project.appDir));
  return { ...project.env, UK_ARCH: arch, CONFIG_UK_ARCH: arch, ARCH: arch, UK_FAMILY: family, UK_NAME: name, CONFIG_UK_NAME: name };
}
