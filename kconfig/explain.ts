// Why a symbol has its value, why it cannot be changed, and how to change it anyway: explanations
// and "way out" plans built on the engine's own structures (the dependency, select and imply
// expressions after menu finalisation, with their current values). Read-only over the engine
// (plans are checked with tree.preview, which leaves no trace); no UI imports.
import type { ChangeMap, Edit, EditToken, KconfigTree, KindName, Location, MenuNode, Value } from './api.js';
import { exprPrint, type PrintFn } from './expr.js';
import { exprCalcValue, gstrPrintExpr, symCalcValue, symGetStringValue, symGetType } from './evaluate.js';
import type { Kconfig } from './kconfig.js';
import {
  E, Expr, F, Menu, mkExpr, P, Property, Sym, SymType, Tri, choiceMembers, choiceOf, hasValue, isChoice, isChoiceValue,
  propSymbol,
} from './model.js';

// ---- engine access ------------------------------------------------------------------------------

const KIND: Record<number, KindName> = {
  [SymType.BOOLEAN]: 'bool', [SymType.TRISTATE]: 'tristate', [SymType.INT]: 'int', [SymType.HEX]: 'hex',
  [SymType.STRING]: 'string', [SymType.UNKNOWN]: 'unknown',
};
const TRI = ['n', 'm', 'y'] as const;
type TriName = (typeof TRI)[number];

interface Internals { k: Kconfig; nodes: MenuNode[]; nodeMenus: Menu[] }

/** The engine state behind a tree (read-only use). */
function inside(tree: KconfigTree): Internals {
  return tree as unknown as Internals;
}
const kOf = (tree: KconfigTree): Kconfig => inside(tree).k;

/** Engine strings are bytes (latin1); callers get text. */
const txt = (s: string): string => (/[\x80-\xff]/.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s);

function findSym(tree: KconfigTree, name: string): Sym | null {
  const s = kOf(tree).find(name);
  if (!s || (s.type === SymType.UNKNOWN && !s.props.length)) return null;
  return s;
}

function needSym(tree: KconfigTree, name: string): Sym {
  const s = findSym(tree, name);
  if (!s) throw new Error(`unknown symbol ${name}`);
  return s;
}

/** A symbol's declared type without building its whole info (cheap; null for unknown names). */
export function symbolType(tree: KconfigTree, name: string): KindName | null {
  const s = findSym(tree, name);
  return s ? KIND[s.type] : null;
}

const nodeMaps = new WeakMap<KconfigTree, Map<Menu, MenuNode>>();
function nodeOf(tree: KconfigTree, menu: Menu): MenuNode | null {
  let m = nodeMaps.get(tree);
  if (!m) {
    m = new Map();
    const { nodeMenus } = inside(tree);
    nodeMenus.forEach((menu2, i) => m!.set(menu2, tree.nodeById(i)));
    nodeMaps.set(tree, m);
  }
  return m.get(menu) ?? null;
}

function printExpr(e: Expr | null): string {
  let s = '';
  const fn: PrintFn = (_sym, str) => { s += str; };
  exprPrint(e, fn, E.NONE);
  return txt(s);
}

function valueOf(k: Kconfig, s: Sym): Value {
  symCalcValue(k, s);
  return txt(symGetStringValue(k, s));
}

const isConst = (s: Sym): boolean => (s.flags & F.CONST) !== 0;
const isBoolish = (s: Sym): boolean => s.type === SymType.BOOLEAN || s.type === SymType.TRISTATE;
const symLabel = (s: Sym): string => s.name ?? '<choice>';

function andTerms(e: Expr | null): Expr[] {
  if (!e) return [];
  if (e.type === E.AND) return [...andTerms(e.left), ...andTerms(e.right)];
  return [e];
}
function orTerms(e: Expr | null): Expr[] {
  if (!e) return [];
  if (e.type === E.OR) return [...orTerms(e.left), ...orTerms(e.right)];
  return [e];
}

function symbolsIn(e: Expr | null, out: Sym[] = []): Sym[] {
  if (!e) return out;
  const add = (s: Sym) => { if (!isConst(s) && !out.includes(s)) out.push(s); };
  switch (e.type) {
    case E.SYMBOL: add(e.left); break;
    case E.NOT: symbolsIn(e.left, out); break;
    case E.AND: case E.OR: symbolsIn(e.left, out); symbolsIn(e.right, out); break;
    case E.EQUAL: case E.UNEQUAL: case E.LTH: case E.LEQ: case E.GTH: case E.GEQ: add(e.left); add(e.right); break;
    default:
  }
  return out;
}

const definitions = (s: Sym): Menu[] => s.props.filter((p) => p.type === P.SYMBOL).map((p) => p.menu);
const promptsOf = (s: Sym): Property[] => s.props.filter((p) => p.text !== null);
const locOf = (m: { file: { name: string }; lineno: number }): Location => ({ file: txt(m.file.name), line: m.lineno });

// ---- terms --------------------------------------------------------------------------------------

/** Where a term of a condition comes from. */
export interface TermOrigin {
  kind: 'depends on' | 'menu' | 'if' | 'choice' | 'visible if' | 'prompt if' | 'condition';
  /** The enclosing menu's or choice's prompt, the `if`'s condition, the parent symbol's name. */
  label: string | null;
  location: Location | null;
}

/** One `&&` term of a condition, with its current value. */
export interface Term {
  /** As conf prints it: `A && (B || !C)` terms are `A` and `B || !C`. */
  text: string;
  /** The same with each symbol's value: `B [=n] || !C [=y]`. */
  withValues: string;
  value: TriName;
  /** The symbols it reads (for "why" on them). */
  symbols: string[];
  origin: TermOrigin;
}

/** A default's value as written: string constants quoted. */
function valueText(s: Sym, e: Expr | null): string {
  if (e && e.type === E.SYMBOL && isConst(e.left) && s.type === SymType.STRING) return JSON.stringify(txt((e.left as Sym).name ?? ''));
  if (e && e.type === E.SYMBOL && (e.left as Sym).type === SymType.UNKNOWN && s.type === SymType.STRING) return JSON.stringify(txt((e.left as Sym).name ?? ''));
  return printExpr(e);
}

function termOf(k: Kconfig, e: Expr, origin: TermOrigin): Term {
  return {
    text: printExpr(e), withValues: txt(gstrPrintExpr(k, e)), value: TRI[exprCalcValue(k, e)],
    symbols: symbolsIn(e).map(symLabel), origin,
  };
}

const termKeys = (e: Expr | null): Set<string> => new Set(andTerms(e).map(printExpr));

/**
 * Which construct a term of `menu`'s dependency comes from: the outermost enclosing menu, choice,
 * menuconfig or `if` whose own dependency has it, else the entry's own `depends on`.
 */
