// Runs the $(shell,...) commands of a Kconfig tree. Forking the (large) Node process for each of
// the ~100 commands of the Linux tree costs several ms apiece, so small helper /bin/sh processes
// started once do the forking. The commands parsing will meet are predicted (preprocess.ts) and
// queued here in the order parsing needs them; a few run at a time on the helpers while we parse.
// A predicted command whose text needs the output of an earlier one (cc-name from cc-info, flags
// from cc-option) is kept as a template and queued once those outputs are known, so no command
// runs with a guessed text. A command that was not predicted runs at once on a helper kept for
// those. Any problem falls back to a direct spawn, which also gives the exact popen() semantics
// when the output is too long for the helpers or contains NUL bytes.
import { childProcess } from './childProcess.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** What popen()+fread() in conf sees: the command's stdout, and what it wrote on stderr (latin1 strings). */
export function runDirect(cmd: string, cwd: string, env: Record<string, string | undefined>): { out: string; err: string } {
  const r = childProcess().spawnSync('/bin/sh', ['-c', Buffer.from(cmd, 'latin1').toString()], {
    argv0: 'sh', // as popen() runs it: the shell's messages start "sh: 1: ..."
    cwd, env: env as NodeJS.ProcessEnv, encoding: 'latin1', stdio: ['inherit', 'pipe', 'pipe'], maxBuffer: 1 << 30,
  });
  if (r.error) throw r.error;
  return { out: r.stdout ?? '', err: r.stderr ?? '' };
}

// Reads "<id> <command>" lines (commands never contain newlines) and runs each as popen() does
// (/bin/sh with $0 "sh", so its messages read "sh: 1: ..."); leaves the output, trailing
// newlines removed (exactly what kconfig keeps of it), in $D/o<id> and what the command wrote on
// stderr (conf lets that through) in $D/e<id>, then writes "<id>\n" to the shared notification
// FIFO: one short write, so the lines of several helpers never mix.
// Commands still queued when ukmenu is done (it stopped at an error) are skipped: $D/live is gone.
const HELPER = 'exec 3<"$1" 4>"$2"; D="$3"; while IFS= read -r l <&3; do [ -e "$D/live" ] || continue; i=${l%% *}; ' +
  'o=$(/bin/sh -c "${l#* }" sh </dev/null 2>"$D/e$i"); printf %s "$o" >"$D/o$i"; echo "$i" >&4; done';

/**
 * A command answered in process, exactly as /bin/sh would run it (its stdout, untruncated, and
 * stderr), or null to run it for real. Registered by the caller (src/project/submenu.ts for
 * Unikraft's config-submenu.sh), so the engine itself knows no particular script.
 */
export type InProcessCommand = (cmd: string, cwd: string, env: Record<string, string | undefined>) => { out: string; err: string } | null;

const inProcess: InProcessCommand[] = [];

/** Adds a command ukmenu answers in process (once per function). */
export function answerInProcess(f: InProcessCommand): void {
  if (!inProcess.includes(f)) inProcess.push(f);
}

function runInProcess(cmd: string, cwd: string, env: Record<string, string | undefined>): { out: string; err: string } | null {
  for (const f of inProcess) {
    const r = f(cmd, cwd, env);
    if (r) return r;
  }
  return null;
}

/** How many commands a prefetch helper holds at once: one running, the next ones ready to start. */
const DEPTH = 3;

const TOKEN = /\x01(\d+)\x02/g;

/** How the prediction did (for tests): after close(), what was asked for and what had been predicted. */
export interface ShellStats {
  /** Commands asked for by parsing. */
  asked: number;
  /** ... that were not predicted (ran only when asked). */
  unpredicted: number;
  /** Predicted commands parsing never asked for, or whose text never became known. */
  unused: number;
}

interface Request {
  id: number;
  /** Need order: the position of the command among the predicted ones (-1: needed now). */
  seq: number;
  cmd: string;
  /** Outputs (by request id) the command text still waits for; empty once it can run. */
  waiting: Set<number>;
  state: 'template' | 'queued' | 'sent' | 'done';
  helper: Helper | null;
  out: string;
  err: string;
}

class Helper {
  inFlight = 0;
  constructor(readonly wfd: number, readonly urgentOnly: boolean) {}
}

export class ShellRunner {
  private dir: string | null = null;
  private helpers: Helper[] = [];
  private broken = false;
  private notifyBlocking = -1;
  private notifyPoll = -1;
  private pendingText = '';
  private requests: Request[] = [];
  /** Runnable predicted commands not yet sent, in need order. */
  private queue: Request[] = [];
  /** Templates by the request whose output they wait for. */
  private dependents = new Map<number, Request[]>();
  /** Predicted commands not yet asked for, by command text (oldest first). */
  private prefetched = new Map<string, Request[]>();
  private seq = 0;
  private asked = 0;
  private unpredicted = 0;
  /** Set by close(). */
  stats: ShellStats | null = null;

