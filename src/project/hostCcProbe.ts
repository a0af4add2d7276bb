// `gcc -v` (HOSTARCH, arch.ts) started by the `ukmenu` command (bin/ukmenu, a shell script) before
// Node, when no answer of the host compiler is kept yet (a first open). Started from Node it costs
// the main thread ~11 ms on the way to the first frame (loading child_process, then waiting while
// Node's large process forks and the child execs); the shell's fork costs it ~4 ms, and gcc runs
// while Node starts: its output is in a file by the time the project is looked at.
// The shell runs it only for a compiler the environment does not name (HOSTCC unset: gcc), in
// LC_ALL=C, as arch.ts would: it makes <cache>/ukmenu/probes, writes gcc's stdout and stderr to
// gcc-v.<pid>.part there and renames that to gcc-v.<pid> once gcc has exited.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheFolder, writeQuietly } from '../cacheFolder.js';
import { traceStage } from '../startTrace.js';

/** The variable bin/ukmenu names the probe's file with. */
export const PROBE_VARIABLE = 'UKMENU_HOSTCC_PROBE';
/** The file that tells bin/ukmenu an answer for plain gcc is kept: it starts no probe. */
export const KNOWN_MARKER = 'host-cc-known';
/** Longer than any gcc -v takes: the probe is then taken as lost, and gcc runs here. */
const WAIT_MS = 10_000;
/** Probe files older than this are left-overs (a run that ended first), removed when one is read. */
const STALE_MS = 60_000;

interface Probe { file: string; path: string | undefined }
let probe: Probe | undefined;

/**
 * Takes bin/ukmenu's probe out of `env` (process.env, before anything reads it): make and the other
 * programs ukmenu runs must not see it, and make's kept answers are keyed by the whole environment.
 */
export function takeHostCcProbe(env: Record<string, string | undefined>): void {
  const file = env[PROBE_VARIABLE];
  if (file === undefined) return;
  delete env[PROBE_VARIABLE];
  if (!path.isAbsolute(file)) return;
  probe = { file, path: env.PATH };
  traceStage('gcc -v: started by bin/ukmenu');
}

/**
 * What `LC_ALL=C gcc -v` printed in the probe, when the probe ran the compiler `cc` would run in
 * `env` (plain gcc, the same PATH); undefined when it did not or could not: run it. Used once.
 */
export async function probedOutput(cc: string, env: Record<string, string | undefined>): Promise<string | undefined> {
  const p = probe;
  probe = undefined;
  if (!p || cc !== 'gcc' || env.PATH !== p.path) return undefined;
  const dir = path.dirname(p.file);
  // a folder that cannot be made (a read-only cache): the shell could not either, nothing will come
  if (!folderMade(dir)) return undefined;
  for (const deadline = Date.now() + WAIT_MS; Date.now() <= deadline;) {
    const text = readAndRemove(p.file);
    if (text !== undefined) {
      removeStale(dir);
      return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return undefined;
}

/** With an answer kept: the probe (started before bin/ukmenu knew of it) is not waited for, its file removed when there. */
export function discardProbe(): void {
  if (probe) fs.rmSync(probe.file, { force: true });
  probe = undefined;
}

/** After an answer for plain gcc is kept: bin/ukmenu starts no more probes. */
export function markHostCcKnown(env: Record<string, string | undefined>): void {
  const marker = cacheFolder(env, KNOWN_MARKER);
  // (when it cannot be written, probes go on: each first open still reads one)
  if (marker && !fs.existsSync(marker)) writeQuietly(marker, 'An answer of `gcc -v` is kept: bin/ukmenu does not ask it before Node starts.\n');
}

/** Is the folder there, or made now? */
function folderMade(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true });
    return true;
  } catch {
    return false;
  }
}

function readAndRemove(file: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  fs.rmSync(file, { force: true });
  return text;
}

/** Probe files of runs that ended before reading theirs. */
function removeStale(dir: string): void {
  try {
    const now = Date.now();
    for (const name of fs.readdirSync(dir)) {
      const f = path.join(dir, name);
      const st = fs.statSync(f, { throwIfNoEntry: false });
      if (st && now - st.mtimeMs > STALE_MS) fs.rmSync(f, { force: true });
    }
  } catch {
    // another run is cleaning up too
  }
}
