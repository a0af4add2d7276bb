// A kraftkit application's Kraftfile (or the older kraft.yaml), read with the `yaml` package: spec
// v0.5 and v0.6 (`spec` or `specification`), the `unikraft` and library Kconfig values (a list of
// `CONFIG_X=v` or a map), and the targets (`plat/arch` shorthand or objects; v0.4's
// `architectures`/`platforms` maps). Errors name file:line:col. The parsed Document is kept so the
// write-back can edit it without losing comments, order or layout. What the app runs with is read
// here too: `rootfs:`, `cmd:` and `volumes:` (see KraftVolume).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Scalar } from 'yaml';
import { UkmenuError } from './errors.js';
import { findKraftfile, type KraftfileLibs } from './kraftfileFind.js';
import { splitWords } from './split-words.js';

export { findKraftfile, KRAFTFILE_NAMES, type KraftfileLibs } from './kraftfileFind.js';


/** One Kconfig value as a defconfig line holds it (`CONFIG_X=y`, `CONFIG_S="text"`, `# CONFIG_X is not set`). */
export interface KconfigValue {
  /** The symbol as written (normally with its CONFIG_ prefix). */
  key: string;
  /** The value as it goes after `=` in a defconfig ('n' is written as "is not set"). */
  value: string;
  /** 1-based line in the Kraftfile. */
  line: number;
}

/** Where a list of Kconfig values sits in the file, and in which form. */
export interface KconfigBlock {
  values: KconfigValue[];
  form: 'list' | 'map';
}

export interface KraftTarget {
  /** `name:` (or `kernel:`), else the Kraftfile's `name:`, else the app folder's name (as kraft does). */
  name: string;
  /** kraft's platform name: firecracker is fc, kvm is qemu. */
  plat: string;
  arch: string;
  kconfig: KconfigBlock;
  /** Position in `targets:` (0-based), and whether it is the `plat/arch` shorthand. */
  index: number;
  shorthand: boolean;
  line: number;
}

export interface KraftLibrary {
  name: string;
  kconfig: KconfigBlock;
  line: number;
}

/** One `volumes:` entry: spec 0.5 maps name -> {driver, source}; 0.6 lists "SRC:DEST" or {source, destination}. */
export interface KraftVolume {
  /** Resolved against the Kraftfile's folder. */
  source: string;
  /** The mount point (0.6 lists). */
  dest?: string;
  /** The volume's name (0.5 maps: the 9p tag) and driver. */
  name?: string;
  driver?: string;
}

export interface Kraftfile {
  file: string;
  text: string;
  doc: Document;
  /** `spec`/`specification` as written ('v0.6', '0.5'), if any. */
  spec?: string;
  name?: string;
  unikraft: KconfigBlock;
  libraries: KraftLibrary[];
  targets: KraftTarget[];
  /** `rootfs:` (a folder, a CPIO archive or a Dockerfile) resolved against the Kraftfile's folder. */
  rootfs?: string;
  /** `cmd:` as argv words (a list, or one string split as a shell would). */
  cmd?: string[];
  volumes?: KraftVolume[];
}

/** kraftkit's platform aliases (machine/platform: PlatformsByName). */
const PLATFORM_ALIASES: Record<string, string> = { firecracker: 'fc', kvm: 'qemu' };

export function canonicalPlatform(p: string): string {
  return PLATFORM_ALIASES[p] ?? p;
}

/** file:line:col of an offset in the text. */
export function positionOf(file: string, text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  const col = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `${file}:${line}:${col}`;
}

function lineOf(text: string, node: Node | null | undefined): number {
  const at = node?.range?.[0] ?? 0;
  return text.slice(0, at).split('\n').length;
}

class Reader {
  constructor(readonly file: string, readonly text: string) {}

  fail(node: Node | null | undefined, message: string): never {
    throw new UkmenuError(`${positionOf(this.file, this.text, node?.range?.[0] ?? 0)}: ${message}`, [
      'fix: correct the Kraftfile (see https://unikraft.org/docs/cli/reference/kraftfile)',
    ]);
  }

  /** A plain or quoted scalar's text (the failsafe schema keeps every scalar a string). */
  str(node: unknown, what: string): string {
    if (!isScalar(node) || typeof node.value !== 'string') this.fail(node as Node, `${what} must be a text value`);
    return node.value as string;
  }

  /** A map value as a defconfig value: true/false are y/n, quoted text stays text. */
  mapValue(node: Scalar): string {
    const v = String(node.value);
    if (node.type === 'PLAIN') {
      if (v === 'true') return 'y';
      if (v === 'false') return 'n';
    }
    return defconfigValue(v);
  }