function originOf(tree: KconfigTree, menu: Menu, key: string, own: 'depends on' | 'prompt'): TermOrigin {
  const k = kOf(tree);
  let found: TermOrigin | null = null;
  const consider = (m: Menu) => {
    const dep = k.v52 && m.prompt && m.sym === null ? m.prompt.visible.expr : m.dep;
    if (termKeys(dep).has(key)) found = containerOrigin(m);
    else if (m.visibility && termKeys(m.visibility).has(key)) found = { kind: 'visible if', label: m.prompt?.text != null ? txt(m.prompt.text) : null, location: locOf(m) };
  };
  for (let m = menu; m.parent && m.parent !== k.rootmenu; m = m.parent) {
    // `if` blocks were flattened into the parent's list just before their entries
    const ifs: Menu[] = [];
    for (let c = m.parent.list; c && c !== m; c = c.next) if (!c.sym && !c.prompt) ifs.push(c);
    for (const i of ifs.reverse()) {
      const keys = termKeys(i.dep);
      if (keys.has(key) && [...keys].every((t) => termKeys(menu.dep).has(t))) found = containerOrigin(i, m.parent);
    }
    consider(m.parent);
  }
  // `if` blocks at the top level
  let top = menu;
  while (top.parent && top.parent !== k.rootmenu) top = top.parent;
  for (let c = k.rootmenu.list; c && c !== top; c = c.next) {
    if (c.sym || c.prompt) continue;
    const keys = termKeys(c.dep);
    if (keys.has(key) && [...keys].every((t) => termKeys(menu.dep).has(t))) { found = containerOrigin(c, k.rootmenu); break; }
  }
  if (found) return found;
  if (key === '<choice>') return { kind: 'choice', label: null, location: null };
  if (own === 'prompt') return { kind: 'prompt if', label: null, location: locOf(menu) };
  return { kind: 'depends on', label: menu.sym?.name ?? null, location: locOf(menu) };
}

function containerOrigin(m: Menu, parent: Menu | null = null): TermOrigin {
  if (m.sym && isChoice(m.sym)) return { kind: 'choice', label: m.prompt?.text != null ? txt(m.prompt.text) : null, location: locOf(m) };
  if (m.sym) return { kind: 'menu', label: m.sym.name, location: locOf(m) };
  if (m.prompt) return { kind: 'menu', label: m.prompt.text != null ? txt(m.prompt.text) : null, location: locOf(m) };
  // an `if`: its own condition, without what it inherits from the enclosing menus
  const inherited = parent ? termKeys(parent.dep) : new Set<string>();
  const own = andTerms(m.dep).filter((t) => !inherited.has(printExpr(t)));
  return { kind: 'if', label: own.length ? own.map(printExpr).join(' && ') : printExpr(m.dep), location: locOf(m) };
}

/** The prompt that names a choice ("Stack protector level"), else its name. */
export function choiceLabel(c: Sym): string {
  const p = c.props.find((x) => x.type === P.PROMPT)?.text;
  return p != null ? txt(p) : c.name ?? 'the choice';
}

/**
 * A member's `<choice>` term said as the choice and what hides it: `the choice "Stack protector
 * level" [=n] (hidden: LIBUKSP [=n])`. Its symbols stay the choice's (kconfiglib's `<choice>`).
 */
function choiceTerm(tree: KconfigTree, t: Expr, origin: TermOrigin): Term {
  const k = kOf(tree);
  const c = t.left as Sym;
  const base = termOf(k, t, origin);
  const label = choiceLabel(c);
  let why = '';
  if (base.value === 'n') {
    const unmet = definitions(c).flatMap((m) => depTerms(tree, m)).filter((x) => x.value === 'n').map((x) => x.withValues);
    why = unmet.length ? ` (hidden: ${unmet.join(', ')})` : ' (off)';
  }
  return { ...base, text: `the choice "${label}"`, withValues: `the choice "${label}" [=${base.value}]${why}`, origin: { ...origin, label: origin.label ?? label } };
}

const isChoiceTerm = (t: Expr): boolean => t.type === E.SYMBOL && isChoice(t.left as Sym);

/** The terms of one definition's dependency (`depends on` plus enclosing menus, choices and ifs). */
function depTerms(tree: KconfigTree, menu: Menu): Term[] {
  const k = kOf(tree);
  return andTerms(menu.dep).map((t) => {
    const origin = originOf(tree, menu, printExpr(t), 'depends on');
    return isChoiceTerm(t) ? choiceTerm(tree, t, origin) : termOf(k, t, origin);
  });
}

/** The terms of a prompt's visibility: the dependency, `visible if` of enclosing menus, the prompt's `if`. */
function promptTerms(tree: KconfigTree, prop: Property): Term[] {
  const k = kOf(tree);
  const dep = termKeys(prop.menu.dep);
  return andTerms(prop.visible.expr).map((t) => {
    const key = printExpr(t);
    const origin = originOf(tree, prop.menu, key, dep.has(key) ? 'depends on' : 'prompt');
    return isChoiceTerm(t) ? choiceTerm(tree, t, origin) : termOf(k, t, origin);
  });
}

/** Terms of a default/select/imply condition (which includes the entry's dependency). */
function condTerms(tree: KconfigTree, prop: Property, e: Expr | null = prop.visible.expr): Term[] {
  const k = kOf(tree);
  const dep = termKeys(prop.menu.dep);
  return andTerms(e).map((t) => {
    const key = printExpr(t);
    return termOf(k, t, dep.has(key) ? originOf(tree, prop.menu, key, 'depends on') : { kind: 'condition', label: null, location: locOf(prop) });
  });
}

// ---- explanations -------------------------------------------------------------------------------

export type ReasonKind =
  | 'user' // the value the user set (in .config or in the menu)
  | 'user-capped' // the user's value, limited by the dependencies (y -> m)
  | 'user-overridden' // the user's value, raised by a select
  | 'user-ignored' // a user value that does not count: the prompt is hidden
  | 'default' // the default that applies
  | 'no-default' // no default applies
  | 'select' // selected by a symbol
  | 'imply' // implied by a symbol
  | 'choice' // a choice member: selected or not, and by what
  | 'range' // clamped into its range
  | 'dependency' // (limits) unmet or m-only dependencies
  | 'hidden' // (limits) the prompt is hidden though the dependencies are met
  | 'no-prompt' // (limits) no prompt: only defaults, select and imply set it
  | 'forced' // (limits) select keeps it from going lower
  | 'cycle' // already being explained further up (a loop)
  | 'repeat' // explained elsewhere in this tree
  | 'more'; // depth or size limit reached

export interface Reason {
  kind: ReasonKind;
  /** One line of plain text. */
  text: string;
  /** Does this reason decide the value (rather than being overruled by another)? */
  decisive: boolean;
  /** The other symbol concerned: the selecting/implying symbol, the default's source, the choice's pick. */
  symbol?: string;
  /** That symbol's value. */
  value?: Value;
  /** The condition (default/select/imply `if` plus dependencies) or the dependency, term by term. */
  terms?: Term[];
  location?: Location;
  /** Why `symbol` has its value (for select, imply, default FOO, choice picks). */
  children: Reason[];
}

export interface Definition {
  location: Location;
  /** Prompts of the enclosing menus. */
  path: string[];
  prompt: string | null;
  /** This definition's dependency, term by term. */
  dependsOn: Term[];
}

export interface Explanation {
  name: string;
  prompt: string | null;
  type: KindName;
  value: Value;
  userValue: Value | null;
  visible: TriName;
  /** Can the user change it now (prompt visible and not forced by select)? */
  changeable: boolean;
  /** One sentence: the main reason. */
  summary: string;
  /** Why it has its value, most decisive first; children say why the symbols involved have theirs. */
  because: Reason[];
  /** Why it cannot take other values (empty when the user can set any value). */
  limits: Reason[];
  /** The direct dependency (all definitions ORed), term by term. */
  dependsOn: Term[];
  definitions: Definition[];
  /** Symbols that select it with the select's value (active or not). */
  selectedBy: { symbol: string; value: TriName; expr: string }[];
  impliedBy: { symbol: string; value: TriName; expr: string }[];
}

