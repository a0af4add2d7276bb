// Pieces shared by the build and run views: a panel base (listeners, a clock while something runs),
// a scrollable pane of lines, and key helpers.
import React from 'react';
import { Text } from 'ink';
import type { Key } from 'ink';

export const COLOR = !process.env.NO_COLOR;
export const color = (c: string): string | undefined => (COLOR ? c : undefined);

/** Cuts to `width` columns with an ellipsis (no padding). */
export function clip(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length > width ? (width > 1 ? text.slice(0, width - 1) + '…' : text.slice(0, width)) : text;
}

/** Splits `text` into pieces of at most `width` columns (for a command that must be shown whole). */
export function wrapHard(text: string, width: number, maxLines: number): string[] {
  if (width <= 0) return [];
  const out: string[] = [];
  let rest = text;
  while (rest.length > 0 && out.length < maxLines) {
    if (rest.length <= width) { out.push(rest); rest = ''; break; }
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= width / 2) cut = width;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  if (rest.length > 0 && out.length) out[out.length - 1] = clip(out[out.length - 1] + ' ' + rest, width);
  return out;
}

export function Rule({ width, label }: { width: number; label?: string }) {
  const head = label ? `── ${label} ` : '';
  return <Text dimColor wrap="truncate">{(head + '─'.repeat(Math.max(0, width - head.length))).slice(0, width)}</Text>;
}

export interface PaneLine {
  text: string;
  color?: string;
  dim?: boolean;
  bold?: boolean;
}

/** `height` lines of `lines`, ending `scroll` lines before the last one (0: follow the end). */
export function Pane({ lines, width, height, scroll }: { lines: PaneLine[]; width: number; height: number; scroll: number }) {
  if (height <= 0) return null;
  const end = Math.max(0, lines.length - scroll);
  const start = Math.max(0, end - height);
  const shown = lines.slice(start, end);
  const pad = height - shown.length;
  return (
    <>
      {shown.map((l, i) => (
        <Text key={start + i} wrap="truncate" color={l.color ? color(l.color) : undefined} dimColor={l.dim} bold={l.bold}>
          {clip(l.text, width) || ' '}
        </Text>
      ))}
      {pad > 0 ? Array.from({ length: pad }, (_, i) => <Text key={`pad${i}`}> </Text>) : null}
    </>
  );
}

/** The new scroll offset (lines from the end) for a scrolling key, or null when the key does not scroll. */
export function scrollKey(key: Key, input: string, scroll: number, total: number, page: number): number | null {
  const max = Math.max(0, total - page);
  let s: number;
  if (key.pageUp) s = scroll + Math.max(1, page - 1);
  else if (key.pageDown) s = scroll - Math.max(1, page - 1);
  else if (key.upArrow) s = scroll + 1;
  else if (key.downArrow) s = scroll - 1;
  else if (key.home) s = max;
  else if (key.end) s = 0;
  else return null;
  void input;
  return Math.max(0, Math.min(max, s));
}

/** Listeners plus a clock that notifies them every `tickMs` while `ticking()` is true. */
export class Notifier {
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly ticking: () => boolean, private readonly tickMs = 250) {}

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  notify(): void {
    for (const fn of this.listeners) fn();
    this.clock();
  }

  /** Starts or stops the clock to match ticking(). */
  clock(): void {
    const want = this.ticking();
    if (want && !this.timer) {
      this.timer = setInterval(() => {
        if (!this.ticking()) { this.clock(); return; }
        for (const fn of this.listeners) fn();
      }, this.tickMs);
      this.timer.unref?.();
    } else if (!want && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  get size(): number {
    return this.listeners.size;
  }
}

/** The bytes a key sends to a terminal program (the guest's console). */
export function keyBytes(input: string, key: Key): string {
  if (key.return) return '\r';
  if (key.backspace || key.delete) return '\x7f';
  if (key.tab) return '\t';
  if (key.escape) return '\x1b';
  if (key.upArrow) return '\x1b[A';
  if (key.downArrow) return '\x1b[B';
  if (key.rightArrow) return '\x1b[C';
  if (key.leftArrow) return '\x1b[D';
  if (key.ctrl && /^[a-z]$/i.test(input)) return String.fromCharCode(input.toLowerCase().charCodeAt(0) - 96);
  return input;
}
