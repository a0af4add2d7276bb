// A short history of measurements per image (one image per app, target and platform) in a small
// file in the build folder. A build is recorded once: by ukmenu after its build, or when ukmenu
// finds an image newer than the last record (a plain `make` in the same build folder).
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { measureImage, type BootTimes, type Measurement } from './measure.js';
import { imagesIn } from './objects.js';

export const HISTORY_FILE = 'ukmenu-sizes.json';
/** Builds kept per image. */
const KEEP = 8;
/** Boots kept per build. */
const KEEP_BOOTS = 8;

interface HistoryFile {
  version: 1;
  /** By the image's file name. */
  images: Record<string, Measurement[]>;
}

export const historyPath = (buildDir: string) => path.join(buildDir, HISTORY_FILE);

export function readHistory(buildDir: string): HistoryFile {
  try {
    const h = JSON.parse(readFileSync(historyPath(buildDir), 'utf8')) as HistoryFile;
    if (h && h.version === 1 && typeof h.images === 'object') return h;
  } catch {
    // none yet, or unreadable: start again (it is only a cache of what the build folder shows)
  }
  return { version: 1, images: {} };
}

function writeHistory(buildDir: string, h: HistoryFile): void {
  const file = historyPath(buildDir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(h) + '\n');
  renameSync(tmp, file);
}

/** The recorded builds of an image, oldest first. */
export function imageHistory(image: string): Measurement[] {
  return readHistory(path.dirname(image)).images[path.basename(image)] ?? [];
}

/**
 * Records every image of the build folder that changed since its last record, and `image` (one
 * without a link line beside it); returns the images recorded now. Errors (a half-written object)
 * leave the history as it was.
 */
export function recordBuilds(buildDir: string, image?: string, now = Date.now()): string[] {
  const images = [...new Set([...imagesIn(buildDir), ...(image && existsSync(image) ? [image] : [])])];
  if (!images.length) return [];
  const h = readHistory(buildDir);
  const recorded: string[] = [];
  for (const image of images) {
    const key = path.basename(image);
    const list = h.images[key] ?? [];
    const last = list[list.length - 1];
    let mtimeMs: number;
    try {
      mtimeMs = statSync(image).mtimeMs;
    } catch {
      continue;
    }
    if (last && last.image.mtimeMs === mtimeMs) continue;
    try {
      list.push(measureImage(image, now));
    } catch {
      continue;
    }
    h.images[key] = list.slice(-KEEP);
    recorded.push(image);
  }
  if (recorded.length) writeHistory(buildDir, h);
  return recorded;
}

/** Adds a boot's times to the image's latest build (recording the build first when it is new). */
export function recordBoot(image: string, boot: BootTimes): void {
  const buildDir = path.dirname(image);
  recordBuilds(buildDir, image);
  const h = readHistory(buildDir);
  const list = h.images[path.basename(image)];
  const last = list?.[list.length - 1];
  if (!last) return;
  last.boots = [...(last.boots ?? []), boot].slice(-KEEP_BOOTS);
  writeHistory(buildDir, h);
}

/** The boots of an image across its builds, oldest first. */
export function bootHistory(image: string): BootTimes[] {
  return imageHistory(image).flatMap((m) => m.boots ?? []);
}
