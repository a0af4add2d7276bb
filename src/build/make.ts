// The make command line for building a project: the app's own Makefile when it forwards to the
// core with the same pieces ukmenu found, else the core's Makefile with A= L= O= C= ... spelled out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Project } from '../project/types.js';
import { makeEnv } from '../project/make.js';
import { findProgram, type Env, type ToolNeed } from './tools.js';

export interface MakeInvocation {
  make: string;
  /** Arguments without -j / -n (the build and its dry run add those). */
  args: string[];
  cwd: string;
  env: Env;
  /** CROSS_COMPILE that ukmenu chose (undefined: none needed, or the user's). */
  crossCompile?: string;
  /** The compiler the build will use, for the missing-tool check. */
  compiler: string;
  /** How the command was chosen, in words. */
  how: string;
  /** The build folder (Unikraft's BUILD_DIR), where fetched sources go. */
  buildDir?: string;
  /**
   * A target made alone before the build while it does not exist: Unikraft's kconfig/fixdep. Its
   * Makefile builds fixdep in two sub-makes (conf's and fixdep's own) that -j runs at once on a new
   * build folder: one links while the other writes fixdep.o ("undefined reference to `main'").
   */
  firstTarget?: string;
}

export interface MakeOptions {
  /** The architecture the .config selects (x86_64, arm64); default the project's. */
  arch?: string;
  /** CONFIG_CROSS_COMPILE of the .config (quotes stripped), if any. */
  configCrossCompile?: string;
  /** Extra VAR=value arguments and goals. */
  extra?: string[];
  /** The caller's environment (default process.env). */
  env?: Env;
  /** The command that starts this ukmenu (the example core's UKMENU=), if known. */
  ukmenuCommand?: string;
}

/** The Debian cross-compiler prefix that builds `arch` on `host`, when they differ. */
export function crossPrefix(arch: string, host: string): string | undefined {
  if (arch === host) return undefined;
  if (arch === 'arm64') return 'aarch64-linux-gnu-';
  if (arch === 'x86_64') return 'x86_64-linux-gnu-';
  if (arch === 'arm') return 'arm-linux-gnueabihf-';
  return undefined;
}

/** `-j` for this machine: the cores Node may use. */
export function jobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

const APP_ORIGINS = {
  ukBase: ['app Makefile'],
  libs: ['app Makefile (L=)', 'the app Makefile passes none'],
  buildDir: ['app Makefile (O=)', 'default (APP/build)'],
  configFile: ['app Makefile (C=)', 'default (APP/.config)'],
};

/** Does the app Makefile, run as it is, build exactly the project ukmenu configured? */
export function appMakefileFits(project: Project): boolean {
  if (project.kind !== 'app' || !project.makefile) return false;
  if (Object.keys(project.commandLine).length === 0) return false; // no recursive make into the core was found
  return (Object.keys(APP_ORIGINS) as (keyof typeof APP_ORIGINS)[]).every((k) => APP_ORIGINS[k].includes(project.origins[k]));
}

/** make's argument list and environment for building `project`. */
export function makeInvocation(project: Project, opts: MakeOptions = {}): MakeInvocation {
  const env: Env = opts.env ?? process.env;
  const make = env.UKMENU_MAKE && env.UKMENU_MAKE !== '' ? env.UKMENU_MAKE : 'make';
  const args: string[] = [];
  let cwd: string;
  let how: string;
  if (appMakefileFits(project)) {
    cwd = path.dirname(project.makefile!);
    how = `the app Makefile (${project.makefile})`;
  } else {
    cwd = project.appDir;
    args.push('-C', project.ukBase);
    if (project.appDir !== project.ukBase) args.push(`A=${project.appDir}`);
    if (project.libs.length) args.push(`L=${project.libs.join(':')}`);
    if (project.plats.length) args.push(`P=${project.plats.join(':')}`);
    if (project.excludes.length) args.push(`E=${project.excludes.join(':')}`);
    args.push(`O=${project.buildDir}`, `C=${project.configFile}`);
    if (project.commandLine.N !== undefined) args.push(`N=${project.commandLine.N}`);
    how = `the core's Makefile (${path.join(project.ukBase, 'Makefile')}) with the pieces ukmenu found`;
  }

  // the cross compiler: the user's CROSS_COMPILE or the .config's win; else the Debian one
  const arch = opts.arch ?? project.arch;
  let crossCompile: string | undefined;
  let prefix = '';
  if (env.CROSS_COMPILE !== undefined) prefix = env.CROSS_COMPILE;
  else if (opts.configCrossCompile) prefix = opts.configCrossCompile;
  else {
    crossCompile = crossPrefix(arch, project.hostArch);
    if (crossCompile) {
      args.push(`CROSS_COMPILE=${crossCompile}`);
      prefix = crossCompile;
    }
  }
  args.push(...(opts.extra ?? []));

  const childEnv = makeEnv(env, { PWD: cwd });
  const ukmenu = opts.ukmenuCommand;
  // the bundled example's core runs `$(UKMENU) conf --syncconfig`: the same ukmenu as this one
  if (ukmenu && env.UKMENU === undefined) childEnv.UKMENU = ukmenu;
  return { make, args, cwd, env: childEnv, crossCompile, compiler: `${prefix}gcc`, how, buildDir: project.buildDir, firstTarget: fixdepTarget(project) };
}

/**
 * The core's $(UK_FIXDEP) as its Makefile names it ($(BUILD_DIR)/kconfig/fixdep, BUILD_DIR the real
 * path of O=), when the Makefile has that rule.
 */
function fixdepTarget(project: Project): string | undefined {
  try {
    if (!fs.readFileSync(path.join(project.ukBase, 'Makefile'), 'latin1').includes('\n$(UK_FIXDEP):')) return undefined;
  } catch {
    return undefined;
  }
  // the real path of the part that exists (the build makes the rest)
  let dir = path.resolve(project.appDir, project.buildDir);
  const rest: string[] = [];
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) {
    rest.unshift(path.basename(dir));
    dir = path.dirname(dir);
  }
  try {
    return path.join(fs.realpathSync(dir), ...rest, 'kconfig', 'fixdep');
  } catch {
    return undefined;
  }
}

/** The programs a build needs. */
export function buildTools(inv: MakeInvocation, arch: string): ToolNeed[] {
  const needs: ToolNeed[] = [{ program: inv.make, why: 'building (GNU make)' }];
  needs.push({ program: inv.compiler, why: inv.compiler === 'gcc' ? `${arch} images (the C compiler)` : `${arch} images (the cross compiler)` });
  return needs;
}

/** The command that started this ukmenu, when it is ukmenu itself (not a test runner). */
export function currentUkmenuCommand(): string | undefined {
  const script = process.argv[1];
  if (!script) return undefined;
  if (!/(^|\/)(ukmenu(\.m?js)?|main\.ts)$/.test(script)) return undefined;
  const quote = (s: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  if (/\.(m?js|ts)$/.test(script)) return `${quote(process.execPath)} ${quote(path.resolve(script))}`;
  return findProgram(script) ? quote(script) : undefined;
}
