// The app Makefile's answer (make.ts, queryAppMakefile) kept between runs, for Makefiles whose answer
// depends only on what the key holds: the Makefile's text, the arguments, the whole environment, the
// make program, the names of the files in the app folder, and the files make looked at while it
// answered (its -d output names every target and prerequisite it considered, the goal and the ways
// to remake the Makefile included), by inode, size and time: saving .config, which make never looks
// at there, keeps the answer. A Makefile that reads anything else ($(shell), include, $(wildcard),
// $(realpath), $(file), !=, guile, load) is always asked. Stored in $XDG_CACHE_HOME/ukmenu (or
// ~/.cache/ukmenu); any problem with the store means asking make.
import { textHash } from '../textHash.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Env } from './make.js';
import { cacheFolder, statKey, writeQuietly } from '../cacheFolder.js';

/** Does the Makefile's answer depend on files or programs the key does not cover? */
export function readsOutside(makefileText: string): boolean {
  return /\b(shell|include|sinclude|wildcard|realpath|file|guile|load)\b|!=/.test(makefileText);
}

/** Answers kept (a few hundred bytes each; the oldest go first). */
const KEPT_ANSWERS = 500;

function cacheDir(env: Env): string | undefined {
  return cacheFolder(env, 'make-queries');
}

/** Where a program is on the PATH, as execFile would find it (the name itself when not found). */
export function findOnPath(program: string, env: Env): string {
  if (program.includes('/')) return program;
  for (const dir of (env.PATH ?? '').split(':')) {
    const p = path.join(dir || '.', program);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch { /* next */ }
  }
  return program;
}

/** The key of a query, or undefined when it must go to make. */
export function queryKey(q: { appDir: string; makefile: string; args: string[]; input: string; env: Env; make: string }): string | undefined {
  let text: string;
  let names: string[];
  try {
    text = fs.readFileSync(q.makefile, 'utf8');
    names = fs.readdirSync(q.appDir).sort();
  } catch {
    return undefined;
  }
  if (readsOutside(text)) return undefined;
  const make = findOnPath(q.make, q.env);
  return textHash(JSON.stringify(['looked-at', q.appDir, q.makefile, text, q.args, q.input, Object.entries(q.env).sort(), make, statKey(make), names]));
}

/**
 * The files make considered, from its -d output ("Considering target file 'X'", "Trying implicit
 * prerequisite 'X'", ...: every quoted name; a few are not files, which only adds to the key), each
 * with its statKey, relative names taken from `cwd`.
 */
export function filesLookedAt(debugOutput: string, cwd: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const m of debugOutput.matchAll(/'([^'\n]+)'/g)) {
    const p = path.resolve(cwd, m[1]);
    if (!(p in files)) files[p] = statKey(p);
  }
  return files;
}

/** Are the files make looked at still the same? */
export function sameFiles(looked: unknown): boolean {
  if (!looked || typeof looked !== 'object') return false;
  return Object.entries(looked as Record<string, unknown>).every(([p, k]) => statKey(p) === k);
}

export function cachedAnswer<T>(key: string, env: Env): T | undefined {
  const dir = cacheDir(env);
  if (!dir) return undefined;
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, `${key}.json`), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export function storeAnswer(key: string, value: unknown, env: Env): void {
  const dir = cacheDir(env);
  if (dir) writeQuietly(path.join(dir, `${key}.json`), JSON.stringify(value), KEPT_ANSWERS); // a read-only home: make answers next time too
}
