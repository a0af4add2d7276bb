// Writing menu changes back into the Kraftfile: the symbols whose values the Kraftfile does not yet
// give go into the target's `kconfig` (or `unikraft.kconfig`, for every target), in the form that
// block already uses (a list of CONFIG_X=v or a map). Each change is located on the yaml Document
// (its nodes' source ranges) and made on the file's text there: a value replaced in place, a line
// added after its block's last line with that block's indentation; nothing else moves, so comments,
// order and layout stay. The result is read again to check it says what was meant.
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { UkmenuError } from './errors.js';
import { unifiedDiff } from './lineDiff.js';
import { defconfigLine, parseKraftfile, type KconfigBlock, type Kraftfile, type KraftTarget } from './kraftfile.js';
import { architectureSymbol, configValues, mergedKconfig, platformSymbols } from './targets.js';

export type WriteBackScope = 'target' | 'all';

export interface WriteBackEdit {
  key: string;
  /** The value as a defconfig holds it ('n', 'y', '7', '"text"'). */
  value: string;
  /** Where it goes: `unikraft.kconfig`, `targets[2].kconfig`, `libraries.lwip.kconfig`. */
  where: string;
}

/**
 * The values to record so that the Kraftfile gives the current configuration: each line of its
 * minimal configuration (savedefconfig) the merged lines do not already say, and each merged line
 * the configuration no longer has. The target's platform and architecture symbols are the
 * target's own and never recorded.
 */
export function valuesToRecord(kraftfile: Kraftfile, target: KraftTarget, current: string, minimal: string): Map<string, string> {
  const merged = mergedKconfig(kraftfile, target);
  const fixed = new Set([...platformSymbols(target.plat), architectureSymbol(target.arch) ?? '']);
  const now = configValues(current);
  const out = new Map<string, string>();
  for (const [k, v] of configValues(minimal)) if (!fixed.has(k) && merged.get(k) !== v) out.set(k, v);
  for (const [k, v] of merged) {
    // a symbol the .config does not list is invisible or unknown here: left as the Kraftfile has it
    if (fixed.has(k) || !now.has(k)) continue;
    if (now.get(k) !== v) out.set(k, now.get(k)!);
  }
  return out;
}

