// Runs the $(shell,...) commands of a Kconfig tree. Forking the (large) Node process for each of
// the ~100 commands of the Linux tree costs several ms apiece, so small helper /bin/sh processes
// started once do the forking, talking to us over FIFOs with blocking reads. The commands parsing
// will meet are predicted and sent ahead to two prefetch helpers, so they run while we parse; a
// command that was not predicted goes to a first helper kept for those, never behind a queue. Any problem falls back to a direct spawn, which also gives the exact popen() semantics
// when the output is too long for that or contains NUL bytes.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** What popen()+fread() in conf sees: the command's stdout, and what it wrote on stderr (latin1 strings). */
export function runDirect(cmd: string, cwd: string, env: Record<string, string | undefined>): { out: string; err: string } {
  const r = spawnSync('/bin/sh', ['-c', Buffer.from(cmd, 'latin1').toString()], {
    cwd, env: env as NodeJS.ProcessEnv, encoding: 'latin1', stdio: ['inherit', 'pipe', 'pipe'], maxBuffer: 1 << 30,
  });
  if (r.error) throw r.error;
  return { out: r.stdout ?? '', err: r.stderr ?? '' };
}

// One command per line (commands never contain newlines); the answer is "<n> <m>\n<out><err>": the
// output with its trailing newlines removed (exactly what kconfig keeps of it), then what the
// command wrote on stderr, which conf would have let through to its own stderr.
const HELPER = 'exec 3<"$1" 4>"$2"; E="$3"; while IFS= read -r c <&3; do o=$(/bin/sh -c "$c" </dev/null 2>"$E"); ' +
  'if [ -s "$E" ]; then e=$(cat "$E"; printf x); e=${e%x}; else e=; fi; printf \'%d %d\\n%s%s\' "${#o}" "${#e}" "$o" "$e" >&4; done';

class Helper {
  private pending = Buffer.alloc(0);
  /** Requests sent and not yet read, oldest first. */
  readonly inFlight: Request[] = [];
  constructor(readonly wfd: number, readonly rfd: number) {}

  send(req: Request): void {
    fs.writeSync(this.wfd, Buffer.from(req.cmd + '\n', 'latin1'));
    this.inFlight.push(req);
  }

  private readMore(): void {
    const b = Buffer.allocUnsafe(1 << 16);
    const n = fs.readSync(this.rfd, b, 0, b.length, null);
    if (n === 0) throw new Error('shell helper exited');
    this.pending = this.pending.length ? Buffer.concat([this.pending, b.subarray(0, n)]) : b.subarray(0, n);
  }

  /** Reads answers in order until `req` has its output. */
  waitFor(req: Request): void {
    while (req.out === null) {
      const head = this.inFlight[0];
      let nl: number;
      while ((nl = this.pending.indexOf(10)) < 0) this.readMore();
      const [len, elen] = this.pending.subarray(0, nl).toString('latin1').split(' ').map(Number);
      while (this.pending.length < nl + 1 + len + elen) this.readMore();
      head.out = this.pending.subarray(nl + 1, nl + 1 + len).toString('latin1');
      head.err = this.pending.subarray(nl + 1 + len, nl + 1 + len + elen).toString('latin1');
      this.pending = this.pending.subarray(nl + 1 + len + elen);
      this.inFlight.shift();
    }
  }
}

interface Request { cmd: string; helper: Helper; out: string | null; err: string }

export class ShellRunner {
  private dir: string | null = null;
  private helpers: Helper[] = [];
  private broken = false;
  private next = 0;
  /** Prefetched commands not yet asked for, by command text (oldest first). */
  private prefetched = new Map<string, Request[]>();

  constructor(private cwd: string, private env: Record<string, string | undefined>, private poolSize = 1) {}

  private start(): boolean {
    if (this.broken) return false;
    if (this.helpers.length) return true;
    try {
      this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-sh-'));
      for (let i = 0; i < this.poolSize; i++) {
        const cmdF = path.join(this.dir, `cmd${i}`);
        const resF = path.join(this.dir, `res${i}`);
        execFileSync('mkfifo', [cmdF, resF]);
        const child = spawn('/bin/sh', ['-c', HELPER, 'sh', cmdF, resF, path.join(this.dir, `err${i}`)], {
          cwd: this.cwd, env: this.env as NodeJS.ProcessEnv, stdio: ['ignore', 'ignore', 'inherit'],
        });
        child.unref();
        const wfd = fs.openSync(cmdF, 'w');
        const rfd = fs.openSync(resF, 'r');
        this.helpers.push(new Helper(wfd, rfd));
      }
      return true;
    } catch {
      this.fail();
      return false;
    }
  }

  private fail(): void {
    this.close();
    this.broken = true;
  }

  /** The helper with the fewest commands waiting. */
  /** A prefetch helper (all but the first) with the fewest commands waiting. */
  private pick(): Helper {
    const pool = this.helpers.length > 1 ? this.helpers.slice(1) : this.helpers;
    let best = pool[this.next++ % pool.length];
    for (const h of pool) if (h.inFlight.length < best.inFlight.length) best = h;
    return best;
  }

  /** Starts commands the lexer is about to need (their outputs are kept until asked for). */
  prefetch(cmds: string[]): void {
    if (!cmds.length || !this.start()) return;
    try {
      for (const cmd of cmds) {
        if (cmd.includes('\n')) continue;
        const req: Request = { cmd, helper: this.pick(), out: null, err: '' };
        req.helper.send(req);
        const list = this.prefetched.get(cmd);
        if (list) list.push(req);
        else this.prefetched.set(cmd, [req]);
      }
    } catch {
      this.fail();
    }
  }

  private viaHelper(cmd: string): { out: string; err: string } | null {
    if (cmd.includes('\n') || !this.start()) return null;
    try {
      let req = this.prefetched.get(cmd)?.shift();
      if (!req) {
        // not predicted: the first helper only ever runs these, so it never waits behind prefetches
        req = { cmd, helper: this.helpers[0], out: null, err: '' };
        req.helper.send(req);
      }
      req.helper.waitFor(req);
      return { out: req.out!, err: req.err };
    } catch {
      this.fail();
      return null;
    }
  }

  /**
   * conf's do_shell: at most `max` bytes of output are read, trailing newlines are dropped and the
   * remaining newlines become spaces.
   */
  run(cmd: string, max: number): { out: string; err: string } {
    let r = this.viaHelper(cmd);
    let out: string;
    if (r === null || r.out.length >= max || r.out.includes('\0')) {
      r = runDirect(cmd, this.cwd, this.env);
      out = r.out;
      if (out.length > max) out = out.slice(0, max);
      out = out.replace(/\n+$/, '');
      const nul = out.indexOf('\0');
      if (nul >= 0) out = out.slice(0, nul);
    } else out = r.out;
    return { out: out.replace(/\n/g, ' '), err: r.err };
  }

  /** Ends the helpers (after reading what they still owe, so they never block on a full FIFO). */
  close(): void {
    for (const h of this.helpers) {
      try { fs.closeSync(h.wfd); } catch { /* ignore */ }
      try { fs.closeSync(h.rfd); } catch { /* ignore */ }
    }
    this.helpers = [];
    this.prefetched.clear();
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
