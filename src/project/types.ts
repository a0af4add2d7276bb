// The Unikraft project model: where each piece of the Kconfig tree is, and the environment that
// Unikraft's Makefile gives its kconfig tools.

/** Where a value came from, in words for the user ("--uk-root", "app Makefile", "workdir/unikraft", ...). */
export type Origin = string;

export interface Project {
  /** 'app': found by discoverProject (make's rules apply); 'explicit': built from given paths (projectFromPaths). */
  kind: 'app' | 'explicit';
  /** UK_APP: the application folder (symlinks resolved, as make's realpath does). Equals ukBase when there is no app. */
  appDir: string;
  /** UK_BASE: the Unikraft core. */
  ukBase: string;
  /** External libraries (L=), absolute, in order. */
  libs: string[];
  /** External platforms (P=). */
  plats: string[];
  /** Libraries excluded from the tree (E=). */
  excludes: string[];
  /** UK_CONFIG / KCONFIG_CONFIG: the .config file. */
  configFile: string;
  /** BUILD_DIR. */
  buildDir: string;
  /** KCONFIG_DIR ($(BUILD_DIR)/kconfig): where config-submenu.sh writes libs.uk etc. */
  kconfigDir: string;
  /** The top Kconfig file, $(UK_BASE)/Config.uk. */
  topKconfig: string;
  /** The working directory conf runs in (make runs it in BUILD_DIR). */
  confCwd: string;
  /** UK_NAME (CONFIG_UK_NAME). */
  name: string;
  /** UK_ARCH (CONFIG_UK_ARCH as make computes it for the config targets). */
  arch: string;
  /** HOST_ARCH (HOSTARCH). */
  hostArch: string;
  /** UK_FULLVERSION. */
  fullVersion: string;
  /** UK_CODENAME. */
  codename: string;
  /**
   * The variables Unikraft's Makefile sets for conf/mconf (COMMON_CONFIG_ENV) plus the ones it exports
   * that a Kconfig file could read. conf's environment is the user's environment with these on top.
   */
  env: Record<string, string>;
  /** Folders make creates before running conf (BUILD_DIR, KCONFIG_DIR, include/uk/bits). */
  dirsToCreate: string[];
  /** Where the core, the libraries, .config and the build folder came from. */
  origins: { ukBase: Origin; libs: Origin; configFile: Origin; buildDir: Origin };
  /** The app Makefile that was read, if any. */
  makefile?: string;
  /** The variables (A, L, O, C, N, P, E, ARCH, ...) the app Makefile passes to Unikraft's make. */
  commandLine: Record<string, string>;
  /** Things worth telling the user that are not errors (a library folder without Config.uk, ...). */
  warnings: string[];
}

export interface KconfigEnvInput {
  configFile: string;
  buildDir: string;
  kconfigDir: string;
  autoconfig: string;
  autoheader: string;
  tristate: string;
  hostArch: string;
  ukBase: string;
  appDir: string;
  fullVersion: string;
  codename: string;
  arch: string;
  /** KCONFIG_ELIB_DIRS exactly as make gets it ($(L)). */
  elibDirs: string;
  /** KCONFIG_EPLAT_DIRS ($(P)). */
  eplatDirs: string;
  /** KCONFIG_EXCLUDEDIRS (":"-prefixed list built by the Makefile). */
  excludeDirs: string;
  name: string;
  /** The KCONFIG_*_BASE folders; default $(UK_BASE)/lib, /plat, /drivers. */
  libBase?: string;
  platBase?: string;
  drivBase?: string;
}

/** COMMON_CONFIG_ENV of Unikraft's Makefile, in its order. */
export function commonConfigEnv(i: KconfigEnvInput): Record<string, string> {
  const join = (a: string, b: string) => (a.endsWith('/') ? a + b : `${a}/${b}`);
  return {
    CONFIG_: 'CONFIG_',
    KCONFIG_CONFIG: i.configFile,
    KCONFIG_AUTOCONFIG: i.autoconfig,
    KCONFIG_AUTOHEADER: i.autoheader,
    KCONFIG_TRISTATE: i.tristate,
    HOST_ARCH: i.hostArch,
    BUILD_DIR: i.buildDir,
    UK_BASE: i.ukBase,
    UK_APP: i.appDir,
    UK_CONFIG: i.configFile,
    UK_FULLVERSION: i.fullVersion,
    UK_CODENAME: i.codename,
    UK_ARCH: i.arch,
    KCONFIG_DIR: i.kconfigDir,
    KCONFIG_LIB_BASE: i.libBase ?? join(i.ukBase, 'lib'),
    KCONFIG_ELIB_DIRS: i.elibDirs,
    KCONFIG_PLAT_BASE: i.platBase ?? join(i.ukBase, 'plat'),
    KCONFIG_EPLAT_DIRS: i.eplatDirs,
    KCONFIG_DRIV_BASE: i.drivBase ?? join(i.ukBase, 'drivers'),
    // the Makefile leaves it empty when the "app" is the core itself
    KCONFIG_EAPP_DIR: i.appDir === i.ukBase ? '' : i.appDir,
    KCONFIG_EXCLUDEDIRS: i.excludeDirs,
    UK_NAME: i.name,
  };
}

/** The environment conf sees for a project: the caller's environment with the project's variables on top. */
export function confEnvironment(project: Project, base: Record<string, string | undefined> = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) out[k] = v;
  return Object.assign(out, project.env);
}
