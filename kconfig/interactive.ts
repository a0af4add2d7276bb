// conf's line-oriented questions (oldconfig, oldaskconfig, syncconfig with new symbols): the same
// prompts, answers and help text as scripts/kconfig/conf.c, reading answers from a line source.
import { menuGetExtHelp } from './help.js';
import {
  symCalcValue, symGetStringValue, symIsChangeable, symSetStringValue, symSetTristateValue,
  symTristateWithinRange,
} from './evaluate.js';
import type { Kconfig } from './kconfig.js';
import { menuGetParentMenu, menuGetPrompt, menuIsVisible } from './menu.js';
import { KconfigExit, Menu, P, Sym, SymType, Tri, hasValue, isChoice } from './model.js';

export type InputMode = 'oldaskconfig' | 'oldconfig' | 'syncconfig' | 'listnewconfig' | 'helpnewconfig';

/** Reads one line of the user's answer including its '\n', or null at end of input. */
export type LineSource = () => string | null;

export class Questioner {
  private indent = 1;
  private line = '';
  private rootEntry: Menu;
  cnt = 0;

  constructor(private k: Kconfig, public mode: InputMode, private input: LineSource, private ttyStdio: boolean) {
    this.rootEntry = k.rootmenu;
  }

  private out(s: string): void { this.k.out.stdout(s); }
  private pad(n: number): string { return n > 0 ? ' '.repeat(n) : ''; }
  /** printf("%*c", n, c) */
  private padc(n: number, c: string): string { return this.pad(n - 1) + c; }

  /** Consecutive questions met with end of input without an acceptable answer. */
  private eofStreak = 0;

  private xfgets(): void {
    const l = this.input();
    if (l === null) {
      this.k.out.stderr('\nError in reading or end of file.\n');
      // conf would ask the same question forever here; stop with an error instead.
      if (++this.eofStreak > 50) {
        this.k.out.stderr('\n*** No acceptable answer before the end of the input: giving up.\n\n');
        throw new KconfigExit(1);
      }
    } else {
      this.eofStreak = 0;
      this.line = l;
    }
    if (!this.ttyStdio) this.out(this.line);
  }

  private strip(): void { this.line = this.line.replace(/^[ \t\n\v\f\r]+/, '').replace(/[ \t\n\v\f\r]+$/, ''); }

  private printHelp(menu: Menu): void {
    this.out(`\n${menuGetExtHelp(this.k, menu)}\n`);
  }

  private askValue(sym: Sym, def: string | null): boolean {
    if (!hasValue(sym)) this.out('(NEW) ');
    this.line = '\n';
    if (!symIsChangeable(sym)) {
      this.out(`${def ?? ''}\n`);
      return false;
    }
    if ((this.mode === 'oldconfig' || this.mode === 'syncconfig') && hasValue(sym)) {
      this.out(`${def ?? ''}\n`);
      return false;
    }
    this.xfgets();
    return true;
  }

  private confString(menu: Menu): void {
    const sym = menu.sym!;
    for (;;) {
      this.out(`${this.pad(this.indent - 1)}${menu.prompt!.text} (${sym.name}) `);
      let def: string | null = symGetStringValue(this.k, sym);
      if (def !== null) this.out(`[${def}] `);
      if (!this.askValue(sym, def)) return;
      const c = this.line[0];
      if (c === '\n') { /* keep */ } else if (c === '?' && this.line[1] === '\n') {
        this.printHelp(menu);
        def = null;
      } else def = this.line.endsWith('\n') ? this.line.slice(0, -1) : this.line.slice(0, -1);
      if (def !== null && symSetStringValue(this.k, sym, def)) {
        this.eofStreak = 0;
        return;
      }
    }
  }

  private confSym(menu: Menu): void {
    const sym = menu.sym!;
    const k = this.k;
    for (;;) {
      let s = `${this.pad(this.indent - 1)}${menu.prompt!.text} `;
      if (sym.name) s += `(${sym.name}) `;
      s += '[';
      const oldval = sym.curr.tri;
      s += oldval === Tri.no ? 'N' : oldval === Tri.mod ? 'M' : 'Y';
      if (oldval !== Tri.no && symTristateWithinRange(k, sym, Tri.no)) s += '/n';
      if (oldval !== Tri.mod && symTristateWithinRange(k, sym, Tri.mod)) s += '/m';
      if (oldval !== Tri.yes && symTristateWithinRange(k, sym, Tri.yes)) s += '/y';
      s += '/?] ';
      this.out(s);
      if (!this.askValue(sym, symGetStringValue(k, sym))) return;
      this.strip();
      const l = this.line;
      let newval: Tri;
      switch (l[0]) {
        case 'n': case 'N':
          newval = Tri.no;
          if (l.length === 1 || l.slice(1) === 'o') break;
          continue;
        case 'm': case 'M':
          newval = Tri.mod;
          if (l.length === 1) break;
          continue;
        case 'y': case 'Y':
          newval = Tri.yes;
          if (l.length === 1 || l.slice(1) === 'es') break;
          continue;
        case undefined:
          newval = oldval;
          break;
        case '?':
          this.printHelp(menu);
          continue;
        default:
          continue;
      }
      if (symSetTristateValue(k, sym, newval)) {
        this.eofStreak = 0;
        return;
      }
      this.printHelp(menu);
    }
  }

