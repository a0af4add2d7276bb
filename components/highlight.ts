// Which characters of a search result match the query, for highlighting. Each word of the query
// is looked for as a case-insensitive substring; a word that is not a substring is matched as a
// subsequence (fuzzy) when it fits in a short stretch of the text. A pasted `CONFIG_` prefix is
// ignored, as the search ignores it.

export type Range = readonly [start: number, end: number];

export function queryWords(query: string): string[] {
  return query.trim().toLowerCase().replace(/^config_/, '').split(/\s+/).filter(Boolean);
}

/** Ranges [start, end) of `text` that match the words, sorted and merged. */
export function matchRanges(text: string, words: readonly string[]): Range[] {
  if (!text || !words.length) return [];
  const lower = text.toLowerCase();
  const out: [number, number][] = [];
  for (const w of words) {
    let at = lower.indexOf(w);
    if (at >= 0) {
      // every occurrence (short words only once: "a" would light up everything)
      while (at >= 0) {
        out.push([at, at + w.length]);
        if (w.length < 3) break;
        at = lower.indexOf(w, at + w.length);
      }
      continue;
    }
    if (w.length < 2) continue;
    const fuzzy = subsequence(lower, w);
    if (fuzzy) out.push(...fuzzy);
  }
  return merge(out);
}

/** The tightest greedy subsequence match, if it spans at most three times the word's length. */
function subsequence(text: string, w: string): [number, number][] | null {
  let best: [number, number][] | null = null;
  let bestSpan = Infinity;
  for (let start = text.indexOf(w[0]); start >= 0; start = text.indexOf(w[0], start + 1)) {
    const hits: [number, number][] = [];
    let j = start;
    for (const ch of w) {
      j = text.indexOf(ch, j);
      if (j < 0) break;
      hits.push([j, j + 1]);
      j++;
    }
    if (hits.length !== w.length) break; // later starts cannot fit either
    const span = j - start;
    if (span < bestSpan) { best = hits; bestSpan = span; }
  }
  return best && bestSpan <= Math.max(6, w.length * 3) ? best : null;
}

function merge(rs: [number, number][]): Range[] {
  rs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const r of rs) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Splits `text` into plain and matched pieces. */
export function splitByRanges(text: string, ranges: readonly Range[]): { text: string; match: boolean }[] {
  const out: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s >= text.length) break;
    if (s > at) out.push({ text: text.slice(at, s), match: false });
    out.push({ text: text.slice(Math.max(s, at), Math.min(e, text.length)), match: true });
    at = Math.min(e, text.length);
  }
  if (at < text.length) out.push({ text: text.slice(at), match: false });
  return out;
}
