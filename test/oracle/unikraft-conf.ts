// Unikraft's own C conf (v5.2 kconfig with Unikraft's patches), built from the real core snapshot in
// ../shared/unikraft by build-unikraft-oracle.sh: the reference for what only v5.2 does.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireOrSkip } from '../ci.js';
import { CACHE_DIR, runConfProgram, type RunOptions, type RunResult } from './oracle.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const UNIKRAFT_CONF_BIN = path.join(CACHE_DIR, 'unikraft-conf', 'conf');

let status: { ok: boolean; reason: string } | undefined;

/** Builds Unikraft's conf if needed (once per process). Never throws. */
export function ensureUnikraftConf(): { ok: boolean; reason: string } {
  if (status) return status;
  const r = spawnSync('bash', [path.join(here, 'build-unikraft-oracle.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  status = { ok: r.status === 0, reason: r.status === 0 ? '' : `test/oracle/build-unikraft-oracle.sh failed (exit ${r.status}): ${(r.stderr || r.stdout || '').trim()}` };
  return status;
}

/** For describe.skipIf: true outside CI when Unikraft's conf cannot be built; throws in CI. */
export function unikraftConfMissing(): boolean {
  const s = ensureUnikraftConf();
  return requireOrSkip(`Unikraft's C conf (${s.reason || 'built from ../shared/unikraft'})`, s.ok);
}

/** Runs Unikraft's conf once. */
export function runUnikraftConf(opts: RunOptions): RunResult {
  const s = ensureUnikraftConf();
  if (!s.ok) throw new Error(s.reason);
  return runConfProgram(UNIKRAFT_CONF_BIN, opts);
}
