// The why view's model: an expandable tree of reasons for a symbol's value (user value, the default
// that applies and its condition's terms, select and imply, choice, unmet dependencies), where every
// symbol mentioned can be expanded into its own reasons, down to user choices and defaults. Plus
// the "way out": the edits that would give the symbol the other value, checked with tree.preview.
import type { Edit, KconfigTree, SymbolInfo } from '../kconfig/api.js';
import { annotate, evalText, splitTopAnd, symbolSet } from './exprText.js';
import type { Tone } from './why.js';

export interface WhyNode {
  /** Unique among siblings' paths: the node's path of ids identifies it in the expanded set. */
  id: string;
  text: string;
  tone: Tone;
  /** Children, computed when the node is expanded (null: a leaf). */
  kids: (() => WhyNode[]) | null;
}

export interface Plan {
  /** What the plan achieves, e.g. "turn LIBUKDEBUG off". */
  goal: string;
  /** The edits, in order; applied together as one change. */
  edits: Edit[];
  /** Lines that explain the steps. */
  steps: string[];
  /** Did tree.preview confirm that the edits give the wanted value? */
  verified: boolean;
}

const isTri = (i: SymbolInfo) => i.type === 'bool' || i.type === 'tristate';
const show = (i: SymbolInfo, v: string) => (i.type === 'string' ? JSON.stringify(v) : v);

function safeInfo(tree: KconfigTree, name: string): SymbolInfo | null {
  try {
    return tree.info(name);
  } catch {
    return null;
  }
}

/** Symbols named in an expression, in order, without duplicates. */
export function symbolsIn(tree: KconfigTree, text: string): string[] {
  const names = symbolSet(tree);
  const out: string[] = [];
  for (const t of text.replace(/ \[=[^\]]*\]/g, '').match(/[A-Za-z0-9_]+/g) ?? []) if (names.has(t) && !out.includes(t)) out.push(t);
  return out;
}

/** A node for a symbol: "NAME = v  (reason)", expandable into its reasons. */
export function symbolNode(tree: KconfigTree, name: string, prefix: string, path: readonly string[]): WhyNode {
  const info = safeInfo(tree, name);
  const id = `${prefix}${name}`;
  if (!info) return { id, text: `${prefix}${name} (undefined symbol)`, tone: 'dim', kids: null };
  const cyc = path.includes(name);
  const summary = shortReason(info);
  return {
    id,
    text: `${prefix}${name} = ${show(info, info.value)}${summary ? `   — ${summary}` : ''}${cyc ? '   (see above)' : ''}`,
    tone: info.value === 'n' ? 'dim' : 'plain',
    kids: cyc ? null : () => reasonNodes(tree, info, [...path, name]),
  };
}

/** The main reason in a few words. */
export function shortReason(info: SymbolInfo): string {
  const hidden = info.visible === 'n';
  if (info.choice !== null) return info.value === 'y' ? 'the selected member of its choice' : 'another member of its choice is selected';
  if (isTri(info) && info.selectedLevel !== 'n' && info.value !== 'n') return `selected by ${info.selectedBy.filter((s) => s.value !== 'n').map((s) => s.from).join(', ')}`;
  if (!hidden && info.userValue !== null) return info.userValue === info.value ? 'set by you' : `set by you to ${show(info, info.userValue)}, adjusted`;
  if (isTri(info) && info.impliedBy.some((s) => s.value !== 'n') && info.value !== 'n' && !info.defaults.some((d) => d.active && d.value !== 'n')) return 'implied';
  const d = info.defaults.find((x) => x.active);
  if (d) return `default${hidden ? ' (not settable)' : ''}`;
  if (hidden && info.dependsOn?.value === 'n') return 'dependencies unmet';
  return hidden ? 'no prompt shown, no default' : 'no default applies';
}

/** Each top-level term of an expression: ✓/✗ with its value, expandable into its symbols. */
function termNodes(tree: KconfigTree, text: string, idp: string, path: readonly string[], onlyFalse = false): WhyNode[] {
  const out: WhyNode[] = [];
  splitTopAnd(text).forEach((term, i) => {
    const r = evalText(tree, term);
    if (onlyFalse && r !== 'n') return;
    const syms = symbolsIn(tree, term);
    const m = r === null ? '·' : r === 'n' ? '✗' : '✓';
    const text2 = `${m} ${annotate(tree, term)}`;
    const id = `${idp}t${i}`;
    if (syms.length === 1 && term.replace(/^!/, '').trim() === syms[0]) {
      const n = symbolNode(tree, syms[0], '', path);
      out.push({ ...n, id, text: `${m} ${term.startsWith('!') ? '!' : ''}${n.text}`, tone: r === 'n' ? 'bad' : 'ok' });
      return;
    }
    out.push({
      id, text: text2, tone: r === 'n' ? 'bad' : r === null ? 'plain' : 'ok',
      kids: syms.length ? () => syms.map((s) => symbolNode(tree, s, '', path)) : null,
    });
  });
  return out;
}

