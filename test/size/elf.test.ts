// The ELF reader against binutils' `size` on objects and programs compiled here by the real gcc
// (x86_64) and aarch64-linux-gnu-gcc (arm64): code, read-only data, data, bss, thread-local data.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { findProgram } from '../../src/build/tools.js';
import { ElfError, elfFileSizes, elfSizes } from '../../src/size/elf.js';
import { requireOrSkip } from '../ci.js';

const C = `
const char table[300] = "read-only";
int counter = 7;
char buffer[4096];
__thread int per_thread = 3;
__thread char per_thread_zero[64];
int work(int x) { buffer[x] = table[x]; return counter += x + per_thread + per_thread_zero[x]; }
int main(int argc, char **argv) { (void)argv; return work(argc); }
`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-elf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, 'a.c'), C);

function sizeOf(sizeProgram: string, file: string) {
  const [text, data, bss] = execFileSync(sizeProgram, [file], { encoding: 'utf8' }).trim().split('\n')[1].trim().split(/\s+/).map(Number);
  return { text, data, bss };
}

const TOOLCHAINS = [
  { arch: 'x86_64', gcc: 'gcc', size: 'size' },
  { arch: 'arm64', gcc: 'aarch64-linux-gnu-gcc', size: 'aarch64-linux-gnu-size' },
];

for (const t of TOOLCHAINS) {
  const skip = requireOrSkip(`${t.gcc} and ${t.size}`, !!findProgram(t.gcc) && !!findProgram(t.size));
  describe.skipIf(skip)(`${t.arch}`, () => {
    test('an object, a relocatable link and a program: as size gives them', () => {
      const obj = path.join(dir, `${t.arch}.o`);
      const rel = path.join(dir, `${t.arch}.ld.o`);
      const exe = path.join(dir, `${t.arch}.elf`);
      execFileSync(t.gcc, ['-O1', '-c', path.join(dir, 'a.c'), '-o', obj]);
      execFileSync(t.gcc, ['-nostdlib', '-no-pie', '-Wl,-r', obj, '-o', rel]); // as Unikraft links a library
      execFileSync(t.gcc, ['-O1', '-nostdlib', '-static', '-Wl,-e,main', path.join(dir, 'a.c'), '-o', exe]); // no C library: as a unikernel links
      for (const f of [obj, rel, exe]) {
        const s = elfFileSizes(f);
        expect(s, f).toEqual(sizeOf(t.size, f));
        expect(s.data + s.bss).toBeGreaterThan(4096);
      }
    });
  });
}

test('not an ELF file, or a truncated one: a clear error naming the file', () => {
  expect(() => elfSizes(Buffer.from('#!/bin/sh\necho hello, this is not an ELF file at all....\n'), 'build/libfoo.o')).toThrow(new ElfError('build/libfoo.o: not an ELF file'));
  const head = Buffer.alloc(64);
  head.writeUInt32BE(0x7f454c46, 0);
  head[4] = 2;
  head[5] = 1;
  head.writeBigUInt64LE(10_000n, 0x28);
  head.writeUInt16LE(64, 0x3a);
  head.writeUInt16LE(3, 0x3c);
  expect(() => elfSizes(head, 'x.o')).toThrow('x.o: truncated ELF section table');
});
