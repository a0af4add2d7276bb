// Commands whose output the menu's first frame shows although no file the frame is kept with says
// when it changes: the core's support/scripts/gitsha1 in a git repository (the title's version gets
// `~<commit>`, and `-custom` as soon as any tracked file is edited). project/coreVersion.ts notes
// each such run; the kept frame (src/lastFrame.ts) is recorded with them and runs them again before
// it is drawn; that run's output then serves the project's version too (one run, not two), once.
import { childProcess } from '../kconfig/childProcess.js';

type Env = Record<string, string | undefined>;

/** A command as execFile runs it, in the program's environment with `set` and without `unset`. */
export interface Command {
  file: string;
  args: string[];
  set: Record<string, string>;
  unset: string[];
}

/** A command and its whole output. */
export interface CommandRun extends Command {
  out: string;
}

/** What `used` sets or removes compared with `base` (names and the values set only: nothing of `base` is kept). */
export function envChanges(base: Env, used: Env): Pick<Command, 'set' | 'unset'> {
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(used)) if (v !== undefined && base[k] !== v) set[k] = v;
  return { set, unset: Object.keys(base).filter((k) => base[k] !== undefined && used[k] === undefined).sort() };
}

/** Outputs of the kept frame's check not yet taken by the command's own use (undefined: it failed). */
const checked = new Map<string, string | undefined>();
const keyOf = (c: Command) => JSON.stringify([c.file, c.args, Object.entries(c.set).sort(), c.unset]);

/** The commands run so far whose output the first frame shows. */
export const frameCommands: CommandRun[] = [];

/** Runs the command now (in `base` changed as it says), for the kept frame's check; its stdout (latin1), undefined when it failed. */
export function runForCheck(c: Command, base: Env): string | undefined {
  const env: Env = { ...base, ...c.set };
  for (const k of c.unset) delete env[k];
  let out: string | undefined;
  try {
    out = childProcess().execFileSync(c.file, c.args, { env: env as NodeJS.ProcessEnv, encoding: 'latin1', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    out = undefined;
  }
  checked.set(keyOf(c), out);
  return out;
}

/** The output the check got for the command, once (null: none): the command's first use then need not run it. */
export function takeCheckedOutput(c: Command): string | undefined | null {
  const key = keyOf(c);
  if (!checked.has(key)) return null;
  const out = checked.get(key);
  checked.delete(key);
  return out;
}

/** Notes a run whose output the first frame shows. */
export function noteFrameCommand(run: CommandRun): void {
  const key = keyOf(run);
  const i = frameCommands.findIndex((r) => keyOf(r) === key);
  if (i >= 0) frameCommands.splice(i, 1); // the latest output
  frameCommands.push(run);
}