export interface ExplainOptions {
  /** How deep to follow select/imply/default chains (default 12). */
  maxDepth?: number;
  /** At most this many reasons in the whole tree (default 400). */
  maxReasons?: number;
}

interface Ctx {
  k: Kconfig;
  tree: KconfigTree;
  path: Set<Sym>;
  expanded: Set<Sym>;
  depth: number;
  maxDepth: number;
  budget: number;
}

const show = (s: Sym, v: string): string => (s.type === SymType.STRING ? JSON.stringify(v) : v);

/** A symbol that entries select, imply or depend on, but that no Kconfig file of the tree defines. */
export interface MissingSymbol {
  name: string;
  /** The symbols that select or imply it, with their values. */
  selectedBy: { symbol: string; value: TriName }[];
  impliedBy: { symbol: string; value: TriName }[];
  /** What to do about it, in one sentence. */
  message: string;
}

/** `name` as a symbol that is referenced but defined nowhere (null: defined, or not referenced at all). */
export function missingSymbol(tree: KconfigTree, name: string): MissingSymbol | null {
  const k = kOf(tree);
  const target = k.find(name);
  if (!target || target.props.length || isConst(target)) return null;
  const by = (type: P) => {
    const out: { symbol: string; value: TriName }[] = [];
    for (const s of k.all()) {
      if (s.props.some((p) => p.type === type && propSymbol(p) === target)) out.push({ symbol: symLabel(s), value: TRI[(symCalcValue(k, s), s.curr.tri)] });
    }
    return out;
  };
  // Unikraft's libraries are named LIB<NAME> and live in repositories named lib-<name>
  const lib = /^LIB([A-Z0-9]+)/.exec(name)?.[1]?.toLowerCase();
  const message = k.v52
    ? `${name} is not defined by any library here — add the library that provides it${lib ? ` (e.g. lib-${lib})` : ''} to L= or the Kraftfile`
    : `${name} is not defined by any Kconfig file of this tree`;
  return { name, selectedBy: by(P.SELECT), impliedBy: by(P.IMPLY), message };
}

/** What `name` selects or implies that no Kconfig file defines (the build would miss them). */
export function missingTargets(tree: KconfigTree, name: string): MissingSymbol[] {
  const s = needSym(tree, name);
  const out: MissingSymbol[] = [];
  for (const p of s.props) {
    if (p.type !== P.SELECT && p.type !== P.IMPLY) continue;
    const t = propSymbol(p);
    const m = t?.name ? missingSymbol(tree, t.name) : null;
    if (m && !out.some((x) => x.name === m.name)) out.push(m);
  }
  return out;
}

/** Explains why `name` has its value; throws for an unknown symbol. */
export function explain(tree: KconfigTree, name: string, opts: ExplainOptions = {}): Explanation {
  const k = kOf(tree);
  const s = needSym(tree, name);
  symCalcValue(k, s);
  const ctx: Ctx = {
    k, tree, path: new Set([s]), expanded: new Set([s]), depth: 0,
    maxDepth: opts.maxDepth ?? 12, budget: opts.maxReasons ?? 400,
  };
  const because = reasonsFor(ctx, s);
  const limits = limitsFor(tree, s);
  const value = valueOf(k, s);
  const prompt = promptsOf(s)[0]?.text ?? null;
  const rev = (e: Expr | null) => orTerms(e).map((t) => {
    const from = t.type === E.AND && t.left.type === E.SYMBOL ? (t.left.left as Sym) : t.type === E.SYMBOL ? (t.left as Sym) : null;
    return { symbol: from?.name ?? '', value: TRI[exprCalcValue(k, t)], expr: txt(gstrPrintExpr(k, t)) };
  }).filter((r) => r.symbol !== '' && r.symbol !== s.name);
  const defs = definitions(s);
  let dependsOn: Term[];
  if (defs.length === 1) dependsOn = depTerms(tree, defs[0]);
  else dependsOn = andTerms(s.dirDep.expr).map((t) => termOf(k, t, { kind: 'depends on', label: s.name, location: null }));
  return {
    name: s.name!, prompt: prompt !== null ? txt(prompt) : null, type: KIND[s.type], value,
    userValue: hasValue(s) ? (isBoolish(s) ? TRI[s.def[0].tri] : txt(String(s.def[0].val))) : null,
    visible: TRI[s.visible], changeable: s.visible > s.revDep.tri,
    summary: because[0]?.text ?? `${s.name} is ${show(s, value)}`,
    because, limits, dependsOn,
    definitions: defs.map((m) => ({
      location: locOf(m), path: nodeOf(tree, m)?.path ?? [], prompt: m.prompt?.text != null ? txt(m.prompt.text) : null,
      dependsOn: depTerms(tree, m),
    })),
    selectedBy: rev(s.revDep.expr),
    impliedBy: rev(s.implied.expr),
  };
}

/** Children of a reason about `other`: why it has its value (cycle-safe, depth- and size-limited). */
function childReasons(ctx: Ctx, other: Sym): Reason[] {
  if (isConst(other) || other.type === SymType.UNKNOWN) return [];
  const v = valueOf(ctx.k, other);
  if (ctx.path.has(other)) return [leaf('cycle', `${symLabel(other)} [=${v}] is being explained above (a loop)`)];
  if (ctx.expanded.has(other)) return [leaf('repeat', `why ${symLabel(other)} is ${show(other, v)}: see above`)];
  if (ctx.depth >= ctx.maxDepth || ctx.budget <= 0) return [leaf('more', `… (why ${symLabel(other)} is ${show(other, v)}: ask for it)`)];
  ctx.path.add(other);
  ctx.expanded.add(other);
  ctx.depth++;
  try {
    // below the top, only what decides the value
    const rs = reasonsFor(ctx, other);
    const decisive = rs.filter((r) => r.decisive);
    return decisive.length ? decisive : rs;
  } finally {
    ctx.depth--;
    ctx.path.delete(other);
  }
}

function leaf(kind: ReasonKind, text: string): Reason {
  return { kind, text, decisive: false, children: [] };
}

function reason(ctx: Ctx, r: Omit<Reason, 'children'> & { children?: Reason[] }): Reason {
  ctx.budget--;
  return { ...r, children: r.children ?? [] };
}

/** The reasons for a symbol's current value. */
function reasonsFor(ctx: Ctx, s: Sym): Reason[] {
  const k = ctx.k;
  symCalcValue(k, s);
  if (isChoice(s)) return choiceReasons(ctx, s);
  if (isBoolish(s)) {
    if (isChoiceValue(s) && s.visible === Tri.yes) return choiceMemberReasons(ctx, s);
    if (isChoiceValue(s) && choiceOf(s).visible === Tri.no && s.curr.tri === Tri.no) return hiddenChoiceReasons(ctx, s);
    return triReasons(ctx, s);
  }
  return valueReasons(ctx, s);
}

