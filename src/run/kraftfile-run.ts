// What a Kraftfile says about running the application: `rootfs:` (a folder, a CPIO archive or a
// Dockerfile), `volumes:` (spec 0.5: a map of name -> {driver, source}; 0.6: a list of "SRC:DEST"
// or {source, destination}) and `cmd:` (a list of arguments, or one string split as a shell would).
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
  /** `volumes:`, sources resolved against the Kraftfile's folder. */
  volumes?: KraftVolume[];
}

export interface KraftVolume {
  source: string;
  /** The mount point (0.6 lists). */
  dest?: string;
  /** The volume's name (0.5 maps: the 9p tag) and driver. */
  name?: string;
  driver?: string;
}

/** The volume that holds the root filesystem: mounted at /, or named as the 9p tag. */
export function rootVolume(volumes: KraftVolume[] | undefined, tag?: string): KraftVolume | undefined {
  return volumes?.find((v) => v.dest === '/') ?? (tag ? volumes?.find((v) => v.name === tag) : undefined);
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
  const volumes = node('volumes');
  if (volumes !== undefined) out.volumes = readVolumes(volumes.toJSON(), path.dirname(file), where(volumes.range));
  return out;
}

function readVolumes(v: unknown, dir: string, at: string): KraftVolume[] {
  const bad = () => new UkmenuError(`${at}: volumes: must be a list of SOURCE:DEST (or {source, destination}) or a map of name: {source}`);
  const one = (x: unknown, name?: string): KraftVolume => {
    if (typeof x === 'string') {
      const i = x.lastIndexOf(':');
      return i > 0 ? { source: path.resolve(dir, x.slice(0, i)), dest: x.slice(i + 1), name } : { source: path.resolve(dir, x), name };
    }
    const o = x as Record<string, unknown> | null;
    if (!o || typeof o !== 'object' || typeof o.source !== 'string') throw bad();
    return {
      source: path.resolve(dir, o.source), name,
      dest: typeof o.destination === 'string' ? o.destination : undefined,
      driver: typeof o.driver === 'string' ? o.driver : undefined,
    };
  };
  if (Array.isArray(v)) return v.map((x) => one(x));
  if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => one(x, k));
  throw bad();
}
