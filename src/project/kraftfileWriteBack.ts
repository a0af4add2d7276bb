// Writing menu changes back into the Kraftfile: the symbols whose values the Kraftfile does not yet
// give go into the target's `kconfig` (or `unikraft.kconfig`, for every target), in the form that
// block already uses (a list of CONFIG_X=v or a map). The edit is made on the yaml Document, and
// only the lines it changes are replaced in the file's text, so comments, order and layout stay.
import { isMap, isScalar, isSeq, Scalar, YAMLMap, YAMLSeq, type Document, type Node } from 'yaml';
import { UkmenuError } from './errors.js';
import { diffLines, unifiedDiff } from './lineDiff.js';
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

/** The text of a .config string value ("a \"b\"" → a "b"). */
function unquote(v: string): string {
  return v.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** A list item's text after `=`: text unquoted unless it would read back as something else. */
function listValue(v: string): string {
  if (!v.startsWith('"')) return v;
  const s = unquote(v);
  return s === '' || /^[ynm]$|^-?\d+$|^0[xX][0-9a-fA-F]+$|^\s|\s$|^"/.test(s) ? v : s;
}

function mapValue(v: string): Scalar {
  const s = new Scalar(v.startsWith('"') ? unquote(v) : v);
  if (v.startsWith('"') && (/^[ynm]$|^-?\d+$|^0[xX]|^(true|false)$/.test(unquote(v)) || unquote(v) === '')) s.type = 'QUOTE_DOUBLE';
  return s;
}

/** Sets `key` in a kconfig node (list or map) of the document. */
function setIn(node: YAMLSeq | YAMLMap, key: string, value: string): void {
  if (isSeq(node)) {
    const text = `${key}=${listValue(value)}`;
    const i = node.items.findIndex((it) => isScalar(it) && String(it.value).split('=')[0].trim() === key);
    if (i >= 0) (node.items[i] as Scalar).value = text;
    else node.items.push(new Scalar(text));
  } else {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    const scalar = mapValue(value);
    if (pair && isScalar(pair.value)) {
      // keep the value's comment and, unless it must be quoted, its style
      pair.value.value = scalar.value;
      if (scalar.type) pair.value.type = scalar.type;
    } else node.set(key, scalar);
  }
}

/** A new kconfig block, in the form the file uses elsewhere. */
function newBlock(form: KconfigBlock['form']): YAMLSeq | YAMLMap {
  return form === 'map' ? new YAMLMap() : new YAMLSeq();
}

/** The kconfig node under a map (created in `form` when missing). */
function kconfigOf(owner: YAMLMap, form: KconfigBlock['form']): YAMLSeq | YAMLMap {
  const k = owner.get('kconfig', true) as Node | undefined;
  if (isSeq(k) || isMap(k)) return k;
  const block = newBlock(form);
  owner.set('kconfig', block);
  return block;
}

/** The form new blocks take: the one the Kraftfile already uses most. */
function preferredForm(k: Kraftfile): KconfigBlock['form'] {
  const blocks = [k.unikraft, ...k.libraries.map((l) => l.kconfig), ...k.targets.map((t) => t.kconfig)].filter((b) => b.values.length);
  return blocks.filter((b) => b.form === 'map').length > blocks.length / 2 ? 'map' : 'list';
}

/** The target's map in `targets:` (a `plat/arch` shorthand becomes a map with the same meaning). */
function targetMap(doc: Document, target: KraftTarget): YAMLMap {
  const seq = doc.get('targets', true);
  if (!isSeq(seq) || target.index < 0 || target.index >= seq.items.length) {
    throw new UkmenuError(`this target is not an entry of the Kraftfile's targets: list; write back to every target (--all) instead`);
  }
  const item = seq.items[target.index];
  if (isMap(item)) return item;
  const map = new YAMLMap();
  map.set('platform', target.plat);
  map.set('architecture', target.arch);
  if (isScalar(item) && item.comment) map.comment = item.comment;
  seq.items[target.index] = map;
  return map;
}

/** The unikraft map (a version string becomes `version: ...`). */
function unikraftMap(doc: Document): YAMLMap {
  const uk = doc.get('unikraft', true) as Node | undefined;
  if (isMap(uk)) return uk;
  const map = new YAMLMap();
  if (isScalar(uk) && uk.value !== null && uk.value !== '') map.set('version', uk);
  doc.set('unikraft', map);
  return map;
}

/** Indentation of the file: its smallest indent, and whether block sequences are indented under their key. */
function layoutOf(text: string): { indent: number; indentSeq: boolean } {
  const lines = text.split('\n');
  const indents = lines.filter((l) => /^\s+[^\s#]/.test(l)).map((l) => /^ */.exec(l)![0].length).filter((n) => n > 0);
  let indentSeq = true;
  for (let i = 0; i + 1 < lines.length; i++) {
    const key = /^( *)[^\s#-][^:]*:\s*(#.*)?$/.exec(lines[i]);
    if (!key) continue;
    const next = lines.slice(i + 1).find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    const item = next && /^( *)- /.exec(next);
    if (item) { indentSeq = item[1].length > key[1].length; break; }
  }
  return { indent: indents.length ? Math.min(...indents) : 2, indentSeq };
}

/** The document's new text: the original's lines wherever the document did not change. */
function splice(original: string, before: Document, after: Document): string {
  const opts = { ...layoutOf(original), lineWidth: 0 };
  const a = before.toString(opts);
  const b = after.toString(opts);
  const orig = original.endsWith('\n') ? original.slice(0, -1).split('\n') : original.split('\n');
  const norm = a.slice(0, -1).split('\n');
  if (norm.length !== orig.length) return b; // the layout differs too much to keep: the yaml package's text
  const out: string[] = [];
  let i = 0;
  for (const d of diffLines(norm, b.slice(0, -1).split('\n'))) {
    if (d.op === ' ') out.push(orig[i++]);
    else if (d.op === '-') i++;
    else out.push(d.text);
  }
  return out.join('\n') + '\n';
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
  const before = kraftfile.doc;
  const doc = before.clone();
  const form = preferredForm(kraftfile);
  const edits: WriteBackEdit[] = [];
  const where = scope === 'all' ? 'unikraft.kconfig' : `targets[${target.index}].kconfig`;
  const block = scope === 'all' ? kconfigOf(unikraftMap(doc), kraftfile.unikraft.values.length ? kraftfile.unikraft.form : form)
    : kconfigOf(targetMap(doc, target), target.kconfig.values.length ? target.kconfig.form : form);
  for (const [key, value] of values) {
    setIn(block, key, value);
    edits.push({ key, value, where });
    if (scope !== 'all') continue;
    // a library's or the target's own value would still win over unikraft.kconfig: change it there too
    kraftfile.libraries.forEach((lib) => {
      const has = lib.kconfig.values.find((v) => v.key === key);
      if (!has || has.value === value) return;
      setIn(doc.getIn(['libraries', lib.name, 'kconfig'], true) as YAMLSeq | YAMLMap, key, value);
      edits.push({ key, value, where: `libraries.${lib.name}.kconfig` });
    });
    const own = target.kconfig.values.find((v) => v.key === key);
    if (own && own.value !== value) {
      setIn(kconfigOf(targetMap(doc, target), target.kconfig.form), key, value);
      edits.push({ key, value, where: `targets[${target.index}].kconfig` });
    }
  }
  const after = values.size ? splice(kraftfile.text, before, doc) : kraftfile.text;
  // what we write must read back as these values
  const again = parseKraftfile(kraftfile.file, after);
  const merged = mergedKconfig(again, again.targets.find((t) => t.index === target.index) ?? target);
  for (const [k, v] of values) {
    if (merged.get(k) !== v) throw new UkmenuError(`writing ${defconfigLine(k, v)} back into ${kraftfile.file} would read back as ${merged.has(k) ? defconfigLine(k, merged.get(k)!) : 'nothing'}`);
  }
  return { file: kraftfile.file, before: kraftfile.text, after, diff: unifiedDiff(kraftfile.text, after, kraftfile.file), edits };
}