/** bool/tristate outside a y-choice: user value or default (+ imply), raised by select. */
function triReasons(ctx: Ctx, s: Sym): Reason[] {
  const k = ctx.k;
  const out: Reason[] = [];
  const v = s.curr.tri;
  const vis = s.visible;
  const rev = s.revDep.tri;
  const boolType = symGetType(k, s) === SymType.BOOLEAN;
  const up = (t: Tri): Tri => (t === Tri.mod && boolType ? Tri.yes : t);
  const name = symLabel(s);
  let base: Tri;
  const own: Reason[] = [];
  if (vis !== Tri.no && hasValue(s)) {
    const user = s.def[0].tri as Tri;
    base = user < vis ? user : vis;
    if (base < user) {
      const p = promptsOf(s).filter((pr) => pr.visible.tri === vis);
      own.push(reason(ctx, {
        kind: 'user-capped', decisive: false, location: p[0] ? locOf(p[0]) : undefined,
        text: `the user set ${name} to ${TRI[user]}, but its dependencies allow at most ${TRI[vis]}`,
        terms: p[0] ? promptTerms(ctx.tree, p[0]).filter((t) => t.value !== 'y') : undefined,
      }));
    } else {
      own.push(reason(ctx, { kind: 'user', decisive: false, text: `the user set ${name} to ${TRI[user]} (in .config or in the menu)` }));
    }
  } else {
    if (hasValue(s) && vis === Tri.no && promptsOf(s).length) {
      const p = promptsOf(s)[0];
      out.push(reason(ctx, {
        kind: 'user-ignored', decisive: false, location: locOf(p),
        text: `the user value ${TRI[s.def[0].tri]} does not count: the prompt of ${name} is hidden`,
        terms: promptTerms(ctx.tree, p).filter((t) => t.value === 'n'),
      }));
    }
    base = Tri.no;
    const def = s.props.find((p) => p.type === P.DEFAULT && exprCalcValue(k, p.visible.expr) !== Tri.no);
    if (def) {
      const cond = exprCalcValue(k, def.visible.expr);
      const dv = exprCalcValue(k, def.expr);
      base = dv < cond ? dv : cond;
      const srcs = symbolsIn(def.expr);
      const condText = def.visible.expr ? ` if ${printExpr(def.visible.expr)}` : '';
      own.push(reason(ctx, {
        kind: 'default', decisive: false, location: locOf(def),
        text: `default ${valueText(s, def.expr)}${condText} (${def.file.name}:${def.lineno}) gives ${TRI[up(base)]}`,
        symbol: srcs.length === 1 ? symLabel(srcs[0]) : undefined, value: srcs.length === 1 ? valueOf(k, srcs[0]) : undefined,
        terms: condTerms(ctx.tree, def),
        children: srcs.flatMap((x) => childReasons(ctx, x)),
      }));
    } else {
      const defs = s.props.filter((p) => p.type === P.DEFAULT);
      own.push(reason(ctx, {
        kind: 'no-default', decisive: false,
        text: defs.length ? `no default of ${name} applies (every default's condition is n)` : `${name} has no default`,
        terms: defs.flatMap((d) => condTerms(ctx.tree, d).filter((t) => t.value === 'n')),
      }));
    }
    if (s.implied.tri !== Tri.no) {
      let imp: Tri = s.implied.tri;
      if (!k.v52 && s.dirDep.tri < imp) imp = s.dirDep.tri;
      if (imp > base) base = imp;
      for (const t of orTerms(s.implied.expr)) {
        const tv = exprCalcValue(k, t);
        if (tv === Tri.no) continue;
        own.push(revReason(ctx, s, t, 'imply'));
      }
    }
  }
  base = up(base);
  const top = up(rev);
  for (const r of own) r.decisive = base === v;
  const selects: Reason[] = [];
  if (rev !== Tri.no) {
    for (const t of orTerms(s.revDep.expr)) {
      if (exprCalcValue(k, t) === Tri.no) continue;
      const r = revReason(ctx, s, t, 'select');
      r.decisive = top === v;
      selects.push(r);
    }
    const u = own.find((r) => r.kind === 'user' || r.kind === 'user-capped');
    if (u && top > base) {
      u.kind = 'user-overridden';
      u.text = `the user set ${name} to ${TRI[s.def[0].tri]}, but select raises it to ${TRI[v]}`;
    }
  }
  const decisiveFirst = (a: Reason, b: Reason) => Number(b.decisive) - Number(a.decisive);
  return [...selects, ...own, ...out].sort(decisiveFirst);
}

/** One select/imply term `A && cond`: A's value, the condition's terms and why A has its value. */
function revReason(ctx: Ctx, s: Sym, t: Expr, kind: 'select' | 'imply'): Reason {
  const k = ctx.k;
  const terms = andTerms(t);
  const from = terms[0]?.type === E.SYMBOL ? (terms[0].left as Sym) : null;
  const tv = TRI[exprCalcValue(k, t)];
  const verb = kind === 'select' ? 'selects' : 'implies';
  if (!from || isConst(from)) {
    // a choice's own "prompt && m" lower bound, or an odd expression
    return reason(ctx, { kind, decisive: false, text: `${printExpr(t)} [=${tv}] ${verb} ${symLabel(s)}` });
  }
  const prop = from.props.find((p) => (p.type === (kind === 'select' ? P.SELECT : P.IMPLY)) && propSymbol(p) === s);
  const cond = terms.slice(1).filter((c) => printExpr(c) !== '<choice>');
  const condExpr = cond.reduce<Expr | null>((a, b) => (a ? mkExpr(E.AND, a, b) : b), null);
  const condTermsList = prop ? condTerms(ctx.tree, prop, condExpr) : cond.map((c) => termOf(k, c, { kind: 'condition', label: null, location: null }));
  const fv = valueOf(k, from);
  return reason(ctx, {
    kind, decisive: false, symbol: from.name!, value: fv, location: prop ? locOf(prop) : undefined,
    text: `${from.name} [=${fv}] ${verb} ${symLabel(s)}${cond.length ? ` (if ${printExpr(condExpr)})` : ''}${tv !== fv ? ` [=${tv}]` : ''}`,
    terms: condTermsList, children: childReasons(ctx, from),
  });
}

/** A member of a choice that is hidden: no member is selected, because of the choice's unmet terms. */
function hiddenChoiceReasons(ctx: Ctx, s: Sym): Reason[] {
  const c = choiceOf(s);
  const terms = definitions(c).flatMap((m) => depTerms(ctx.tree, m)).filter((t) => t.value === 'n');
  return [reason(ctx, {
    kind: 'choice', decisive: true, location: definitions(c)[0] ? locOf(definitions(c)[0]) : undefined, terms,
    text: `the choice "${choiceLabel(c)}" is hidden${terms.length ? ` (${terms.map((t) => t.withValues).join(', ')})` : ''}, so none of its members is selected`,
  })];
}

/** A member of a choice in y mode: selected by the user, by the choice's default, or first visible. */
function choiceMemberReasons(ctx: Ctx, s: Sym): Reason[] {
  const k = ctx.k;
  const c = choiceOf(s);
  symCalcValue(k, c);
  const label = c.props.find((p) => p.type === P.PROMPT)?.text ?? c.name ?? '<choice>';
  const picked = c.curr.val as Sym | null;
  const why = choicePickReason(ctx, c);
  if (picked === s) {
    return [reason(ctx, { kind: 'choice', decisive: true, text: `${s.name} is the selected member of the choice "${txt(label)}": ${why.text}`, terms: why.terms, location: why.location })];
  }
  const children = picked ? [reason(ctx, { kind: 'choice', decisive: true, symbol: picked.name!, value: 'y', text: `${picked.name} is selected: ${why.text}`, terms: why.terms, location: why.location })] : [];
  return [reason(ctx, {
    kind: 'choice', decisive: true, symbol: picked?.name ?? undefined, value: picked ? 'y' : undefined,
    text: picked ? `${picked.name} is selected in the choice "${txt(label)}" instead` : `nothing is selected in the choice "${txt(label)}"`,
    children,
  })];
}

