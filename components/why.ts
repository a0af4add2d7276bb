// "Why": why a symbol has its value (user, default, select, imply) and why it cannot be changed
// (unmet `depends on` with each symbol's value, hidden prompt, forced by select). Built from
// tree.info(); the text is plain so it can be shown in a pager, the details pane and tests.
import type { KconfigTree, MenuNode, SymbolInfo } from '../kconfig/api.js';
import { annotate, evalText, splitTopAnd } from './exprText.js';
import { explain, missingTargets } from '../kconfig/explain.js';

export type Tone = 'head' | 'ok' | 'bad' | 'dim' | 'warn' | 'plain';
export interface Line { text: string; tone: Tone }

const L = (text: string, tone: Tone = 'plain'): Line => ({ text, tone });

const isTri = (i: SymbolInfo) => i.type === 'bool' || i.type === 'tristate';
const show = (i: SymbolInfo, v: string) => (i.type === 'string' ? JSON.stringify(v) : v);

/** One line: the main reason for the current value. */
export function whyShort(tree: KconfigTree, info: SymbolInfo): string {
  return valueReasons(tree, info)[0]?.text.trim() ?? '';
}

function activeDefault(info: SymbolInfo) {
  return info.defaults.find((d) => d.active) ?? null;
}

function defaultText(tree: KconfigTree, d: SymbolInfo['defaults'][number]): string {
  const v = annotateValue(tree, d.value);
  return d.condition ? `default ${v} if ${annotate(tree, d.condition.text)}` : `default ${v}`;
}

/** A default's value expression, annotated when it refers to symbols (`default FOO`). */
function annotateValue(tree: KconfigTree, v: string): string {
  return annotate(tree, v);
}

/** Reasons for the value (most decisive first). */
export function valueReasons(tree: KconfigTree, info: SymbolInfo): Line[] {
  const out: Line[] = [];
  const v = info.value;
  const hidden = info.visible === 'n';
  const selecting = info.selectedBy.filter((s) => s.value !== 'n');
  const implying = info.impliedBy.filter((s) => s.value !== 'n');
  const def = activeDefault(info);
  if (info.choice !== null) {
    // the engine's reason names the member that is picked, or what hides the choice
    const first = explain(tree, info.name, { maxDepth: 0, maxReasons: 4 }).because[0];
    if (first) out.push(L(`${sentence(first.text)}`, v === 'y' ? 'ok' : 'dim'));
    if (info.userValue !== null && !hidden) out.push(L(`You picked ${info.userValue === 'y' ? 'it' : 'another member'} in the choice.`, 'plain'));
    return out;
  }
  if (isTri(info)) {
    if (selecting.length && v !== 'n') {
      out.push(L(`Selected by ${selecting.map((s) => `${s.from} [=${safeValue(tree, s.from)}]`).join(', ')}: select forces at least ${maxTri(selecting.map((s) => s.value))}.`, 'ok'));
    }
    if (!hidden && info.userValue !== null) {
      if (info.userValue === v) out.push(L(`You set it to ${v}.`, 'ok'));
      else out.push(L(`You set it to ${info.userValue}, but it is ${v}${selecting.length ? ' (select)' : info.visible === 'm' ? ' (dependencies allow at most m)' : ''}.`, 'warn'));
      return out;
    }
    if (hidden && info.userValue !== null) out.push(L(`Your value ${info.userValue} is ignored while the prompt is hidden.`, 'dim'));
    if (def) out.push(L(`${hidden ? 'Not settable, so it takes its ' : 'No value set by you: '}${defaultText(tree, def)} (active)`, def.value === 'n' ? 'dim' : 'ok'));
    if (implying.length) out.push(L(`Implied by ${implying.map((s) => `${s.from} [=${s.value}]`).join(', ')}: imply raises the default.`, 'ok'));
    if (!def && !implying.length && !selecting.length) {
      out.push(L(info.defaults.length ? 'No default condition is true, so it is n.' : 'It has no default, so it is n.', 'dim'));
    }
    return out;
  }
  // int / hex / string
  if (!hidden && info.userValue !== null) {
    if (info.userValue === v) out.push(L(`You set it to ${show(info, v)}.`, 'ok'));
    else out.push(L(`You set it to ${show(info, info.userValue)}; it is ${show(info, v)}${info.range ? ` (range ${info.range.min}..${info.range.max})` : ''}.`, 'warn'));
    return out;
  }
  if (hidden && info.userValue !== null) out.push(L(`Your value ${show(info, info.userValue)} is ignored while the prompt is hidden.`, 'dim'));
  if (def) out.push(L(`${hidden ? 'Not settable, so it takes its ' : 'No value set by you: '}${defaultText(tree, def)} (active)`, 'ok'));
  else out.push(L(`No default applies, so it is ${show(info, v)}.`, 'dim'));
  if (info.range && def && def.value !== v) out.push(L(`Clamped to the range ${info.range.min}..${info.range.max}.`, 'warn'));
  return out;
}

