// Loads the bundled program (dist/) with V8's code cache: each of its modules is compiled from the
// cache made for it instead of from its text. Compiling ~1.5 MB of JavaScript (React's reconciler
// alone is 400 KB) is the largest single cost of the menu's first frame after Node's own start-up
// (~65 ms of ~380 here), and Node 20 keeps no code cache for ES modules itself (Node 22's
// module.enableCompileCache does). vm.SourceTextModule, behind --experimental-vm-modules (which
// bin/ukmenu.js's #! line gives), takes one.
//
// The caches are made by `npm run build` (scripts/bundle.mjs runs makeCodeCache with each of
// bin/ukmenu.js's sets of node settings) into dist/code-cache/<settings>, named by each file's
// name, size and time. V8 refuses a cache made by another V8 or with other flags; then (or when the
// file changed since) the module is compiled from its text as usual, and a new cache is kept in
// $XDG_CACHE_HOME/ukmenu/code-cache (or ~/.cache/...) for the next start, by Node version and
// settings. Either cache holds every function of its module compiled (compiledWhole). Any problem
// with a cache means compiling from the text.
// This file is bundled on its own as CommonJS (dist/codeCache.cjs, required by bin/ukmenu.js, which is
// CommonJS too: bin/package.json) and uses only Node's modules (and src/cacheFolder.ts, src/textHash.ts,
// src/ttyBinding.ts).
import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as vm from 'node:vm';
import { cacheFolder, writeQuietly } from './cacheFolder.js';
import { textHash } from './textHash.js';
import { ReadBuffer } from '../kconfig/readWhole.js';
import { isTerminal } from './ttyBinding.js';

type Module = vm.SourceTextModule | vm.SyntheticModule;
// only ever asked for Node's own modules, which resolve the same from anywhere
const requireBuiltin = createRequire(pathToFileURL(process.execPath).href);
/** Node has had it since 13.7; @types/node 20 does not declare it. */
type Cacheable = vm.SourceTextModule & { createCachedData(): Buffer };

/** Can this Node load modules with a code cache (was it started with --experimental-vm-modules)? */
export function codeCacheAvailable(): boolean {
  return typeof (vm as { SourceTextModule?: unknown }).SourceTextModule === 'function';
}

/**
 * A cache's name: the file's name, size and time. V8 checks a cache's V8, flags and the text's
 * length, not the text: a cache must never meet another text of the same length.
 */
function cacheName(file: string, st: Stats): string {
  return `${basename(file)}-${st.size}-${Math.trunc(st.mtimeMs)}.bin`;
}

/** Caches kept in the user's folder for one Node version: a few builds' worth (the oldest go first). */
const KEPT_CACHES = 200;

/** What loading found, for UKMENU_TRACE. */
export interface CacheStats {
  /** modules compiled from a cache */
  used: number;
  /** modules compiled from their text (no cache, or V8 refused it) */
  compiled: number;
  /** of those, caches written to the user's folder */
  made: number;
}

/**
 * The node settings this process was started with (its options, not a script given with -e), by
 * name: V8 takes a cache only from a process with the same V8 flags, so each set has its caches.
 */
export function settingsName(execArgv: readonly string[] = process.execArgv): string {
  const options = execArgv.filter((a) => a.startsWith('--') && !a.startsWith('--eval'));
  return options.length ? `node-${textHash(options.join(' '))}` : 'node';
}

/** The user's folder for caches V8 refused in dist/ (another Node, another build): by Node version and settings. */
function userCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  return cacheFolder(env, 'code-cache', `${process.version}-${process.arch}-${settingsName()}`);
}

/**
 * The files of a start (each module and its cache: ~1 MB before the menu's first frame, ~3 MB
 * before Ink's) are read into one buffer (~4-6 ms less than a fresh buffer per file, alternated on
 * the real app, when the first frame still took 34 modules). A
 * text is copied out of it into its string; V8 reads a cache while the module is made and keeps
 * nothing of it.
 */
const readBuffer = new ReadBuffer(1 << 18);

/** A file's bytes in readBuffer (valid until its next read) and its stats, from one open. */
function readIntoBuffer(file: string): { bytes: Buffer; st: Stats } {
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    return { bytes: readBuffer.read(fd, st.size), st };
  } finally {
    closeSync(fd);
  }
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readIntoBuffer(file).bytes;
  } catch {
    return undefined;
  }
}

/** dist/builtin-imports.json: the names the bundle imports from each of Node's modules (undefined: read every export). */
function readNamedImports(file: string): Record<string, string[]> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>;
  } catch {
    return undefined;
  }
}

