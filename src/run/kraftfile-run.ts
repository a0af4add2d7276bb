// What a Kraftfile says about running the application: `rootfs:` (a folder, a CPIO archive or a
// Dockerfile) and `cmd:` (a list of arguments, or one string split as a shell would).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { UkmenuError } from '../project/errors.js';
import { KRAFTFILE_NAMES } from '../project/kraftfile.js';

export interface KraftfileRun {
  file: string;
  /** `rootfs:` resolved against the Kraftfile's folder. */
  rootfs?: string;
  /** `cmd:` as argv words. */
  cmd?: string[];
}

/** Splits a command string into words: whitespace, '…', "…" with \" and \\, \ outside quotes. */
export function splitWords(s: string): string[] {
  const words: string[] = [];
  let cur: string | null = null;
  let q: '"' | "'" | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q === "'") { if (c === "'") q = null; else cur += c; continue; }
    if (q === '"') {
      if (c === '"') q = null;
      else if (c === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\')) cur += s[++i];
      else cur += c;
      continue;
    }
    if (/\s/.test(c)) { if (cur !== null) words.push(cur); cur = null; continue; }
    cur ??= '';
    if (c === "'" || c === '"') q = c;
    else if (c === '\\' && i + 1 < s.length) cur += s[++i];
    else cur += c;
  }
  if (cur !== null) words.push(cur);
  return words;
}

/** The app's Kraftfile (first of Kraftfile, kraft.yaml, ...), or null. */
export function findKraftfile(appDir: string): string | null {
  for (const n of KRAFTFILE_NAMES) {
    const f = path.join(appDir, n);
    if (existsSync(f)) return f;
  }
  return null;
}

/** Reads `rootfs:` and `cmd:`; a malformed file or value is an error naming file:line. */
export function readKraftfileRun(file: string): KraftfileRun {
  const text = readFileSync(file, 'utf8');
  const doc = parseDocument(text, { prettyErrors: false });
  const where = (pos?: [number, number] | readonly number[]) => {
    if (!pos) return file;
    const line = text.slice(0, pos[0]).split('\n').length;
    return `${file}:${line}`;
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new UkmenuError(`${where(e.pos)}: not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const top = doc.contents;
  const out: KraftfileRun = { file };
  if (!top || !('get' in top)) return out;
  const node = (key: string) => (top as { get(k: string, keep: true): unknown }).get(key, true) as { range?: [number, number]; toJSON(): unknown } | undefined;
  const rootfs = node('rootfs');
  if (rootfs !== undefined) {
    const v = rootfs.toJSON();
    if (typeof v !== 'string' || v.trim() === '') throw new UkmenuError(`${where(rootfs.range)}: rootfs: must be a path (a folder, a CPIO archive or a Dockerfile)`);
    out.rootfs = path.resolve(path.dirname(file), v);
  }
  const cmd = node('cmd');
  if (cmd !== undefined) {
    const v = cmd.toJSON();
    if (typeof v === 'string') out.cmd = splitWords(v);
    else if (Array.isArray(v) && v.every((x) => ['string', 'number', 'boolean'].includes(typeof x))) out.cmd = v.map(String);
    else throw new UkmenuError(`${where(cmd.range)}: cmd: must be a list of arguments or one string`);
  }
  return out;
}
