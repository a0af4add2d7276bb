// Where ukmenu keeps what it may recompute: $XDG_CACHE_HOME/ukmenu, else ~/.cache/ukmenu (make's
// answers, V8's code caches). Imports only Node's path: src/codeCache.ts is bundled on its own.
import * as path from 'node:path';

/** ukmenu's cache folder joined with `parts`, or undefined when neither XDG_CACHE_HOME nor HOME is set. */
export function cacheFolder(env: Record<string, string | undefined>, ...parts: string[]): string | undefined {
  const base = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, '.cache') : undefined);
  return base ? path.join(base, 'ukmenu', ...parts) : undefined;
}
