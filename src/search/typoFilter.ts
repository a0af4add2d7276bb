// Whether a text holds the pattern with at most k errors (insertions, deletions, substitutions):
// the bit-parallel recurrence fuse.js's bitap search runs (Wu and Manber), without its scoring and
// match ranges. fuse.js then runs only on the texts this accepts: on Linux a short typo such as
// `seli` has thousands of entries holding a piece of it, and almost none of them match.

export class TypoFilter {
  /** Each character's positions in the pattern: ASCII by code, the rest in `other`. */
  private readonly ascii = new Int32Array(128);
  private readonly other = new Map<number, number>();
  private readonly last: number;
  private readonly rows: Int32Array;

  constructor(pattern: string, private readonly k: number) {
    if (pattern.length > 32) throw new Error('TypoFilter: patterns up to 32 characters');
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      if (c < 128) this.ascii[c] |= 1 << i;
      else this.other.set(c, (this.other.get(c) ?? 0) | (1 << i));
    }
    this.last = 1 << (pattern.length - 1);
    this.rows = new Int32Array(k + 1);
  }

  /** Does `text` hold a substring within k errors of the pattern? */
  mayMatch(text: string): boolean {
    const r = this.rows;
    // row d: the pattern prefixes that end here with at most d errors (the first d may be dropped)
    for (let d = 0; d <= this.k; d++) r[d] = (1 << d) - 1;
    for (let p = 0; p < text.length; p++) {
      const c = text.charCodeAt(p);
      const b = c < 128 ? this.ascii[c] : (this.other.get(c) ?? 0);
      let before = r[0];
      r[0] = ((r[0] << 1) | 1) & b;
      for (let d = 1; d <= this.k; d++) {
        const old = r[d];
        // match | inserted text character | substituted | deleted pattern character
        r[d] = (((old << 1) | 1) & b) | before | ((before | r[d - 1]) << 1) | 1;
        before = old;
      }
      if (r[this.k] & this.last) return true;
    }
    return false;
  }
}
