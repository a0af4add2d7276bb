// The state of one loaded Kconfig tree: symbol table (same hashing as the C tool, because conf
// iterates symbols in hash order and that order shows in auto.conf and in warnings), menu tree,
// files, output sinks and the behaviour flavour.
import { ExprRewriter, type Consts } from './expr.js';
import type { ShellStats } from './shell.js';
import { F, Menu, mkMenu, mkSym, Sym, SymType, Tri, type KFile } from './model.js';

export type Flavor = 'unikraft' | 'linux';

export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const SYMBOL_HASHSIZE = 9973;

function strhash(s: string): number {
  // fnv32 over the bytes of the name (latin1 string), `char` being signed on x86.
  let h = 2166136261 >>> 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0x80) c -= 256;
    h = Math.imul(h ^ c, 0x01000193) >>> 0;
  }
  return h;
}

/** Environment values as byte strings, like the rest of the engine. */
export function binaryEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    // eslint-disable-next-line no-control-regex
    out[k] = v === undefined || !/[^\x00-\x7f]/.test(v) ? v : Buffer.from(v, 'utf8').toString('latin1');
  }
  return out;
}

export class Kconfig implements Consts {
  readonly yes: Sym;
  readonly mod: Sym;
  readonly no: Sym;
  readonly empty: Sym;
  readonly hash: (Sym | null)[] = new Array(SYMBOL_HASHSIZE).fill(null);
  /** Every symbol in for_all_symbols order is derived from `hash` on demand. */
  private allCache: Sym[] | null = null;
  readonly rootmenu: Menu;
  modulesSym: Sym | null = null;
  modulesVal: Tri = Tri.no;
  defconfigListSym: Sym | null = null;
  symWarnings = 0;
  /** How $(shell) prediction did while parsing (shell.ts), when the tree ran commands. */
  shellStats: ShellStats | null = null;
  /** menu.ts: a choice gave a symbol its type during finalisation (after parsing). */
  typedLate = false;
  confChanged = false;
  /** zconf_lineno() when parsing ended (used for properties created while finalising). */
  parseLineno = 0;
  readonly rw: ExprRewriter;
  /** Environment variables referenced while parsing, for auto.conf.cmd (name -> value, in order). */
  envRefs = new Map<string, string>();

  constructor(
    public readonly flavor: Flavor,
    public readonly env: Record<string, string | undefined>,
    public readonly cwd: string,
    public out: Output,
  ) {
    this.v52 = flavor === 'unikraft';
    // v5.2's y/m/n carry no type; 6.1 made them tristate (this changes some comparisons).
    const constType = flavor === 'linux' ? SymType.TRISTATE : SymType.UNKNOWN;
    const mk = (name: string, tri: Tri) => {
      const s = mkSym(name, F.CONST | F.VALID);
      s.type = constType;
      s.curr = { val: name, tri };
      return s;
    };
    this.yes = mk('y', Tri.yes);
    this.mod = mk('m', Tri.mod);
    this.no = mk('n', Tri.no);
    this.empty = mkSym('', F.VALID);
    this.empty.curr = { val: '', tri: Tri.no };
    this.rw = new ExprRewriter(this);
    const rootFile: KFile = { name: '', parent: null, lineno: 0 };
    this.rootmenu = mkMenu(null, rootFile, 0);
  }

  /** Unikraft's v5.2 kconfig rules (a field: it is read in the hottest loops). */
  readonly v52: boolean;

  getenv(name: string): string | undefined {
    return this.env[name];
  }

  /** CONFIG_ prefix: the CONFIG_ environment variable, else the compiled-in default. */
  get prefix(): string {
    const p = this.env.CONFIG_;
    if (p !== undefined) return p;
    return this.v52 ? '' : 'CONFIG_';
  }

  /** The symbols lookup(name, 0) finds: neither constant nor choice (flags never change to those). */
  private plain = new Map<string, Sym>();

  lookup(name: string | null, flags: number): Sym {
    let h = 0;
    if (name !== null) {
      if (name.length === 1) {
        if (name === 'y') return this.yes;
        if (name === 'm') return this.mod;
        if (name === 'n') return this.no;
      }
      if (!flags) {
        // the common case (a plain symbol) from an index instead of the hash chain: same answer
        const known = this.plain.get(name);
        if (known) return known;
      }
      h = strhash(name) % SYMBOL_HASHSIZE;
      if (flags) {
        for (let s = this.hash[h]; s; s = s.next) {
          if (s.name === name && s.flags & flags) return s;
        }
      }
    }
    const sym = mkSym(name, flags);
    sym.next = this.hash[h];
    this.hash[h] = sym;
    if (!flags && name !== null) this.plain.set(name, sym);
    this.allCache = null;
    return sym;
  }

  find(name: string): Sym | null {
    if (name.length === 1) {
      if (name === 'y') return this.yes;
      if (name === 'm') return this.mod;
      if (name === 'n') return this.no;
    }
    const h = strhash(name) % SYMBOL_HASHSIZE;
    for (let s = this.hash[h]; s; s = s.next) {
      if (s.name === name && !(s.flags & F.CONST)) return s;
    }
    return null;
  }

  /** for_all_symbols */
  all(): Sym[] {
    if (this.allCache) return this.allCache;
    const list: Sym[] = [];
    for (let i = 0; i < SYMBOL_HASHSIZE; i++) for (let s = this.hash[i]; s; s = s.next) list.push(s);
    this.allCache = list;
    return list;
  }

  private fileIndex = new Map<string, KFile>();

  /** file_lookup: one record per file name; the list is newest first like C's. */
  fileLookup(name: string): KFile {
    let f = this.fileIndex.get(name);
    if (f) return f;
    f = { name, parent: null, lineno: 0 };
    this.fileIndex.set(name, f);
    this.fileListRev.push(f);
    return f;
  }

  private fileListRev: KFile[] = [];
  /** Files in the order of auto.conf.cmd (newest first). */
  get fileList(): KFile[] {
    return [...this.fileListRev].reverse();
  }

  /** Called when a user value changes; conf invalidates every value, the UI only the dependents. */
  userValueChanged: (sym: Sym) => void = () => this.clearAllValid();
  clearAllValid: () => void = () => undefined;

  setChanged(v: boolean): void {
    this.confChanged = v;
  }
}
