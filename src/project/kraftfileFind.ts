// Where an app's Kraftfile is, and its libraries for finding the project without loading the YAML
// parser (kraftfile.ts, ~270 KB of code) when the file cannot list any: `ukmenu conf` and the
// menu's start need it only for a Kraftfile with a `libraries:` key.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const KRAFTFILE_NAMES = ['Kraftfile', 'Kraftfile.yaml', 'Kraftfile.yml', 'kraft.yaml', 'kraft.yml'];

/** The app's Kraftfile (Kraftfile, then kraft.yaml, ...), or undefined. */
export function findKraftfile(appDir: string): string | undefined {
  for (const name of KRAFTFILE_NAMES) {
    const file = path.join(appDir, name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

export interface KraftfileLibs {
  file: string;
  libraries: string[];
}

/**
 * The app's Kraftfile and the libraries it lists, or undefined when the app has none. A YAML key
 * `libraries` is spelled out in the text however it is written (plain, quoted, tagged, anchored),
 * except with escapes in a double-quoted key: a text with neither lists none, unparsed.
 */
export async function kraftfileLibs(appDir: string): Promise<KraftfileLibs | undefined> {
  const file = findKraftfile(appDir);
  if (!file) return undefined;
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch { /* kraftfile.ts says why */ }
  if (text !== undefined && !text.includes('libraries') && !text.includes('\\')) return { file, libraries: [] };
  return (await import('./kraftfile.js')).readKraftfile(appDir);
}
