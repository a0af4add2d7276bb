// The symbol info page (`?`): name, type, value, prompt, help text, defaults with their conditions
// and values, the direct dependencies split into terms with each term's value, selected-by and
// implied-by with values, what it selects and implies, where it is defined and its menu path.
import type { KconfigTree, MenuNode, SymbolInfo } from '../kconfig/api.js';
import { annotate, evalText, splitTopAnd } from './exprText.js';
import { origin } from './details.js';
import { explain, type Term } from '../kconfig/explain.js';
import { missingLines, type Line, type Tone } from './why.js';

const L = (text: string, tone: Tone = 'plain'): Line => ({ text, tone });
const show = (i: SymbolInfo, v: string) => (i.type === 'string' ? JSON.stringify(v) : v);
const mark = (v: string | null) => (v === null ? '·' : v === 'n' ? '✗' : '✓');
const toneOf = (v: string | null): Tone => (v === null ? 'plain' : v === 'n' ? 'bad' : 'ok');

function helpText(h: string | null): Line[] {
  const text = (h ?? '').replace(/\n+$/, '');
  if (!text.trim()) return [L('  (no help text)', 'dim')];
  return text.split('\n').map((s) => L(`  ${s}`));
}

function menuPath(tree: KconfigTree, node: MenuNode): Line[] {
  const parts = [tree.title, ...node.path, node.prompt ?? node.symbol ?? node.kind];
  return [L('Menu path', 'head'), L(`  ${parts.join(' › ')}`)];
}

/** Each top-level `&&` term of an expression with its value. */
export function termLines(tree: KconfigTree, text: string, indent = '  '): Line[] {
  return splitTopAnd(text).map((term) => {
    const r = evalText(tree, term);
    return L(`${indent}${mark(r)} ${annotate(tree, term)}${r === null ? '' : `   = ${r}`}`, toneOf(r));
  });
}

function termOrigin(t: Term): string {
  const o = t.origin;
  if (o.kind === 'menu') return o.label ? `menu "${o.label}"` : 'enclosing menu';
  if (o.kind === 'if') return o.label ? `if ${o.label}` : 'if block';
  if (o.kind === 'choice') return o.label ? `choice "${o.label}"` : 'choice';
  if (o.kind === 'visible if') return o.label ? `visible if of "${o.label}"` : 'visible if';
  if (o.kind === 'depends on') return `depends on${o.location ? ` at ${o.location.file}:${o.location.line}` : ''}`;
  return '';
}

