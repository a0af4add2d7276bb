// What a Unikraft build prints, read as progress: the step lines (`  CC      libname: file.o`), the
// total from a `make -n` dry run, errors (errors.ts) and fetch steps (fetch.ts). Pure functions and a
// small state model, no processes.
import { parseErrorLine, summaryOrder, type BuildError } from './errors.js';
import { FetchTracker } from './fetch.js';

export { parseErrorLine, type BuildError } from './errors.js';

/** The tags Unikraft's build prints (support/build/Makefile.rules: verbose_cmd/build_cmd). */
export const STEP_TAGS = [
  'CC', 'CXX', 'AS', 'LD', 'AR', 'OBJCOPY', 'AWK', 'LDS', 'GEN', 'LN', 'CP', 'UKBI', 'SCSTRIP', 'MULTIBT',
  'MKLINUX', 'STRIP', 'SED', 'M4', 'GOC', 'RUSTC', 'MKDIR', 'UNTAR', 'UNZIP', 'PATCH', 'WGET', 'FETCH', 'CPP',
  'ASM', 'GZIP', 'MKFS', 'CPIO', 'MKBOOTIMG', 'GIT', 'MD5', 'SHA1', 'SHA256', 'SHA512',
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

/** One `printf '  %-7s %s\n' TAG TARGET` in a dry-run line: the step that the recipe would print. */
const DRY_STEP = /printf\s+'  %-7s %s\\n'\s+/g;

/** The first `n` words of a shell command line (quotes and backslashes removed), from `at`. */
function shellWords(text: string, at: number, n: number): string[] {
  const words: string[] = [];
  let i = at;
  while (words.length < n && i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    let w = '';
    let any = false;
    for (; i < text.length && text[i] !== ' ' && text[i] !== '\t' && text[i] !== ';' && text[i] !== '&' && text[i] !== '|'; i++) {
      any = true;
      const c = text[i];
      if (c === "'") {
        const end = text.indexOf("'", i + 1);
        if (end < 0) return words;
        w += text.slice(i + 1, end);
        i = end;
      } else if (c === '"') {
        let j = i + 1;
        for (; j < text.length && text[j] !== '"'; j++) w += text[j] === '\\' && j + 1 < text.length ? text[++j] : text[j];
        i = j;
      } else if (c === '\\' && i + 1 < text.length) {
        w += text[++i];
      } else {
        w += c;
      }
    }
    if (!any) break;
    words.push(w);
  }
  return words;
}

/** A step as a key: the same text for make's printed line and the dry run's printf. */
export function stepKey(step: Step): string {
  return `${step.tag} ${step.target.trim()}`;
}

/**
 * The steps a `make -n` dry run announces, as keys: every step-printing recipe command, and the
 * step lines of makes that ran for real (remade makefiles, recursive makes printing as they go).
 */
export function dryRunSteps(output: string): string[] {
  const keys: string[] = [];
  for (const line of output.split('\n')) {
    let found = false;
    for (const m of line.matchAll(DRY_STEP)) {
      const [tag, target] = shellWords(line, m.index + m[0].length, 2);
      if (tag && /^[A-Z][A-Z0-9_+-]*$/.test(tag)) { keys.push(stepKey({ tag, target: target ?? '' })); found = true; }
    }
    if (found) continue;
    const step = parseStepLine(line);
    if (step) keys.push(stepKey(step));
  }
  return keys;
}

/** The number of steps a dry run announces (see dryRunSteps). */
export function countDryRunSteps(output: string): number {
  return dryRunSteps(output).length;
}

/**
 * The percentage of a wget progress line: Unikraft runs `wget -q --show-progress --progress=bar`,
 * which without a terminal prints dot lines (`  50K .......... ..........  3% 84.8M 0s`).
 */
export function downloadPercent(line: string): number | null {
  const m = /^\s*\d+[KMG] [ .,]+\s(\d{1,3})%/.exec(line) ?? /^\S+\s+(\d{1,3})%\[[=> ]*\]/.exec(line);
  return m ? Number(m[1]) : null;
}

export type BuildPhase = 'idle' | 'building' | 'succeeded' | 'failed' | 'cancelled';

export interface LogLine {
  text: string;
  stream: 'out' | 'err';
}

/** The state of one build, fed with lines; read by the views and the command line. */
export class BuildProgress {
  phase: BuildPhase = 'idle';
  /** The steps of the whole build: done before the dry run + what it announced; 0 while unknown. */
  total = 0;
  /** A dry run counts the steps while make builds. */
  counting = false;
  done = 0;
  current: Step | null = null;
  /** How far the current download is, from wget's progress lines (percent), or null. */
  downloaded: number | null = null;
  startedAt = 0;
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

  /** How many times make printed each step (stepKey), to match a dry run's steps. */
  private readonly printed = new Map<string, number>();
  /** The libraries whose sources the build downloads, unpacks, patches. */
  readonly fetches: FetchTracker;

  /** @param buildDir Unikraft's BUILD_DIR, to say where a library's sources are expected. */
  constructor(private readonly maxLog = 50_000, private readonly now: () => number = Date.now, buildDir?: string) {
    this.fetches = new FetchTracker(buildDir);
  }

  /** make started. */
  start(): void {
    this.phase = 'building';
    this.startedAt = this.now();
  }

  /** The total is being counted (a dry run alongside the build). */
  countingStarted(): void {
    this.counting = true;
  }

  /** The steps of the whole build, as counted (0: unknown); never fewer than the steps already done. */
  counted(total: number): void {
    this.counting = false;
    if (total > 0) this.total = Math.max(total, this.done);
  }

  /**
   * The total from a dry run that ran alongside: the steps done so far plus those it announced that
   * make has not printed yet (a step printed while the dry run read the tree is counted once).
   */
  countedAlongside(dryRunKeys: string[]): void {
    const left = new Map(this.printed);
    let todo = 0;
    for (const k of dryRunKeys) {
      const n = left.get(k) ?? 0;
      if (n > 0) left.set(k, n - 1);
      else todo++;
    }
    this.counted(dryRunKeys.length ? this.done + todo : 0);
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
      this.fetches.step(step);
      const key = stepKey(step);
      this.printed.set(key, (this.printed.get(key) ?? 0) + 1);
      this.done++;
      this.current = step;
      this.downloaded = null;
      if (this.done > this.total && this.total > 0) this.total = this.done;
      return;
    }
    const pct = downloadPercent(clean);
    if (pct !== null) {
      this.downloaded = pct;
      return;
    }
    const err = parseErrorLine(clean);
    if (err) {
      this.errors.push(err);
      const cause = this.fetches.failure(err);
      if (cause) this.errors.push(cause);
    } else if (/: warning: /.test(clean)) this.warnings++;
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
    return this.phase === 'building';
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
    const spent = this.now() - this.startedAt;
    const left = Math.max(0, this.total - this.done);
    return Math.round((spent / this.done) * left);
  }

  /** The errors of a failed build, the cause first (errors.ts: summaryOrder). */
  errorSummary(): BuildError[] {
    return summaryOrder(this.errors);
  }

  /** The first error of the summary: what made the build fail, as well as ukmenu can tell. */
  get cause(): BuildError | undefined {
    return this.errorSummary()[0];
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
