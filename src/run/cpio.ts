// A CPIO "newc" archive of a folder, for an initrd: every folder listed before what it holds
// (Unikraft's extractor makes each entry with mkdir/open and fails with "Failed to create file"
// when a parent comes later, as `find -depth` orders them), names sorted, owner 0:0, a fixed time,
// so the same folder always gives the same bytes. Rebuilt only when the folder changed.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One entry of the archive, path relative to the folder with '/' separators. */
export interface CpioEntry {
  name: string;
  kind: 'dir' | 'file' | 'symlink';
  /** Permission bits (0o777 and the sticky/setuid bits). */
  perm: number;
  /** File contents or symlink target; undefined for folders. */
  data?: Buffer;
}

const MODE_TYPE = { dir: 0o040000, file: 0o100000, symlink: 0o120000 } as const;
/** Fixed modification time of every entry (reproducible archives). */
export const CPIO_MTIME = 0;

/** The folder's entries in archive order (depth-first, sorted by name, parents first); special files are skipped and named in `skipped`. */
export function listFolder(root: string, skipped: string[] = []): CpioEntry[] {
  const out: CpioEntry[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      const perm = st.mode & 0o7777;
      if (st.isDirectory()) {
        out.push({ name: r, kind: 'dir', perm });
        walk(p, r);
      } else if (st.isFile()) out.push({ name: r, kind: 'file', perm, data: readFileSync(p) });
      else if (st.isSymbolicLink()) out.push({ name: r, kind: 'symlink', perm: 0o777, data: Buffer.from(readlinkSync(p)) });
      else skipped.push(r);
    }
  };
  walk(root, '');
  return out;
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
const pad4 = (n: number) => (4 - (n % 4)) % 4;

function header(ino: number, mode: number, nlink: number, size: number, name: string): Buffer {
  const nameBytes = Buffer.from(name + '\0');
  const fields = [ino, mode, 0, 0, nlink, CPIO_MTIME, size, 0, 0, 0, 0, nameBytes.length, 0];
  const head = Buffer.from('070701' + fields.map(hex8).join(''), 'ascii');
  return Buffer.concat([head, nameBytes, Buffer.alloc(pad4(head.length + nameBytes.length))]);
}

/** The archive's bytes for `entries` (in the order given), ending with the TRAILER!!! entry. */
export function cpioArchive(entries: CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  entries.forEach((e, i) => {
    const data = e.data ?? Buffer.alloc(0);
    parts.push(header(i + 1, MODE_TYPE[e.kind] | e.perm, e.kind === 'dir' ? 2 : 1, data.length, e.name));
    if (data.length) parts.push(data, Buffer.alloc(pad4(data.length)));
  });
  parts.push(header(0, 0, 1, 0, 'TRAILER!!!'));
  return Buffer.concat(parts);
}

/** What identifies the folder's current state: names, kinds, modes, sizes, times, link targets. */
function fingerprint(root: string): string {
  const h = createHash('sha256');
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      const st = lstatSync(p);
      h.update(`${rel}/${name}\0${st.mode}\0${st.size}\0${st.mtimeMs}\0${st.isSymbolicLink() ? readlinkSync(p) : ''}\n`);
      if (st.isDirectory()) walk(p, `${rel}/${name}`);
    }
  };
  walk(root, '');
  return h.digest('hex');
}

export interface CpioResult {
  file: string;
  /** false when the archive of an unchanged folder was reused. */
  rebuilt: boolean;
  entries: number;
  /** Special files (devices, sockets, FIFOs) left out. */
  skipped: string[];
}

/**
 * Writes the archive of `folder` to `file` unless the one there was made from the folder as it is
 * now (a fingerprint is kept next to it in `file.stamp`).
 */
export function writeCpioOf(folder: string, file: string): CpioResult {
  const stamp = `${file}.stamp`;
  const fp = fingerprint(folder);
  if (existsSync(file) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fp) {
    return { file, rebuilt: false, entries: -1, skipped: [] };
  }
  const skipped: string[] = [];
  const entries = listFolder(folder, skipped);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp${process.pid}`;
  writeFileSync(tmp, cpioArchive(entries));
  renameSync(tmp, file);
  writeFileSync(stamp, fp);
  return { file, rebuilt: true, entries: entries.length, skipped };
}