function choicePickReason(ctx: Ctx, c: Sym): { text: string; terms?: Term[]; location?: Location } {
  const k = ctx.k;
  const user = c.def[0].val as Sym | null;
  if (hasValue(c) && user && user.visible !== Tri.no) return { text: `the user picked ${user.name}` };
  for (const p of c.props) {
    if (p.type !== P.DEFAULT) continue;
    if (exprCalcValue(k, p.visible.expr) === Tri.no) continue;
    const d = propSymbol(p)!;
    if (d.visible === Tri.no) continue;
    return { text: `the choice's default ${d.name}${p.visible.expr ? ` if ${printExpr(p.visible.expr)}` : ''}`, terms: condTerms(ctx.tree, p), location: locOf(p) };
  }
  return { text: 'the first visible member (no default applies and the user picked none)' };
}

/** The choice symbol itself (named choices): its mode. */
function choiceReasons(ctx: Ctx, c: Sym): Reason[] {
  const v = TRI[c.curr.tri];
  if (c.visible === Tri.no) return [reason(ctx, { kind: 'dependency', decisive: true, text: `the choice is hidden, so it is n` })];
  if (hasValue(c) && isBoolish(c)) return [reason(ctx, { kind: 'user', decisive: true, text: `the choice's mode is ${v}` })];
  return [reason(ctx, { kind: 'default', decisive: true, text: `the choice is visible, so its mode is ${v}` })];
}

/** int/hex/string: user value or default, clamped into the range. */
function valueReasons(ctx: Ctx, s: Sym): Reason[] {
  const k = ctx.k;
  const out: Reason[] = [];
  const v = valueOf(k, s);
  const name = symLabel(s);
  let raw: string | null = null;
  if (s.visible !== Tri.no && hasValue(s)) {
    raw = txt(String(s.def[0].val));
    out.push(reason(ctx, { kind: 'user', decisive: true, text: `the user set ${name} to ${show(s, raw)} (in .config or in the menu)` }));
  } else {
    if (hasValue(s) && promptsOf(s).length) {
      const p = promptsOf(s)[0];
      out.push(reason(ctx, {
        kind: 'user-ignored', decisive: false, location: locOf(p),
        text: `the user value ${show(s, txt(String(s.def[0].val)))} does not count: the prompt of ${name} is hidden`,
        terms: promptTerms(ctx.tree, p).filter((t) => t.value === 'n'),
      }));
    }
    const def = s.props.find((p) => p.type === P.DEFAULT && exprCalcValue(k, p.visible.expr) !== Tri.no);
    const src = def ? propSymbol(def) : null;
    if (def && src) {
      raw = valueOf(k, src);
      const condText = def.visible.expr ? ` if ${printExpr(def.visible.expr)}` : '';
      out.push(reason(ctx, {
        kind: 'default', decisive: true, location: locOf(def),
        text: `default ${valueText(s, def.expr)}${condText} (${def.file.name}:${def.lineno}) gives ${show(s, raw)}`,
        symbol: isConst(src) ? undefined : src.name!, value: isConst(src) ? undefined : raw,
        terms: condTerms(ctx.tree, def),
        children: isConst(src) || src.type === SymType.UNKNOWN ? [] : childReasons(ctx, src),
      }));
    } else {
      const defs = s.props.filter((p) => p.type === P.DEFAULT);
      out.push(reason(ctx, {
        kind: 'no-default', decisive: true,
        text: defs.length ? `no default of ${name} applies, so it is ${show(s, v)}` : `${name} has no default, so it is ${show(s, v)}`,
        terms: defs.flatMap((d) => condTerms(ctx.tree, d).filter((t) => t.value === 'n')),
      }));
    }
  }
  if (raw !== null && raw !== v && (s.type === SymType.INT || s.type === SymType.HEX)) {
    const r = s.props.find((p) => p.type === P.RANGE && exprCalcValue(k, p.visible.expr) !== Tri.no);
    out.unshift(reason(ctx, {
      kind: 'range', decisive: true, location: r ? locOf(r) : undefined,
      text: `${show(s, raw)} is outside the range${r ? ` ${valueOf(k, r.expr!.left)}..${valueOf(k, r.expr!.right)}` : ''}, so it is clamped to ${v}`,
      terms: r ? condTerms(ctx.tree, r) : undefined,
    }));
  }
  return out;
}

/** Why the user cannot give it other values. */
function limitsFor(tree: KconfigTree, s: Sym): Reason[] {
  const k = kOf(tree);
  const out: Reason[] = [];
  const name = symLabel(s);
  const lim = (r: Omit<Reason, 'children' | 'decisive'>): Reason => ({ ...r, decisive: true, children: [] });
  const prompts = promptsOf(s);
  if (s.visible === Tri.no) {
    if (!prompts.length) {
      out.push(lim({ kind: 'no-prompt', text: `${name} has no prompt: only defaults, select and imply set it` }));
    } else if (s.dirDep.tri === Tri.no && !isChoiceValue(s) || (isChoiceValue(s) && exprCalcValue(k, s.dirDep.expr) === Tri.no)) {
      for (const m of definitions(s)) {
        const terms = depTerms(tree, m);
        out.push(lim({
          kind: 'dependency', location: locOf(m), terms,
          text: `unmet dependencies (${m.file.name}:${m.lineno}): ${terms.filter((t) => t.value === 'n').map((t) => t.withValues).join(', ') || printExpr(m.dep)}`,
        }));
      }
    } else {
      for (const p of prompts) {
        const terms = promptTerms(tree, p);
        out.push(lim({
          kind: 'hidden', location: locOf(p), terms,
          text: `the prompt is hidden: ${terms.filter((t) => t.value === 'n').map((t) => `${t.withValues} (${t.origin.kind})`).join(', ') || printExpr(p.visible.expr)}`,
        }));
      }
    }
    return out;
  }
  if (isBoolish(s)) {
    if (s.revDep.tri >= s.visible) {
      const sel = orTerms(s.revDep.expr).filter((t) => exprCalcValue(k, t) !== Tri.no)
        .map((t) => andTerms(t).filter((c) => printExpr(c) !== '<choice>').reduce<Expr | null>((a, b) => (a ? mkExpr(E.AND, a, b) : b), null)!);
      out.push(lim({
        kind: 'forced', terms: sel.map((t) => termOf(k, t, { kind: 'condition', label: null, location: null })),
        text: `${name} is forced to ${valueOf(k, s)} by select from ${sel.map((t) => txt(gstrPrintExpr(k, t))).join(', ')}`,
      }));
    } else if (s.revDep.tri === Tri.mod) {
      out.push(lim({ kind: 'forced', text: `${name} cannot go below m: it is selected by a symbol that is m` }));
    }
    if (s.type === SymType.TRISTATE && s.visible === Tri.mod && symGetType(k, s) === SymType.TRISTATE) {
      const p = prompts.find((pr) => pr.visible.tri === Tri.mod) ?? prompts[0];
      const terms = promptTerms(tree, p);
      out.push(lim({ kind: 'dependency', location: locOf(p), terms, text: `at most m: ${terms.filter((t) => t.value === 'm').map((t) => t.withValues).join(', ')}` }));
    }
    if (isChoiceValue(s) && s.visible === Tri.yes && s.curr.tri === Tri.yes) {
      out.push(lim({ kind: 'choice', text: `${name} is the selected member of its choice: pick another member to turn it off` }));
    }
  }
  return out;
}

