export { discoverProject, missingCoreFiles, syncconfigEnv, type DiscoverOptions } from './discover.js';
export { projectFromPaths, type ExplicitProjectOptions } from './fromPaths.js';
export {
  analyzeConfArgs,
  binaryConfRunner,
  configUpdateNotice,
  engineConfRunner,
  engineIo,
  runProjectConf,
  type ConfArgs,
  type ConfRunner,
  type ConfRunOptions,
  type ProjectConfOptions,
} from './conf.js';
export { UkmenuError, isUkmenuError } from './errors.js';
export { commonConfigEnv, confEnvironment, type Project } from './types.js';
export { archConfigSymbol, archFamily, hostArchFromGccVersion, normalizeArch } from './arch.js';
export { parseMakeArgs, queryAppMakefile, queryCoreVersion } from './make.js';
