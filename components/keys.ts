// Ink hands a chunk of plain input to useInput in one piece: keys typed faster than the event loop
// reads them ("jjj", a held key) or a paste arrive as one string, control characters included
// ("\r\x15" for Enter then Ctrl-U). These helpers split such a chunk into the keys it holds.
import type { Key } from 'ink';

export const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
} as Key;

/** Is this event a chunk of several plain characters (not one key Ink recognised)? */
export function isChunk(input: string, key: Key): boolean {
  if (input.length <= 1 || input.includes('\x1b')) return false;
  return !(key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageDown || key.pageUp || key.home
    || key.end || key.return || key.escape || key.ctrl || key.tab || key.backspace || key.delete || key.meta);
}

export const isControlChar = (c: string): boolean => c.length === 1 && (c.charCodeAt(0) < 0x20 || c === '\x7f');

/** The key Ink would report for one character typed alone. */
export function keyOf(c: string): [string, Key] {
  const code = c.charCodeAt(0);
  if (c === '\r' || c === '\n') return ['', { ...NO_KEY, return: true }];
  if (c === '\t') return ['', { ...NO_KEY, tab: true }];
  if (c === '\x7f' || c === '\b') return ['', { ...NO_KEY, backspace: true }];
  if (c.length === 1 && code < 0x20) return [String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true }];
  return [c, { ...NO_KEY, shift: /^[A-Z]$/.test(c) }];
}
