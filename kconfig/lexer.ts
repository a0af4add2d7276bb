// Tokeniser for the Kconfig language with the same states and quirks as scripts/kconfig/lexer.l:
// macro expansion inside words and strings, help-text indentation, assignment values, and a stack
// of sourced files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Kconfig } from './kconfig.js';
import { KconfigExit, type KFile } from './model.js';
import { Preprocessor } from './preprocess.js';
import { ReadBuffer } from './readWhole.js';

export const enum T {
  EOF, EOL, HELPTEXT, WORD, WORD_QUOTE, ASSIGN_VAL,
  BOOL, CHOICE, CLOSE_PAREN, COLON_EQUAL, COMMENT, CONFIG, DEFAULT, DEF_BOOL, DEF_TRISTATE, DEPENDS,
  ENDCHOICE, ENDIF, ENDMENU, HELP, HEX, IF, IMPLY, INT, MAINMENU, MENU, MENUCONFIG, MODULES, ON,
  OPEN_PAREN, OPTIONAL, PLUS_EQUAL, PROMPT, RANGE, SELECT, SOURCE, STRING, TRISTATE, VISIBLE,
  OR, AND, EQUAL, UNEQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, NOT,
  OPTION, ALLNOCONFIG_Y, DEFCONFIG_LIST,
}

const KEYWORDS: Record<string, T> = {
  bool: T.BOOL, choice: T.CHOICE, comment: T.COMMENT, config: T.CONFIG, def_bool: T.DEF_BOOL,
  def_tristate: T.DEF_TRISTATE, default: T.DEFAULT, depends: T.DEPENDS, endchoice: T.ENDCHOICE,
  endif: T.ENDIF, endmenu: T.ENDMENU, help: T.HELP, hex: T.HEX, if: T.IF, imply: T.IMPLY, int: T.INT,
  mainmenu: T.MAINMENU, menu: T.MENU, menuconfig: T.MENUCONFIG, modules: T.MODULES, on: T.ON,
  optional: T.OPTIONAL, prompt: T.PROMPT, range: T.RANGE, select: T.SELECT, source: T.SOURCE,
  string: T.STRING, tristate: T.TRISTATE, visible: T.VISIBLE,
};
// Only in v5.2's lexer.
const KEYWORDS_V52: Record<string, T> = {
  ...KEYWORDS, option: T.OPTION, allnoconfig_y: T.ALLNOCONFIG_Y, defconfig_list: T.DEFCONFIG_LIST,
  '---help---': T.HELP,
};

interface SrcBuf { text: string; pos: number; file: KFile; lineno: number }

const isWordChar = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;

export class Lexer {
  private stack: SrcBuf[] = [];
  private buf!: SrcBuf;
  private state: 'INITIAL' | 'HELP' | 'ASSIGN_VAL' = 'INITIAL';
  private prevPrevToken: T = T.EOL;
  private prevToken: T = T.EOL;
  /** current_pos: file and line of the first token of the statement being parsed. */
  posFile: KFile | null = null;
  posLine = 0;
  value = '';
  readonly pp: Preprocessor;
  private keywords: Map<string, T>;
  // help-state bookkeeping
  private helpText = '';
  private lastTs = 0;
  private firstTs = 0;

  constructor(private k: Kconfig) {
    this.keywords = new Map(Object.entries(k.v52 ? KEYWORDS_V52 : KEYWORDS));
    this.pp = new Preprocessor(k, {
      fileName: () => this.buf?.file.name ?? '',
      lineno: () => this.buf?.lineno ?? 0,
    });
  }

  get currentFile(): KFile { return this.buf.file; }
  /** current_file in C: null once the top file has ended. */
  get currentFileOrNull(): KFile | null { return this.ended ? null : this.buf.file; }
  curname(): string { return this.posFile ? this.posFile.name : '<none>'; }

  /** zconf_fopen, using a text already read for prediction when there is one (read once). */
  private open(name: string): string | null {
    this.pp.shellRunner.poll();
    const cached = this.textCache.get(name);
    if (cached !== undefined) {
      this.textCache.delete(name);
      return cached;
    }
    return this.readFile(name);
  }

  /** zconf_fopen: the name as given (relative to cwd), else under $srctree. */
  private readFile(name: string): string | null {
    const tryRead = (p: string): string | null => {
      try {
        return readLatin1(binPath(this.k.cwd, p));
      } catch {
        return null;
      }
    };
    let t = tryRead(name);
    if (t === null && name[0] !== '/') {
      const srctree = this.k.getenv('srctree');
      if (srctree !== undefined) t = tryRead(`${srctree}/${name}`);
    }
    return t;
  }