// ---- way out ------------------------------------------------------------------------------------

export interface PlanStep {
  name: string;
  value: Value;
  /** Its value now. */
  from: Value;
  /** Why this step is needed, e.g. "it selects LIBUKDEBUG", "LIBFOO depends on it". */
  why: string;
}

export interface WayOut {
  name: string;
  wanted: Value;
  current: Value;
  /** Does applying `edits` (in order) give `name` the wanted value? */
  ok: boolean;
  /** The edits to apply (in order, as one change: tree.apply(edits)). */
  edits: Edit[];
  steps: PlanStep[];
  /** "To turn LIBUKDEBUG off: turn off LIBUKSCHED (it selects LIBUKDEBUG), then set LIBUKDEBUG=n." */
  summary: string;
  /** Every value that changes when the plan is applied (tree.preview), the target included. */
  changes: { name: string; from: Value; to: Value }[];
  /** When !ok: why no plan was found. */
  problem?: string;
}

class PlanError extends Error {}

interface Planner {
  k: Kconfig;
  tree: KconfigTree;
  steps: PlanStep[];
  /** One token per applied step, to roll back. */
  undo: EditToken[];
  visiting: Set<Sym>;
  depth: number;
  /** Steps tried so far (all alternatives); the search stops trying alternatives beyond a limit. */
  work: number;
}

const MAX_PLAN_DEPTH = 24;
const MAX_WORK = 400;

/** Value of a symbol as Tri (bool/tristate). */
const triOf = (k: Kconfig, s: Sym): Tri => { symCalcValue(k, s); return s.curr.tri; };

/** Applies one step (hypothetically); PlanError when the engine refuses it. */
function applyStep(p: Planner, s: Sym, value: Value, why: string): void {
  const prev = p.steps.find((x) => x.name === s.name);
  if (prev) {
    if (prev.value === value && valueOf(p.k, s) === value) return;
    throw new PlanError(`${s.name} would have to change back after being set to ${prev.value} earlier in the plan`);
  }
  if (++p.work > MAX_WORK) throw new PlanError('the search for a plan took too long');
  const from = valueOf(p.k, s);
  const edit: Edit = { name: s.name!, value };
  let token: EditToken;
  try {
    token = p.tree.tryEdits([edit]).token;
  } catch (e) {
    throw new PlanError((e as Error).message);
  }
  p.undo.push(token);
  p.steps.push({ name: s.name!, value, from, why });
}

function rollback(p: Planner, n: number): void {
  while (p.steps.length > n) {
    p.tree.rollback(p.undo.pop()!);
    p.steps.pop();
  }
}

/** Tries each way in order of preference from the current hypothetical state; the first that works stays applied. */
function alternatives(p: Planner, tries: (() => void)[]): void {
  const mark = p.steps.length;
  let err: Error | null = null;
  for (const t of tries) {
    try {
      t();
      return;
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
      err ??= e;
      rollback(p, mark);
      if (p.work > MAX_WORK) break;
    }
  }
  throw err ?? new PlanError('no way found');
}

/** Makes a bool/tristate symbol's value fall in [lo, hi]. */
function planTri(p: Planner, s: Sym, lo: Tri, hi: Tri, why: string): void {
  const k = p.k;
  if (isChoice(s)) return planChoice(p, s, lo, hi, why);
  const cur = triOf(k, s);
  if (cur >= lo && cur <= hi) return;
  if (isConst(s)) throw new PlanError(`${s.name} is a constant (${why})`);
  if (s.type === SymType.UNKNOWN) throw new PlanError(`${s.name} is not defined in this tree, so it is always n (${why})`);
  if (!isBoolish(s)) throw new PlanError(`${s.name} is not a bool or tristate (${why})`);
  if (p.visiting.has(s)) throw new PlanError(`${s.name} would have to change to allow its own change`);
  if (p.depth >= MAX_PLAN_DEPTH) throw new PlanError(`the chain of changes is too long at ${s.name}`);
  p.visiting.add(s);
  p.depth++;
  try {
    if (isChoiceValue(s) && s.visible === Tri.yes) return planChoiceMember(p, s, lo, why);
    if (cur > hi) lower(p, s, hi, why);
    else raise(p, s, lo, hi, why);
  } finally {
    p.depth--;
    p.visiting.delete(s);
  }
}

/** The value to set when lowering to at most `hi` (m only for a tristate that can be m). */
const lowTarget = (k: Kconfig, s: Sym, hi: Tri): Tri => (hi === Tri.mod && symGetType(k, s) === SymType.BOOLEAN ? Tri.no : hi);

/** The value to set when raising to at least `lo` (y where m is not possible). */
function highTarget(k: Kconfig, s: Sym, lo: Tri, hi: Tri): Tri {
  let t = lo;
  if (t === Tri.mod && (symGetType(k, s) === SymType.BOOLEAN || s.visible === Tri.yes && hi === Tri.yes && s.type !== SymType.TRISTATE)) t = Tri.yes;
  return t;
}

const selectorOf = (t: Expr): Sym | null => {
  const first = andTerms(t)[0];
  return first?.type === E.SYMBOL && !isConst(first.left) ? (first.left as Sym) : null;
};

function lower(p: Planner, s: Sym, hi: Tri, why: string): void {
  const k = p.k;
  const name = s.name!;
  for (let round = 0; triOf(k, s) > hi; round++) {
    if (round > 64) throw new PlanError(`${name} keeps coming back`);
    const before = p.steps.length;
    // something selects it above `hi`: turn that off (or its select's condition)
    const sel = orTerms(s.revDep.expr).find((t) => exprCalcValue(k, t) > hi);
    if (sel) {
      const from = selectorOf(sel);
      const tries: (() => void)[] = [];
      if (from) tries.push(() => planTri(p, from, Tri.no, hi, `it selects ${name}`));
      for (const c of andTerms(sel).slice(from ? 1 : 0)) {
        if (printExpr(c) === '<choice>') continue;
        tries.push(() => makeAtMost(p, c, hi, `${from?.name ?? '?'} selects ${name} only if ${printExpr(c)}`));
      }
      if (!tries.length) throw new PlanError(`${name} is selected by ${printExpr(sel)}`);
      alternatives(p, tries);
      if (p.steps.length === before) throw new PlanError(`${name} stays selected by ${printExpr(sel)}`);
      continue;
    }
    if (s.visible !== Tri.no && promptsOf(s).length && !p.steps.some((x) => x.name === name)) {
      applyStep(p, s, TRI[lowTarget(k, s, hi)], why);
      continue;
    }
    // not settable: its default (and imply) must give at most `hi`, or its prompt must show
    const tries: (() => void)[] = [];
    const prompt = promptsOf(s)[0];
    if (prompt && s.visible === Tri.no) {
      tries.push(() => {
        makeAtLeast(p, prompt.visible.expr, Tri.mod, `${name}'s prompt needs it`);
        if (triOf(k, s) > hi) applyStep(p, s, TRI[lowTarget(k, s, hi)], why);
      });
    }
    const imp = orTerms(s.implied.expr).find((t) => exprCalcValue(k, t) > hi);
    if (imp) {
      const from = selectorOf(imp);
      if (from) tries.push(() => planTri(p, from, Tri.no, hi, `it implies ${name}`));
      tries.push(() => makeAtMost(p, imp, hi, `it implies ${name}`));
    } else {
      const d = s.props.find((x) => x.type === P.DEFAULT && exprCalcValue(k, x.visible.expr) !== Tri.no);
      if (!prompt && d && !d.visible.expr && symbolsIn(d.expr).length === 0) {
        throw new PlanError(`${name} has no prompt and is always ${TRI[exprCalcValue(k, d.expr)]}`);
      }
      if (d && exprCalcValue(k, d.expr) > hi) {
        tries.push(() => makeAtMost(p, d.visible.expr, Tri.no, `${name} is ${printExpr(d.expr)} by default if ${printExpr(d.visible.expr)}`));
        tries.push(() => makeAtMost(p, d.expr, hi, `${name} takes its default from it`));
      }
    }
    if (!tries.length) throw new PlanError(`${name} cannot be lowered`);
    alternatives(p, tries);
    if (p.steps.length === before) throw new PlanError(`${name} cannot be lowered`);
  }
}

