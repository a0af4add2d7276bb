// conf-set (conf-set.c, built by build-conf-set.sh): the C menuconfig's way of applying edits
// (conf_read, sym_set_string_value each, conf_write), for Linux 6.1 and for Unikraft (v5.2).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Edit } from '../../kconfig/api.js';
import { requireOrSkip } from '../ci.js';
import { CACHE_DIR, ensureOracle, runConfProgram } from '../oracle/oracle.js';
import type { CRun } from './plans.js';

let status: { ok: boolean; reason: string } | undefined;

/** Builds both conf-set programs if needed (once per process; after the oracle's Linux tree). */
function ensureConfSet(): { ok: boolean; reason: string } {
  if (status) return status;
  const oracle = ensureOracle();
  if (!oracle.ok) return (status = { ok: false, reason: oracle.reason });
  const r = spawnSync('bash', [path.join(import.meta.dirname, 'build-conf-set.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return (status = { ok: r.status === 0, reason: r.status === 0 ? '' : `test/explain/build-conf-set.sh failed (exit ${r.status}): ${(r.stderr || r.stdout || '').trim()}` });
}

/** For describe.skipIf: true outside CI when conf-set cannot be built; throws in CI. */
export function confSetMissing(): boolean {
  const s = ensureConfSet();
  return requireOrSkip(`conf-set (${s.reason || 'built from the Linux 6.1 and Unikraft kconfig sources'})`, s.ok);
}

export interface ConfSetRun {
  flavor: 'linux' | 'unikraft';
  /** The top Kconfig file, relative to cwd. */
  kconfig: string;
  /** The configuration read first (conf_read). */
  input: string;
  /** Where conf_write saves (absolute). */
  output: string;
  edits: Edit[];
  env: Record<string, string | undefined>;
  cwd: string;
}

/**
 * Runs conf-set; the saved file (undefined when it refused an edit or wrote nothing). Every symbol is
 * evaluated after each edit (CONF_SET_EAGER), as a menu showing every value does: what C computes
 * in a pass depends on what it evaluates (a choice's user flag is dropped when the choice is
 * evaluated), and ukmenu's menu, search and why see every value after each change.
 */
export function runConfSet(o: ConfSetRun): CRun {
  const s = ensureConfSet();
  if (!s.ok) throw new Error(s.reason);
  fs.rmSync(o.output, { force: true });
  const r = runConfProgram(path.join(CACHE_DIR, 'conf-set', o.flavor), {
    argv: [o.kconfig, o.input, o.output, ...o.edits.map((e) => `${e.name}=${e.value}`)], env: { ...o.env, CONF_SET_EAGER: '1' }, cwd: o.cwd, collect: false,
  });
  return { code: r.code, signal: r.signal, stderr: r.stderr, config: fs.existsSync(o.output) ? fs.readFileSync(o.output) : undefined };
}
