// The Kconfig macro language (scripts/kconfig/preprocess.c): $(VAR), user variables with
// =, := and +=, and the built-in functions shell, info, warning-if, error-if, filename, lineno.
import * as os from 'node:os';
import { ShellRunner } from './shell.js';
import type { Kconfig } from './kconfig.js';
import { KconfigExit } from './model.js';

const enum Flavor { RECURSIVE, SIMPLE, APPEND }
export const VAR_RECURSIVE = Flavor.RECURSIVE;
export const VAR_SIMPLE = Flavor.SIMPLE;
export const VAR_APPEND = Flavor.APPEND;

interface Variable { name: string; value: string; flavor: Flavor; expCount: number }

class DryRunAbort extends Error {}

/** Where the lexer is, for $(filename), $(lineno) and error messages. */
export interface Position { fileName(): string; lineno(): number }

export class Preprocessor {
  private vars = new Map<string, Variable>();
  readonly shellRunner: ShellRunner;
  /**
   * Set while predicting the shell commands of the tree: each command goes to this function, which
   * starts it ahead and returns a placeholder for its output; nothing runs here.
   */
  private dry: ((cmd: string) => string) | null = null;

  constructor(private k: Kconfig, private pos: Position) {
    // Linux flavour (commands predicted, see lexer.ts): one helper shell for unpredicted commands
    // and one per core (at least two) running the predicted ones while we parse
    this.shellRunner = new ShellRunner(k.cwd, k.env, k.v52 ? 255 : 4095, k.v52 ? 1 : 1 + Math.max(2, Math.min(8, os.availableParallelism())));
  }

  private error(msg: string): never {
    if (this.dry) throw new DryRunAbort();
    this.k.out.stderr(`${this.pos.fileName()}:${this.pos.lineno()}: ${msg}\n`);
    throw new KconfigExit(1);
  }

  private envExpand(name: string): string | null {
    if (!name) return null;
    const known = this.k.envRefs.get(name);
    if (known !== undefined) return known;
    const value = this.k.getenv(name);
    if (value === undefined) return null;
    if (!this.dry) this.k.envRefs.set(name, value);
    return value;
  }

  private shell(cmd: string): string {
    if (this.dry) return this.dry(cmd);
    let r: { out: string; err: string };
    try {
      r = this.shellRunner.run(cmd);
    } catch {
      this.error(`${cmd}: failed to run`);
    }
    if (r.err) this.k.out.stderr(r.err);
    return r.out;
  }

  private callFunction(name: string, args: string[]): string | null {
    const table: Record<string, [number, number, (a: string[]) => string]> = {
      'error-if': [2, 2, (a) => { if (a[0] === 'y') this.error(a[1]); return ''; }],
      filename: [0, 0, () => this.pos.fileName()],
      info: [1, 1, (a) => { if (!this.dry) this.k.out.stdout(`${a[0]}\n`); return ''; }],
      lineno: [0, 0, () => String(this.pos.lineno())],
      shell: [1, 1, (a) => this.shell(a[0])],
      'warning-if': [2, 2, (a) => {
        if (a[0] === 'y' && !this.dry) this.k.out.stderr(`${this.pos.fileName()}:${this.pos.lineno()}: ${a[1]}\n`);
        return '';
      }],
    };
    const f = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
    if (!f) return null;
    if (args.length < f[0]) this.error(`too few function arguments passed to '${name}'`);
    if (args.length > f[1]) this.error(`too many function arguments passed to '${name}'`);
    return f[2](args);
  }

  private variableExpand(name: string, args: string[]): string | null {
    const v = this.vars.get(name);
    if (!v) return null;
    if (args.length === 0 && v.expCount) this.error(`Recursive variable '${name}' references itself (eventually)`);
    if (v.expCount > 1000) this.error('Too deep recursive expansion');
    v.expCount++;
    const res = v.flavor === Flavor.RECURSIVE ? this.expandStringWithArgs(v.value, args) : v.value;
    v.expCount--;
    return res;
  }

  addVariable(name: string, value: string, flavor: Flavor): void {
    let v = this.vars.get(name);
    let append = false;
    if (v) {
      if (flavor === Flavor.APPEND) {
        flavor = v.flavor;
        append = true;
      }
    } else {
      if (flavor === Flavor.APPEND) flavor = Flavor.RECURSIVE;
      v = { name, value: '', flavor, expCount: 0 };
      this.vars.set(name, v);
    }
    v.flavor = flavor;
    const newValue = flavor === Flavor.SIMPLE ? this.expandString(value) : value;
    v.value = append ? `${v.value} ${newValue}` : newValue;
  }

  private evalClause(str: string, args: string[]): string {
    const n = /^[0-9]+$/.test(str) ? parseInt(str, 10) : NaN;
    if (n > 0 && n <= args.length) return args[n - 1];
    const parts: string[] = [];
    let nest = 0;
    let prev = 0;
    for (let i = 0; i < str.length; i++) {
      const c = str[i];
      if (nest === 0 && c === ',') {
        if (parts.length >= 16) this.error('too many function arguments');
        parts.push(str.slice(prev, i));
        prev = i + 1;
      } else if (c === '(') nest++;
      else if (c === ')') nest--;
    }
    if (parts.length >= 16) this.error('too many function arguments');
    parts.push(str.slice(prev));
    const name = this.expandStringWithArgs(parts[0], args);
    const newArgs = parts.slice(1).map((p) => this.expandStringWithArgs(p, args));
    let res = this.variableExpand(name, newArgs);
    if (res !== null) return res;
    res = this.callFunction(name, newArgs);
    if (res !== null) return res;
    if (newArgs.length === 0) {
      res = this.envExpand(name);
      if (res !== null) return res;
    }
    return '';
  }