function raise(p: Planner, s: Sym, lo: Tri, hi: Tri, why: string): void {
  const k = p.k;
  const name = s.name!;
  const prompts = promptsOf(s);
  const tries: (() => void)[] = [];
  if (prompts.length) {
    tries.push(() => {
      if (s.visible < lo) alternatives(p, prompts.map((pr) => () => makeAtLeast(p, pr.visible.expr, lo, `${name} depends on it`)));
      const cur = triOf(k, s);
      if (cur < lo || cur > hi) applyStep(p, s, TRI[highTarget(k, s, lo, hi)], why);
      if (triOf(k, s) < lo) throw new PlanError(`${name} stays ${TRI[triOf(k, s)]}`);
    });
  }
  // something that selects it
  for (const t of orTerms(s.revDep.expr)) {
    const from = selectorOf(t);
    if (!from || from === s) continue;
    tries.push(() => makeAtLeast(p, t, lo, `it selects ${name}`));
  }
  if (!prompts.length) {
    for (const d of s.props) {
      if (d.type !== P.DEFAULT) continue;
      tries.push(() => {
        makeAtLeast(p, d.visible.expr, lo, `${name}'s default ${printExpr(d.expr)} applies if ${printExpr(d.visible.expr)}`);
        makeAtLeast(p, d.expr, lo, `${name} takes its default from it`);
        if (triOf(k, s) < lo) throw new PlanError(`${name} stays ${TRI[triOf(k, s)]}`);
      });
    }
  }
  if (!tries.length) throw new PlanError(`${name} has no prompt, no default and nothing selects it`);
  alternatives(p, tries);
}

/** A member of a visible y-mode choice: on by picking it, off by picking another member. */
function planChoiceMember(p: Planner, s: Sym, lo: Tri, why: string): void {
  const k = p.k;
  const c = choiceOf(s);
  if (lo >= Tri.mod) { applyStep(p, s, 'y', why); return; }
  // pick another member: the choice's default first, then the others in order
  const others = [...choiceMembers(c)].filter((m) => m !== s && m.visible !== Tri.no);
  const def = c.props.find((d) => d.type === P.DEFAULT && exprCalcValue(k, d.visible.expr) !== Tri.no);
  others.sort((a, b) => Number(def !== undefined && propSymbol(def) === b) - Number(def !== undefined && propSymbol(def) === a));
  const tries: (() => void)[] = others.map((m) => () => {
    applyStep(p, m, 'y', `picking it in the choice turns ${s.name} off`);
  });
  const prompt = promptsOf(c)[0];
  if (prompt && prompt.visible.expr) tries.push(() => makeAtMost(p, prompt.visible.expr, Tri.no, `the choice of ${s.name} depends on it`));
  if (!tries.length) throw new PlanError(`${s.name} is the only member of its choice that can be picked`);
  alternatives(p, tries);
}

/** The choice symbol in a dependency (`<choice>`): shown, or hidden. */
function planChoice(p: Planner, c: Sym, lo: Tri, hi: Tri, why: string): void {
  const cur = triOf(p.k, c);
  if (cur >= lo && cur <= hi) return;
  const prompt = promptsOf(c)[0];
  if (!prompt) throw new PlanError('a choice without a prompt');
  if (cur < lo) return makeAtLeast(p, prompt.visible.expr, lo, why);
  return makeAtMost(p, prompt.visible.expr, hi, why);
}

const constTri = (k: Kconfig, s: Sym): Tri | null => (s === k.yes ? Tri.yes : s === k.mod ? Tri.mod : s === k.no ? Tri.no : null);

/** Makes `e` evaluate to at least `lo`. */
function makeAtLeast(p: Planner, e: Expr | null, lo: Tri, why: string): void {
  const k = p.k;
  if (!e || exprCalcValue(k, e) >= lo) return;
  switch (e.type) {
    case E.SYMBOL: return planTri(p, e.left, lo, Tri.yes, why);
    case E.NOT: return makeAtMost(p, e.left, (2 - lo) as Tri, why);
    case E.AND:
      for (let i = 0; i < 4 && exprCalcValue(k, e) < lo; i++) {
        makeAtLeast(p, e.left, lo, why);
        makeAtLeast(p, e.right, lo, why);
      }
      if (exprCalcValue(k, e) < lo) throw new PlanError(`${printExpr(e)} stays false`);
      return;
    case E.OR: return alternatives(p, [() => makeAtLeast(p, e.left, lo, why), () => makeAtLeast(p, e.right, lo, why)]);
    default: return makeCompare(p, e, true, why);
  }
}

/** Makes `e` evaluate to at most `hi`. */
function makeAtMost(p: Planner, e: Expr | null, hi: Tri, why: string): void {
  const k = p.k;
  if (exprCalcValue(k, e) <= hi) return;
  if (!e) throw new PlanError('it is unconditional');
  switch (e.type) {
    case E.SYMBOL: return planTri(p, e.left, Tri.no, hi, why);
    case E.NOT: return makeAtLeast(p, e.left, (2 - hi) as Tri, why);
    case E.AND: return alternatives(p, andTerms(e).map((t) => () => makeAtMost(p, t, hi, why)));
    case E.OR:
      for (let i = 0; i < 4 && exprCalcValue(k, e) > hi; i++) for (const t of orTerms(e)) makeAtMost(p, t, hi, why);
      if (exprCalcValue(k, e) > hi) throw new PlanError(`${printExpr(e)} stays true`);
      return;
    default: return makeCompare(p, e, false, why);
  }
}

