// Small helpers for scrolled lists and pages.
import type { Line } from '../why.js';

/** The first shown line of a window of `height` lines so that `index` is in it. */
export function clampTop(top: number, index: number, count: number, height: number): number {
  if (index < top) top = index;
  if (index >= top + height) top = index - height + 1;
  return Math.max(0, Math.min(top, Math.max(0, count - height)));
}

/** Word-wraps lines to `width` columns, keeping each line's tone and leading indent. */
export function wrapLines(lines: Line[], width: number): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    if (l.text.length <= width) { out.push(l); continue; }
    const indent = /^\s*/.exec(l.text)![0];
    const cont = indent + '  ';
    let rest = l.text;
    let first = true;
    while (rest.length > width) {
      let cut = rest.lastIndexOf(' ', width);
      if (cut <= (first ? indent.length : cont.length)) cut = width;
      out.push({ text: rest.slice(0, cut), tone: l.tone });
      rest = cont + rest.slice(cut).replace(/^ +/, '');
      first = false;
    }
    out.push({ text: rest, tone: l.tone });
  }
  return out;
}
