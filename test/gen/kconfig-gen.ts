// Seeded generator of random, VALID Kconfig trees in Linux 6.1's dialect (the C conf loads every one
// of them without error and without parse-time warnings). Covers the whole language: config,
// menuconfig, the five types, choices (named, optional, depends on, bool/tristate, members with
// depends, members inside if), menus with depends on and visible if, comments, nested if/endif,
// mainmenu, several sourced files, prompts with if, default/def_bool/def_tristate with conditions,
// every operator, select/imply with if (chains, targets with unmet dependencies), ranges (int/hex,
// symbol bounds, conditions), help texts with varied indentation, `modules`, the macro language
// ($(ENV), := = += macros, user functions, $(shell,...), $(info,...), $(warning-if,...),
// $(error-if,n,...), $(filename), $(lineno)), strings with escapes, implicit submenus, multiple
// definitions of a symbol, symbols colliding in conf's hash table.
//
// Dependency loops are avoided by construction: a graph over "nodes" (a symbol, or a whole choice
// group) records every edge the C checker (sym_check_deps) may follow, over-approximated, and a
// reference is only made when it cannot close a cycle.
//
// Linux 6.1 has no rsource/osource/orsource and no `option ...` lines (those are kconfiglib or
// Unikraft extensions); `modules` is the bare keyword.

import { Rng } from './prng.js';

export type SymType = 'bool' | 'tristate' | 'string' | 'int' | 'hex';

export interface GenSymbol {
  name: string;
  type: SymType;
  /** Number of `config` entries emitted for it (0: only referenced, unknown to conf). */
  definitions: number;
  /** Choice group id when it is a choice value. */
  choice?: number;
  /** Whether some definition has a prompt (the symbol can be visible). */
  hasPrompt: boolean;
  /** Constant numeric ranges seen on it (for the .config generator). */
  ranges: Array<[bigint, bigint]>;
  isModules?: boolean;
}

export interface GenChoice {
  id: number;
  name?: string;
  type: 'bool' | 'tristate';
  optional: boolean;
  members: string[];
}

export interface GenTree {
  seed: number;
  /** Files relative to srctree (the directory given as `srctree`); the top file is `top`. */
  files: Record<string, string>;
  top: string;
  /** Environment variables the tree reads (set them for both conf implementations). */
  env: Record<string, string>;
  symbols: GenSymbol[];
  choices: GenChoice[];
  /** Which language features this tree uses (for coverage reports). */
  features: string[];
  /** Stderr lines the tree prints on purpose at parse time ($(warning-if,y,...)). */
  expectedWarnings: number;
}

export interface GenOptions {
  /** Rough number of symbols to define (default: random 4..40, sometimes up to 90). */
  symbols?: number;
  /** Probability that the tree uses $(shell,...) (each use costs a process spawn). */
  shellProbability?: number;
}

type Node = string; // "s:NAME" or "c:ID"

interface Ctx {
  file: string;
  lines: string[];
  /** Nodes every entry here depends on (enclosing if / menu depends / implicit parent / choice). */
  deps: Set<Node>;
  /** Nodes of enclosing `visible if` (they reach prompts only). */
  vis: Set<Node>;
  choice?: ChoiceState;
  depth: number;
  /** Text of the enclosing blocks' dependency (for documentation in comments only). */
}

interface ChoiceState {
  id: number;
  node: Node;
  type: 'bool' | 'tristate';
  members: string[];
}

const WORDS = [
  'NET', 'FOO', 'BAR', 'BAZ', 'QUX', 'CORE', 'DRV', 'LIB', 'UK', 'ALLOC', 'SCHED', 'DEBUG', 'TRACE',
  'PCI', 'USB', 'FS', 'VFS', 'MM', 'IRQ', 'TIMER', 'CONSOLE', 'SERIAL', 'RAND', 'CRYPTO', 'LWIP',
  'MUSL', 'APP', 'PLAT', 'KVM', 'XEN', 'ARM', 'X86', 'SMP', 'LOCK', 'RING', 'BUF', 'LOG', 'PRINT',
];
const STR_WORDS = [
  'hello', 'world', 'a b', 'x=1', 'path/to/file', 'with space', '', 'UPPER', 'tab\there', 'semi;colon',
  'ünïcødé', 'dollar $5', 'hash # inside', '100', '0x10', 'y', 'n', 'm', 'comma,sep',
];
const KEYWORDS = new Set([
  'bool', 'choice', 'comment', 'config', 'def_bool', 'def_tristate', 'default', 'depends', 'endchoice',
  'endif', 'endmenu', 'help', 'hex', 'if', 'imply', 'int', 'mainmenu', 'menu', 'menuconfig', 'modules',
  'on', 'optional', 'prompt', 'range', 'select', 'source', 'string', 'tristate', 'visible',
]);

/** conf's symbol hash: fnv32 over (signed) chars, modulo 9973 buckets. */
export function confHashBucket(name: string): number {
  let h = 2166136261 >>> 0;
  const ascii = /^[\x00-\x7f]*$/.test(name);
  const bytes: ArrayLike<number> = ascii ? { length: name.length } as ArrayLike<number> : Buffer.from(name, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    const b = ascii ? name.charCodeAt(i) : bytes[i]!;
    const c = b >= 128 ? b - 256 : b;
    h = Math.imul((h ^ c) >>> 0, 0x01000193) >>> 0;
  }
  return h % 9973;
}

/** Quote a string for Kconfig (double or single quotes), escaping as the lexer expects. */
function kq(rng: Rng, s: string): string {
  const single = rng.chance(0.15) && !s.includes("'");
  const q = single ? "'" : '"';
  let out = '';
  for (const ch of s) {
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '$') out += rng.chance(0.5) ? '\\$' : '$'; // '$' not followed by '(' stays
    else out += ch;
  }
  // Sometimes escape an ordinary character (the lexer drops the backslash).
  if (rng.chance(0.1)) out = out.replace(/[a-z]/, (c) => '\\' + c);
  return q + out + q;
}

type Expr =
  | { k: 'sym'; s: string; node?: Node }
  | { k: 'cmp'; op: string; l: string; r: string }
  | { k: 'not'; e: Expr }
  | { k: 'and' | 'or'; l: Expr; r: Expr }
  | { k: 'paren'; e: Expr };

function prec(e: Expr): number {
  switch (e.k) {
    case 'or': return 1;
    case 'and': return 2;
    case 'not': return 4;
    default: return 5;
  }
}