  kconfig(node: unknown): KconfigBlock {
    if (node === undefined || node === null || (isScalar(node) && (node.value === null || node.value === ''))) return { values: [], form: 'list' };
    if (isSeq(node)) {
      const values: KconfigValue[] = [];
      for (const item of node.items) {
        const text = this.str(item, 'a kconfig list item');
        const eq = text.indexOf('=');
        if (eq <= 0) this.fail(item as Node, `kconfig: "${text}" is not KEY=VALUE`);
        values.push({ key: text.slice(0, eq).trim(), value: defconfigValue(text.slice(eq + 1)), line: lineOf(this.text, item as Node) });
      }
      return { values, form: 'list' };
    }
    if (isMap(node)) {
      const values: KconfigValue[] = [];
      for (const pair of node.items) {
        const key = this.str(pair.key, 'a kconfig key');
        const missing = !isScalar(pair.value) || pair.value.value === null || (pair.value.value === '' && pair.value.type === 'PLAIN');
        if (missing) this.fail(pair.key as Node, `kconfig: ${key} has no value`);
        values.push({ key, value: this.mapValue(pair.value as Scalar), line: lineOf(this.text, pair.key as Node) });
      }
      return { values, form: 'map' };
    }
    this.fail(node as Node, 'kconfig must be a list of CONFIG_X=value or a map of CONFIG_X: value');
  }

  rootfs(node: Node): string {
    const v = isScalar(node) && !isNull(node) ? String(node.value) : '';
    if (v.trim() === '') this.fail(node, 'rootfs: must be a path (a folder, a CPIO archive or a Dockerfile)');
    return path.resolve(path.dirname(this.file), v);
  }

  cmd(node: Node): string[] {
    if (isScalar(node) && !isNull(node)) return splitWords(String(node.value));
    if (isSeq(node) && node.items.every((x) => isScalar(x) && !isNull(x))) return node.items.map((x) => String((x as Scalar).value));
    this.fail(node, 'cmd: must be a list of arguments or one string');
  }

  volumes(node: Node): KraftVolume[] {
    const dir = path.dirname(this.file);
    const bad = 'volumes: must be a list of SOURCE:DEST (or {source, destination}) or a map of name: {source}';
    const one = (x: unknown, name?: string): KraftVolume => {
      if (typeof x === 'string') {
        const i = x.lastIndexOf(':');
        return i > 0 ? { source: path.resolve(dir, x.slice(0, i)), dest: x.slice(i + 1), name } : { source: path.resolve(dir, x), name };
      }
      const o = x as Record<string, unknown> | null;
      if (!o || typeof o !== 'object' || typeof o.source !== 'string') this.fail(node, bad);
      return {
        source: path.resolve(dir, o.source), name,
        dest: typeof o.destination === 'string' ? o.destination : undefined,
        driver: typeof o.driver === 'string' ? o.driver : undefined,
      };
    };
    if (isSeq(node)) return (node.toJSON() as unknown[]).map((x) => one(x));
    if (isMap(node)) return Object.entries(node.toJSON() as Record<string, unknown>).map(([k, x]) => one(x, k));
    this.fail(node, bad);
  }
}

/** A plain empty, ~ or null scalar: YAML's null, which the failsafe schema keeps as text. */
function isNull(node: Scalar): boolean {
  return node.value === null || (node.type === 'PLAIN' && ['', '~', 'null', 'Null', 'NULL'].includes(String(node.value)));
}

/** A value after `=` as a defconfig holds it: y/n/m, numbers and quoted text as they are, other text quoted. */
export function defconfigValue(raw: string): string {
  const v = raw.trim();
  if (/^[ynm]$/.test(v) || /^-?\d+$/.test(v) || /^0[xX][0-9a-fA-F]+$/.test(v) || /^".*"$/.test(v)) return v;
  return quoteConfigString(v);
}