function appendFileQuietly(file: string, text: string): void {
  try {
    appendFileSync(file, text);
  } catch {
    // tracing is best effort
  }
}

/** vm's ExperimentalWarning for SourceTextModule is noise to a user: not printed (others are). */
function withoutVmWarning<T>(f: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning?.message;
    if (typeof text === 'string' && text.startsWith('VM Modules')) return;
    return (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return f();
  } finally {
    process.emitWarning = emit;
  }
}

/**
 * `import tty from 'node:tty'` with nothing of it imported by name: isatty without Node's tty
 * module, which loads Node's net and stream modules (~4 ms: chalk asks tty.isatty as it starts, before
 * the menu's first frame; src/ttyBinding.ts); the rest loads it when first read. Undefined: the module itself.
 */
function ttyWithoutNodesModule(specifier: string, named: Record<string, string[]> | undefined): object | undefined {
  if (specifier !== 'node:tty' && specifier !== 'tty') return undefined;
  if (!named || (named['node:tty'] ?? []).length + (named.tty ?? []).length > 0 || isTerminal(0) === undefined) return undefined;
  const tty = { isatty: (fd: number) => isTerminal(fd) === true };
  let real: Record<string, unknown> | undefined;
  for (const name of TTY_CLASSES) {
    Object.defineProperty(tty, name, { enumerable: true, get: () => (real ??= requireBuiltin('node:tty') as Record<string, unknown>)[name] });
  }
  return tty;
}

/** What Node's tty module has besides isatty (test/ui/frame-terminal.test.ts checks). */
export const TTY_CLASSES = ['ReadStream', 'WriteStream'];

/**
 * Imports `entry` (a file of the bundle) and, recursively, what it imports from the bundle, with
 * code caches; Node's own modules come from Node. Resolves when `entry` has been evaluated.
 */