function printExpr(e: Expr, rng: Rng, parentPrec = 0): string {
  let s: string;
  switch (e.k) {
    case 'sym': s = e.s; break;
    case 'cmp': s = rng.chance(0.2) ? `${e.l}${e.op}${e.r}` : `${e.l} ${e.op} ${e.r}`; break;
    case 'not': s = '!' + printExpr(e.e, rng, 4); break;
    case 'paren': s = '(' + printExpr(e.e, rng, 0) + ')'; break;
    case 'and': s = `${printExpr(e.l, rng, 2)} && ${printExpr(e.r, rng, 3)}`; break;
    case 'or': s = `${printExpr(e.l, rng, 1)} || ${printExpr(e.r, rng, 2)}`; break;
  }
  if (prec(e) < parentPrec || (e.k !== 'paren' && prec(e) < 5 && rng.chance(0.08))) s = '(' + s + ')';
  return s;
}

export function generateTree(seed: number, opts: GenOptions = {}): GenTree {
  return new TreeGen(seed, opts).run();
}

class TreeGen {
  rng: Rng;
  seed: number;
  opts: GenOptions;
  files: Record<string, string[]> = {};
  fileOrder: string[] = [];
  syms = new Map<string, GenSymbol>();
  symOrder: string[] = [];
  edges = new Map<Node, Set<Node>>();
  choices: GenChoice[] = [];
  features = new Set<string>();
  env: Record<string, string> = {};
  header: string[] = [];
  /** Simple macros with known values: name -> value. */
  knownVars = new Map<string, string>();
  varCounter = 0;
  fileCounter = 0;
  budget: number;
  defined = 0;
  modules?: string;
  /** Pending symbols referenced where conf requires a definition (int/hex bounds and defaults). */
  mustDefine = new Set<string>();
  useShell: boolean;
  shellUses = 0;
  expectedWarnings = 0;
  nameCounter = 0;
  hasFn = false;
  /** The last token conf lexed was a help text: an assignment now would be a syntax error (a conf quirk). */
  afterHelp = false;

  constructor(seed: number, opts: GenOptions) {
    this.seed = seed >>> 0;
    this.rng = new Rng(this.seed);
    this.opts = opts;
    const r = this.rng;
    this.budget = opts.symbols ?? (r.chance(0.1) ? r.int(40, 90) : r.int(4, 40));
    this.useShell = r.chance(opts.shellProbability ?? 0.2);
  }

  // ---------------------------------------------------------------- graph
  node(name: string): Node {
    const s = this.syms.get(name);
    if (s && s.choice !== undefined) return 'c:' + s.choice;
    return 's:' + name;
  }
  addEdge(from: Node, to: Node) {
    if (from === to) throw new Error(`generator bug: self edge ${from}`);
    let set = this.edges.get(from);
    if (!set) this.edges.set(from, (set = new Set()));
    set.add(to);
  }
  reaches(from: Node, to: Node): boolean {
    if (from === to) return true;
    const seen = new Set<Node>([from]);
    const stack = [from];
    while (stack.length) {
      const n = stack.pop()!;
      for (const m of this.edges.get(n) ?? []) {
        if (m === to) return true;
        if (!seen.has(m)) { seen.add(m); stack.push(m); }
      }
    }
    return false;
  }
  /** Can `owner` reference symbol `name` (edge owner -> node(name)) without closing a loop? */
  canRef(owner: Node, name: string): boolean {
    const n = this.node(name);
    return n !== owner && !this.reaches(n, owner);
  }
  ref(owner: Node, name: string) {
    this.addEdge(owner, this.node(name));
  }
  refM(owner: Node) {
    if (this.modules && owner !== this.node(this.modules)) this.addEdge(owner, this.node(this.modules));
  }

  // ---------------------------------------------------------------- symbols
  newName(): string {
    const r = this.rng;
    for (;;) {
      this.nameCounter++;
      let name: string;
      const style = r.int(0, 9);
      if (style === 0) name = `${r.int(1, 9)}${r.pick(WORDS)}${this.nameCounter}`; // digit first, like 8139TOO
      else if (style === 1) name = `${r.pick(WORDS).toLowerCase()}_${this.nameCounter}`;
      else if (style === 2 && this.syms.size > 2 && r.chance(0.5)) {
        // a name that falls in the same hash bucket as an existing symbol
        const other = r.pick(this.symOrder);
        const want = confHashBucket(other);
        let n = '';
        for (let i = 0; i < 200000; i++) {
          const cand = `HC_${r.pick(WORDS)}_${i.toString(36).toUpperCase()}`;
          if (confHashBucket(cand) === want && !this.syms.has(cand)) { n = cand; break; }
        }
        name = n || `${r.pick(WORDS)}_${this.nameCounter}`;
        if (n) this.features.add('hash-collision');
      } else name = `${r.pick(WORDS)}_${r.pick(WORDS)}${this.nameCounter}`;
      if (!this.syms.has(name) && !KEYWORDS.has(name) && name.length > 1) return name;
    }
  }
  newSym(type: SymType): GenSymbol {
    const s: GenSymbol = { name: this.newName(), type, definitions: 0, hasPrompt: false, ranges: [] };
    this.syms.set(s.name, s);
    this.symOrder.push(s.name);
    return s;
  }
  randType(): SymType {
    return this.rng.weighted<SymType>([[40, 'bool'], [22, 'tristate'], [12, 'string'], [14, 'int'], [12, 'hex']]);
  }
  /** Existing symbols usable from `owner`, optionally filtered. */
  candidates(owner: Node, pred: (s: GenSymbol) => boolean): GenSymbol[] {
    const out: GenSymbol[] = [];
    for (const n of this.symOrder) {
      const s = this.syms.get(n)!;
      if (pred(s) && this.canRef(owner, n)) out.push(s);
    }
    return out;
  }