const leaf = (id: string, text: string, tone: Tone = 'plain'): WhyNode => ({ id, text, tone, kids: null });

/** All the reasons for a symbol's value, and what limits changing it. */
export function reasonNodes(tree: KconfigTree, info: SymbolInfo, path: readonly string[]): WhyNode[] {
  const out: WhyNode[] = [];
  const v = info.value;
  const hidden = info.visible === 'n';
  const selecting = info.selectedBy.filter((s) => s.value !== 'n');
  const implying = info.impliedBy.filter((s) => s.value !== 'n');
  if (info.choice !== null) {
    out.push(leaf('choice', v === 'y' ? `the selected member of the choice "${info.choice}"` : `another member of the choice "${info.choice}" is selected`, v === 'y' ? 'ok' : 'dim'));
    if (info.userValue !== null) out.push(leaf('cuser', `you picked ${info.userValue === 'y' ? 'it' : 'another member'} in the choice`));
  }
  if (isTri(info) && selecting.length && v !== 'n') {
    out.push({
      id: 'sel', text: `selected by ${selecting.map((s) => `${s.from} [=${s.value}]`).join(', ')}: select forces at least ${selecting.some((s) => s.value === 'y') ? 'y' : 'm'}`, tone: 'ok',
      kids: () => selecting.map((s, i) => {
        const syms = symbolsIn(tree, s.expr);
        return { id: `s${i}`, text: `[${s.value}] ${s.expr}`, tone: 'ok' as Tone, kids: () => syms.map((x) => symbolNode(tree, x, '', path)) };
      }),
    });
  }
  if (info.userValue !== null && info.choice === null) {
    if (hidden) out.push(leaf('user', `your value ${show(info, info.userValue)} is ignored while the prompt is hidden`, 'dim'));
    else if (info.userValue === v) out.push(leaf('user', `set by you to ${show(info, v)}`, 'ok'));
    else out.push(leaf('user', `you set ${show(info, info.userValue)}, but it is ${show(info, v)}${selecting.length ? ' (select)' : info.range ? ` (range ${info.range.min}..${info.range.max})` : info.visible === 'm' ? ' (dependencies allow at most m)' : ''}`, 'warn'));
  }
  if (info.choice === null && (hidden || info.userValue === null)) {
    info.defaults.forEach((d, i) => {
      if (!d.active) return;
      const head = `${hidden ? 'not settable, so it takes its ' : 'no value of yours: '}default ${annotate(tree, d.value)}${d.condition ? ` if ${d.condition.withValues}` : ''}`;
      const kids: (() => WhyNode[]) | null = d.condition || symbolsIn(tree, d.value).length
        ? () => [
          ...(d.condition ? termNodes(tree, d.condition.text, `d${i}`, path) : []),
          ...symbolsIn(tree, d.value).map((s) => symbolNode(tree, s, 'value from ', path)),
        ]
        : null;
      out.push({ id: `def${i}`, text: head, tone: d.value === 'n' ? 'dim' : 'ok', kids });
    });
    const forced = isTri(info) && ((selecting.length && v !== 'n') || (implying.length && v !== 'n'));
    if (!info.defaults.some((d) => d.active) && !forced) {
      out.push(leaf('nodef', info.defaults.length ? `no default's condition is true, so it is ${show(info, v)}` : `it has no default, so it is ${show(info, v)}`, 'dim'));
      const conds = info.defaults.filter((d) => d.condition);
      if (conds.length) {
        out.push({
          id: 'defs', text: `its defaults (${conds.length}, none true)`, tone: 'dim',
          kids: () => info.defaults.map((d, i) => ({
            id: `dd${i}`, text: `default ${annotate(tree, d.value)}${d.condition ? ` if ${d.condition.withValues}` : ''}`, tone: 'dim' as Tone,
            kids: d.condition ? () => termNodes(tree, d.condition!.text, `dd${i}`, path) : null,
          })),
        });
      }
    }
  }
  if (isTri(info) && implying.length) {
    out.push({
      id: 'imp', text: `implied by ${implying.map((s) => `${s.from} [=${s.value}]`).join(', ')}: imply raises the default`, tone: 'ok',
      kids: () => implying.map((s) => symbolNode(tree, s.from, '', path)),
    });
  }
  // what limits it
  if (hidden) {
    if (info.prompt === null) out.push(leaf('noprompt', 'it has no prompt: only defaults, select and imply set it', 'bad'));
    else if (info.dependsOn && info.dependsOn.value === 'n') {
      out.push({
        id: 'deps', text: `cannot be changed: unmet dependencies: ${info.dependsOn.withValues}`, tone: 'bad',
        kids: () => termNodes(tree, info.dependsOn!.text, 'dep', path),
      });
    } else out.push(leaf('vis', "its prompt is hidden: the prompt's `if` or an enclosing menu's `visible if` is not met", 'bad'));
  } else if (isTri(info) && !info.changeable) {
    out.push(leaf('forced', `forced to ${v} by select; turn ${selecting.length > 1 ? 'those' : 'that'} off to change it`, 'bad'));
  } else if (info.type === 'tristate' && info.visible === 'm' && info.dependsOn) {
    out.push({ id: 'mdeps', text: `at most m: its dependencies are m (${info.dependsOn.withValues})`, tone: 'warn', kids: () => termNodes(tree, info.dependsOn!.text, 'mdep', path) });
  } else if (info.dependsOn && info.dependsOn.text !== '<choice>') {
    out.push({ id: 'depsok', text: `its dependencies are met: ${info.dependsOn.withValues}`, tone: 'dim', kids: () => termNodes(tree, info.dependsOn!.text, 'dok', path) });
  }
  return out;
}