export async function importWithCodeCache(entry: string, env: NodeJS.ProcessEnv = process.env): Promise<CacheStats> {
  const distCache = join(dirname(entry), 'code-cache', settingsName());
  const userDir = userCacheDir(env);
  const modules = new Map<string, Module>();
  const stats: CacheStats = { used: 0, compiled: 0, made: 0 };

  // one module per builtin (two for the same one crash Node 20 at evaluation), taken with require:
  // Node's ES module loader, ~15 ms to set up, is then never needed. Its exports are what
  // `import { x } from 'node:y'` finds, but a lazy one (a getter: fs.promises, crypto.webcrypto,
  // util.aborted) is read only when the bundle imports it by name (dist/builtin-imports.json, made by
  // scripts/bundle.mjs, which also makes the bundle's `import * as` of Node's modules default
  // imports): reading them all, as Node's own import does, loads ~20 ms more of Node.
  const named = readNamedImports(join(dirname(entry), 'builtin-imports.json'));
  const builtins = new Map<string, Module>();
  const builtin = (specifier: string): Module => {
    let m = builtins.get(specifier);
    if (!m) {
      const exports = (ttyWithoutNodesModule(specifier, named) ?? requireBuiltin(specifier)) as Record<string, unknown>;
      const wanted = new Set(named?.[specifier]);
      const names = [...Object.keys(exports).filter((n) => n !== 'default'), 'default'];
      m = new vm.SyntheticModule(names, function (this: vm.SyntheticModule) {
        for (const n of names) {
          if (n === 'default') { this.setExport(n, exports); continue; }
          const lazy = Object.getOwnPropertyDescriptor(exports, n)?.get !== undefined;
          if (lazy && named && !wanted.has(n)) continue; // reached through the default export
          this.setExport(n, exports[n]);
        }
      }, { identifier: `ukmenu-builtin:${specifier}` });
      builtins.set(specifier, m);
    }
    return m;
  };

  const load = (file: string): Module => {
    let m = modules.get(file);
    if (m) return m;
    const { bytes, st } = readIntoBuffer(file);
    const text = bytes.toString('utf8');
    if (env.UKMENU_TRACE) appendFileQuietly(env.UKMENU_TRACE, `${performance.now().toFixed(1).padStart(7)} module ${basename(file)} ${text.length}\n`);
    const userFile = userDir && join(userDir, cacheName(file, st));
    const url = pathToFileURL(file).href;
    const make = (cachedData: Buffer | undefined) => withoutVmWarning(() => new vm.SourceTextModule(text, {
      identifier: url,
      cachedData,
      initializeImportMeta: (meta) => { meta.url = url; },
      // (a module compiled from a cache loses it: the bundle's import() goes to __ukmenuImport)
      importModuleDynamically: (async (specifier: string) => ready(await resolve(specifier, file))) as never,
    }));
    let stm: vm.SourceTextModule | undefined;
    for (const cacheFile of [join(distCache, cacheName(file, st)), userFile]) {
      const cached = cacheFile ? readOrUndefined(cacheFile) : undefined;
      if (!cached) continue;
      try {
        stm = make(cached);
        stats.used++;
        break;
      } catch {
        // ERR_VM_MODULE_CACHED_DATA_REJECTED: made by another V8 or with other flags
      }
    }
    if (!stm) {
      // with every function compiled when a cache is kept, as the build's (once, for every next start)
      stm = userFile ? compiledWhole(() => make(undefined)) : make(undefined);
      stats.compiled++;
      // before evaluation: V8 makes a module's cache only then
      if (userFile) { writeQuietly(userFile, (stm as Cacheable).createCachedData(), KEPT_CACHES); stats.made++; }
    }
    modules.set(file, stm);
    return stm;
  };

  const resolve = async (specifier: string, from: string): Promise<Module> => {
    if (specifier.startsWith('./') || specifier.startsWith('../')) return load(resolvePath(dirname(from), specifier));
    if (specifier.startsWith('file:')) return load(fileURLToPath(specifier));
    if (isBuiltin(specifier)) return builtin(specifier);
    throw new Error(`ukmenu: the bundle imports ${specifier}, which is not part of it`);
  };
  const linker = (specifier: string, referrer: vm.Module) => resolve(specifier, fileURLToPath(referrer.identifier));
  /** `m` linked and evaluated, as import() gives it (one being evaluated: as it is, as in a cycle). */
  const ready = async (m: Module): Promise<Module> => {
    if (m.status === 'unlinked') await m.link(linker);
    if (m.status !== 'evaluating') await m.evaluate();
    return m;
  };

  // import() in the bundle (scripts/bundle.mjs rewrites it to this): a module compiled from a cache
  // has lost vm's importModuleDynamically in Node 20
  (globalThis as { __ukmenuImport?: unknown }).__ukmenuImport = async (base: string, specifier: string) => {
    // a namespace of Node's module with every export, as Node's import() gives
    if (isBuiltin(specifier)) { const exports = requireBuiltin(specifier) as object; return { ...exports, default: exports }; }
    return (await ready(await resolve(specifier, fileURLToPath(base)))).namespace;
  };
  const top = load(entry);
  await top.link(linker);
  const trace = env.UKMENU_TRACE;
  // at exit: what the whole run loaded (the menu's modules are imported later than the entry's)
  if (trace) process.once('exit', () => appendFileQuietly(trace, `code cache: ${stats.used} modules from a cache, ${stats.compiled} compiled, ${stats.made} caches kept\n`));
  await top.evaluate();
  return stats;
}

/**
 * Runs `compile` with V8 compiling every function at once instead of at its first call. A module's
 * cache can only be made before it runs (V8 refuses one after), when V8 has compiled little more
 * than its top level: every function the start-up calls was then compiled from its text on each
 * start, ~20 ms of the menu's (its first frame 194 -> 183 ms, Ink's 273 -> 251 ms, alternated on the
 * real app; 2.6 MB more cache for the menu's settings). V8 takes a cache only with the flags that
 * made it: --lazy is back to its default before the cache is made, so the flags it records are the
 * process's own.
 */
function compiledWhole<T>(compile: () => T): T {
  const v8 = requireBuiltin('node:v8') as typeof import('node:v8');
  try {
    v8.setFlagsFromString('--no-lazy');
  } catch {
    return compile(); // a Node whose V8 flags are frozen: the top level only, as before
  }
  try {
    return compile();
  } finally {
    v8.setFlagsFromString('--lazy');
  }
}

/**
 * `npm run build`: a code cache for every module of the bundle in `dist`, into
 * dist/code-cache/<this process's node settings>.
 */
export function makeCodeCache(dist: string): number {
  const caches = join(dist, 'code-cache');
  const out = join(caches, settingsName());
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  let n = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory() && p !== caches) walk(p);
      else if (e.isFile() && e.name.endsWith('.js')) {
        const m = compiledWhole(() => withoutVmWarning(() => new vm.SourceTextModule(readFileSync(p, 'utf8'), { identifier: pathToFileURL(p).href })));
        writeFileSync(join(out, cacheName(p, statSync(p))), (m as Cacheable).createCachedData());
        n++;
      }
    }
  };
  walk(dist);
  return n;
}
