// The why view's model, from the engine's explanation (kconfig/explain.ts): an expandable tree of
// the reasons for a symbol's value (user value, the default that applies, select, imply, choice)
// and of what limits it (unmet dependencies term by term with where each term comes from: depends
// on, an enclosing menu, an `if`, `visible if`; forced by select; no prompt). Every symbol a
// reason or term mentions expands into its own reasons, down to user choices and defaults.
// The way out is kconfig/explain.ts's wayOut(): the edits that give the symbol the wanted value.
import type { KconfigTree } from '../kconfig/api.js';
import { explain, wayOut, type Reason, type Term, type WayOut } from '../kconfig/explain.js';
import { symbolSet } from './exprText.js';
import type { Tone } from './why.js';

export interface WhyNode {
  /** Unique among its siblings; a node's key is the path of ids from the root. */
  id: string;
  text: string;
  tone: Tone;
  /** Children, computed when the node is expanded (null: a leaf). */
  kids: (() => WhyNode[]) | null;
}

export type Plan = WayOut;

const LIMIT_KINDS = new Set(['dependency', 'hidden', 'no-prompt', 'forced']);
const WARN_KINDS = new Set(['user-capped', 'user-overridden', 'range', 'user-ignored']);
const QUIET_KINDS = new Set(['cycle', 'repeat', 'more', 'no-default']);

function toneOf(r: Reason, limit: boolean): Tone {
  if (limit || LIMIT_KINDS.has(r.kind)) return r.decisive ? 'bad' : 'warn';
  if (WARN_KINDS.has(r.kind)) return 'warn';
  if (QUIET_KINDS.has(r.kind)) return 'dim';
  return r.decisive ? 'ok' : 'dim';
}

const mark = (v: string) => (v === 'n' ? '✗' : '✓');

function originText(t: Term): string {
  const o = t.origin;
  switch (o.kind) {
    case 'menu': return o.label ? `from the menu "${o.label}"` : 'from an enclosing menu';
    case 'if': return o.label ? `from "if ${o.label}"` : 'from an if block';
    case 'choice': return o.label ? `from the choice "${o.label}"` : 'from its choice';
    case 'visible if': return o.label ? `from "visible if" of the menu "${o.label}"` : 'from a "visible if"';
    case 'prompt if': return "from the prompt's if";
    case 'depends on': return o.label ? `from ${o.label}'s depends on` : 'from depends on';
    default: return '';
  }
}

/** A node for a symbol: "NAME = v — summary", expanding into its reasons. */
export function symbolNode(tree: KconfigTree, name: string, id: string, path: readonly string[], prefix = ''): WhyNode {
  let summary = '';
  let value = '?';
  try {
    const e = explain(tree, name, { maxDepth: 1, maxReasons: 20 });
    summary = e.summary;
    value = e.type === 'string' ? JSON.stringify(e.value) : e.value;
  } catch {
    return { id, text: `${prefix}${name} (undefined symbol)`, tone: 'dim', kids: null };
  }
  const cyc = path.includes(name);
  return {
    id, text: `${prefix}${name} = ${value}${summary ? `   — ${summary}` : ''}${cyc ? '   (see above)' : ''}`,
    tone: value === 'n' ? 'dim' : 'plain',
    kids: cyc ? null : () => reasonsOf(tree, name, [...path, name]),
  };
}

function termNode(tree: KconfigTree, t: Term, id: string, path: readonly string[]): WhyNode {
  const names = symbolSet(tree);
  const syms = t.symbols.filter((s) => names.has(s));
  const origin = originText(t);
  const text = `${mark(t.value)} ${t.withValues}${origin ? `   (${origin})` : ''}`;
  const tone: Tone = t.value === 'n' ? 'bad' : 'ok';
  if (syms.length === 1) {
    const only = syms[0];
    return { id, text, tone, kids: path.includes(only) ? null : () => reasonsOf(tree, only, [...path, only]) };
  }
  return { id, text, tone, kids: syms.length ? () => syms.map((s, i) => symbolNode(tree, s, `s${i}`, path)) : null };
}

function reasonNode(tree: KconfigTree, r: Reason, id: string, path: readonly string[], limit: boolean): WhyNode {
  const terms = r.terms ?? [];
  const hasKids = terms.length > 0 || r.children.length > 0 || (!!r.symbol && !path.includes(r.symbol));
  return {
    id, text: r.text, tone: toneOf(r, limit),
    kids: hasKids
      ? () => {
        const out: WhyNode[] = terms.map((t, i) => termNode(tree, t, `t${i}`, path));
        r.children.forEach((c, i) => out.push(reasonNode(tree, c, `c${i}`, r.symbol ? [...path, r.symbol] : path, false)));
        if (!r.children.length && r.symbol && !path.includes(r.symbol) && !terms.some((t) => t.symbols.length === 1 && t.symbols[0] === r.symbol)) {
          out.push(symbolNode(tree, r.symbol, 'sym', path, 'why: '));
        }
        return out;
      }
      : null,
  };
}

/** The reasons for a symbol's value, then what limits it. */
export function reasonsOf(tree: KconfigTree, name: string, path: readonly string[]): WhyNode[] {
  const e = explain(tree, name);
  return [
    ...e.because.map((r, i) => reasonNode(tree, r, `b${i}`, path, false)),
    ...e.limits.map((r, i) => reasonNode(tree, r, `l${i}`, path, true)),
  ];
}

/** The roots of the why view for a symbol, and its one-line summary. */
export function whyRoots(tree: KconfigTree, name: string): { roots: WhyNode[]; summary: string } {
  const e = explain(tree, name);
  const path = [name];
  const roots = [
    ...e.because.map((r, i) => reasonNode(tree, r, `b${i}`, path, false)),
    ...e.limits.map((r, i) => reasonNode(tree, r, `l${i}`, path, true)),
  ];
  if (!roots.length) roots.push({ id: 'none', text: 'nothing to explain', tone: 'dim', kids: null });
  // the first root already gives the main reason: the header says what it means for the user
  const v = e.type === 'string' ? JSON.stringify(e.value) : e.value;
  const summary = e.changeable ? `${name} = ${v}: it can be changed in the menu` : `${name} = ${v}: it cannot be changed now (see what keeps it below)`;
  return { roots, summary };
}

/** The value the way out aims at by default: the other one (off when on, on when off). */
export function defaultWanted(tree: KconfigTree, name: string): string | null {
  const info = tree.info(name);
  if (info.type !== 'bool' && info.type !== 'tristate') return null;
  return info.value === 'n' ? 'y' : 'n';
}

/** The plan that gives `name` the value `wanted` (kconfig/explain.ts wayOut). */
export function planFor(tree: KconfigTree, name: string, wanted: string | null): Plan | null {
  if (wanted === null) return null;
  try {
    return wayOut(tree, name, wanted);
  } catch {
    return null;
  }
}
