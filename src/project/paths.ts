// Path helpers that behave like make's $(realpath) on folders that may not exist yet.
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** realpath of an existing path; for a path that does not exist yet, realpath of its deepest existing ancestor plus the rest. */
export function realpathFuture(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    if (existsSync(cur)) {
      try {
        return path.join(realpathSync(cur), ...rest);
      } catch {
        return abs;
      }
    }
    const parent = path.dirname(cur);
    if (parent === cur) return abs;
    rest.unshift(path.basename(cur));
    cur = parent;
  }
}

/** make's `qstrip`: drop every double quote, then `strip` (trim, collapse inner whitespace). */
export function qstrip(s: string): string {
  return s.replace(/"/g, '').split(/\s+/).filter((w) => w !== '').join(' ');
}

/** A path for messages: relative to `from` when that is shorter and does not climb out. */
export function displayPath(p: string, from: string): string {
  const rel = path.relative(from, p);
  if (rel === '') return '.';
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel;
  return p;
}
