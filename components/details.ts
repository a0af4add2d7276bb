// The details pane's lines for the highlighted entry: name, type, value and where the value comes
// from, the main "why", what blocks changing it, and the start of the help text.
import type { KconfigTree, MenuNode } from '../kconfig/api.js';
import { annotate } from './exprText.js';
import type { SymbolInfo } from '../kconfig/api.js';
import { blockReasons, missingLines, valueReasons, type Line } from './why.js';

/** Where the value comes from, in two words. */
export function origin(i: SymbolInfo): string {
  if (i.visible === 'n') return 'not changeable';
  if (!i.changeable) return 'forced by select';
  if (i.userValue !== null) return i.userValue === i.value ? 'set by you' : 'set by you, adjusted';
  if (i.selectedBy.some((s) => s.value !== 'n') && i.value !== 'n') return 'selected';
  return 'default';
}

export function detailLines(tree: KconfigTree, node: MenuNode | null, height: number): Line[] {
  if (!node) return [];
  const out: Line[] = [];
  const loc = `${node.location.file}:${node.location.line}`;
  const helpLines = (h: string | null) =>
    (h ?? '').replace(/\n+$/, '').split('\n').filter((s, i, a) => s.trim() || (i > 0 && a[i - 1].trim()))
      .map((text) => ({ text, tone: 'dim' as const }));
  if (!node.symbol || node.kind === 'choice') {
    const kind = node.kind === 'if' ? 'if' : node.kind;
    out.push({ text: `${kind} "${node.prompt ?? ''}"   ${loc}`, tone: 'head' });
    if (node.kind === 'choice') {
      const sel = tree.nodeValue(node);
      const member = sel === null ? null : node.children.find((c) => c.symbol === sel);
      out.push({ text: `Selected: ${member?.prompt ? `${member.prompt} (${sel})` : sel ?? 'none'}   (Enter to choose another)`, tone: 'plain' });
    } else if (node.kind === 'menu') {
      out.push({ text: `${node.children.filter((c) => tree.isVisible(c)).length} visible entries   (Enter to open)`, tone: 'plain' });
    }
    out.push(...helpLines(node.help));
    return out.slice(0, height);
  }
  const info = tree.info(node.symbol);
  out.push({ text: `${info.name}   ${info.type} = ${info.type === 'string' ? JSON.stringify(info.value) : info.value}   [${origin(info)}]   ${loc}`, tone: 'head' });
  const reasons = valueReasons(tree, info);
  if (reasons[0]) out.push(reasons[0]);
  // what it selects that nothing defines: the build would break later, so say it where it is chosen
  const missing = missingLines(tree, info.name);
  if (missing[0]) out.push(missing[0]);
  const block = blockReasons(tree, info);
  if (block[0]) out.push(block[0]);
  else if (info.range) out.push({ text: `Range: ${info.range.min}..${info.range.max}`, tone: 'plain' });
  else if (info.dependsOn && info.dependsOn.text !== '<choice>') out.push({ text: `Depends on: ${annotate(tree, info.dependsOn.text)}`, tone: 'plain' });
  out.push(...helpLines(info.help ?? node.help));
  return out.slice(0, height);
}
