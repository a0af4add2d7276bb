// Where ukmenu keeps what it may recompute: $XDG_CACHE_HOME/ukmenu, else ~/.cache/ukmenu (make's
// answers, V8's code caches, kept trees). Imports only Node's modules: src/codeCache.ts is bundled on its own.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** ukmenu's cache folder joined with `parts`, or undefined when neither XDG_CACHE_HOME nor HOME is set. */
export function cacheFolder(env: Record<string, string | undefined>, ...parts: string[]): string | undefined {
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : undefined);
  return base ? join(base, 'ukmenu', ...parts) : undefined;
}

/** A file's (or folder's) identity for a cache key: inode, size and modification time ('-' when missing). */
export function statKey(p: string): string {
  const st = statSync(p, { throwIfNoEntry: false });
  return st ? `${st.ino}:${st.size}:${st.mtimeMs}` : '-';
}

/**
 * Writes `data` to `file` whole or not at all (concurrent runs read either the old or the new
 * file); a failure (read-only home, full disk) only costs the cache. With `keep`, the folder then
 * holds at most that many files: the least recently written go (a cache written on every open, or
 * for every Makefile and program version, would otherwise grow without end).
 */
export function writeQuietly(file: string, data: string | Buffer, keep?: number): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${hostname()}`);
    writeFileSync(tmp, data);
    renameSync(tmp, file);
    if (keep !== undefined) pruneFolder(dirname(file), keep);
  } catch {
    // recomputed next time
  }
}

/** Removes the least recently written files of `dir` beyond the `keep` newest (quietly: another run may be pruning too). */
function pruneFolder(dir: string, keep: number): void {
  const names = readdirSync(dir);
  if (names.length <= keep) return;
  const files: { file: string; time: number }[] = [];
  for (const n of names) {
    const file = join(dir, n);
    const st = statSync(file, { throwIfNoEntry: false });
    if (st?.isFile()) files.push({ file, time: st.mtimeMs });
  }
  files.sort((a, b) => b.time - a.time);
  for (const { file } of files.slice(keep)) rmSync(file, { force: true });
}
