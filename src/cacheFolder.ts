// Where ukmenu keeps what it may recompute: $XDG_CACHE_HOME/ukmenu, else ~/.cache/ukmenu (make's
// answers, V8's code caches, kept trees). Imports only Node's modules: src/codeCache.ts is bundled on its own.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** ukmenu's cache folder joined with `parts`, or undefined when neither XDG_CACHE_HOME nor HOME is set. */
export function cacheFolder(env: Record<string, string | undefined>, ...parts: string[]): string | undefined {
  const base = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, '.cache') : undefined);
  return base ? path.join(base, 'ukmenu', ...parts) : undefined;
}

/** A file's (or folder's) identity for a cache key: inode, size and modification time ('-' when missing). */
export function statKey(p: string): string {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  return st ? `${st.ino}:${st.size}:${st.mtimeMs}` : '-';
}

/**
 * Writes `data` to `file` whole or not at all (concurrent runs read either the old or the new
 * file); a failure (read-only home, full disk) only costs the cache.
 */
export function writeQuietly(file: string, data: string | Buffer): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${os.hostname()}`);
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch {
    // recomputed next time
  }
}
