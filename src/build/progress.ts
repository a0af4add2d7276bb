// What a Unikraft build prints, read as progress: the step lines (`  CC      libname: file.o`), the
// total from a `make -n` dry run, compiler and make errors. Pure functions and a small state model,
// no processes.

/** The tags Unikraft's build prints (support/build/Makefile.rules: verbose_cmd/build_cmd). */
export const STEP_TAGS = [
  'CC', 'CXX', 'AS', 'LD', 'AR', 'OBJCOPY', 'AWK', 'LDS', 'GEN', 'LN', 'CP', 'UKBI', 'SCSTRIP', 'MULTIBT',
  'MKLINUX', 'STRIP', 'SED', 'M4', 'GOC', 'RUSTC', 'MKDIR', 'UNTAR', 'UNZIP', 'PATCH', 'WGET', 'FETCH', 'CPP',
  'ASM', 'GZIP', 'MKFS', 'CPIO', 'MKBOOTIMG',
] as const;
const TAGS = new Set<string>(STEP_TAGS);

export interface Step {
  tag: string;
  /** `libname: file.o` or the target alone. */
  target: string;
}

/**
 * A step line of the real build: `  TAG     target`, the tag padded to 7 columns (printf '  %-7s %s').
 * Known tags are taken with any spacing; unknown upper-case tags only in the exact printf layout.
 */
export function parseStepLine(line: string): Step | null {
  const m = /^ {2}([A-Z][A-Z0-9_+-]*)( +)(\S.*)$/.exec(line.replace(/\r$/, ''));
  if (!m) return null;
  const [, tag, gap, target] = m;
  if (TAGS.has(tag)) return { tag, target: target.trimEnd() };
  const exact = tag.length < 7 ? tag.length + gap.length === 8 : gap.length === 1;
  return exact && tag.length <= 10 ? { tag, target: target.trimEnd() } : null;
}

/** One `printf '  %-7s %s\n' 'TAG' ...` in a dry-run line: the step that the recipe would print. */
const DRY_STEP = /printf\s+'  %-7s %s\\n'\s+'([A-Z][A-Z0-9_+-]*)'/g;

/**
 * The number of steps a `make -n` dry run announces: every step-printing recipe command, and the
 * step lines of makes that ran for real (remade makefiles, recursive makes printing as they go).
 */
export function countDryRunSteps(output: string): number {
  let n = 0;
  for (const line of output.split('\n')) {
    const hits = line.match(DRY_STEP);
    if (hits) n += hits.length;
    else if (parseStepLine(line)) n++;
  }
  return n;
}

export interface BuildError {
  file?: string;
  line?: number;
  column?: number;
  /** The whole line as printed. */
  text: string;
  kind: 'compiler' | 'linker' | 'make';
}

/** A line that reports an error: `file:line[:col]: error: ...`, linker errors, `make: *** ...`. */
export function parseErrorLine(line: string): BuildError | null {
  const text = line.replace(/\r$/, '');
  let m = /^(.+?):(\d+)(?::(\d+))?: (?:fatal error|error): /.exec(text);
  if (m) return { file: m[1], line: Number(m[2]), column: m[3] ? Number(m[3]) : undefined, text, kind: 'compiler' };
  // make's own: "Makefile:12: *** message.  Stop." and "make[1]: *** [rule] Error 1"
  m = /^(.+?):(\d+): \*\*\* .*$/.exec(text);
  if (m && !/^make(\[\d+\])?$/.test(m[1])) return { file: m[1], line: Number(m[2]), text, kind: 'make' };
  if (/^(?:[\w./-]*make|gmake)(\[\d+\])?: \*\*\* /.test(text)) return { text, kind: 'make' };
  if (/undefined reference to|multiple definition of|ld(?:\.bfd)?: cannot find|collect2: error:|ld returned \d+ exit status/.test(text)) {
    m = /^(.+?):(?:(\d+):)?.*(?:undefined reference|multiple definition)/.exec(text);
    return { file: m?.[1], line: m?.[2] ? Number(m[2]) : undefined, text, kind: 'linker' };
  }
  if (/^(.+?): error: /.test(text) || /^error: /.test(text)) return { text, kind: 'compiler' };
  return null;
}