  initScan(name: string): void {
    const text = this.open(name);
    if (text === null) {
      this.k.out.stderr(`can't find file ${name}\n`);
      throw new KconfigExit(1);
    }
    const file = this.k.fileLookup(name);
    this.buf = { text, pos: 0, file, lineno: 1 };
    this.prefetch(name);
  }

  /** Texts read while predicting, reused when the file is really opened. */
  private textCache = new Map<string, string | null>();

  /** Starts the tree's $(shell,...) commands ahead of parsing (Linux flavour; see shell.ts). */
  private prefetch(top: string): void {
    if (this.k.v52 || this.k.getenv('UKMENU_SHELL_PREFETCH') === '0') return;
    const read = (name: string) => {
      let t = this.textCache.get(name);
      if (t === undefined) this.textCache.set(name, (t = this.readFile(name)));
      this.pp.shellRunner.poll();
      return t;
    };
    // each command starts as soon as it is predicted
    this.pp.predictShellCommands(top, read, (cmd) => this.pp.shellRunner.predict(cmd));
  }

  nextFile(name: string): void {
    const file = this.k.fileLookup(name);
    const text = this.open(file.name);
    if (text === null) {
      this.k.out.stderr(`${this.curname()}:${this.posLine}: can't open file "${file.name}"\n`);
      throw new KconfigExit(1);
    }
    const cur = this.buf.file;
    cur.lineno = this.buf.lineno;
    file.parent = cur;
    for (let iter: KFile | null = cur; iter; iter = iter.parent) {
      if (iter.name === file.name) {
        let msg = `Recursive inclusion detected.\nInclusion path:\n  current file : ${file.name}\n`;
        let it: KFile = file;
        do {
          it = it.parent!;
          msg += `  included from: ${it.name}:${it.lineno - 1}\n`;
        } while (it.name !== file.name);
        this.k.out.stderr(msg);
        throw new KconfigExit(1);
      }
    }
    this.stack.push(this.buf);
    this.buf = { text, pos: 0, file, lineno: 1 };
  }

  /** Unikraft's source: glob(3) the pattern; no match means nothing is sourced. */
  nextFiles(pattern: string): void {
    const matches = globPaths(pattern, this.k.cwd);
    for (let i = matches.length; i > 0; i--) this.nextFile(matches[i - 1]);
  }

  private endFile(): void {
    const parent = this.stack.pop();
    if (parent) {
      this.buf = parent;
      this.buf.lineno = parent.file.lineno;
    } else {
      this.buf = { text: '', pos: 0, file: this.buf.file, lineno: this.buf.lineno };
      this.ended = true;
    }
  }
  private ended = false;

  startHelp(): void {
    this.helpText = '';
    this.lastTs = this.firstTs = 0;
    this.state = 'HELP';
  }

  private warnIgnored(ch: string): void {
    this.k.out.stderr(`${this.buf.file.name}:${this.buf.lineno}:warning: ignoring unsupported character '${ch}'\n`);
  }