  // ---------------------------------------------------------------- macros
  /** Defines a simple macro with a known value in the top file's header; returns its name. */
  knownVar(value: string): string {
    for (const [k, v] of this.knownVars) if (v === value && this.rng.chance(0.7)) return k;
    const name = `v_${++this.varCounter}`;
    this.knownVars.set(name, value);
    const r = this.rng;
    if (r.chance(0.3) && value.length > 1) {
      // built with += (simple flavor appends with a space: so split on a space only if it has one)
      const sp = value.indexOf(' ');
      if (sp > 0) {
        this.header.push(`${name} := ${value.slice(0, sp)}`);
        this.header.push(`${name} += ${value.slice(sp + 1)}`);
        this.features.add('macro-append');
        return name;
      }
    }
    const op = r.chance(0.5) ? ':=' : '=';
    this.header.push(`${name} ${op}${r.chance(0.8) ? ' ' : ''}${value}`);
    this.features.add(op === ':=' ? 'macro-simple' : 'macro-recursive');
    return name;
  }
  /** Text that expands to `value` (a token without spaces) in token context. */
  tokenText(value: string): string {
    const r = this.rng;
    if (!/^[A-Za-z0-9_-]+$/.test(value) || !r.chance(0.12)) return value;
    const form = r.int(0, 4);
    if (form === 0 && value.length > 2) {
      const cut = r.int(1, value.length - 1);
      return value.slice(0, cut) + `$(${this.knownVar(value.slice(cut))})`;
    }
    if (form === 1) return `$(${this.knownVar(value)})`;
    if (form === 2 && value.length > 2) {
      if (!this.hasFn) {
        this.header.push('v_cat = $(1)$(2)');
        this.hasFn = true;
      }
      this.features.add('macro-function');
      const cut = r.int(1, value.length - 1);
      return `$(v_cat,${value.slice(0, cut)},${value.slice(cut)})`;
    }
    if (form === 3) {
      const env = `GEN_ENV_${Object.keys(this.env).length}`;
      this.env[env] = value;
      this.features.add('macro-env');
      return `$(${env})`;
    }
    if (this.useShell && this.shellUses < 3) {
      this.shellUses++;
      this.features.add('macro-shell');
      return `$(shell,echo ${value})`;
    }
    return value;
  }
  /** A string literal (quoted), possibly with macro references inside. */
  stringLit(value?: string): string {
    const r = this.rng;
    let v = value ?? r.pick(STR_WORDS);
    let lit = kq(r, v);
    if (r.chance(0.25)) {
      const q = lit[0];
      const inner = lit.slice(1, -1);
      const add = this.stringMacro();
      lit = q + (r.chance(0.5) ? inner + add : add + inner) + q;
    }
    return lit;
  }
  stringMacro(): string {
    const r = this.rng;
    const k = r.int(0, 9);
    switch (k) {
      case 0: this.features.add('macro-filename'); return '$(filename)';
      case 1: this.features.add('macro-lineno'); return '$(lineno)';
      case 2: {
        const env = `GEN_ENV_${Object.keys(this.env).length}`;
        this.env[env] = r.pick(['env value', 'x', '', 'a"quote', 'back\\slash']);
        this.features.add('macro-env');
        return `$(${env})`;
      }
      case 3: this.features.add('macro-unset-env'); return '$(GEN_UNSET_VAR)';
      case 4: {
        if (!this.hasFn) { this.header.push('v_cat = $(1)$(2)'); this.hasFn = true; }
        this.features.add('macro-function');
        return '$(v_cat,pre-,$(lineno))';
      }
      case 5:
        if (this.useShell && this.shellUses < 3) {
          this.shellUses++;
          this.features.add('macro-shell');
          if (r.chance(0.25)) {
            // conf does not capture a command's stderr: it goes straight to conf's stderr
            this.features.add('macro-shell-stderr');
            return r.pick(['$(shell,echo to-stderr 1>&2)', '$(shell,echo out; echo err >&2; false)']);
          }
          return r.pick(['$(shell,echo shell out)', "$(shell,printf 'l1\\nl2\\n\\n')", '$(shell,true)']);
        }
        return '$(v_rec)';
      case 6: this.features.add('macro-recursive'); return '$(v_rec)';
      case 7: this.features.add('macro-hash-value'); return '$(v_hash)';
      default: return `$(${this.knownVar(r.pick(['abc', 'two words', 'x-y', 'trailing  ']))})`;
    }
  }

  // ---------------------------------------------------------------- expressions
  /** A boolean expression for `owner`; adds the edges it creates. */
  boolExpr(owner: Node, depth = 0): Expr {
    const r = this.rng;
    if (depth < 3 && r.chance(depth === 0 ? 0.35 : 0.2)) {
      const kind = r.weighted<'and' | 'or' | 'not' | 'paren'>([[4, 'and'], [3, 'or'], [2, 'not'], [1, 'paren']]);
      if (kind === 'not') return { k: 'not', e: this.boolExpr(owner, depth + 1) };
      if (kind === 'paren') return { k: 'paren', e: this.boolExpr(owner, depth + 1) };
      return { k: kind, l: this.boolExpr(owner, depth + 1), r: this.boolExpr(owner, depth + 1) };
    }
    return this.leaf(owner);
  }
  leaf(owner: Node): Expr {
    const r = this.rng;
    const x = r.float();
    if (x < 0.07) {
      const c = r.pick(['y', 'n', 'm']);
      if (c === 'm') this.refM(owner);
      this.features.add('const-' + c);
      return { k: 'sym', s: c };
    }
    if (x < 0.62) {
      // a bool/tristate symbol
      const s = this.refSymbol(owner, (t) => t === 'bool' || t === 'tristate');
      return s ? { k: 'sym', s: this.tokenText(s) } : { k: 'sym', s: r.pick(['y', 'n']) };
    }
    if (x < 0.66) {
      // reference to a symbol nobody defines
      const s = this.newSym(r.pick<SymType>(['bool', 'tristate']));
      this.features.add('undefined-ref');
      this.ref(owner, s.name);
      return { k: 'sym', s: s.name };
    }
    return this.comparison(owner);
  }
  /** Picks (or creates) a symbol of a matching type that `owner` can reference, and references it. */
  refSymbol(owner: Node, typeOk: (t: SymType) => boolean, mustBeDefined = false): string | undefined {
    const r = this.rng;
    const cands = this.candidates(owner, (s) => typeOk(s.type) && !s.isModules && (!mustBeDefined || s.definitions > 0 || this.mustDefine.has(s.name)));
    let name: string | undefined;
    if (cands.length && r.chance(0.85)) name = r.pick(cands).name;
    else if (this.modules && typeOk('bool') && r.chance(0.1) && this.canRef(owner, this.modules)) name = this.modules;
    else {
      const types = (['bool', 'tristate', 'string', 'int', 'hex'] as SymType[]).filter(typeOk);
      if (!types.length) return undefined;
      const s = this.newSym(r.pick(types));
      if (mustBeDefined) this.mustDefine.add(s.name);
      name = s.name;
      this.features.add('forward-ref');
    }
    this.ref(owner, name);
    return name;
  }
  comparison(owner: Node): Expr {
    const r = this.rng;
    const op = r.pick(['=', '!=', '<', '>', '<=', '>=', '=', '!=']);
    this.features.add('op' + op);
    const t = r.weighted<SymType>([[3, 'bool'], [2, 'tristate'], [2, 'string'], [3, 'int'], [2, 'hex']]);
    const sym = this.refSymbol(owner, (x) => x === t) ?? 'y';
    let other: string;
    if (r.chance(0.25)) {
      other = this.refSymbol(owner, (x) => x === t || r.chance(0.2)) ?? 'n';
      this.features.add('cmp-sym-sym');
    } else {
      switch (t) {
        case 'bool': case 'tristate': {
          other = r.pick(['y', 'n', 'm', '"y"', '"m"']);
          if (other === 'm') this.refM(owner);
          break;
        }
        case 'string': other = kq(r, r.pick(STR_WORDS)); this.features.add('cmp-string'); break;
        case 'int': other = r.pick(['0', '1', '10', '-3', '100', '"42"', '255', '007']); break;
        case 'hex': other = r.pick(['0x0', '0x10', '0xff', '0X1F', '10', '"0x20"', 'ff']); break;
      }
    }
    const [l, rr] = r.chance(0.8) ? [this.tokenText(sym), other] : [other, this.tokenText(sym)];
    return { k: 'cmp', op, l, r: rr };
  }
  exprText(e: Expr): string {
    let s = printExpr(e, this.rng);
    // a line continuation between tokens, rarely
    if (this.rng.chance(0.04) && s.includes(' && ')) {
      s = s.replace(' && ', ' && \\\n\t    ');
      this.features.add('line-continuation');
    }
    return s;
  }

