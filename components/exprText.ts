// Working with the expressions the engine prints (`A && (B || !C)`, `FOO=y`, `X > 0x10`): add each
// symbol's current value (`A [=y]`), split a dependency into its top-level `&&` terms and evaluate
// a term to tell the user which part is unmet. Display only: the engine's own value is the truth.
import type { KconfigTree } from '../kconfig/api.js';

const namesCache = new WeakMap<KconfigTree, Set<string>>();

export function symbolSet(tree: KconfigTree): Set<string> {
  let s = namesCache.get(tree);
  if (!s) {
    s = new Set(tree.symbolNames());
    namesCache.set(tree, s);
  }
  return s;
}

function valueOf(tree: KconfigTree, name: string): string | null {
  try {
    return tree.value(name);
  } catch {
    return null;
  }
}

const TOKEN = /"(?:[^"\\]|\\.)*"|'[^']*'|\[=[^\]]*\]|[A-Za-z0-9_.+-]+|\s+|./g;

/** `A && !B` → `A [=y] && !B [=n]` (symbols already followed by `[=..]` are left alone). */
export function annotate(tree: KconfigTree, text: string): string {
  const names = symbolSet(tree);
  const toks = text.match(TOKEN) ?? [];
  let out = '';
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    out += t;
    if (!names.has(t)) continue;
    // already annotated?
    let j = i + 1;
    while (j < toks.length && /^\s+$/.test(toks[j])) j++;
    if (j < toks.length && toks[j].startsWith('[=')) continue;
    const v = valueOf(tree, t);
    if (v !== null) out += ` [=${v}]`;
  }
  return out;
}

/** Removes ` [=v]` annotations. */
export const stripValues = (text: string): string => text.replace(/ \[=[^\]]*\]/g, '');

/** Splits on `&&` at the top level (outside parentheses and quotes). */
export function splitTopAnd(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      cur += c;
      if (c === '\\') cur += text[++i] ?? '';
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"') quote = c;
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth === 0 && text.startsWith('&&', i)) {
      parts.push(cur.trim());
      cur = '';
      i++;
      continue;
    }
    cur += c;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

type Tri = 0 | 1 | 2;
const TRI: Record<string, Tri> = { n: 0, m: 1, y: 2 };
const TRI_NAME = ['n', 'm', 'y'] as const;

/**
 * Evaluates a printed expression with the symbols' current values (tristate logic; comparisons as
 * numbers when both sides are numbers, else as strings). Returns null when it cannot parse it.
 */
export function evalText(tree: KconfigTree, text: string): 'y' | 'm' | 'n' | null {
  const names = symbolSet(tree);
  const toks = (stripValues(text).match(/"(?:[^"\\]|\\.)*"|&&|\|\||!=|<=|>=|[!()=<>]|[A-Za-z0-9_.+-]+|\S/g) ?? []);
  let i = 0;
  const peek = () => toks[i];
  const fail = (): never => { throw new Error('parse'); };
  const atomValue = (t: string): string => {
    if (t.startsWith('"')) return t.slice(1, -1).replace(/\\(.)/g, '$1');
    if (names.has(t)) return valueOf(tree, t) ?? 'n';
    return t;
  };
  const triOf = (t: string): Tri => {
    const v = atomValue(t);
    return v in TRI && (names.has(t) || t in TRI) ? TRI[v] : 0;
  };
  const num = (v: string): number | null => {
    if (/^-?\d+$/.test(v)) return Number(v);
    if (/^0[xX][0-9a-fA-F]+$/.test(v)) return parseInt(v, 16);
    return null;
  };
  const compare = (a: string, op: string, b: string): Tri => {
    const x = atomValue(a);
    const y = atomValue(b);
    const nx = num(x);
    const ny = num(y);
    const c = nx !== null && ny !== null ? Math.sign(nx - ny) : x === y ? 0 : x < y ? -1 : 1;
    const r = op === '=' ? c === 0 : op === '!=' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    return r ? 2 : 0;
  };
  const primary = (): Tri => {
    const t = toks[i++];
    if (t === undefined) return fail();
    if (t === '!') return (2 - primary()) as Tri;
    if (t === '(') {
      const v = orExpr();
      if (toks[i++] !== ')') fail();
      return v;
    }
    if (/^[!()&|=<>]/.test(t)) return fail();
    const op = peek();
    if (op === '=' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
      i++;
      const rhs = toks[i++];
      if (rhs === undefined) fail();
      return compare(t, op, rhs);
    }
    return triOf(t);
  };
  const andExpr = (): Tri => {
    let v = primary();
    while (peek() === '&&') { i++; v = Math.min(v, primary()) as Tri; }
    return v;
  };
  const orExpr = (): Tri => {
    let v = andExpr();
    while (peek() === '||') { i++; v = Math.max(v, andExpr()) as Tri; }
    return v;
  };
  try {
    const v = orExpr();
    if (i !== toks.length) return null;
    return TRI_NAME[v];
  } catch {
    return null;
  }
}