/** A reason as a sentence: capital first letter, a full stop. */
const sentence = (t: string): string => `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.:!?]$/.test(t) ? '' : '.'}`;

/** The unmet terms of its dependency as the engine states them (a choice by its prompt and what hides it). */
function unmetTerms(tree: KconfigTree, name: string): string[] {
  return explain(tree, name, { maxDepth: 0, maxReasons: 1 }).dependsOn.filter((t) => t.value === 'n').map((t) => t.withValues);
}

/** Lines for what it selects or implies that no Kconfig file defines (the build would lack it). */
export function missingLines(tree: KconfigTree, name: string): Line[] {
  return missingTargets(tree, name).map((m) => L(m.message, 'warn'));
}

function maxTri(vs: string[]): string {
  return vs.includes('y') ? 'y' : vs.includes('m') ? 'm' : 'n';
}

/** Each top-level `&&` term of a dependency with a ✓/✗ mark where we can tell. */
export function dependencyTerms(tree: KconfigTree, text: string): Line[] {
  return splitTopAnd(text).map((term) => {
    const r = evalText(tree, term);
    const mark = r === null ? '·' : r === 'n' ? '✗' : '✓';
    return L(`    ${mark} ${annotate(tree, term)}`, r === 'n' ? 'bad' : r === null ? 'plain' : 'ok');
  });
}

/** Reasons the user cannot change it (empty when it is freely changeable). */
export function blockReasons(tree: KconfigTree, info: SymbolInfo): Line[] {
  const out: Line[] = [];
  if (info.visible === 'n') {
    if (info.prompt === null) {
      out.push(L('It has no prompt: only defaults, select and imply set it.', 'bad'));
    } else if (info.dependsOn && info.dependsOn.value === 'n' && info.dependsOn.text.includes('<choice>')) {
      out.push(L(`It cannot be ${isTri(info) ? 'enabled' : 'set'}: ${unmetTerms(tree, info.name).join(', ')}.`, 'bad'));
    } else if (info.dependsOn && info.dependsOn.value === 'n') {
      out.push(L(`It cannot be ${isTri(info) ? 'enabled' : 'set'}: unmet dependencies: ${annotate(tree, info.dependsOn.text)}`, 'bad'));
      out.push(...dependencyTerms(tree, info.dependsOn.text));
    } else {
      out.push(L("Its prompt is hidden: the prompt's `if` condition or an enclosing menu's `visible if` is not met.", 'bad'));
    }
    return out;
  }
  if (!info.changeable) {
    const sel = info.selectedBy.filter((s) => s.value !== 'n');
    const who = sel.map((s) => `${s.from} [=${safeValue(tree, s.from)}]`).join(', ');
    out.push(L(`It is forced to ${info.value} by select from ${who || '?'}: turn ${sel.length > 1 ? 'those' : 'it'} off to change it.`, 'bad'));
    for (const s of sel) out.push(L(`    select: ${s.expr}`, 'bad'));
    return out;
  }
  if (info.type === 'tristate' && info.visible === 'm' && info.dependsOn) {
    out.push(L(`At most m: its dependencies are m (${annotate(tree, info.dependsOn.text)}).`, 'warn'));
  }
  const lowSel = info.selectedBy.filter((s) => s.value === 'm');
  if (lowSel.length && info.value !== 'n') out.push(L(`It cannot go below m: selected by ${lowSel.map((s) => s.from).join(', ')}.`, 'warn'));
  return out;
}

/** The full "why" page for a symbol. */
export function whyLines(tree: KconfigTree, name: string): Line[] {
  const info = tree.info(name);
  const out: Line[] = [];
  out.push(L(`${info.name}${info.prompt ? ` — ${info.prompt}` : ''}`, 'head'));
  out.push(L(`${info.type} = ${show(info, info.value)}${info.userValue !== null ? `   (your value: ${show(info, info.userValue)})` : ''}`));
  out.push(L(''));
  out.push(L(`Why is it ${show(info, info.value)}?`, 'head'));
  for (const r of valueReasons(tree, info)) out.push(L(`  ${r.text}`, r.tone));
  const block = blockReasons(tree, info);
  out.push(L(''));
  out.push(L(isTri(info) && info.value === 'n' ? 'Why can it not be enabled?' : 'What limits it?', 'head'));
  if (block.length) for (const b of block) out.push(L(b.text.startsWith('    ') ? b.text : `  ${b.text}`, b.tone));
  else {
    const can = info.assignable.filter((a) => a !== '*');
    out.push(L(`  Nothing: you can set it${can.length ? ` to ${can.join('/')}` : ''}${info.range ? ` in ${info.range.min}..${info.range.max}` : ''}.`, 'ok'));
  }
  const missing = missingLines(tree, info.name);
  if (missing.length) {
    out.push(L(''));
    out.push(...missing.map((m) => L(`  ${m.text}`, m.tone)));
  }
  if (info.dependsOn && info.visible !== 'n' && info.dependsOn.text !== '<choice>') {
    out.push(L(''));
    out.push(L(`Depends on: ${annotate(tree, info.dependsOn.text)}  (${info.dependsOn.value === 'n' ? 'unmet' : 'met'})`));
  }
  if (info.defaults.length) {
    out.push(L(''));
    out.push(L('Defaults (the first true one wins):', 'head'));
    for (const d of info.defaults) {
      out.push(L(`  ${d.active ? '→' : ' '} ${defaultText(tree, d)}${d.condition ? `   (condition = ${d.condition.value})` : ''}`, d.active ? 'ok' : 'dim'));
    }
  }
  if (info.selectedBy.length) {
    out.push(L(''));
    out.push(L('Selected by:', 'head'));
    for (const s of info.selectedBy) out.push(L(`  [${s.value}] ${s.expr}`, s.value === 'n' ? 'dim' : 'ok'));
  }
  if (info.impliedBy.length) {
    out.push(L(''));
    out.push(L('Implied by:', 'head'));
    for (const s of info.impliedBy) out.push(L(`  [${s.value}] ${s.expr}`, s.value === 'n' ? 'dim' : 'ok'));
  }
  if (info.selects.length || info.implies.length) {
    out.push(L(''));
    if (info.selects.length) out.push(L(`Selects: ${info.selects.map((s) => annotate(tree, s)).join(', ')}`));
    if (info.implies.length) out.push(L(`Implies: ${info.implies.map((s) => annotate(tree, s)).join(', ')}`));
  }
  return out;
}