  // ---------------------------------------------------------------- emission helpers
  ind(): string {
    return this.rng.weighted([[70, '\t'], [15, '  '], [8, '    '], [4, ''], [3, ' \t']]);
  }
  comment(): string {
    return this.rng.chance(0.05) ? ` # ${this.rng.pick(['note', 'config FAKE', 'endmenu', '"quoted"'])}` : '';
  }
  /** Emits a help text; `last`: nothing of this entry follows (else the text must be indented deeper than `ind`). */
  help(ctx: Ctx, ind: string, last: boolean) {
    const r = this.rng;
    const lines = ctx.lines;
    lines.push(`${ind}help${r.chance(0.1) ? '  ' : ''}`);
    this.features.add('help');
    let base = '';
    for (let i = 0; i < 20; i++) {
      base = r.weighted([[50, '\t  '], [20, '\t'], [10, '  '], [8, '\t\t'], [6, '        '], [3, ' '], [3, '']]);
      if (last || tabStop(base) > tabStop(ind)) break;
      base = '\t\t  ';
    }
    if (base === '') {
      // column-0 help: only the first line belongs to the help text
      lines.push(r.pick(['Only line of help.', 'text at column zero']));
      this.features.add('help-col0');
      return;
    }
    const n = r.int(1, 5);
    for (let i = 0; i < n; i++) {
      const extra = i > 0 && r.chance(0.2) ? r.pick(['  ', '\t', '    ']) : '';
      const text = r.pick([
        'Say Y here to enable this.', 'config NOT_A_SYMBOL', 'endmenu', 'depends on FOO', 'If unsure, say N.',
        '- a list item', 'default y', 'help', 'text with "quotes" and $(NOT_EXPANDED)', 'choice',
      ]);
      lines.push(`${base}${extra}${text}${r.chance(0.1) ? ' \t' : ''}`);
      if (r.chance(0.2) && i < n - 1) {
        lines.push(r.pick(['', '\t', '  ']));
        this.features.add('help-blank-line');
      }
    }
    if (r.chance(0.3)) lines.push('');
  }

  // ---------------------------------------------------------------- entries
  /** Chooses a symbol to define in `ctx` (fresh, forward-referenced, or a redefinition). */
  pickSymbolToDefine(ctx: Ctx, types?: SymType[]): GenSymbol {
    const r = this.rng;
    const fits = (s: GenSymbol) => {
      if (s.isModules || s.choice !== undefined) return false;
      if (types && !types.includes(s.type)) return false;
      const n = this.node(s.name);
      for (const d of [...ctx.deps, ...ctx.vis]) if (d === n || this.reaches(d, n)) return false;
      return true;
    };
    const x = r.float();
    if (x < 0.25) {
      const pending = this.symOrder.map((n) => this.syms.get(n)!).filter((s) => s.definitions === 0 && fits(s));
      if (pending.length) return r.pick(pending);
    } else if (x < 0.35) {
      const again = this.symOrder.map((n) => this.syms.get(n)!).filter((s) => s.definitions > 0 && fits(s));
      if (again.length) {
        this.features.add('multiple-definitions');
        return r.pick(again);
      }
    }
    return this.newSym(types ? r.pick(types) : this.randType());
  }