export function infoLines(tree: KconfigTree, node: MenuNode): Line[] {
  const out: Line[] = [];
  if (!node.symbol || node.kind === 'choice') {
    out.push(L(`${node.prompt ?? '(no prompt)'}`, 'head'));
    out.push(L(`Kind: ${node.kind}${node.symbol ? `   Name: ${node.symbol}` : ''}`));
    if (node.kind === 'choice') {
      const st = tree.choiceState(node);
      const member = st.selected === null ? null : node.children.find((c) => c.symbol === st.selected);
      out.push(L(`Mode: ${st.mode}${st.optional ? ' (optional)' : ''}   Selected: ${member ? `${member.prompt ?? st.selected} (${st.selected})` : 'none'}`));
      out.push(L(''));
      out.push(L('Members', 'head'));
      for (const c of node.children) {
        if (!c.symbol) continue;
        const v = tree.nodeValue(c);
        out.push(L(`  ${v === 'y' ? '(X)' : v === 'm' ? '(M)' : '( )'} ${c.prompt ?? c.symbol}  ${c.symbol}${tree.isVisible(c) ? '' : '  (hidden)'}`, tree.isVisible(c) ? 'plain' : 'dim'));
      }
    } else if (node.kind === 'menu') {
      out.push(L(`${node.children.filter((c) => tree.isVisible(c)).length} of ${node.children.length} entries shown`));
    }
    out.push(L(''));
    out.push(L('Help', 'head'));
    out.push(...helpText(node.help));
    out.push(L(''));
    out.push(L('Defined at', 'head'));
    out.push(L(`  ${node.location.file}:${node.location.line}`));
    out.push(L(''));
    out.push(...menuPath(tree, node));
    return out;
  }
  const info = tree.info(node.symbol);
  out.push(L(`${info.name}${info.prompt ? ` — ${info.prompt}` : ''}`, 'head'));
  const shownT = info.effectiveType !== info.type ? `${info.type} (shown as ${info.effectiveType})` : info.type;
  out.push(L(`Type: ${shownT}   Value: ${show(info, info.value)}   [${origin(info)}]`));
  if (info.userValue !== null) out.push(L(`Your value: ${show(info, info.userValue)}${info.userValue === info.value ? '' : ' (not in effect)'}`, info.userValue === info.value ? 'plain' : 'warn'));
  out.push(L(`Prompt: ${info.prompt ?? '(none: set only by defaults, select and imply)'}`));
  if (info.range) out.push(L(`Range: ${info.range.min} .. ${info.range.max}`));
  const settable = info.assignable.filter((a) => a !== '*');
  out.push(L(`Settable now: ${info.assignable.length === 0 ? 'no' : settable.length ? settable.join(', ') : 'yes'}`, info.assignable.length ? 'plain' : 'dim'));
  if (info.choice !== null) out.push(L(`Member of the choice: ${info.choice}`));
  out.push(L(''));
  out.push(L('Help', 'head'));
  out.push(...helpText(info.help ?? node.help));
  out.push(L(''));
  out.push(L('Defaults (the first true one applies)', 'head'));
  if (!info.defaults.length) out.push(L('  (none)', 'dim'));
  for (const d of info.defaults) {
    const cond = d.condition ? ` if ${d.condition.withValues}   (condition = ${d.condition.value})` : '';
    out.push(L(`  ${d.active ? '→' : ' '} default ${annotate(tree, d.value)}${cond}`, d.active ? 'ok' : 'dim'));
  }
  out.push(L(''));
  out.push(L('Depends on', 'head'));
  if (info.dependsOn?.text === '<choice>') {
    const ch = node.parent?.kind === 'choice' ? node.parent : null;
    const terms = explain(tree, info.name, { maxDepth: 0, maxReasons: 1 }).dependsOn;
    const hidden = ch !== null && !tree.isVisible(ch);
    out.push(L(`  ${terms.map((t) => t.withValues).join(' && ') || `its choice${ch ? ` "${ch.prompt ?? ''}"` : ''}`}${ch && !hidden ? ' (shown)' : ''}`, hidden ? 'bad' : 'plain'));
  } else if (!info.dependsOn) out.push(L('  (nothing)', 'dim'));
  else {
    out.push(L(`  ${info.dependsOn.withValues}   [= ${info.dependsOn.value}]`, info.dependsOn.value === 'n' ? 'bad' : 'plain'));
    let terms: Term[] | null = null;
    try {
      terms = explain(tree, info.name, { maxDepth: 0, maxReasons: 1 }).dependsOn;
    } catch {
      terms = null;
    }
    if (terms && terms.length) {
      for (const t of terms) {
        const from = termOrigin(t);
        out.push(L(`    ${mark(t.value)} ${t.withValues}   = ${t.value}${from ? `   (${from})` : ''}`, toneOf(t.value)));
      }
    } else out.push(...termLines(tree, info.dependsOn.text, '    '));
  }
  out.push(L(''));
  out.push(L('Selected by', 'head'));
  if (!info.selectedBy.length) out.push(L('  (nothing)', 'dim'));
  for (const s of info.selectedBy) out.push(L(`  [${s.value}] ${s.expr}`, s.value === 'n' ? 'dim' : 'ok'));
  out.push(L('Implied by', 'head'));
  if (!info.impliedBy.length) out.push(L('  (nothing)', 'dim'));
  for (const s of info.impliedBy) out.push(L(`  [${s.value}] ${s.expr}`, s.value === 'n' ? 'dim' : 'ok'));
  out.push(L('Selects', 'head'));
  out.push(L(info.selects.length ? `  ${info.selects.map((s) => annotate(tree, s)).join(', ')}` : '  (nothing)', info.selects.length ? 'plain' : 'dim'));
  out.push(L('Implies', 'head'));
  out.push(L(info.implies.length ? `  ${info.implies.map((s) => annotate(tree, s)).join(', ')}` : '  (nothing)', info.implies.length ? 'plain' : 'dim'));
  for (const m of missingLines(tree, info.name)) out.push(L(`  ${m.text}`, m.tone));
  out.push(L(''));
  out.push(L(info.locations.length > 1 ? `Defined at (${info.locations.length} places)` : 'Defined at', 'head'));
  for (const loc of info.locations) out.push(L(`  ${loc.file}:${loc.line}`));
  out.push(L(''));
  out.push(...menuPath(tree, node));
  return out;
}