export type BuildPhase = 'idle' | 'counting' | 'building' | 'succeeded' | 'failed' | 'cancelled';

export interface LogLine {
  text: string;
  stream: 'out' | 'err';
}

/** The state of one build, fed with lines; read by the views and the command line. */
export class BuildProgress {
  phase: BuildPhase = 'idle';
  /** Steps announced by the dry run (0 until it finished or when it found none). */
  total = 0;
  done = 0;
  current: Step | null = null;
  startedAt = 0;
  /** When the real build (after the dry run) started. */
  buildStartedAt = 0;
  endedAt = 0;
  exitCode: number | null = null;
  signal: string | null = null;
  readonly log: LogLine[] = [];
  readonly errors: BuildError[] = [];
  warnings = 0;
  /** A one-line explanation when the build could not run or failed (missing tool, ...). */
  message: string | null = null;
  /** The log is capped; lines dropped from its start. */
  dropped = 0;

  constructor(private readonly maxLog = 50_000, private readonly now: () => number = Date.now) {}

  start(): void {
    this.phase = 'counting';
    this.startedAt = this.now();
  }

  counted(total: number): void {
    this.total = total;
    this.phase = 'building';
    this.buildStartedAt = this.now();
  }

  /** One line of the real build's output. */
  line(text: string, stream: 'out' | 'err' = 'out'): void {
    const clean = text.replace(/\r$/, '');
    this.log.push({ text: clean, stream });
    if (this.log.length > this.maxLog) {
      const cut = this.log.length - this.maxLog;
      this.log.splice(0, cut);
      this.dropped += cut;
    }
    const step = parseStepLine(clean);
    if (step) {
      this.done++;
      this.current = step;
      if (this.done > this.total && this.total > 0) this.total = this.done;
      return;
    }
    const err = parseErrorLine(clean);
    if (err) this.errors.push(err);
    else if (/: warning: /.test(clean)) this.warnings++;
  }

  finish(result: { exitCode: number | null; signal?: string | null; cancelled?: boolean; message?: string }): void {
    this.endedAt = this.now();
    this.exitCode = result.exitCode;
    this.signal = result.signal ?? null;
    if (result.message) this.message = result.message;
    if (result.cancelled) this.phase = 'cancelled';
    else this.phase = result.exitCode === 0 ? 'succeeded' : 'failed';
    // the dry run may overestimate (a rule whose recipe leaves its target alone): the real count wins
    if (this.phase === 'succeeded') this.total = this.done;
  }

  get running(): boolean {
    return this.phase === 'counting' || this.phase === 'building';
  }

  /** Milliseconds since the build started (until it ended). */
  elapsed(): number {
    if (this.startedAt === 0) return 0;
    return (this.endedAt || this.now()) - this.startedAt;
  }

  /** 0..1, or null while the total is unknown. */
  fraction(): number | null {
    if (this.phase === 'succeeded') return 1;
    if (this.total <= 0) return null;
    return Math.min(1, this.done / this.total);
  }

  /** Estimated milliseconds left (from the pace of the steps so far), or null. */
  remaining(): number | null {
    if (this.phase !== 'building' || this.total <= 0 || this.done === 0) return null;
    const spent = this.now() - this.buildStartedAt;
    const left = Math.max(0, this.total - this.done);
    return Math.round((spent / this.done) * left);
  }

  /** Errors first (compiler and linker before make's own "*** Error 1" lines), for a failed build. */
  errorSummary(): BuildError[] {
    const rank = (e: BuildError) => (e.kind === 'make' && !e.file ? 1 : 0);
    return [...this.errors].sort((a, b) => rank(a) - rank(b));
  }
}

/** 49 ms, 1.2 s, 45 s, 3 min 05 s */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