  private lex1(): T {
    if (this.state === 'HELP') return this.lexHelp();
    if (this.ended) return T.EOF;
    if (this.state === 'ASSIGN_VAL') return this.lexAssignVal();
    const b = this.buf;
    for (;;) {
      const text = b.text;
      const n = text.length;
      if (b.pos >= n) {
        if (this.prevToken !== T.EOL && this.prevToken !== T.HELPTEXT)
          this.k.out.stderr(`${b.file.name}:${b.lineno}:warning: no new line at end of file\n`);
        this.endFile();
        return T.EOL;
      }
      const c = text.charCodeAt(b.pos);
      if (c === 35) { // '#'
        let e = text.indexOf('\n', b.pos);
        if (e < 0) e = n;
        b.pos = e;
        continue;
      }
      if (c === 32 || c === 9) { b.pos++; continue; }
      if (c === 92 && text.charCodeAt(b.pos + 1) === 10) { b.pos += 2; b.lineno++; continue; }
      if (c === 10) { b.pos++; b.lineno++; return T.EOL; }
      if (isWordChar(c) || c === 36) {
        let e = b.pos;
        let dollar = false;
        while (e < n) {
          const d = text.charCodeAt(e);
          if (d === 36) dollar = true;
          else if (!isWordChar(d)) break;
          e++;
        }
        if (!dollar) {
          const word = text.slice(b.pos, e);
          b.pos = e;
          const kw = this.keywords.get(word);
          if (kw !== undefined) return kw;
          this.value = word;
          return T.WORD;
        }
        let lineEnd = text.indexOf('\n', b.pos);
        if (lineEnd < 0) lineEnd = n;
        const line = text.slice(b.pos, lineEnd);
        const [out, used] = this.pp.expandOneToken(line);
        // flex unputs the rest of the line, unexpanded: the same characters, so the scan goes on after the token
        // (rebuilding the text instead made V8 copy the rest of the file for every $)
        b.pos += used;
        if (out.length) {
          this.value = out;
          return T.WORD;
        }
        continue;
      }
      const c2 = text.charCodeAt(b.pos + 1);
      switch (c) {
        case 124: if (c2 === 124) { b.pos += 2; return T.OR; } break;
        case 38: if (c2 === 38) { b.pos += 2; return T.AND; } break;
        case 61: b.pos++; return T.EQUAL;
        case 33: if (c2 === 61) { b.pos += 2; return T.UNEQUAL; } b.pos++; return T.NOT;
        case 60: if (c2 === 61) { b.pos += 2; return T.LESS_EQUAL; } b.pos++; return T.LESS;
        case 62: if (c2 === 61) { b.pos += 2; return T.GREATER_EQUAL; } b.pos++; return T.GREATER;
        case 40: b.pos++; return T.OPEN_PAREN;
        case 41: b.pos++; return T.CLOSE_PAREN;
        case 58: if (c2 === 61) { b.pos += 2; return T.COLON_EQUAL; } break;
        case 43: if (c2 === 61) { b.pos += 2; return T.PLUS_EQUAL; } break;
        case 34: case 39: b.pos++; return this.lexString(text[b.pos - 1]);
        default:
      }
      this.warnIgnored(text[b.pos]);
      b.pos++;
    }
  }

  private lexString(quote: string): T {
    let s = '';
    for (;;) {
      const b = this.buf;
      const text = b.text;
      if (b.pos >= text.length) { this.value = s; return T.WORD_QUOTE; }
      const ch = text[b.pos];
      if (ch === '$') {
        let lineEnd = text.indexOf('\n', b.pos);
        if (lineEnd < 0) lineEnd = text.length;
        const line = text.slice(b.pos + 1, lineEnd);
        const [res, used] = this.pp.expandDollar(line, 0);
        b.pos += 1 + used; // the rest of the line unput, as for a word
        s += res;
        continue;
      }
      if (ch === '\\') {
        const nx = text[b.pos + 1];
        if (nx !== undefined && nx !== '\n') { s += nx; b.pos += 2; } else b.pos += 1;
        continue;
      }
      if (ch === '"' || ch === "'") {
        b.pos++;
        if (ch === quote) { this.value = s; return T.WORD_QUOTE; }
        s += ch;
        continue;
      }
      if (ch === '\n') {
        this.k.out.stderr(`${this.curname()}:${this.posLine}:warning: multi-line strings not supported\n`);
        this.value = s;
        return T.WORD_QUOTE;
      }
      let e = b.pos;
      while (e < text.length) {
        const d = text[e];
        if (d === '$' || d === "'" || d === '"' || d === '\\' || d === '\n') break;
        e++;
      }
      s += text.slice(b.pos, e);
      b.pos = e;
    }
  }

  private lexAssignVal(): T {
    const b = this.buf;
    const text = b.text;
    for (;;) {
      if (b.pos >= text.length) {
        this.state = 'INITIAL';
        return this.lex1();
      }
      const ch = text[b.pos];
      if (ch === '\n') {
        b.pos++; b.lineno++;
        this.state = 'INITIAL';
        return T.EOL;
      }
      if (ch === ' ' || ch === '\t') { b.pos++; continue; }
      let e = text.indexOf('\n', b.pos);
      if (e < 0) e = text.length;
      this.value = text.slice(b.pos, e);
      b.pos = e;
      return T.ASSIGN_VAL;
    }
  }

  private endHelp(): T {
    this.value = this.helpText;
    this.state = 'INITIAL';
    return T.HELPTEXT;
  }

