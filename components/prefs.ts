// The menu's preferences (show names, show all, theme, last searches, recent configuration files),
// kept with the `conf` package in the platform's config folder (~/.config/ukmenu-nodejs/ on Linux).
// Tests pass `cwd` so they never touch the real home folder.
import { THEMES, type ThemeName } from './theme.js';

export interface Prefs {
  showNames: boolean;
  showAll: boolean;
  theme: ThemeName;
  /** Newest first. */
  lastSearches: string[];
  /** Search results: hide entries that are not shown in the menu. */
  searchHideInvisible: boolean;
  /** Configuration files loaded or saved, newest first (absolute paths). */
  recentConfigs: string[];
}

export const DEFAULT_PREFS: Prefs = {
  showNames: false, showAll: false, theme: 'default', lastSearches: [], searchHideInvisible: false, recentConfigs: [],
};

export const MAX_SEARCHES = 20;
export const MAX_RECENT = 10;

export interface PrefStore {
  get(): Prefs;
  set(p: Partial<Prefs>): void;
}

/** Keeps only well-formed values; anything else falls back to the default. */
export function sanitize(raw: unknown): Prefs {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const strings = (v: unknown, max: number) =>
    Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.length > 0).slice(0, max) : [];
  return {
    showNames: typeof r.showNames === 'boolean' ? r.showNames : DEFAULT_PREFS.showNames,
    showAll: typeof r.showAll === 'boolean' ? r.showAll : DEFAULT_PREFS.showAll,
    theme: THEMES.includes(r.theme as ThemeName) ? (r.theme as ThemeName) : DEFAULT_PREFS.theme,
    lastSearches: strings(r.lastSearches, MAX_SEARCHES),
    searchHideInvisible: typeof r.searchHideInvisible === 'boolean' ? r.searchHideInvisible : DEFAULT_PREFS.searchHideInvisible,
    recentConfigs: strings(r.recentConfigs, MAX_RECENT),
  };
}

/** In memory only (tests, or when the config folder cannot be written). */
export function memoryPrefs(init: Partial<Prefs> = {}): PrefStore {
  let p = sanitize({ ...DEFAULT_PREFS, ...init });
  return { get: () => p, set: (q) => { p = sanitize({ ...p, ...q }); } };
}

export interface ConfPrefsOptions {
  /** Folder of the preferences file (tests); default: the platform's config folder for 'ukmenu'. */
  cwd?: string;
}

/**
 * Preferences persisted with `conf`. Loaded with a dynamic import so that the menu's first frame
 * does not wait for it longer than needed; falls back to memory when the file cannot be used.
 */
export async function confPrefs(opts: ConfPrefsOptions = {}): Promise<PrefStore> {
  try {
    const { default: Conf } = await import('conf');
    const store = new Conf<Prefs>({
      projectName: 'ukmenu',
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
      defaults: DEFAULT_PREFS,
      clearInvalidConfig: true,
    });
    let cached = sanitize(store.store);
    return {
      get: () => cached,
      set: (q) => {
        cached = sanitize({ ...cached, ...q });
        try {
          store.set(cached);
        } catch {
          // read-only home: keep the preferences for this session only
        }
      },
    };
  } catch {
    return memoryPrefs();
  }
}

/** Puts `item` first, without duplicates, at most `max` items. */
export function pushRecent(list: readonly string[], item: string, max: number): string[] {
  return [item, ...list.filter((x) => x !== item)].slice(0, max);
}