/** The help page (`?`): help text, then the symbol's facts like mconf's help screen. */
export function helpLines(tree: KconfigTree, node: MenuNode): Line[] {
  const out: Line[] = [];
  const title = node.prompt ?? node.symbol ?? node.kind;
  out.push(L(title, 'head'));
  out.push(L(''));
  if (!node.symbol || node.kind === 'choice') {
    for (const h of (node.help ?? 'There is no help available for this entry.').replace(/\n$/, '').split('\n')) out.push(L(h));
    out.push(L(''));
    out.push(L(`Type: ${node.kind}${node.kind === 'choice' ? ` (selected: ${tree.nodeValue(node) ?? 'none'})` : ''}`));
    out.push(L(`Defined at ${node.location.file}:${node.location.line}`));
    out.push(...locationLines(tree, node));
    return out;
  }
  const info = tree.info(node.symbol);
  const help = info.help ?? node.help;
  for (const h of (help ?? 'There is no help available for this option.').replace(/\n$/, '').split('\n')) out.push(L(h));
  out.push(L(''));
  out.push(L(`Symbol: ${info.name} [=${info.value}]`));
  out.push(L(`Type  : ${info.type}`));
  if (info.range) out.push(L(`Range : [${info.range.min} ${info.range.max}]`));
  for (const loc of info.locations) out.push(L(`Defined at ${loc.file}:${loc.line}`));
  if (info.prompt) out.push(L(`  Prompt: ${info.prompt}`));
  if (info.dependsOn && info.dependsOn.text !== '<choice>') out.push(L(`  Depends on: ${annotate(tree, info.dependsOn.text)}`));
  out.push(...locationLines(tree, node));
  if (info.choice) out.push(L(`  Member of the choice: ${info.choice}`));
  if (info.selects.length) out.push(L(`Selects: ${info.selects.map((s) => annotate(tree, s)).join(' && ')}`));
  const selY = info.selectedBy.filter((s) => s.value === 'y');
  const selM = info.selectedBy.filter((s) => s.value === 'm');
  if (selY.length) { out.push(L('Selected by [y]:')); for (const s of selY) out.push(L(`  - ${s.expr}`)); }
  if (selM.length) { out.push(L('Selected by [m]:')); for (const s of selM) out.push(L(`  - ${s.expr}`)); }
  const selN = info.selectedBy.filter((s) => s.value === 'n');
  if (selN.length) { out.push(L('Selected by [n]:')); for (const s of selN) out.push(L(`  - ${s.expr}`, 'dim')); }
  if (info.implies.length) out.push(L(`Implies: ${info.implies.map((s) => annotate(tree, s)).join(' && ')}`));
  if (info.impliedBy.length) {
    out.push(L('Implied by:'));
    for (const s of info.impliedBy) out.push(L(`  - [${s.value}] ${s.expr}`));
  }
  return out;
}

function locationLines(tree: KconfigTree, node: MenuNode): Line[] {
  const out: Line[] = [L('  Location:')];
  const parts = [tree.title, ...node.path];
  parts.forEach((p, i) => out.push(L(`${'  '.repeat(i + 2)}-> ${p}`)));
  const label = node.symbol && node.kind !== 'choice' ? `${node.prompt ?? node.symbol} (${node.symbol} [=${safeValue(tree, node.symbol)}])` : node.prompt ?? '';
  out.push(L(`${'  '.repeat(parts.length + 2)}-> ${label}`));
  return out;
}

function safeValue(tree: KconfigTree, name: string): string {
  try {
    return tree.value(name);
  } catch {
    return '?';
  }
}