/** The text of a .config string value ("a \\"b\\"" → a "b"). */
function unquote(v: string): string {
  return v.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** A YAML scalar for `text`: plain when it reads back as the same text, else double-quoted. */
function yamlScalar(text: string): string {
  const plain = text !== '' && !/^[\s\-?:,[\]{}#&*!|>'"%@`]|: | #|:$|\s$/.test(text) && !/^(true|false|null|~)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

/** The list item text: `KEY=value`, text unquoted unless it would read back as something else. */
function listItem(key: string, v: string): string {
  let value = v;
  if (v.startsWith('"')) {
    const s = unquote(v);
    if (!(s === '' || /^[ynm]$|^-?\d+$|^0[xX][0-9a-fA-F]+$|^\s|\s$|^"/.test(s))) value = s;
  }
  return yamlScalar(`${key}=${value}`);
}

/** The map value text. */
function mapItem(v: string): string {
  if (!v.startsWith('"')) return v;
  const s = unquote(v);
  return /^[ynm]$|^-?\d+$|^0[xX]|^(true|false)$/.test(s) || s === '' ? JSON.stringify(s) : yamlScalar(s);
}

/** Text positions: start and end of the line holding `at`, and its indentation. */
const lineStart = (t: string, at: number) => t.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (t: string, at: number) => { const e = t.indexOf('\n', at); return e < 0 ? t.length : e; };
const column = (t: string, at: number) => at - lineStart(t, at);

/** Where a node's last line ends (a block collection's range runs into the next line). */
function endOfNode(t: string, n: Node): number {
  let end = n.range![1];
  while (end > n.range![0] && /\s/.test(t[end - 1])) end--;
  return lineEnd(t, end - 1);
}

const replace = (t: string, from: number, to: number, text: string) => t.slice(0, from) + text + t.slice(to);

function flowError(n: Node): never {
  throw new UkmenuError(`write-back edits block-style kconfig lists and maps only; this one is written in flow style ([...] or {...}) at byte ${n.range![0]}`, ['fix: write it as a block list (one "- CONFIG_X=v" a line), then write back again']);
}

/** Sets `key` in an existing kconfig list or map. */
function setInBlock(t: string, node: YAMLSeq | YAMLMap, key: string, value: string): string {
  if (node.flow) flowError(node as Node);
  if (isSeq(node)) {
    const items = node.items as Node[];
    const hit = items.find((it) => isScalar(it) && String(it.value).split('=')[0].trim() === key);
    if (hit) return replace(t, hit.range![0], hit.range![1], listItem(key, value));
    const last = items[items.length - 1];
    const dash = t.lastIndexOf('-', last.range![0]);
    const at = endOfNode(t, last);
    return replace(t, at, at, `\n${' '.repeat(column(t, dash))}- ${listItem(key, value)}`);
  }
  const pairs = node.items as Pair<Node, Node>[];
  const hit = pairs.find((p) => isScalar(p.key) && String(p.key.value) === key);
  if (hit && isScalar(hit.value)) return replace(t, hit.value.range![0], hit.value.range![1], mapItem(value));
  const last = pairs[pairs.length - 1];
  const at = endOfNode(t, (last.value ?? last.key) as Node);
  return replace(t, at, at, `\n${' '.repeat(column(t, last.key.range![0]))}${key}: ${mapItem(value)}`);
}

/** Adds `kconfig:` with one value under a block map (a target's, unikraft's). */
function addBlock(t: string, owner: YAMLMap, form: KconfigBlock['form'], indentSeq: boolean, key: string, value: string): string {
  if (owner.flow) flowError(owner as Node);
  const pairs = owner.items as Pair<Node, Node>[];
  const existing = pairs.find((p) => isScalar(p.key) && String(p.key.value) === 'kconfig');
  const ind = ' '.repeat(column(t, pairs[0].key.range![0]));
  const item = form === 'map' ? `${ind}  ${key}: ${mapItem(value)}` : `${ind}${indentSeq ? '  ' : ''}- ${listItem(key, value)}`;
  if (existing) {
    // `kconfig:` with nothing under it
    const at = lineEnd(t, existing.key.range![0]);
    return replace(t, at, at, `\n${item}`);
  }
  const at = endOfNode(t, (pairs[pairs.length - 1].value ?? pairs[pairs.length - 1].key) as Node);
  return replace(t, at, at, `\n${ind}kconfig:\n${item}`);
}

/** Whether block lists in this file are indented under their key (`kconfig:\n  - X`). */
function indentsLists(t: string): boolean {
  const m = /^( *)[\w.-]+:[ \t]*(#.*)?\n(?:[ \t]*(?:#.*)?\n)*( *)- /m.exec(t);
  return m ? m[3].length > m[1].length : true;
}

type Place = { kind: 'unikraft' } | { kind: 'target'; index: number } | { kind: 'library'; name: string };

/** Records one value at a place (read afresh from the text, so edits never see stale positions). */
function record(t: string, file: string, place: Place, form: KconfigBlock['form'], key: string, value: string): string {
  const doc = parseDocument(t, { schema: 'failsafe' });
  const top = doc.contents as YAMLMap;
  const indentSeq = indentsLists(t);
  if (place.kind === 'library') return setInBlock(t, doc.getIn(['libraries', place.name, 'kconfig'], true) as YAMLSeq | YAMLMap, key, value);
  if (place.kind === 'unikraft') {
    const uk = top.get('unikraft', true) as Node | undefined;
    if (isMap(uk)) {
      const k = uk.get('kconfig', true) as Node | undefined;
      return isSeq(k) || isMap(k) ? setInBlock(t, k, key, value) : addBlock(t, uk, form, indentSeq, key, value);
    }
    const block = form === 'map' ? `  kconfig:\n    ${key}: ${mapItem(value)}` : `  kconfig:\n  ${indentSeq ? '  ' : ''}- ${listItem(key, value)}`;
    if (isScalar(uk) && uk.value !== '') {
      // `unikraft: stable` becomes a map with that version
      const pair = (top.items as Pair<Node, Node>[]).find((p) => isScalar(p.key) && p.key.value === 'unikraft')!;
      const colon = t.indexOf(':', pair.key.range![1]);
      const end = lineEnd(t, uk.range![0]);
      const comment = t.slice(uk.range![1], end).trim();
      return replace(t, colon + 1, end, `${comment ? ` ${comment}` : ''}\n  version: ${t.slice(uk.range![0], uk.range![1])}\n${block}`);
    }
    const sep = t === '' || t.endsWith('\n') ? '' : '\n';
    return `${t}${sep}unikraft:\n${block}\n`;
  }
  const seq = top.get('targets', true) as Node | undefined;
  const item = isSeq(seq) ? (seq.items[place.index] as Node | undefined) : undefined;
  if (!item) throw new UkmenuError(`this target is not an entry of ${file}'s targets: list; write back to every target (--all) instead`);
  if (isMap(item)) {
    const k = item.get('kconfig', true) as Node | undefined;
    return isSeq(k) || isMap(k) ? setInBlock(t, k, key, value) : addBlock(t, item, form, indentSeq, key, value);
  }
  // `- qemu/x86_64` becomes `- platform: qemu` / `architecture: x86_64` / `kconfig:` at the same column
  const s = String((item as { value?: unknown }).value ?? '');
  const [plat, arch] = s.split('/');
  const col = ' '.repeat(column(t, item.range![0]));
  const end = lineEnd(t, item.range![0]);
  const first = form === 'map' ? `${col}kconfig:\n${col}  ${key}: ${mapItem(value)}` : `${col}kconfig:\n${col}${indentSeq ? '  ' : ''}- ${listItem(key, value)}`;
  const withLines = replace(t, end, end, `\n${col}architecture: ${arch}\n${first}`);
  return replace(withLines, item.range![0], item.range![1], `platform: ${plat}`);
}

/** The form new blocks take: the one the Kraftfile already uses most. */
function preferredForm(k: Kraftfile): KconfigBlock['form'] {
  const blocks = [k.unikraft, ...k.libraries.map((l) => l.kconfig), ...k.targets.map((t) => t.kconfig)].filter((b) => b.values.length);
  return blocks.filter((b) => b.form === 'map').length > blocks.length / 2 ? 'map' : 'list';
}

export interface WriteBackPlan {
  file: string;
  before: string;
  after: string;
  /** `diff -u` of the two ('' when there is nothing to record). */
  diff: string;
  edits: WriteBackEdit[];
}

/** The Kraftfile with `values` recorded for `target` (scope 'target') or for every target (scope 'all'). */
export function planWriteBack(kraftfile: Kraftfile, target: KraftTarget, values: Map<string, string>, scope: WriteBackScope): WriteBackPlan {
  const form = preferredForm(kraftfile);
  const edits: WriteBackEdit[] = [];
  let text = kraftfile.text;
  if (scope === 'target' && target.index < 0) throw new UkmenuError(`this target is not an entry of ${kraftfile.file}'s targets: list; write back to every target (--all) instead`);
  for (const [key, value] of values) {
    if (scope === 'target') {
      text = record(text, kraftfile.file, { kind: 'target', index: target.index }, target.kconfig.values.length ? target.kconfig.form : form, key, value);
      edits.push({ key, value, where: `targets[${target.index}].kconfig` });
      continue;
    }
    text = record(text, kraftfile.file, { kind: 'unikraft' }, kraftfile.unikraft.values.length ? kraftfile.unikraft.form : form, key, value);
    edits.push({ key, value, where: 'unikraft.kconfig' });
    // a library's or the target's own value would still win over unikraft.kconfig: change it there too
    for (const lib of kraftfile.libraries) {
      const has = lib.kconfig.values.find((v) => v.key === key);
      if (!has || has.value === value) continue;
      text = record(text, kraftfile.file, { kind: 'library', name: lib.name }, lib.kconfig.form, key, value);
      edits.push({ key, value, where: `libraries.${lib.name}.kconfig` });
    }
    const own = target.kconfig.values.find((v) => v.key === key);
    if (own && own.value !== value) {
      text = record(text, kraftfile.file, { kind: 'target', index: target.index }, target.kconfig.form, key, value);
      edits.push({ key, value, where: `targets[${target.index}].kconfig` });
    }
  }
  // what we write must read back as these values
  const again = parseKraftfile(kraftfile.file, text);
  const merged = mergedKconfig(again, again.targets.find((t) => t.index === target.index) ?? target);
  for (const [k, v] of values) {
    if (merged.get(k) !== v) throw new UkmenuError(`writing ${defconfigLine(k, v)} back into ${kraftfile.file} would read back as ${merged.has(k) ? defconfigLine(k, merged.get(k)!) : 'nothing'}`);
  }
  return { file: kraftfile.file, before: kraftfile.text, after: text, diff: unifiedDiff(kraftfile.text, text, kraftfile.file), edits };
}
