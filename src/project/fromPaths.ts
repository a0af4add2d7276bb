// A Project from explicit paths, with no make and no discovery: for trees that are not laid out as
// an app with a Makefile, such as the Unikraft corpus in ../shared (UK_BASE=unikraft,
// KCONFIG_DIR=generated, paths relative to the corpus folder, conf run from there).
import path from 'node:path';
import { commonConfigEnv, type Project } from './types.js';

export interface ExplicitProjectOptions {
  /** The folder conf runs in; relative paths below are kept as written and resolve against it. */
  cwd: string;
  ukBase: string;
  app: string;
  libs?: string[];
  plats?: string[];
  /** KCONFIG_DIR (must already hold the generated *.uk, or be writable by config-submenu.sh). */
  kconfigDir: string;
  configFile: string;
  /** Default: dirname(configFile). */
  buildDir?: string;
  /** Defaults: KCONFIG_DIR/auto.conf, KCONFIG_DIR/config.h, KCONFIG_DIR/tristate.config. */
  autoconfig?: string;
  autoheader?: string;
  tristate?: string;
  name: string;
  arch: string;
  hostArch: string;
  fullVersion: string;
  codename: string;
  /** KCONFIG_EXCLUDEDIRS as the Makefile would pass it (default empty). */
  excludeDirs?: string;
  /** Extra variables (for example the Makefile's exports) to add. */
  extraEnv?: Record<string, string>;
}

export function projectFromPaths(o: ExplicitProjectOptions): Project {
  const join = (a: string, b: string) => (a === '' ? b : `${a}/${b}`);
  const libs = o.libs ?? [];
  const plats = o.plats ?? [];
  const buildDir = o.buildDir ?? path.dirname(o.configFile);
  const env = commonConfigEnv({
    configFile: o.configFile,
    buildDir,
    kconfigDir: o.kconfigDir,
    autoconfig: o.autoconfig ?? join(o.kconfigDir, 'auto.conf'),
    autoheader: o.autoheader ?? join(o.kconfigDir, 'config.h'),
    tristate: o.tristate ?? join(o.kconfigDir, 'tristate.config'),
    hostArch: o.hostArch,
    ukBase: o.ukBase,
    appDir: o.app,
    fullVersion: o.fullVersion,
    codename: o.codename,
    arch: o.arch,
    elibDirs: libs.join(':'),
    eplatDirs: plats.join(':'),
    excludeDirs: o.excludeDirs ?? '',
    name: o.name,
  });
  Object.assign(env, o.extraEnv ?? {});
  return {
    kind: 'explicit',
    commandLine: {},
    appDir: o.app,
    ukBase: o.ukBase,
    libs,
    plats,
    excludes: [],
    configFile: o.configFile,
    buildDir,
    kconfigDir: o.kconfigDir,
    topKconfig: join(o.ukBase, 'Config.uk'),
    confCwd: o.cwd,
    name: o.name,
    arch: o.arch,
    hostArch: o.hostArch,
    fullVersion: o.fullVersion,
    codename: o.codename,
    env,
    dirsToCreate: [],
    origins: { ukBase: 'explicit', libs: 'explicit', configFile: 'explicit', buildDir: 'explicit' },
    warnings: [],
  };
}
