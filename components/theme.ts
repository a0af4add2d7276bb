// Colours, by role, for the views. Three themes; `NO_COLOR` (https://no-color.org) forces `mono`,
// which uses no colour at all, only inverse, bold and dim.
import type { Tone as LineTone } from './why.js';

export type ThemeName = 'default' | 'contrast' | 'mono';
export const THEMES: readonly ThemeName[] = ['default', 'contrast', 'mono'];

export type Role =
  | 'accent' // breadcrumb, titles of views
  | 'ok' | 'bad' | 'warn'
  | 'changed' // the changed-since-load mark
  | 'match' // matched characters in search results
  | 'name' // symbol names (c)
  | 'key' // keys in the key bar
  | 'value'; // values in lists

export interface Theme {
  name: ThemeName;
  /** false for mono: no colour escape codes at all */
  color: boolean;
  /** The colour for a role (undefined: the terminal's own). */
  c(role: Role): string | undefined;
}

const PALETTES: Record<Exclude<ThemeName, 'mono'>, Record<Role, string>> = {
  default: {
    accent: 'cyan', ok: 'green', bad: 'red', warn: 'yellow', changed: 'yellow', match: 'magenta', name: 'blue',
    key: 'cyan', value: 'cyan',
  },
  contrast: {
    accent: 'cyanBright', ok: 'greenBright', bad: 'redBright', warn: 'yellowBright', changed: 'yellowBright',
    match: 'magentaBright', name: 'blueBright', key: 'whiteBright', value: 'whiteBright',
  },
};

const cache = new Map<ThemeName, Theme>();

export function theme(name: ThemeName): Theme {
  let t = cache.get(name);
  if (!t) {
    const pal = name === 'mono' ? null : PALETTES[name] ?? PALETTES.default;
    t = { name, color: pal !== null, c: (role) => pal?.[role] };
    cache.set(name, t);
  }
  return t;
}

/** NO_COLOR set to anything non-empty turns colour off, whatever the preference says. */
export function noColor(env: Record<string, string | undefined> = process.env): boolean {
  return !!env.NO_COLOR;
}

export const lineColor = (tone: LineTone, t: Theme = theme('default')): string | undefined =>
  tone === 'ok' ? t.c('ok') : tone === 'bad' ? t.c('bad') : tone === 'warn' ? t.c('warn') : undefined;

export const statusColor = (tone: 'info' | 'ok' | 'error', t: Theme = theme('default')): string | undefined =>
  tone === 'ok' ? t.c('ok') : tone === 'error' ? t.c('bad') : undefined;

/** Cuts `text` to at most `width` columns (with an ellipsis). */
export function cut(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length > width ? (width > 1 ? text.slice(0, width - 1) + '…' : text.slice(0, width)) : text;
}

/** Cuts or pads `text` to exactly `width` columns. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length > width) return width > 1 ? text.slice(0, width - 1) + '…' : text.slice(0, width);
  return text + ' '.repeat(width - text.length);
}