  configEntry(ctx: Ctx, opts: { sym?: GenSymbol; menuconfig?: boolean; member?: ChoiceState; memberUntypedOk?: boolean; dependsOn?: string } = {}) {
    const r = this.rng;
    const member = opts.member;
    let sym: GenSymbol;
    if (opts.sym) sym = opts.sym;
    else if (member) {
      sym = this.newSym(member.type === 'bool' ? 'bool' : (r.chance(0.9) ? 'tristate' : 'bool'));
      sym.choice = member.id;
      member.members.push(sym.name);
    } else sym = this.pickSymbolToDefine(ctx, opts.menuconfig ? ['bool', 'tristate'] : undefined);
    const first = sym.definitions === 0;
    sym.definitions++;
    this.defined++;
    const owner = this.node(sym.name);
    for (const d of ctx.deps) if (d !== owner) this.addEdge(owner, d);
    const I = this.ind();
    const attrs: string[][] = []; // groups whose internal order is kept
    const typeWord = sym.type === 'bool' ? 'bool' : sym.type;

    // depends on
    const deps: string[] = [];
    if (opts.dependsOn) deps.push(`${I}depends on ${opts.dependsOn}`);
    const ndeps = r.weighted([[60, 0], [30, 1], [10, 2]]);
    for (let i = 0; i < ndeps; i++) deps.push(`${I}depends on ${this.exprText(this.boolExpr(owner))}${this.comment()}`);
    if (deps.length) this.features.add('depends-on');

    // prompt (choice values and menuconfig must have one)
    const wantPrompt = member || opts.menuconfig || r.chance(first ? 0.75 : 0.4);
    let promptCond = '';
    if (wantPrompt) for (const v of ctx.vis) if (v !== owner) this.addEdge(owner, v);
    if (wantPrompt && r.chance(0.2)) {
      promptCond = ` if ${this.exprText(this.boolExpr(owner))}`;
      this.features.add('prompt-if');
    }
    const promptText = wantPrompt ? this.stringLit(r.pick(['Enable ' + sym.name.toLowerCase(), 'Option "quoted"', 'Back\\slash', 'Prompt', 'Choose wisely', sym.name])) : '';
    if (wantPrompt) sym.hasPrompt = true;

    // type line (+ inline prompt), or def_bool/def_tristate, or a separate prompt line
    const typeLines: string[] = [];
    const defaults: string[] = [];
    const canDefBool = !member && (sym.type === 'bool' || sym.type === 'tristate');
    const mayOmitType = !first || (member !== undefined && opts.memberUntypedOk === true);
    const promptLine = `${I}prompt ${promptText}${promptCond}`;
    if (canDefBool && r.chance(0.15)) {
      const kw = sym.type === 'bool' ? 'def_bool' : 'def_tristate';
      const cond = r.chance(0.3) ? ` if ${this.exprText(this.boolExpr(owner))}` : '';
      typeLines.push(`${I}${kw} ${this.exprText(this.boolExpr(owner))}${cond}`);
      this.features.add(kw);
      if (wantPrompt) typeLines.push(promptLine);
    } else {
      const form = r.weighted<'inline' | 'separate' | 'prompt-only' | 'type-only'>([
        [wantPrompt ? 70 : 0, 'inline'], [wantPrompt ? 15 : 0, 'separate'],
        [wantPrompt && mayOmitType ? 15 : 0, 'prompt-only'], [wantPrompt ? 0 : 100, 'type-only'],
      ]);
      if (form === 'inline') typeLines.push(`${I}${typeWord} ${promptText}${promptCond}${this.comment()}`);
      else if (form === 'separate') typeLines.push(`${I}${typeWord}${this.comment()}`, promptLine);
      else if (form === 'prompt-only') {
        typeLines.push(promptLine);
        if (member && first) {
          sym.type = member.type; // the choice gives its type to untyped values
          this.features.add('choice-value-untyped');
        }
      } else if (!mayOmitType || r.chance(0.7)) typeLines.push(`${I}${typeWord}${this.comment()}`);
    }

    // defaults (not on choice values)
    if (!member) {
      const nd = r.weighted([[45, 0], [35, 1], [15, 2], [5, 3]]);
      for (let i = 0; i < nd; i++) {
        const v = this.defaultValue(owner, sym);
        if (v === undefined) continue;
        const cond = r.chance(0.35) ? ` if ${this.exprText(this.boolExpr(owner))}` : '';
        if (cond) this.features.add('default-if');
        defaults.push(`${I}default ${v}${cond}${this.comment()}`);
      }
      // Most int/hex symbols end with an unconditional literal default: a visible int/hex symbol
      // with an empty value makes conf's syncconfig dialog loop forever when stdin is at EOF.
      if ((sym.type === 'int' || sym.type === 'hex') && first && r.chance(0.95)) {
        defaults.push(`${I}default ${sym.type === 'int' ? r.pick(['0', '1', '8', '100']) : r.pick(['0x0', '0x10', '0xff'])}`);
      } else if (sym.type === 'int' || sym.type === 'hex') this.features.add('number-without-default');
    }

    // ranges
    const ranges: string[] = [];
    if ((sym.type === 'int' || sym.type === 'hex') && r.chance(0.5)) {
      const nr = r.weighted([[75, 1], [20, 2], [5, 3]]);
      for (let i = 0; i < nr; i++) {
        const rg = this.rangeBounds(owner, sym);
        const cond = r.chance(0.3) ? ` if ${this.exprText(this.boolExpr(owner))}` : '';
        ranges.push(`${I}range ${rg}${cond}`);
        this.features.add('range' + (cond ? '-if' : ''));
      }
    }

    // help (may come before other attributes)
    const wantHelp = r.chance(0.25);

    if (sym.type === 'bool' || sym.type === 'tristate') {
      // selects and implies: target T gets edges T -> owner, T -> deps of this entry, T -> condition
      const sels: string[] = [];
      const nsel = r.weighted([[65, 0], [22, 1], [10, 2], [3, 3]]);
      for (let i = 0; i < nsel; i++) {
        const kw = r.chance(0.7) ? 'select' : 'imply';
        const condNodes = new Set<Node>();
        let cond = '';
        if (r.chance(0.3)) {
          // build the condition against a throwaway owner, then check it for the target
          const tmpOwner: Node = `t:${this.varCounter++}`;
          const e = this.boolExpr(tmpOwner);
          for (const n of this.edges.get(tmpOwner) ?? []) condNodes.add(n);
          this.edges.delete(tmpOwner);
          cond = ` if ${this.exprText(e)}`;
        }
        const reach = new Set<Node>([owner, ...(this.edges.get(owner) ?? []), ...condNodes]);
        const fits = (t: GenSymbol) => {
          if (t.isModules || (t.type !== 'bool' && t.type !== 'tristate')) return false;
          if (t.choice !== undefined && !r.chance(0.3)) return false;
          const tn = this.node(t.name);
          for (const u of reach) if (u === tn || this.reaches(u, tn)) return false;
          return true;
        };
        let target: GenSymbol | undefined;
        const cands = this.symOrder.map((n) => this.syms.get(n)!).filter(fits);
        if (cands.length && r.chance(0.7)) target = r.pick(cands);
        else {
          target = this.newSym(r.pick<SymType>(['bool', 'tristate']));
          if (r.chance(0.1)) this.features.add(kw + '-undefined');
        }
        const tn = this.node(target.name);
        for (const u of reach) this.addEdge(tn, u);
        if (cond) this.features.add(kw + '-if');
        if (target.choice !== undefined) this.features.add(kw + '-choice-value');
        this.features.add(kw);
        sels.push(`${I}${kw} ${this.tokenText(target.name)}${cond}${this.comment()}`);
      }
      if (sels.length) attrs.push(sels);
    }

    // MODULES
    const lines = ctx.lines;
    lines.push(`${opts.menuconfig ? 'menuconfig' : 'config'} ${this.tokenText(sym.name)}${this.comment()}`);
    if (opts.menuconfig) this.features.add('menuconfig');
    const groups: string[][] = [typeLines, deps, defaults, ranges, ...attrs].filter((g) => g.length);
    // The type line usually comes first; other attribute groups in random order.
    const head = r.chance(0.85) ? groups.shift() : undefined;
    r.shuffle(groups);
    if (head) groups.unshift(head);
    const helpAt = wantHelp ? r.int(0, groups.length) : -1;
    this.afterHelp = helpAt === groups.length;
    for (let i = 0; i <= groups.length; i++) {
      if (i === helpAt) this.help(ctx, I, i === groups.length);
      if (i < groups.length) for (const l of groups[i]!) lines.push(l);
    }
    if (r.chance(0.15)) lines.push('');
    if (sym.type === 'int' || sym.type === 'hex') {
      for (const rl of ranges) {
        const m = /range (\S+) (\S+)/.exec(rl);
        if (m) {
          const lo = parseNum(m[1]!, sym.type), hi = parseNum(m[2]!, sym.type);
          if (lo !== undefined && hi !== undefined) sym.ranges.push([lo, hi]);
        }
      }
    }
    return sym;
  }

