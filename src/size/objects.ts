// Which library objects an image links, read from what the build left in its folder: Unikraft's
// final link line (`<image>.dbg.cmd`, or `<image>.cmd`) names BUILD_DIR/libNAME.o for every library
// of the image; without it, every libNAME.o/appNAME.o at the top of the build folder.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** A library as the build names it (libukboot, apphelloworld) and its object. */
export interface LibraryObject {
  name: string;
  file: string;
}

const OBJECT = /^((?:lib|app)[A-Za-z0-9_]+)\.o$/;

/** The images in a build folder: files with a final link line beside them (`<image>.dbg.cmd`). */
export function imagesIn(buildDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(buildDir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.dbg.cmd'))
    .map((n) => path.join(buildDir, n.slice(0, -'.dbg.cmd'.length)))
    .filter((image) => existsSync(image) && statSync(image).isFile())
    .sort();
}

function linkLine(image: string): string | null {
  for (const f of [`${image}.dbg.cmd`, `${image}.cmd`]) {
    try {
      const text = readFileSync(f, 'utf8');
      if (/\.o\b/.test(text)) return text;
    } catch {
      // not there: the next one
    }
  }
  return null;
}

/** The library objects the image links, in link order. */
export function linkedObjects(image: string): LibraryObject[] {
  const buildDir = path.dirname(image);
  const line = linkLine(image);
  const names = line
    ? line.split(/\s+/).filter((w) => path.dirname(w) === buildDir).map((w) => path.basename(w))
    : (() => { try { return readdirSync(buildDir); } catch { return []; } })();
  const seen = new Set<string>();
  const out: LibraryObject[] = [];
  for (const n of names) {
    const m = OBJECT.exec(n);
    if (!m || n.endsWith('.ld.o') || seen.has(m[1])) continue;
    seen.add(m[1]);
    const file = path.join(buildDir, n);
    if (existsSync(file)) out.push({ name: m[1], file });
  }
  return out;
}
