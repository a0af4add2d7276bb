// What a cache entry remembers of a file or folder it depends on, so that it can tell later whether
// it changed: its stat key (inode, size, time: one stat) and, for a small file, its content's
// fingerprint (a folder: its entries' names and kinds, links' targets). A stat key that differs is
// no change when the content is the same: a file written again as it was (git checkout and back, an
// editor's save, a copy renamed over it, touch), or a folder one of whose files was replaced so,
// keeps what was cached.
import * as fs from 'node:fs';
import { statKey } from './cacheFolder.js';
import { textHash } from './textHash.js';

/** [stat key, content fingerprint (none for a large file or a missing one)]. */
export type FileIdentity = [stat: string, content?: string];

/** Files larger than this are known by their stat key only (an image of many megabytes is not read to check a cache). */
const CONTENT_LIMIT = 1 << 20;

/**
 * A folder's entries as text: each name with its kind, and a link's target (a library folder
 * replaced by a link to another, under the same name, is a change).
 */
function folderEntries(dir: string): string {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const kind = e.isDirectory() ? 'd' : e.isSymbolicLink() ? `l>${fs.readlinkSync(`${dir}/${e.name}`)}` : e.isFile() ? 'f' : 'o';
    out.push(`${e.name}\0${kind}`);
  }
  return out.sort().join('\0\0');
}

/** The content's fingerprint of a file or folder (its entries), undefined when missing, unreadable or large. */
function contentKey(p: string): string | undefined {
  try {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return undefined;
    if (st.isDirectory()) return `d:${textHash(folderEntries(p))}`;
    if (!st.isFile() || st.size > CONTENT_LIMIT) return undefined;
    return `f:${textHash(fs.readFileSync(p).toString('latin1'))}`;
  } catch {
    return undefined;
  }
}

/**
 * `p`'s identity now. `known` (what was recorded before) saves reading the content again when the
 * stat key is the same.
 */
export function fileIdentity(p: string, known?: FileIdentity): FileIdentity {
  const stat = statKey(p);
  if (stat === '-') return [stat];
  if (known && known[0] === stat && known[1] !== undefined) return [stat, known[1]];
  const content = contentKey(p);
  return content === undefined ? [stat] : [stat, content];
}

/** Is `p` still what `id` recorded: the same stat key, or else the same content? */
export function sameFile(p: string, id: FileIdentity): boolean {
  const stat = statKey(p);
  if (stat === id[0]) return true;
  return id[1] !== undefined && stat !== '-' && contentKey(p) === id[1];
}