  defaultValue(owner: Node, sym: GenSymbol): string | undefined {
    const r = this.rng;
    switch (sym.type) {
      case 'bool':
      case 'tristate':
        if (r.chance(sym.type === 'tristate' ? 0.25 : 0.1)) {
          const c = r.pick(['y', 'm', 'n', 'm']);
          if (c === 'm') this.refM(owner);
          return c;
        }
        return this.exprText(this.boolExpr(owner));
      case 'string': {
        if (r.chance(0.2)) {
          const o = this.refSymbol(owner, () => true);
          if (o) { this.features.add('string-default-symbol'); return this.tokenText(o); }
        }
        if (r.chance(0.05)) return 'foo'; // an unquoted word: a symbol named foo, whose value is "foo"? no: undefined symbols have value ""
        return this.stringLit();
      }
      case 'int': {
        // (an int/hex default from an empty symbol leaves the value empty: see the syncconfig note)
        if (r.chance(0.08)) {
          const o = this.refSymbol(owner, (t) => t === 'int' || (t === 'hex' && r.chance(0.2)), true);
          if (o) { this.features.add('int-default-symbol'); return o; }
        }
        return r.pick(['0', '1', '5', '42', '-1', '-100', '1000', '65536', '2147483647', '-0', '"17"', '3', '99999999999']);
      }
      case 'hex': {
        if (r.chance(0.08)) {
          const o = this.refSymbol(owner, (t) => t === 'hex', true);
          if (o) { this.features.add('hex-default-symbol'); return o; }
        }
        return r.pick(['0x0', '0x10', '0xff', '0X1F', '0x1000', '10', 'ff', '0xdeadbeef', '"0x42"', '0x7fffffff']);
      }
    }
  }

  rangeBounds(owner: Node, sym: GenSymbol): string {
    const r = this.rng;
    const bound = (lo: boolean): string => {
      // (a symbol bound can leave the value empty or unreachable: see the syncconfig note)
      if (r.chance(0.07)) {
        const o = this.refSymbol(owner, (t) => t === sym.type || (t === 'int' && sym.type === 'hex' && r.chance(0.3)), true);
        if (o) { this.features.add('range-symbol'); return o; }
      }
      if (sym.type === 'int') return lo ? r.pick(['0', '1', '-10', '5', '0']) : r.pick(['10', '100', '1000', '64', '3']);
      return lo ? r.pick(['0x0', '0x10', '0', '0X8']) : r.pick(['0xff', '0x1000', 'fff', '0x20']);
    };
    if (r.chance(0.02)) {
      this.features.add('range-inverted');
      return sym.type === 'int' ? '10 2' : '0x20 0x4';
    }
    return `${bound(true)} ${bound(false)}`;
  }

  /** A second `choice NAME` block of an existing named choice: it adds values to the same choice. */
  reopenChoice(ctx: Ctx): boolean {
    const r = this.rng;
    const named = this.choices.filter((c) => c.name);
    if (!named.length) return false;
    const info = r.pick(named);
    const node: Node = 'c:' + info.id;
    for (const d of [...ctx.deps, ...ctx.vis]) if (d === node || this.reaches(d, node)) return false;
    for (const d of ctx.deps) this.addEdge(node, d);
    for (const v of ctx.vis) this.addEdge(node, v);
    const st: ChoiceState = { id: info.id, node, type: info.type, members: [] };
    const I = this.ind();
    const head = [`choice ${info.name}`, `${I}${r.chance(0.5) ? 'prompt' : info.type} ${this.stringLit('Reopened choice')}`];
    if (r.chance(0.2)) {
      head.push(`${I}optional`);
      info.optional = true;
    }
    if (r.chance(0.3)) head.push(`${I}depends on ${this.exprText(this.boolExpr(node))}`);
    const body: string[] = [];
    const inner: Ctx = { ...ctx, lines: body, choice: st, depth: ctx.depth + 1 };
    const n = r.int(1, 3);
    for (let i = 0; i < n; i++) this.configEntry(inner, { member: st });
    ctx.lines.push(...head, ...body, 'endchoice');
    info.members.push(...st.members);
    this.afterHelp = false;
    this.features.add('choice-reopened');
    return true;
  }