  /**
   * `max`: how many bytes of output conf reads (255 in v5.2, 4095 in 6.1). `poolSize` helpers: the
   * first only runs commands needed at once, the others predicted ones.
   */
  constructor(private cwd: string, private env: Record<string, string | undefined>, private max: number, private poolSize = 1) {}

  private newRequest(cmd: string, seq: number): Request {
    const req: Request = { id: this.requests.length, seq, cmd, waiting: new Set(), state: 'template', helper: null, out: '', err: '' };
    this.requests.push(req);
    return req;
  }

  /** Puts the output of `dep` into a template's text; queues the template once its text is whole. */
  private fill(t: Request, dep: Request): void {
    t.cmd = t.cmd.split(`\x01${dep.id}\x02`).join(this.asText(dep.out));
    t.waiting.delete(dep.id);
    if (t.waiting.size === 0 && !t.cmd.includes('\n') && !t.cmd.includes('\x01')) this.enqueue(t);
  }

  /** A helper's answer as it appears in the expanded text (run()'s processing of short outputs). */
  private asText(out: string): string {
    return out.length >= this.max || out.includes('\0') ? '\x01?\x02' : out.replace(/\n/g, ' ');
  }

  private start(): boolean {
    if (this.broken) return false;
    if (this.helpers.length) return true;
    try {
      const dir = (this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-sh-')));
      fs.writeFileSync(path.join(dir, 'live'), '');
      const notify = path.join(dir, 'notify');
      const cmdFifos = Array.from({ length: this.poolSize }, (_, i) => path.join(dir, `cmd${i}`));
      childProcess().execFileSync('mkfifo', [notify, ...cmdFifos]);
      // a reader that never blocks first, so the helpers' opens for writing do not wait
      this.notifyPoll = fs.openSync(notify, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      for (let i = 0; i < this.poolSize; i++) {
        // Not unref()ed: Node then reaps each helper when it ends (close() ends them), and the
        // program's exit waits for that, instead of leaving them as zombies for PID 1 to reap.
        childProcess().spawn('/bin/sh', ['-c', HELPER, 'sh', cmdFifos[i], notify, dir], {
          cwd: this.cwd, env: this.env as NodeJS.ProcessEnv, stdio: 'ignore', // a command's stderr goes to its file
        });
        this.helpers.push(new Helper(fs.openSync(cmdFifos[i], 'w'), i === 0 && this.poolSize > 1));
      }
      // blocking reads see end of file once every helper is gone
      this.notifyBlocking = fs.openSync(notify, 'r');
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

  private send(req: Request, helper: Helper): void {
    fs.writeSync(helper.wfd, Buffer.from(`${req.id} ${req.cmd}\n`, 'latin1'));
    req.state = 'sent';
    req.helper = helper;
    helper.inFlight++;
  }

  /** Keeps every prefetch helper busy with the next commands in need order. */
  private pump(): void {
    for (const h of this.helpers) {
      if (h.urgentOnly) continue;
      while (h.inFlight < DEPTH && this.queue.length) this.send(this.queue.shift()!, h);
    }
  }

  private enqueue(req: Request): void {
    req.state = 'queued';
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1].seq > req.seq) i--;
    this.queue.splice(i, 0, req);
    const list = this.prefetched.get(req.cmd);
    if (list) list.push(req);
    else this.prefetched.set(req.cmd, [req]);
  }

  private finished(id: number): void {
    const req = this.requests[id];
    if (!req || req.state !== 'sent') return;
    req.out = fs.readFileSync(path.join(this.dir!, `o${id}`), 'latin1');
    req.err = fs.readFileSync(path.join(this.dir!, `e${id}`), 'latin1');
    req.state = 'done';
    req.helper!.inFlight--;
    const deps = this.dependents.get(id);
    if (!deps) return;
    this.dependents.delete(id);
    for (const t of deps) this.fill(t, req);
  }

  private handle(text: string): void {
    const all = this.pendingText + text;
    const end = all.lastIndexOf('\n');
    this.pendingText = all.slice(end + 1);
    if (end < 0) return;
    for (const line of all.slice(0, end).split('\n')) this.finished(Number(line));
    this.pump();
  }

  private lastPoll = 0;

  /** Takes in the answers that are there, without waiting (at most once a millisecond). */
  poll(): void {
    if (this.notifyPoll < 0) return;
    const now = Date.now();
    if (now === this.lastPoll) return;
    this.lastPoll = now;
    const b = Buffer.allocUnsafe(4096);
    for (;;) {
      let n: number;
      try {
        n = fs.readSync(this.notifyPoll, b, 0, b.length, null);
      } catch {
        return; // EAGAIN: nothing yet
      }
      if (n <= 0) return;
      this.handle(b.toString('latin1', 0, n));
    }
  }

  private waitFor(req: Request): void {
    const b = Buffer.allocUnsafe(4096);
    while (req.state !== 'done') {
      const n = fs.readSync(this.notifyBlocking, b, 0, b.length, null);
      if (n === 0) throw new Error('shell helpers exited');
      this.handle(b.toString('latin1', 0, n));
    }
  }

  /**
   * A command the lexer is about to need, as predicted: its text may hold the outputs of earlier
   * predicted commands as placeholders (what this returns for each). Returns the placeholder of
   * this command's output.
   */
  predict(cmd: string): string {
    if (!this.start()) return '';
    const req = this.newRequest(cmd, this.seq++);
    const done: Request[] = [];
    for (const m of cmd.matchAll(TOKEN)) {
      const d = this.requests[Number(m[1])];
      if (!d || req.waiting.has(d.id)) continue;
      req.waiting.add(d.id);
      if (d.state === 'done') done.push(d);
      else {
        const list = this.dependents.get(d.id);
        if (list) list.push(req); else this.dependents.set(d.id, [req]);
      }
    }
    try {
      if (req.waiting.size === 0) {
        if (!cmd.includes('\n') && !cmd.includes('\x01')) this.enqueue(req);
      } else for (const d of done) this.fill(req, d);
      this.poll();
      this.pump();
    } catch {
      this.fail();
      return '';
    }
    return `\x01${req.id}\x02`;
  }

  private viaHelper(cmd: string): { out: string; err: string } | null {
    if (cmd.includes('\n') || !this.start()) return null;
    try {
      this.poll();
      let req = this.prefetched.get(cmd)?.shift();
      this.asked++;
      if (!req) this.unpredicted++;
      if (req && req.state === 'queued') {
        // needed now and not started: it goes ahead of the queue
        this.queue.splice(this.queue.indexOf(req), 1);
        this.send(req, this.helpers[0]);
      } else if (!req) {
        // not predicted: the first helper only runs these, so it never waits behind prefetches
        req = this.newRequest(cmd, -1);
        this.send(req, this.helpers[0]);
      }
      this.waitFor(req);
      return { out: req.out, err: req.err };
    } catch {
      this.fail();
      return null;
    }
  }

  /**
   * conf's do_shell: at most `max` bytes of output are read, trailing newlines are dropped and the
   * remaining newlines become spaces.
   */
  run(cmd: string): { out: string; err: string } {
    const max = this.max;
    const known = runInProcess(cmd, this.cwd, this.env);
    // the first command of an unpredicted tree runs directly: one process instead of a FIFO and a
    // helper (a Unikraft tree, its config-submenu.sh calls answered in process, has one left)
    const first = !known && this.poolSize === 1 && this.helpers.length === 0 && this.asked === 0;
    if (first) { this.asked++; this.unpredicted++; }
    let r = known ?? (first ? null : this.viaHelper(cmd));
    let out: string;
    if (known || r === null || r.out.length >= max || r.out.includes('\0')) {
      r = known ?? runDirect(cmd, this.cwd, this.env);
      out = r.out;
      if (out.length > max) out = out.slice(0, max);
      out = out.replace(/\n+$/, '');
      const nul = out.indexOf('\0');
      if (nul >= 0) out = out.slice(0, nul);
    } else out = r.out;
    return { out: out.replace(/\n/g, ' '), err: r.err };
  }

  /**
   * Ends the helpers: they see the end of their command FIFOs once done with what they hold. No
   * command is killed half-way (a probe's `trap ... EXIT` must still clean up after it).
   */
  close(): void {
    if (this.requests.length || this.asked) {
      let unused = this.requests.filter((r) => r.state === 'template').length;
      for (const list of this.prefetched.values()) unused += list.length;
      this.stats = { asked: this.asked, unpredicted: this.unpredicted, unused };
    }
    for (const h of this.helpers) {
      try { fs.closeSync(h.wfd); } catch { /* ignore */ }
    }
    for (const fd of [this.notifyBlocking, this.notifyPoll]) {
      try { if (fd >= 0) fs.closeSync(fd); } catch { /* ignore */ }
    }
    this.notifyBlocking = this.notifyPoll = -1;
    this.helpers = [];
    this.queue = [];
    this.prefetched.clear();
    this.dependents.clear();
    if (this.dir) {
      // a command still running (stopped at an error) may write its files while this removes them
      try { fs.rmSync(path.join(this.dir, 'live'), { force: true }); } catch { /* ignore */ }
      for (let i = 0; i < 5; i++) {
        try {
          fs.rmSync(this.dir, { recursive: true, force: true });
          break;
        } catch { /* ENOTEMPTY: again */ }
      }
    }
    this.dir = null;
  }
}
