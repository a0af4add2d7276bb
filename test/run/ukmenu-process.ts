// Running the real ukmenu binary in tests: its environment (no make variables of an outer make),
// the tools a test needs (a skip outside CI, a failure in CI), the result shown on failure, and the
// processes left behind (found by a marker in their command line).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'vitest';
import { findProgram } from '../../src/build/tools.js';
import { requireOrSkip } from '../ci.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const UKMENU_BIN = process.env.UKMENU_BIN ? path.resolve(process.env.UKMENU_BIN) : path.join(REPO, 'bin', 'ukmenu.js');

export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const k of ['MAKEFLAGS', 'MAKELEVEL', 'MFLAGS', 'MAKEOVERRIDES', 'GNUMAKEFLAGS', 'MAKEFILES']) delete env[k];
  return env;
}

/** Skips (outside CI) or fails (in CI) when a program or ukmenu itself is missing. */
export function needTools(ctx: TestContext, programs: string[]): void {
  const missing = programs.filter((p) => !findProgram(p));
  if (!existsSync(UKMENU_BIN)) missing.push(UKMENU_BIN);
  requireOrSkip(`${missing.join(', ')} (Debian: apt-get install make gcc qemu-system-x86 qemu-system-arm gcc-aarch64-linux-gnu cpio)`, missing.length === 0, (n) => ctx.skip(n));
}

export const ukmenuArgv = () => (/\.m?js$/.test(UKMENU_BIN) ? [process.execPath, UKMENU_BIN] : [UKMENU_BIN]);

/** `ukmenu --app APP ARGS...` run to its end (killed after timeoutMs). */
export function ukmenu(app: string, args: string[], env: Record<string, string> = {}, timeoutMs = 180_000): SpawnSyncReturns<string> {
  const argv = [...ukmenuArgv(), '--app', app, ...args];
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd: app, env: childEnv(env), encoding: 'utf8', input: '', timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20,
  });
  if (r.error) throw new Error(`${argv.join(' ')}: ${r.error.message}`);
  return r;
}

export const show = (what: string, r: SpawnSyncReturns<string>) => `${what} exited with ${r.status ?? r.signal}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/** Processes whose command line contains `marker` (anywhere on the machine). */
export function processesWith(marker: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      if (cmd.includes(marker) && !/\) Z /.test(stat)) out.push(`${e}: ${cmd}`);
    } catch { /* gone */ }
  }
  return out;
}