/** `A = y`, `A != n`, `A = "text"`: sets A when the other side is a constant. */
function makeCompare(p: Planner, e: Expr, wantTrue: boolean, why: string): void {
  const k = p.k;
  if (e.type !== E.EQUAL && e.type !== E.UNEQUAL) throw new PlanError(`${printExpr(e)} needs a number chosen by hand`);
  let a: Sym = e.left;
  let b: Sym = e.right;
  const fixed = (x: Sym) => isConst(x) || x.type === SymType.UNKNOWN;
  if (fixed(a) && !fixed(b)) [a, b] = [b, a];
  if (fixed(a) || !fixed(b)) throw new PlanError(`${printExpr(e)} needs values chosen by hand`);
  const eq = (e.type === E.EQUAL) === wantTrue;
  if (isBoolish(a)) {
    const t = constTri(k, b);
    if (t === null) throw new PlanError(`cannot plan ${printExpr(e)}`);
    if (eq) return planTri(p, a, t, t, why);
    return alternatives(p, ([Tri.no, Tri.mod, Tri.yes] as Tri[]).filter((x) => x !== t).map((x) => () => planTri(p, a, x, x, why)));
  }
  if (!eq) throw new PlanError(`${printExpr(e)} needs a value chosen by hand`);
  return planValue(p, a, txt(b.name ?? ''), why);
}

/** int/hex/string: settable (after its dependencies) and set. */
function planValue(p: Planner, s: Sym, value: string, why: string): void {
  const k = p.k;
  if (valueOf(k, s) === value) return;
  if (p.visiting.has(s)) throw new PlanError(`${s.name} would have to change to allow its own change`);
  p.visiting.add(s);
  try {
    const prompts = promptsOf(s);
    if (!prompts.length) throw new PlanError(`${s.name} has no prompt: it cannot be set`);
    if (s.visible === Tri.no) alternatives(p, prompts.map((pr) => () => makeAtLeast(p, pr.visible.expr, Tri.mod, `${s.name} depends on it`)));
    applyStep(p, s, value, why);
    if (valueOf(k, s) !== value) throw new PlanError(`${s.name} becomes ${valueOf(k, s)}, not ${value}`);
  } finally {
    p.visiting.delete(s);
  }
}

function changesOf(m: ChangeMap): { name: string; from: Value; to: Value }[] {
  return [...m].map(([name, c]) => ({ name, from: c.from, to: c.to }));
}

/**
 * A plan to give `name` the value `wanted`: which other symbols to change first (turn off what
 * selects it, turn on what it depends on, pick another choice member...), checked with
 * tree.preview; `changes` lists every value the plan changes.
 */
export function wayOut(tree: KconfigTree, name: string, wanted: Value): WayOut {
  const k = kOf(tree);
  const s = needSym(tree, name);
  const current = valueOf(k, s);
  const base = { name: s.name!, current };
  if (isBoolish(s)) {
    const w = wanted.toLowerCase();
    if (w !== 'y' && w !== 'm' && w !== 'n') return fail(base, wanted, `${wanted} is not a value for a ${KIND[s.type]} (y, m or n)`);
    wanted = w;
    if (w === 'm' && symGetType(k, s) === SymType.BOOLEAN) {
      return fail(base, wanted, s.type === SymType.BOOLEAN ? `${name} is a bool: y or n` : `${name} cannot be m while modules are off (MODULES) or inside a y choice`);
    }
  }
  if (current === wanted) return { ...base, wanted, ok: true, edits: [], steps: [], changes: [], summary: `${name} is already ${wanted}.` };
  const p: Planner = { k, tree, steps: [], undo: [], visiting: new Set(), depth: 0, work: 0 };
  const what = isBoolish(s) ? (wanted === 'n' ? 'turn off' : `set to ${wanted}`) : `set to ${show(s, wanted)}`;
  const wasChanged = k.confChanged;
  let problem: string | null = null;
  let planned: PlanStep[] = [];
  try {
    if (isBoolish(s)) {
      const t = TRI.indexOf(wanted as TriName) as Tri;
      planTri(p, s, t, t, `the goal: ${name}=${wanted}`);
    } else {
      planValue(p, s, wanted, `the goal: ${name}=${show(s, wanted)}`);
    }
    planned = [...p.steps];
  } catch (e) {
    if (!(e instanceof PlanError)) throw e;
    problem = e.message;
  } finally {
    rollback(p, 0);
    k.setChanged(wasChanged);
  }
  if (problem !== null) {
    const sel = orTerms(s.revDep.expr).filter((t) => exprCalcValue(k, t) !== Tri.no).map(selectorOf).filter((x): x is Sym => x !== null);
    const selNote = sel.length && wanted !== 'y' ? ` (${name} is selected by ${sel.map((x) => `${x.name} [=${valueOf(k, x)}]`).join(', ')})` : '';
    return fail(base, wanted, `no way to ${what} ${name} was found${selNote}: ${problem}`);
  }
  // "currently": the values before the plan
  let steps = planned.map((x) => ({ ...x, from: valueOf(k, needSym(tree, x.name)) }));
  const reaches = (st: PlanStep[]): ChangeMap | null => {
    try {
      const m = tree.preview(st.map((x) => ({ name: x.name, value: x.value })));
      return (m.get(s.name!)?.to ?? current) === wanted ? m : null;
    } catch {
      return null;
    } finally {
      k.setChanged(wasChanged);
    }
  };
  // drop steps that turn out not to be needed (earlier choices made them redundant)
  if (steps.length > 1 && steps.length <= 40) {
    for (let i = steps.length - 2; i >= 0; i--) {
      const fewer = steps.filter((_, j) => j !== i);
      if (reaches(fewer)) steps = fewer;
    }
  }
  const edits: Edit[] = steps.map((x) => ({ name: x.name, value: x.value }));
  let changes: ChangeMap;
  try {
    changes = tree.preview(edits);
  } catch (e) {
    return { ...fail(base, wanted, `the plan does not work: ${(e as Error).message}`), edits, steps };
  } finally {
    k.setChanged(wasChanged);
  }
  const final = changes.get(s.name!)?.to ?? current;
  const out: WayOut = {
    ...base, wanted, ok: final === wanted, edits, steps, changes: changesOf(changes),
    summary: summarize(s, wanted, steps),
  };
  if (!out.ok) out.problem = `the plan leaves ${name} at ${final}`;
  return out;
}

function fail(base: { name: string; current: Value }, wanted: Value, problem: string): WayOut {
  return { ...base, wanted, ok: false, edits: [], steps: [], changes: [], summary: problem, problem };
}

function summarize(s: Sym, wanted: Value, steps: PlanStep[]): string {
  const name = s.name!;
  const goal = isBoolish(s) ? (wanted === 'n' ? `turn ${name} off` : wanted === 'y' ? `turn ${name} on` : `set ${name} to m`) : `set ${name} to ${show(s, wanted)}`;
  const phrase = (x: PlanStep) => {
    const act = x.value === 'n' ? `turn off ${x.name}` : x.value === 'y' ? `turn on ${x.name}` : `set ${x.name}=${x.value}`;
    return x.name === name ? act.replace(`turn off ${name}`, `set ${name}=n`).replace(`turn on ${name}`, `set ${name}=y`) : `${act} (currently ${x.from}; ${x.why})`;
  };
  const pre = steps.filter((x) => x.name !== name);
  const self = steps.find((x) => x.name === name);
  const parts = pre.map(phrase);
  if (self) parts.push(pre.length ? `then ${phrase(self)}` : phrase(self));
  return `To ${goal}: ${parts.join(', ')}.`;
}

/** What applying `edits` would change (tree.preview as a list, sorted by name); throws if an edit is not allowed. */
export function previewChanges(tree: KconfigTree, edits: Edit[]): { name: string; from: Value; to: Value }[] {
  return changesOf(tree.preview(edits)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
