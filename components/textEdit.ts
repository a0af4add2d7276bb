// A one-line text field's state and its key handling (used by the value editor, search and the
// load prompt). Backspace arrives from Ink as `delete` for \x7f, so both erase to the left. A
// selected text (the search's last query when it reopens) is replaced by what is typed.
import type { Key } from 'ink';

export interface TextState {
  readonly value: string;
  readonly cursor: number;
  /** The whole text is selected: typing replaces it, Backspace erases it, moving unselects. */
  readonly selected?: boolean;
}

export const textState = (value = ''): TextState => ({ value, cursor: value.length });

/** Applies a key; returns the new state, or null when the key is not an editing key. */
export function applyTextKey(s: TextState, input: string, key: Key): TextState | null {
  if (s.selected) {
    if (key.backspace || key.delete) return textState('');
    const next = applyTextKey({ value: s.value, cursor: s.cursor }, input, key);
    if (next && next.value.length > s.value.length) return applyTextKey(textState(''), input, key);
    return next;
  }
  const { value, cursor } = s;
  if (key.leftArrow) return { value, cursor: Math.max(0, cursor - 1) };
  if (key.rightArrow) return { value, cursor: Math.min(value.length, cursor + 1) };
  if (key.home || (key.ctrl && input === 'a')) return { value, cursor: 0 };
  if (key.end || (key.ctrl && input === 'e')) return { value, cursor: value.length };
  if (key.backspace || key.delete) {
    if (cursor === 0) return s;
    return { value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 };
  }
  if (key.ctrl && input === 'u') return { value: value.slice(cursor), cursor: 0 };
  if (key.ctrl && input === 'k') return { value: value.slice(0, cursor), cursor };
  if (key.ctrl && input === 'w') {
    const before = value.slice(0, cursor).replace(/\S*\s*$/, '');
    return { value: before + value.slice(cursor), cursor: before.length };
  }
  if (key.ctrl || key.meta || key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return null;
  // eslint-disable-next-line no-control-regex
  const text = input.replace(/[\x00-\x1f\x7f]/g, '');
  if (!text) return null;
  return { value: value.slice(0, cursor) + text + value.slice(cursor), cursor: cursor + text.length };
}