  choiceBlock(ctx: Ctx) {
    const r = this.rng;
    const id = this.choices.length;
    const type = this.modules && r.chance(0.35) ? 'tristate' : 'bool';
    const st: ChoiceState = { id, node: 'c:' + id, type, members: [] };
    const info: GenChoice = { id, type, optional: r.chance(0.25), members: st.members };
    if (r.chance(0.3)) info.name = `CH_${this.newName()}`;
    this.choices.push(info);
    this.features.add('choice-' + type);
    if (info.optional) this.features.add('choice-optional');
    if (info.name) this.features.add('choice-named');
    const owner = st.node;
    for (const d of ctx.deps) this.addEdge(owner, d);
    for (const v of ctx.vis) this.addEdge(owner, v);
    const I = this.ind();
    const lines = ctx.lines;
    lines.push(`choice${info.name ? ' ' + info.name : ''}`);
    const opts: string[] = [];
    const promptText = this.stringLit(r.pick(['Pick one', 'Mode', 'Allocator "kind"']));
    const cond = r.chance(0.15) ? ` if ${this.exprText(this.boolExpr(owner))}` : '';
    const typeFromMember = r.chance(0.2) && type === 'bool';
    if (typeFromMember) {
      opts.push(`${I}prompt ${promptText}${cond}`);
      this.features.add('choice-type-from-member');
    } else if (r.chance(0.7)) opts.push(`${I}${type} ${promptText}${cond}`);
    else { opts.push(`${I}prompt ${promptText}${cond}`); opts.push(`${I}${type}`); }
    if (info.optional) opts.push(`${I}optional`);
    if (r.chance(0.3)) {
      opts.push(`${I}depends on ${this.exprText(this.boolExpr(owner))}`);
      this.features.add('choice-depends');
    }
    // members first (we need their names for defaults), emitted after the options
    const body: string[] = [];
    const inner: Ctx = { ...ctx, lines: body, deps: new Set([...ctx.deps, owner]), choice: st, depth: ctx.depth + 1 };
    inner.deps.delete(owner); // members' edges go from the group node itself
    const n = r.int(1, 5);
    let lastDirect: string | undefined; // the last body item, when it is a direct choice value
    for (let i = 0; i < n; i++) {
      const k = r.float();
      lastDirect = undefined;
      if (typeFromMember && i === 0) {
        // conf takes the choice's type from its first direct, typed value
        lastDirect = this.configEntry(inner, { member: st }).name;
      } else if (k < 0.1 && i > 0) {
        body.push(`comment ${this.stringLit('inside choice')}`);
        this.features.add('choice-comment');
      } else if (k < 0.2) {
        // members inside an if block within the choice
        const e = this.exprText(this.boolExpr(owner));
        body.push(`if ${e}`);
        const m = r.int(1, 2);
        // (values inside an if inside the choice do not get the choice's type: always typed)
        for (let j = 0; j < m; j++) this.configEntry(inner, { member: st });
        body.push('endif');
        this.features.add('choice-if');
      } else {
        lastDirect = this.configEntry(inner, { member: st, memberUntypedOk: !typeFromMember }).name;
      }
    }
    if (st.members.length === 0) lastDirect = this.configEntry(inner, { member: st, memberUntypedOk: !typeFromMember }).name;
    if (r.chance(0.06) && lastDirect && type === 'bool') {
      // a symbol depending on the previous choice value: it is not a choice value (implicit submenu)
      const prev = lastDirect;
      const s = this.newSym('bool');
      s.definitions = 1;
      s.hasPrompt = true;
      this.addEdge(this.node(s.name), owner);
      body.push(`config ${s.name}`, `\tbool ${this.stringLit('Depends on a choice value')}`, `\tdepends on ${prev}`);
      this.features.add('choice-nested-nonmember');
    }
    const nd = r.weighted([[50, 0], [35, 1], [15, 2]]);
    for (let i = 0; i < nd; i++) {
      const m = r.pick(st.members);
      const c = r.chance(0.4) ? ` if ${this.exprText(this.boolExpr(owner))}` : '';
      opts.push(`${I}default ${m}${c}`);
      this.features.add('choice-default' + (c ? '-if' : ''));
    }
    if (r.chance(0.15)) {
      const hl: string[] = [];
      this.help({ ...ctx, lines: hl }, I, false);
      opts.push(...hl);
    }
    lines.push(...opts, ...body, r.chance(0.9) ? 'endchoice' : 'endchoice # done');
    this.afterHelp = false;
    info.members = st.members;
  }

  /** A block of statements. */
  block(ctx: Ctx, maxItems: number) {
    const r = this.rng;
    let items = 0;
    while (items < maxItems && this.defined < this.budget) {
      items++;
      const x = r.float();
      const deep = ctx.depth < 4;
      if (x < 0.5) {
        const s = this.configEntry(ctx);
        // implicit submenu: following entries that depend on this symbol
        if ((s.type === 'bool' || s.type === 'tristate') && s.hasPrompt && r.chance(0.15) && deep) {
          const k = r.int(1, 3);
          this.features.add('implicit-submenu');
          const sub: Ctx = { ...ctx, deps: new Set([...ctx.deps, this.node(s.name)]), depth: ctx.depth + 1 };
          for (let i = 0; i < k; i++) {
            if (r.chance(0.2)) {
              ctx.lines.push(`comment ${this.stringLit('sub comment')}`, `\tdepends on ${s.name}`);
              this.afterHelp = false;
            } else {
              const dep = r.chance(0.8) ? s.name : `${s.name} && ${r.pick(['y', '!n'])}`;
              // entries whose symbol is reachable from s would close a loop; configEntry picks fitting ones
              this.configEntry(sub, { dependsOn: dep });
            }
          }
        }
      } else if (x < 0.58 && deep) {
        // menuconfig + if block
        const s = this.configEntry(ctx, { menuconfig: true });
        if (r.chance(0.6)) {
          ctx.lines.push(`if ${s.name}`, '');
          this.afterHelp = false;
          this.block({ ...ctx, deps: new Set([...ctx.deps, this.node(s.name)]), depth: ctx.depth + 1 }, r.int(1, 5));
          ctx.lines.push(`endif # ${s.name}`, '');
          this.afterHelp = false;
        }
      } else if (x < 0.66 && !ctx.choice) {
        if (deep && !(r.chance(0.15) && this.reopenChoice(ctx))) this.choiceBlock(ctx);
      } else if (x < 0.75 && deep) {
        this.menuBlock(ctx);
      } else if (x < 0.82 && deep) {
        const tmp: Node = `t:${this.varCounter++}`;
        const e = this.boolExpr(tmp);
        const nodes = [...(this.edges.get(tmp) ?? [])];
        this.edges.delete(tmp);
        ctx.lines.push(`if ${this.exprText(e)}${this.comment()}`);
        this.afterHelp = false;
        this.features.add('if');
        if (ctx.depth >= 1) this.features.add('nested-if');
        this.block({ ...ctx, deps: new Set([...ctx.deps, ...nodes]), depth: ctx.depth + 1 }, r.int(1, 4));
        ctx.lines.push(r.chance(0.8) ? 'endif' : 'endif # comment');
        this.afterHelp = false;
      } else if (x < 0.87) {
        const tmp: Node = `t:${this.varCounter++}`;
        const dep = r.chance(0.4) ? `\tdepends on ${this.exprText(this.boolExpr(tmp))}` : '';
        this.edges.delete(tmp);
        ctx.lines.push(`comment ${this.stringLit(r.pick(['A comment', 'Note: "x"', '']))}`);
        if (dep) ctx.lines.push(dep);
        this.afterHelp = false;
        this.features.add('comment');
      } else if (x < 0.92 && this.fileCounter < 6) {
        this.sourceFile(ctx);
      } else if (x < 0.95) {
        this.macroStatement(ctx);
      } else {
        ctx.lines.push(r.pick(['', '# a comment line', '   ', '\t# indented comment', '#config HIDDEN']));
      }
    }
  }

