// An ELF reader for what `size` (binutils' Berkeley format) prints: text, data and bss summed over
// the allocated sections. Our own, so that arm64 objects are measured on an x86 host without a
// cross binutils; test/size checks it against the real `size`.
import { readFileSync } from 'node:fs';

export interface SectionSizes {
  text: number;
  data: number;
  bss: number;
}

const SHF_WRITE = 0x1;
const SHF_ALLOC = 0x2;
const SHF_EXECINSTR = 0x4;
const SHT_NOBITS = 8;

export class ElfError extends Error {}

/**
 * Berkeley sizes of an ELF file: an allocated section counts as text when it is code or read-only,
 * as data when it has contents, else as bss (binutils' size.c, berkeley_or_gnu_sum).
 */
export function elfSizes(buf: Buffer, file = 'file'): SectionSizes {
  if (buf.length < 52 || buf.readUInt32BE(0) !== 0x7f454c46) throw new ElfError(`${file}: not an ELF file`);
  const is64 = buf[4] === 2;
  const le = buf[5] === 1;
  const u16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const addr = (o: number) => (is64 ? Number(le ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o)) : u32(o));
  const shoff = addr(is64 ? 0x28 : 0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  const shnum = u16(is64 ? 0x3c : 0x30);
  if (shoff + shentsize * shnum > buf.length) throw new ElfError(`${file}: truncated ELF section table`);
  const out: SectionSizes = { text: 0, data: 0, bss: 0 };
  for (let i = 0; i < shnum; i++) {
    const s = shoff + i * shentsize;
    const type = u32(s + 4);
    const flags = addr(s + 8);
    const size = addr(is64 ? s + 0x20 : s + 0x14);
    if (!(flags & SHF_ALLOC)) continue;
    if (flags & SHF_EXECINSTR || !(flags & SHF_WRITE)) out.text += size;
    else if (type !== SHT_NOBITS) out.data += size;
    else out.bss += size;
  }
  return out;
}

export function elfFileSizes(file: string): SectionSizes {
  return elfSizes(readFileSync(file), file);
}
