// The guest's serial console as text: firmware escape codes removed (SeaBIOS starts with ESC[?7l,
// ESC[2J, ...), CRLF turned into LF, sequences split across chunks handled.

/** Turns raw serial output into plain text, one chunk at a time. */
export class SerialDecoder {
  private pending = '';

  /** The clean text of `chunk` (and of what an earlier chunk left unfinished). */
  push(chunk: string): string {
    const s = this.pending + chunk;
    this.pending = '';
    let out = '';
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (c === '\x1b') {
        const end = escapeEnd(s, i);
        if (end < 0) { this.pending = s.slice(i); break; } // unfinished: wait for more
        i = end;
        continue;
      }
      if (c === '\r') {
        if (i + 1 >= s.length) { this.pending = '\r'; break; } // CR at the end: LF may follow
        if (s[i + 1] === '\n') { out += '\n'; i += 2; continue; }
        out += '\r';
        i++;
        continue;
      }
      const code = c.charCodeAt(0);
      if (code < 0x20 && c !== '\n' && c !== '\t' && c !== '\b') { i++; continue; } // BEL, SI/SO, NUL, ...
      if (code === 0x7f || (code >= 0x80 && code < 0xa0)) { i++; continue; }
      out += c;
      i++;
    }
    // a pending escape that never ends (garbage): give up on it after a while
    if (this.pending.length > 64) { this.pending = ''; }
    return out;
  }

  /** Ends the stream: an unfinished escape sequence or a last lone CR print nothing. */
  flush(): string {
    this.pending = '';
    return '';
  }
}

/** The index after the escape sequence starting at s[i] (ESC), or -1 when it is not complete yet. */
function escapeEnd(s: string, i: number): number {
  if (i + 1 >= s.length) return -1;
  const c = s[i + 1];
  if (c === '[') {
    // CSI: parameters 0x30-0x3f, intermediates 0x20-0x2f, final 0x40-0x7e
    let j = i + 2;
    while (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x3f) j++;
    while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
    if (j >= s.length) return -1;
    const f = s.charCodeAt(j);
    return f >= 0x40 && f <= 0x7e ? j + 1 : j; // malformed: drop what was read
  }
  if (c === ']' || c === 'P' || c === '_' || c === '^' || c === 'X') {
    // OSC / DCS / APC / PM / SOS: up to BEL or ESC \
    for (let j = i + 2; j < s.length; j++) {
      if (s[j] === '\x07') return j + 1;
      if (s[j] === '\x1b') {
        if (j + 1 >= s.length) return -1;
        if (s[j + 1] === '\\') return j + 2;
      }
    }
    return -1;
  }
  if (c === '(' || c === ')' || c === '*' || c === '+' || c === '#' || c === '%') {
    return i + 2 < s.length ? i + 3 : -1; // charset selection and friends: one more byte
  }
  return i + 2; // two-character sequences: ESC c, ESC 7, ESC =, ...
}

/** The console as lines for a view: LF ends a line, CR starts it over, backspace erases. */
export class ConsoleScreen {
  readonly lines: string[] = [];
  current = '';
  private cr = false;
  dropped = 0;

  constructor(private readonly maxLines = 10_000) {}

  write(text: string): void {
    for (const ch of text) {
      if (ch === '\n') {
        this.lines.push(this.current);
        this.current = '';
        this.cr = false;
        if (this.lines.length > this.maxLines) {
          const cut = this.lines.length - this.maxLines;
          this.lines.splice(0, cut);
          this.dropped += cut;
        }
      } else if (ch === '\r') {
        this.cr = true;
      } else if (ch === '\b') {
        this.current = this.current.slice(0, -1);
      } else {
        if (this.cr) { this.current = ''; this.cr = false; }
        this.current += ch === '\t' ? '        '.slice(this.current.length % 8) : ch;
      }
    }
  }

  /** Every line, the unfinished one last when it has text. */
  all(): string[] {
    return this.current === '' ? this.lines : [...this.lines, this.current];
  }
}

/** The whole of a captured console as lines (for tests and summaries). */
export function consoleLines(raw: string): string[] {
  const d = new SerialDecoder();
  const s = new ConsoleScreen(Infinity);
  s.write(d.push(raw) + d.flush());
  return s.all();
}