  menuBlock(ctx: Ctx) {
    const r = this.rng;
    const lines = ctx.lines;
    this.afterHelp = false;
    lines.push(`menu ${this.stringLit(r.pick(['Options', 'Drivers', 'Menu "one"', 'Networking', 'Empty menu']))}`);
    this.features.add('menu');
    const deps = new Set(ctx.deps);
    const vis = new Set(ctx.vis);
    const I = this.ind();
    if (r.chance(0.25)) {
      const tmp: Node = `t:${this.varCounter++}`;
      const e = this.boolExpr(tmp);
      for (const n of this.edges.get(tmp) ?? []) vis.add(n);
      this.edges.delete(tmp);
      lines.push(`${I}visible if ${this.exprText(e)}`);
      this.features.add('visible-if');
    }
    if (r.chance(0.35)) {
      const tmp: Node = `t:${this.varCounter++}`;
      const e = this.boolExpr(tmp);
      for (const n of this.edges.get(tmp) ?? []) deps.add(n);
      this.edges.delete(tmp);
      lines.push(`${I}depends on ${this.exprText(e)}`);
      this.features.add('menu-depends');
    }
    lines.push('');
    this.block({ ...ctx, deps, vis, depth: ctx.depth + 1 }, r.int(0, 6));
    lines.push('endmenu');
    this.afterHelp = false;
  }

  sourceFile(ctx: Ctx) {
    const r = this.rng;
    this.fileCounter++;
    const dir = r.pick(['', 'sub/', 'lib/deep/', 'arch/']);
    const name = `${dir}Kconfig.${this.fileCounter}`;
    let path = name;
    if (r.chance(0.2) && dir) {
      path = `$(${this.knownVar(dir.slice(0, -1))})/Kconfig.${this.fileCounter}`;
      this.features.add('source-macro');
    }
    ctx.lines.push(`source "${path}"`);
    this.afterHelp = false;
    this.features.add('source');
    const lines: string[] = [];
    this.files[name] = lines;
    this.fileOrder.push(name);
    if (r.chance(0.3)) lines.push(`# file ${name}`, '');
    this.block({ ...ctx, file: name, lines, depth: ctx.depth + 1 }, r.int(1, 6));
    if (lines.length === 0 || r.chance(0.2)) lines.push('');
  }

  macroStatement(ctx: Ctx) {
    const r = this.rng;
    const k = r.int(0, 5);
    if (k === 0) {
      ctx.lines.push(`$(info,info from ${ctx.file.replace(/[(),]/g, '')} line $(lineno))`);
      this.features.add('macro-info');
    } else if (k === 1) {
      ctx.lines.push(`$(warning-if,y,warning at $(filename))`);
      this.expectedWarnings++;
      this.features.add('macro-warning-if');
    } else if (k === 2) {
      ctx.lines.push(`$(warning-if,n,never printed)`);
      this.features.add('macro-warning-if');
    } else if (k === 3) {
      ctx.lines.push(`$(error-if,$(v_no),never an error)`);
      this.features.add('macro-error-if');
    } else if (k === 4) {
      const v = `v_${++this.varCounter}`;
      if (this.afterHelp) ctx.lines.push(`comment ${this.stringLit('after help')}`); // see afterHelp
      ctx.lines.push(`${v} := local $(lineno)`);
      this.afterHelp = false;
      ctx.lines.push(`$(info,$(${v}))`);
      this.features.add('macro-info');
    } else {
      ctx.lines.push(`$(warning-if,$(v_yes),conditional warning)`);
      this.expectedWarnings++;
      this.features.add('macro-warning-if');
    }
  }

  run(): GenTree {
    const r = this.rng;
    const top = 'Kconfig';
    const lines: string[] = [];
    this.files[top] = lines;
    this.fileOrder.push(top);
    // fixed helper macros (some unused)
    this.header.push('v_yes := y', 'v_no := n', 'v_rec = $(v_base)-rec', 'v_base := base', 'v_rec += more', 'v_hash := a # not a comment');
    const ctx: Ctx = { file: top, lines, deps: new Set(), vis: new Set(), depth: 0 };
    if (r.chance(0.7)) {
      const s = this.newSym('bool');
      s.isModules = true;
      s.definitions = 1;
      s.hasPrompt = true;
      this.modules = s.name;
      const name = r.chance(0.8) ? 'MODULES' : s.name;
      if (name !== s.name) {
        this.syms.delete(s.name);
        this.symOrder.pop();
        s.name = name;
        this.syms.set(name, s);
        this.symOrder.push(name);
        this.modules = name;
      }
      lines.push(`config ${name}`, `\tbool ${this.stringLit('Enable loadable module support')}`);
      if (r.chance(0.75)) lines.push(`\tdefault ${r.pick(['y', 'y', 'y', 'n'])}`);
      lines.push('\tmodules', '');
      this.features.add('modules');
    }
    this.block(ctx, 1000);
    // define what must be defined, and some of the pending symbols
    const visited = new Set<string>();
    for (let again = true; again;) {
      again = false;
      for (const n of [...this.symOrder]) {
        if (visited.has(n)) continue;
        visited.add(n);
        again = true;
        const s = this.syms.get(n)!;
        if (s.definitions === 0 && s.choice === undefined && (this.mustDefine.has(n) || r.chance(0.5))) {
          this.configEntry(ctx, { sym: s });
        }
      }
    }
    const mainmenu = r.chance(0.5) ? [`mainmenu ${this.stringLit(r.pick(['Test Configuration', 'Kernel $(GEN_VERSION) "cfg"', 'Main']))}`, ''] : [];
    if (mainmenu.length) {
      this.env['GEN_VERSION'] = '1.2.3';
      this.features.add('mainmenu');
    }
    const out: Record<string, string> = {};
    for (const f of this.fileOrder) {
      let body = this.files[f]!;
      if (f === top) body = [...mainmenu, ...this.header, '', ...body];
      out[f] = body.join('\n') + '\n';
    }
    return {
      seed: this.seed,
      files: out,
      top,
      env: this.env,
      symbols: this.symOrder.map((n) => this.syms.get(n)!),
      choices: this.choices,
      features: [...this.features].sort(),
      expectedWarnings: this.expectedWarnings,
    };
  }
}

/** Indentation width as conf's help lexer computes it (tabs to the next multiple of 8). */
function tabStop(ws: string): number {
  let ts = 0;
  for (const c of ws) ts = c === '\t' ? (ts & ~7) + 8 : ts + 1;
  return ts;
}

function parseNum(s: string, type: SymType): bigint | undefined {
  let t = s.replace(/^"|"$/g, '');
  try {
    if (type === 'hex') {
      if (/^0[xX]/.test(t)) t = t.slice(2);
      if (!/^[0-9a-fA-F]+$/.test(t)) return undefined;
      return BigInt('0x' + t);
    }
    if (!/^-?[0-9]+$/.test(t)) return undefined;
    return BigInt(t);
  } catch {
    return undefined;
  }
}
