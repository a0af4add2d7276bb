// The external libraries a kraftkit application asks for: the keys of the top-level `libraries:` map
// of its Kraftfile (or the older kraft.yaml). Only that map is read; this is not a YAML parser.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const KRAFTFILE_NAMES = ['Kraftfile', 'Kraftfile.yaml', 'Kraftfile.yml', 'kraft.yaml', 'kraft.yml'];

export interface KraftfileLibs {
  file: string;
  libraries: string[];
}

function unquote(s: string): string {
  const t = s.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  return t;
}

/** Library names listed under `libraries:` in YAML text (block mapping or flow mapping `{a: x, b: y}`). */
export function kraftfileLibraries(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const names: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^libraries\s*:\s*(.*?)\s*(#.*)?$/.exec(lines[i]);
    if (!m) continue;
    const inline = m[1];
    if (inline.startsWith('{')) {
      const body = inline.replace(/^\{|\}$/g, '');
      for (const part of body.split(',')) {
        const k = part.split(':')[0];
        if (k.trim() !== '') names.push(unquote(k));
      }
      return names;
    }
    let indent = -1;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j];
      if (/^\s*(#.*)?$/.test(line)) continue;
      const ind = /^(\s*)/.exec(line)![1].length;
      if (ind === 0) break;
      if (indent < 0) indent = ind;
      if (ind !== indent) continue;
      const km = /^\s*(?:-\s*)?("[^"]*"|'[^']*'|[^:#\s][^:#]*?)\s*:/.exec(line);
      if (km) names.push(unquote(km[1]));
    }
    return names;
  }
  return names;
}

/** The app's Kraftfile and the libraries it lists, or undefined when the app has none. */
export function readKraftfile(appDir: string): KraftfileLibs | undefined {
  for (const name of KRAFTFILE_NAMES) {
    const file = path.join(appDir, name);
    if (!existsSync(file)) continue;
    try {
      return { file, libraries: kraftfileLibraries(readFileSync(file, 'utf8')) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