  /** Expands the reference after a '$' at `str[i]`; returns [expansion, index after it]. */
  expandDollar(str: string, i: number, args: string[] = []): [string, number] {
    if (str[i] !== '(') return ['$', i];
    const p = i + 1;
    let q = p;
    let nest = 0;
    for (; q < str.length; q++) {
      const c = str[q];
      if (c === '(') nest++;
      else if (c === ')') { if (nest-- === 0) break; }
    }
    if (q >= str.length) this.error(`unterminated reference to '${str.slice(p)}': missing ')'`);
    return [this.evalClause(str.slice(p, q), args), q + 1];
  }

  private expandUntil(str: string, start: number, isEnd: (c: string | undefined) => boolean, args: string[]): [string, number] {
    let out = '';
    let p = start;
    let from = start;
    for (;;) {
      if (str[p] === '$') {
        out += str.slice(from, p);
        const [exp, next] = this.expandDollar(str, p + 1, args);
        out += exp;
        p = from = next;
        continue;
      }
      if (isEnd(str[p])) break;
      p++;
    }
    return [out + str.slice(from, p), p];
  }

  expandStringWithArgs(s: string, args: string[]): string {
    let i = s.indexOf('$');
    if (i < 0) return s;
    let out = '';
    let from = 0;
    while (i >= 0) {
      const [exp, next] = this.expandDollar(s, i + 1, args);
      out += s.slice(from, i) + exp;
      from = next;
      i = s.indexOf('$', from);
    }
    return out + s.slice(from);
  }

  expandString(s: string): string {
    return this.expandStringWithArgs(s, []);
  }

  /**
   * Predicts the $(shell,...) commands parsing will run, in order: starting at the top file, every
   * reference outside comments and help texts is expanded with a copy of the variables, following
   * `source` lines. Each command goes to `predict` (which starts it early, in parallel with
   * parsing) and its output is whatever placeholder `predict` returns. `read` returns a file's text
   * (or null).
   */
  predictShellCommands(top: string, read: (name: string) => string | null, predict: (cmd: string) => string): void {
    const saved = this.vars;
    this.vars = new Map([...saved].map(([n, v]) => [n, { ...v }]));
    this.dry = predict;
    const active = new Set<string>();
    const walk = (name: string, depth: number) => {
      const text = read(name);
      if (text === null || active.has(name) || depth > 64) return;
      active.add(name);
      let helpIndent = -1;
      for (let start = 0; start < text.length;) {
        let end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        // indentation as the lexer counts it for help texts (a tab to the next multiple of 8)
        let p = start;
        let indent = 0;
        for (let c = text.charCodeAt(p); c === 32 || c === 9; c = text.charCodeAt(++p)) indent = c === 9 ? (indent & ~7) + 8 : indent + 1;
        start = end + 1;
        if (p >= end) continue; // blank: neither ends a help text nor matters
        if (helpIndent >= 0) {
          if (indent > helpIndent) continue;
          helpIndent = -1;
        }
        const c0 = text.charCodeAt(p);
        if (c0 === 35) continue; // '#'
        let dollar = false;
        let equals = false;
        for (let i = p; i < end; i++) {
          const c = text.charCodeAt(i);
          if (c === 36) dollar = true;
          else if (c === 61) equals = true;
        }
        // only these lines matter: help (and ---help---), source, assignments, references
        if (!dollar && !equals && c0 !== 104 && c0 !== 45 && c0 !== 115) continue;
        const body = text.slice(p, end).trim();
        if (body === 'help' || body === '---help---') { helpIndent = indent; continue; }
        const src = c0 === 115 ? /^source[ \t]+"([^"]*)"/.exec(body) : null;
        if (!src && !dollar && !equals) continue;
        try {
          const assign = equals ? /^([A-Za-z0-9_-]+)[ \t]*(:=|\+=|=)[ \t]*(.*)$/.exec(body) : null;
          if (assign) this.addVariable(assign[1], assign[3], assign[2] === '=' ? Flavor.RECURSIVE : assign[2] === ':=' ? Flavor.SIMPLE : Flavor.APPEND);
          else if (src) walk(this.expandString(src[1]), depth + 1);
          else if (dollar) this.expandString(body);
        } catch (e) {
          if (!(e instanceof DryRunAbort)) throw e;
        }
      }
      active.delete(name);
    };
    try {
      walk(top, 0);
    } finally {
      this.vars = saved;
      this.dry = null;
    }
  }

  /** expand_one_token: expands a word that contains '$' up to the end of the token. */
  expandOneToken(s: string): [string, number] {
    return this.expandUntil(s, 0, (c) => c === undefined || !/[A-Za-z0-9_-]/.test(c), []);
  }
}
