// Runs a program of the start-up (make's queries, gitsha1, gcc -v) with its input and output in
// files instead of pipes. Node's pipes are sockets, and a socket that closes reads
// process.stderr (net's Socket._destroy compares itself with it), which makes Node load its tty
// module before the menu's first frame (~4 ms here; src/frameTerminal.ts writes the frame
// without it). What the program reads and writes is the same.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { childProcess } from '../../kconfig/childProcess.js';

export interface ProgramRun {
  /** the exit status; null when it was killed (the timeout) or could not start */
  status: number | null;
  /** why it could not start (ENOENT: no such program) */
  error?: NodeJS.ErrnoException;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env: NodeJS.ProcessEnv;
  /** its stdin (default: /dev/null) */
  input?: string;
  /** killed (SIGTERM) after this many ms */
  timeout: number;
  encoding: BufferEncoding;
}

let folder: string | undefined;
let runs = 0;

/** The program's status and output, once it has exited. */
export function runToFiles(file: string, args: string[], o: RunOptions): Promise<ProgramRun> {
  return new Promise((resolve) => {
    let base: string;
    let fds: number[] = [];
    try {
      if (!folder) {
        folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-run-'));
        const made = folder;
        process.once('exit', () => fs.rmSync(made, { recursive: true, force: true }));
      }
      base = path.join(folder, String(++runs));
      if (o.input !== undefined) fs.writeFileSync(`${base}.in`, o.input);
      fds = [o.input !== undefined ? fs.openSync(`${base}.in`, 'r') : fs.openSync('/dev/null', 'r'), fs.openSync(`${base}.out`, 'w'), fs.openSync(`${base}.err`, 'w')];
    } catch (e) {
      for (const fd of fds) fs.closeSync(fd);
      resolve({ status: null, error: e as NodeJS.ErrnoException, stdout: '', stderr: '' });
      return;
    }
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const done = (status: number | null, error?: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const read = (f: string) => { try { return fs.readFileSync(f, o.encoding); } catch { return ''; } };
      const run = { status, error, stdout: read(`${base}.out`), stderr: read(`${base}.err`) };
      for (const f of ['in', 'out', 'err']) fs.rmSync(`${base}.${f}`, { force: true });
      resolve(run);
    };
    try {
      const child = childProcess().spawn(file, args, { cwd: o.cwd, env: o.env, stdio: fds });
      child.once('error', (e) => done(null, e));
      child.once('exit', (code) => done(code));
      timer = setTimeout(() => child.kill('SIGTERM'), o.timeout);
    } catch (e) {
      done(null, e as NodeJS.ErrnoException);
    } finally {
      for (const fd of fds) fs.closeSync(fd); // (the program has its own)
    }
  });
}