  private confChoice(menu: Menu): boolean {
    const k = this.k;
    const sym = menu.sym!;
    const isNew = !hasValue(sym);
    if (symIsChangeable(sym)) {
      this.confSym(menu);
      symCalcValue(k, sym);
      if (sym.curr.tri === Tri.no) return true;
      if (sym.curr.tri === Tri.mod) return false;
    } else {
      if (sym.curr.tri === Tri.no) return true;
      if (sym.curr.tri === Tri.mod) {
        this.out(`${this.pad(this.indent - 1)}${menuGetPrompt(menu)}\n`);
        return false;
      }
    }
    for (;;) {
      this.out(`${this.pad(this.indent - 1)}${menuGetPrompt(menu)}\n`);
      const defSym = sym.curr.val as Sym | null;
      let cnt = 0;
      let def = 0;
      this.line = '';
      for (let child = menu.list; child; child = child.next) {
        if (!menuIsVisible(k, child)) continue;
        if (!child.sym) {
          this.out(`${this.padc(this.indent, '*')} ${menuGetPrompt(child)}\n`);
          continue;
        }
        cnt++;
        let s: string;
        if (child.sym === defSym) {
          def = cnt;
          s = this.padc(this.indent, '>');
        } else s = this.padc(this.indent, ' ');
        s += ` ${cnt}. ${menuGetPrompt(child)}`;
        if (child.sym.name) s += ` (${child.sym.name})`;
        if (!hasValue(child.sym)) s += ' (NEW)';
        this.out(s + '\n');
      }
      this.out(`${this.pad(this.indent - 1)}choice`);
      if (cnt === 1) {
        this.out('[1]: 1\n');
      } else {
        this.out(`[1-${cnt}?]: `);
        if ((this.mode === 'oldconfig' || this.mode === 'syncconfig') && !isNew) {
          cnt = def;
          this.out(`${cnt}\n`);
        } else if (this.mode === 'oldaskconfig' || this.mode === 'oldconfig' || this.mode === 'syncconfig') {
          this.xfgets();
          this.strip();
          if (this.line[0] === '?') {
            this.printHelp(menu);
            continue;
          }
          if (!this.line[0]) cnt = def;
          else if (/[0-9]/.test(this.line[0])) cnt = parseInt(this.line, 10);
          else continue;
        }
      }
      let child: Menu | null;
      for (child = menu.list; child; child = child.next) {
        if (!child.sym || !menuIsVisible(k, child)) continue;
        if (!--cnt) break;
      }
      if (!child) continue;
      if (this.line && this.line[this.line.length - 1] === '?') {
        this.printHelp(child);
        continue;
      }
      symSetTristateValue(k, child.sym!, Tri.yes);
      for (let c = child.list; c; c = c.next) {
        this.indent += 2;
        this.conf(c);
        this.indent -= 2;
      }
      return true;
    }
    return true;
  }

  conf(menu: Menu): void {
    const k = this.k;
    if (!menuIsVisible(k, menu)) return;
    const sym = menu.sym;
    const prop = menu.prompt;
    if (prop) {
      let show = false;
      if (prop.type === P.MENU) {
        if (this.mode !== 'oldaskconfig' && this.rootEntry !== menu) {
          this.check(menu);
          return;
        }
        show = true;
      } else if (prop.type === P.COMMENT) show = true;
      if (show) {
        const prompt = menuGetPrompt(menu);
        if (prompt !== null) {
          const st = this.padc(this.indent, '*');
          this.out(`${st}\n${st} ${prompt}\n${st}\n`);
        }
      }
    }
    if (sym) {
      if (isChoice(sym)) {
        this.confChoice(menu);
        if (sym.curr.tri !== Tri.mod) return;
      } else if (sym.type === SymType.INT || sym.type === SymType.HEX || sym.type === SymType.STRING) {
        this.confString(menu);
      } else {
        this.confSym(menu);
      }
    }
    if (sym) this.indent += 2;
    for (let child = menu.list; child; child = child.next) this.conf(child);
    if (sym) this.indent -= 2;
  }

  /** check_conf */
  check(menu: Menu): void {
    const k = this.k;
    if (!menuIsVisible(k, menu)) return;
    const sym = menu.sym;
    if (sym && !hasValue(sym) && (symIsChangeable(sym) || (isChoice(sym) && sym.curr.tri === Tri.yes))) {
      if (this.mode === 'listnewconfig') {
        if (sym.name) {
          let v = symGetStringValue(k, sym);
          if (sym.type === SymType.STRING) v = '"' + v.replace(/["\\]/g, '\\$&') + '"';
          this.out(`${k.prefix}${sym.name}=${v}\n`);
        }
      } else if (this.mode === 'helpnewconfig') {
        this.out('-----\n');
        this.printHelp(menu);
        this.out('-----\n');
      } else {
        if (!this.cnt++) this.out('*\n* Restart config...\n*\n');
        this.rootEntry = menuGetParentMenu(k, menu);
        this.conf(this.rootEntry);
      }
    }
    for (let child = menu.list; child; child = child.next) this.check(child);
  }

  /** The main loop of conf for the interactive modes. */
  run(): void {
    if (this.mode === 'oldaskconfig') {
      this.rootEntry = this.k.rootmenu;
      this.conf(this.k.rootmenu);
      this.mode = 'oldconfig';
    }
    do {
      this.cnt = 0;
      this.check(this.k.rootmenu);
    } while (this.cnt);
  }
}

