// One measurement of an image: each library object's text/data/bss, the image's file size and its
// own sections, and the options the build was configured with (BUILD_DIR/config, the .config copy).
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { elfFileSizes, type SectionSizes } from './elf.js';
import { linkedObjects } from './objects.js';

export interface LibrarySize extends SectionSizes {
  name: string;
  total: number;
}

export interface BootTimes {
  /** Milliseconds from the VMM's start to the first console line. */
  firstLineMs: number | null;
  /** Milliseconds from the VMM's start to the guest's exit. */
  exitMs: number;
  outcome: string;
}

export interface Measurement {
  /** When it was measured (ms since the epoch). */
  at: number;
  image: { path: string; bytes: number; mtimeMs: number } & SectionSizes;
  /** Largest first. */
  libraries: LibrarySize[];
  /** The configuration's set options (NAME=value without CONFIG_), when the build folder kept it. */
  options: string[];
  boots?: BootTimes[];
}

export const totalOf = (s: SectionSizes): number => s.text + s.data + s.bss;

function buildOptions(buildDir: string): string[] {
  try {
    return readFileSync(path.join(buildDir, 'config'), 'utf8')
      .split('\n')
      .map((l) => /^CONFIG_([A-Za-z0-9_]+)=(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null && m[2] !== 'n')
      .map((m) => `${m[1]}=${m[2]}`);
  } catch {
    return [];
  }
}

/** Measures the image and the libraries it links (throws ElfError on a file that is not ELF). */
export function measureImage(image: string, now = Date.now()): Measurement {
  const st = statSync(image);
  const libraries = linkedObjects(image)
    .map((o) => {
      const s = elfFileSizes(o.file);
      return { name: o.name, ...s, total: totalOf(s) };
    })
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  return {
    at: now,
    image: { path: image, bytes: st.size, mtimeMs: st.mtimeMs, ...elfFileSizes(image) },
    libraries,
    options: buildOptions(path.dirname(image)),
  };
}