/** A text value quoted as a .config writes it. */
export function quoteConfigString(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The defconfig line for a value. */
export function defconfigLine(key: string, value: string): string {
  return value === 'n' ? `# ${key} is not set` : `${key}=${value}`;
}

/** Parses Kraftfile text; a broken file or field is a UkmenuError naming file:line:col. */
export function parseKraftfile(file: string, text: string, appName = path.basename(path.dirname(file))): Kraftfile {
  const doc = parseDocument(text, { schema: 'failsafe', prettyErrors: false, keepSourceTokens: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new UkmenuError(`${positionOf(file, text, e.pos[0])}: not valid YAML: ${e.message.split('\n')[0]}`, [
      'fix: correct the Kraftfile; nothing was read from it',
    ]);
  }
  const r: Reader = new Reader(file, text);
  const top = doc.contents;
  const out: Kraftfile = { file, text, doc, unikraft: { values: [], form: 'list' }, libraries: [], targets: [] };
  if (top === null || (isScalar(top) && (top.value === null || top.value === ''))) return out;
  if (!isMap(top)) r.fail(top, 'a Kraftfile is a map (spec:, name:, unikraft:, libraries:, targets:, ...)');
  const map = top;
  const get = (key: string) => map.get(key, true) as Node | undefined;

  const spec = get('spec') ?? get('specification');
  if (spec !== undefined) out.spec = r.str(spec, 'spec');
  const name = get('name');
  if (name !== undefined) out.name = r.str(name, 'name');

  const uk = get('unikraft');
  if (isMap(uk)) out.unikraft = r.kconfig(uk.get('kconfig', true));
  else if (uk !== undefined && !isScalar(uk)) r.fail(uk, 'unikraft must be a version, a source or a map with kconfig');

  const libs = get('libraries');
  if (isMap(libs)) {
    for (const pair of libs.items) {
      const libName = r.str(pair.key, 'a library name');
      out.libraries.push({ name: libName, kconfig: isMap(pair.value) ? r.kconfig(pair.value.get('kconfig', true)) : { values: [], form: 'list' }, line: lineOf(text, pair.key as Node) });
    }
  } else if (libs !== undefined && !(isScalar(libs) && (libs.value === null || libs.value === ''))) r.fail(libs, 'libraries must be a map of library names');

  const defaultName = out.name ?? appName;
  const targets = get('targets');
  if (isSeq(targets)) {
    targets.items.forEach((item, index) => out.targets.push(readTarget(r, item as Node, index, defaultName)));
  } else if (targets !== undefined && !(isScalar(targets) && (targets.value === null || targets.value === ''))) {
    r.fail(targets, 'targets must be a list of plat/arch or of maps with platform and architecture');
  } else out.targets.push(...legacyTargets(r, get('architectures'), get('platforms'), defaultName));

  const rootfs = get('rootfs');
  if (rootfs !== undefined) out.rootfs = r.rootfs(rootfs);
  const cmd = get('cmd');
  if (cmd !== undefined) out.cmd = r.cmd(cmd);
  const volumes = get('volumes');
  if (volumes !== undefined) out.volumes = r.volumes(volumes);
  return out;
}

function readTarget(r: Reader, item: Node, index: number, defaultName: string): KraftTarget {
  const line = lineOf(r.text, item);
  if (isScalar(item)) {
    const s = r.str(item, 'a target');
    const parts = s.split('/');
    if (parts.length !== 2 || !parts[0] || !parts[1]) r.fail(item, `target "${s}" is not plat/arch (e.g. qemu/x86_64)`);
    return { name: defaultName, plat: canonicalPlatform(parts[0]), arch: parts[1], kconfig: { values: [], form: 'list' }, index, shorthand: true, line };
  }
  if (!isMap(item)) r.fail(item, 'a target is plat/arch or a map with platform and architecture');
  let name = defaultName;
  let plat = '';
  let arch = '';
  let kconfig: KconfigBlock = { values: [], form: 'list' };
  for (const pair of item.items) {
    const key = r.str(pair.key, 'a target field');
    const val = pair.value as Node;
    if (key === 'name' || key === 'kernel') name = key === 'kernel' ? path.basename(r.str(val, key)) : r.str(val, key);
    else if (key === 'architecture' || key === 'arch') arch = r.str(val, key);
    else if (key === 'platform' || key === 'plat') {
      const p = r.str(val, key);
      const [pl, ar] = p.split('/', 2);
      plat = pl;
      if (ar) arch = ar;
    } else if (key === 'kconfig') kconfig = r.kconfig(val);
  }
  if (!arch) r.fail(item, 'this target has no architecture (architecture: x86_64 or arm64)');
  if (!plat) r.fail(item, 'this target has no platform (platform: qemu, fc or xen)');
  return { name, plat: canonicalPlatform(plat), arch, kconfig, index, shorthand: false, line };
}

/** v0.4's `architectures: {x86_64: true}` and `platforms: {kvm: true}`: every pair turned on. */
function legacyTargets(r: Reader, archs: Node | undefined, plats: Node | undefined, name: string): KraftTarget[] {
  const on = (n: Node | undefined) => (isMap(n) ? n.items.filter((p) => !isScalar(p.value) || String((p.value as Scalar).value) !== 'false').map((p) => ({ name: r.str(p.key, 'a name'), line: lineOf(r.text, p.key as Node) })) : []);
  const out: KraftTarget[] = [];
  for (const p of on(plats)) for (const a of on(archs)) {
    out.push({ name, plat: canonicalPlatform(p.name), arch: a.name, kconfig: { values: [], form: 'list' }, index: -1, shorthand: false, line: p.line });
  }
  return out;
}

/** Reads and parses the app's Kraftfile, or undefined when it has none. */
export function loadKraftfile(appDir: string): Kraftfile | undefined {
  const file = findKraftfile(appDir);
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UkmenuError(`cannot read ${file}: ${(e as Error).message}`);
  }
  return parseKraftfile(file, text, path.basename(path.resolve(appDir)));
}

/** Library names listed under `libraries:` in Kraftfile text, in file order. */
export function kraftfileLibraries(text: string): string[] {
  return parseKraftfile('Kraftfile', text).libraries.map((l) => l.name);
}

/** The app's Kraftfile and the libraries it lists, or undefined when the app has none. */
export function readKraftfile(appDir: string): KraftfileLibs | undefined {
  const k = loadKraftfile(appDir);
  return k && { file: k.file, libraries: k.libraries.map((l) => l.name) };
}
