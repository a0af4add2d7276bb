// The menu's preferences (components/prefs.ts) for the first frame without loading `conf`, whose
// JSON-schema validator (ajv) is ~430 KB of code the first frame would compile for six settings:
// the file conf keeps them in is read directly, and conf itself (confPrefs) loads once the first
// frame is out (loadSoon, from src/menu.ts, after Ink's first render: React and Ink load after the
// first frame too, and conf should not delay them); it then writes every change, and creates the
// file as it always did. Where the file is not plain (unreadable, not JSON) or the platform keeps
// it elsewhere, conf reads it first.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { confPrefs, sanitize, type PrefStore } from '../components/prefs.js';

/** Where conf keeps them on Linux: env-paths' config folder for "ukmenu" (suffix "nodejs"), config.json. */
export function prefsFile(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  return path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'ukmenu-nodejs', 'config.json');
}

/** The preferences read without conf, or undefined when conf must read them. */
export function menuPrefs(): (PrefStore & { written(): Promise<void>; loadSoon(): void }) | undefined {
  const file = prefsFile();
  if (!file) return undefined;
  let raw: unknown = {};
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
  }
  let cached = sanitize(raw);
  let store: Promise<PrefStore> | undefined;
  const conf = () => (store ??= confPrefs());
  let asked = false;
  let last: Promise<void> = Promise.resolve();
  return {
    /** Settles once conf has written every change so far (and created the file). */
    written: () => conf().then(() => last),
    /** Loads conf at the next turn of the event loop (once the menu's first frame is out). */
    loadSoon: () => {
      if (!asked) { asked = true; setImmediate(conf); }
    },
    get: () => cached,
    set: (q) => {
      cached = sanitize({ ...cached, ...q });
      const now = cached;
      last = conf().then((s) => s.set(now));
    },
  };
}