/** The roots of the why view for a symbol. */
export function whyRoots(tree: KconfigTree, name: string): WhyNode[] {
  const info = tree.info(name);
  return reasonNodes(tree, info, [name]);
}

/**
 * A plan that gives `name` the other value: for a bool/tristate that is on, turn off what selects
 * it (recursively, through the selectors that are themselves forced) and then it; for one that is
 * off, turn on the plain symbols of its unmet dependencies (recursively) and then it. Checked with
 * tree.preview; `verified` says whether it works.
 */
export function simplePlan(tree: KconfigTree, name: string): Plan | null {
  const info = tree.info(name);
  if (!isTri(info)) return null;
  const want = info.value === 'n' ? 'y' : 'n';
  const edits: Edit[] = [];
  const steps: string[] = [];
  const seen = new Set<string>();
  const turnOff = (n: string, depth: number): void => {
    if (seen.has(n) || depth > 8) return;
    seen.add(n);
    const i = safeInfo(tree, n);
    if (!i || i.value === 'n') return;
    for (const s of i.selectedBy.filter((x) => x.value !== 'n')) {
      if (!s.from) continue;
      if (n !== name || true) steps.push(`${'  '.repeat(depth)}turn ${s.from} off (it selects ${n})`);
      turnOff(s.from, depth + 1);
    }
    if (i.visible !== 'n' || i.selectedBy.some((x) => x.value !== 'n')) edits.push({ name: n, value: 'n' });
  };
  const turnOn = (n: string, depth: number): void => {
    if (seen.has(n) || depth > 8) return;
    seen.add(n);
    const i = safeInfo(tree, n);
    if (!i || i.value !== 'n') return;
    if (i.dependsOn && i.dependsOn.value === 'n') {
      for (const term of splitTopAnd(i.dependsOn.text)) {
        if (evalText(tree, term) !== 'n') continue;
        const t = term.trim();
        if (/^[A-Za-z0-9_]+$/.test(t) && symbolSet(tree).has(t)) {
          steps.push(`${'  '.repeat(depth)}turn ${t} on (${n} depends on it)`);
          turnOn(t, depth + 1);
        } else steps.push(`${'  '.repeat(depth)}make ${annotate(tree, t)} true (${n} depends on it)`);
      }
    }
    if (i.choice !== null) { edits.push({ name: n, value: 'y' }); return; }
    edits.push({ name: n, value: 'y' });
  };
  if (want === 'n') turnOff(name, 0); else turnOn(name, 0);
  if (!edits.some((e) => e.name === name)) edits.push({ name, value: want });
  steps.push(`set ${name} to ${want}`);
  let verified = false;
  try {
    const ch = tree.preview(edits);
    const after = ch.get(name)?.to ?? info.value;
    verified = want === 'n' ? after === 'n' : after !== 'n';
  } catch {
    verified = false;
  }
  return { goal: `turn ${name} ${want === 'n' ? 'off' : 'on'}`, edits, steps, verified };
}
