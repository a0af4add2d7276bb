// The tree's $(shell,...) commands (Linux's compiler and tool probes: ~100 gcc/ld/as runs, most of
// a run's time) run once per environment in this process for the runs that ask for it, and their
// output is given to the engine for every later run with the same command and environment, as the
// C side does with one shared parse (oracle.ts shareParse). Used for the runs on the defconfig
// result (savedefconfig, syncconfig, the perturbed copies: same commands, same environment, and the
// probes read nothing of the run folder); the base runs keep the engine's own helpers and prefetch.
import * as fs from 'node:fs';
import { answerInProcess, runDirect } from '../../kconfig/shell.js';

/** Prefetch off: the engine asks for each command as it parses (the answers are known here). */
export const SHARED_SHELL_ENV = { UKMENU_SHELL_PREFETCH: '0' };

let active = false;
const outputs = new Map<string, { out: string; err: string }>();

answerInProcess((cmd, cwd, env) => {
  if (!active) return null;
  const key = JSON.stringify([cmd, Object.entries(env).filter(([k]) => !(k in SHARED_SHELL_ENV)).sort()]);
  let r = outputs.get(key);
  if (!r) outputs.set(key, (r = runDirect(cmd, cwd, env)));
  return r;
});

/** Runs `f` (one engine run) with the commands' outputs shared. */
export function withSharedShell<T>(f: () => T): T {
  active = true;
  try {
    return f();
  } finally {
    active = false;
  }
}

/** Keeps the outputs in `file` for the next engine process (the runs of the next phase). */
export function saveSharedOutputs(file: string): void {
  fs.writeFileSync(file, JSON.stringify([...outputs]));
}

/** Takes the outputs an earlier engine process kept in `file`, if any. */
export function loadSharedOutputs(file: string): void {
  if (!fs.existsSync(file)) return;
  for (const [k, v] of JSON.parse(fs.readFileSync(file, 'utf8')) as Array<[string, { out: string; err: string }]>) outputs.set(k, v);
}
