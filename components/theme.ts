// Colours and line tones shared by the views.
import type { Tone as LineTone } from './why.js';
import type { Tone as StatusTone } from './controller.js';

export const lineColor = (tone: LineTone): string | undefined =>
  tone === 'ok' ? 'green' : tone === 'bad' ? 'red' : tone === 'warn' ? 'yellow' : undefined;

export const statusColor = (tone: StatusTone): string | undefined =>
  tone === 'ok' ? 'green' : tone === 'error' ? 'red' : undefined;

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