  private lexHelp(): T {
    const b = this.buf;
    for (;;) {
      const text = b.text;
      const n = text.length;
      if (b.pos >= n) return this.endHelp();
      // [ \t]* then maybe \n
      let e = b.pos;
      while (e < n && (text[e] === ' ' || text[e] === '\t')) e++;
      if (e < n && text[e] === '\n') {
        const next = text[e + 1];
        b.pos = e + 1;
        b.lineno++;
        if (next !== undefined && next !== ' ' && next !== '\t' && next !== '\n') return this.endHelp();
        this.helpText += '\n';
        continue;
      }
      if (e > b.pos) {
        let ts = 0;
        for (let i = b.pos; i < e; i++) ts = text[i] === '\t' ? (ts & ~7) + 8 : ts + 1;
        b.pos = e;
        this.lastTs = ts;
        if (this.firstTs) {
          if (ts < this.firstTs) return this.endHelp();
          ts -= this.firstTs;
          while (ts > 8) { this.helpText += '        '; ts -= 8; }
          this.helpText += ' '.repeat(ts);
        }
        continue;
      }
      // [^ \t\n].*
      let le = text.indexOf('\n', b.pos);
      if (le < 0) le = n;
      // the line without its trailing blanks (it starts with a non-blank, so something is left)
      let end = le;
      for (let c = text.charCodeAt(end - 1); c === 32 || c === 9; c = text.charCodeAt(--end - 1));
      this.helpText += text.slice(b.pos, end);
      b.pos = le;
      if (!this.firstTs) this.firstTs = this.lastTs;
    }
  }

  /** yylex: drops redundant end-of-lines and records where each statement starts. */
  next(): T {
    let token: T;
    for (;;) {
      token = this.lex1();
      if (this.prevToken === T.EOL || this.prevToken === T.HELPTEXT) {
        if (token === T.EOL) continue;
        this.posFile = this.currentFileOrNull;
        this.posLine = this.buf.lineno;
      }
      break;
    }
    if (this.prevPrevToken === T.EOL && this.prevToken === T.WORD &&
        (token === T.EQUAL || token === T.COLON_EQUAL || token === T.PLUS_EQUAL))
      this.state = 'ASSIGN_VAL';
    this.prevPrevToken = this.prevToken;
    this.prevToken = token;
    return token;
  }
}

const readBuffer = new ReadBuffer(1 << 20);

/** A file's bytes as a latin1 string, read through one reused buffer (a Linux tree has ~1,700 files). */
function readLatin1(file: Buffer): string {
  const fd = fs.openSync(file, 'r');
  try {
    return readBuffer.read(fd).toString('latin1');
  } finally {
    fs.closeSync(fd);
  }
}

/** Kconfig text is handled as bytes (latin1 strings) so output stays byte-identical to the C tool. */
export function binPath(cwd: string, p: string): Buffer {
  const b = Buffer.from(p, 'latin1');
  if (b[0] === 0x2f) return b;
  return Buffer.concat([Buffer.from(cwd + '/', 'utf8'), b]);
}

/** Does the name exist as glob(3) asks (lstat: a link that points nowhere is there too)? */
function globExists(p: string | Buffer): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Minimal glob(3): '*', '?' and '[...]' per path component, sorted matches, no match -> []. */
export function globPaths(pattern: string, cwd: string): string[] {
  if (!/[*?[]/.test(pattern)) {
    return globExists(binPath(cwd, pattern)) ? [pattern] : [];
  }
  const abs = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p, i) => p !== '' || i === 0);
  let results: string[] = [abs ? '/' : ''];
  for (let i = abs ? 1 : 0; i < parts.length; i++) {
    const part = parts[i];
    const next: string[] = [];
    for (const base of results) {
      const dir = path.resolve(cwd, base || '.');
      if (!/[*?[]/.test(part)) {
        const cand = base === '' ? part : base === '/' ? `/${part}` : `${base}/${part}`;
        // (a folder on the way is opened, through links; the last name is looked at, as glob does)
        if (i === parts.length - 1 ? globExists(binPath(cwd, cand)) : fs.existsSync(binPath(cwd, cand))) next.push(cand);
        continue;
      }
      let names: string[];
      try { names = fs.readdirSync(Buffer.from(dir, 'latin1'), { encoding: 'latin1' }); } catch { continue; }
      if (part.startsWith('.')) names.push('.', '..'); // (readdir(3) gives them: `.*` matches them)
      const re = globToRegExp(part);
      for (const name of names.sort()) {
        if (name.startsWith('.') && !part.startsWith('.')) continue;
        if (re.test(name)) next.push(base === '' ? name : base === '/' ? `/${name}` : `${base}/${name}`);
      }
    }
    results = next;
  }
  return results.sort();
}

function globToRegExp(part: string): RegExp {
  let re = '^';
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const j = part.indexOf(']', i + 1);
      if (j < 0) re += '\\[';
      else { re += '[' + part.slice(i + 1, j).replace(/^!/, '^') + ']'; i = j; }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(re + '$');
}
