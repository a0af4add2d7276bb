// Which characters each entry's texts hold, and where: how a one-character query occurs in a name,
// prompt, menu path or help text, answered from bit masks made once instead of reading the texts.
// The first keystroke of a search matches nearly every entry of a big tree (16,000 on Linux), and
// reading every text for it was most of that keystroke's time.

/** a-z, 0-9 and `_`: the characters a one-character query is answered for (else -1). */
export function charBit(c: string): number {
  const k = c.charCodeAt(0);
  if (c.length !== 1) return -1;
  if (k >= 97 && k <= 122) return k - 97;
  if (k >= 48 && k <= 57) return 26 + k - 48;
  return k === 95 ? 36 : -1;
}

/** An ASCII letter or digit (a character code): what does not break a word in a prompt or help text. */
export const isAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);

/** Two 32-bit halves per text: bits 0-31 in `lo`, 32-36 in `hi`. */
class Masks {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  constructor(n: number) { this.lo = new Int32Array(n); this.hi = new Int32Array(n); }
  set(i: number, bit: number): void { if (bit < 32) this.lo[i] |= 1 << bit; else this.hi[i] |= 1 << (bit - 32); }
  has(i: number, bit: number): boolean { return ((bit < 32 ? this.lo[i] >>> bit : this.hi[i] >>> (bit - 32)) & 1) === 1; }
}

/** Where a text holds each character: anywhere, and after a word break (not at position 0). */
class TextMasks {
  readonly any: Masks;
  readonly wordStart: Masks;
  constructor(texts: string[], breaks: (prev: number) => boolean) {
    this.any = new Masks(texts.length);
    this.wordStart = new Masks(texts.length);
    texts.forEach((t, i) => {
      for (let p = 0; p < t.length; p++) {
        const bit = charBit(t[p]);
        if (bit < 0) continue;
        this.any.set(i, bit);
        if (p > 0 && breaks(t.charCodeAt(p - 1))) this.wordStart.set(i, bit);
      }
    });
  }
}

export interface OneCharTexts { lname: string; lprompt: string; lpath: string; lhelp: string }

export class OneCharIndex {
  private readonly name: TextMasks;
  private readonly prompt: TextMasks;
  private readonly path: Masks;
  private readonly help: TextMasks;

  constructor(private readonly entries: OneCharTexts[]) {
    this.name = new TextMasks(entries.map((e) => e.lname), (c) => c === 95);
    this.prompt = new TextMasks(entries.map((e) => e.lprompt), (c) => !isAlnum(c));
    this.path = new TextMasks(entries.map((e) => e.lpath), () => false).any;
    this.help = new TextMasks(entries.map((e) => e.lhelp), (c) => !isAlnum(c));
  }

  /** As occurs() in index.ts for the name: 0 equal, 1 prefix, 2 at a word start, 3 elsewhere, -1 not at all. */
  nameOccurs(i: number, c: string, bit: number): number { return occurs(this.entries[i].lname, this.name, i, c, bit); }

  /** The same for the prompt. */
  promptOccurs(i: number, c: string, bit: number): number { return occurs(this.entries[i].lprompt, this.prompt, i, c, bit); }

  pathHas(i: number, bit: number): boolean { return this.path.has(i, bit); }

  /** The same for the help text. */
  helpOccurs(i: number, c: string, bit: number): number { return occurs(this.entries[i].lhelp, this.help, i, c, bit); }
}

function occurs(text: string, m: TextMasks, i: number, c: string, bit: number): number {
  if (!m.any.has(i, bit)) return -1;
  if (text.charCodeAt(0) === c.charCodeAt(0)) return text.length === 1 ? 0 : 1;
  return m.wordStart.has(i, bit) ? 2 : 3;
}
