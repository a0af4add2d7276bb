// Recursive-descent parser for the Kconfig grammar of scripts/kconfig/parser.y, including bison's
// error recovery as users see it (which messages appear, at which lines, and the exit status).
import { exprComp, exprOne, exprSym, exprTwo } from './expr.js';
import type { Kconfig } from './kconfig.js';
import { Lexer, T } from './lexer.js';
import { MenuBuilder } from './menu.js';
import { E, Expr, F, KconfigExit, P, Sym, SymType } from './model.js';
import { VAR_APPEND, VAR_RECURSIVE, VAR_SIMPLE } from './preprocess.js';

const COMPARISON: Partial<Record<T, E>> = {
  [T.LESS]: E.LTH, [T.LESS_EQUAL]: E.LEQ, [T.GREATER]: E.GTH, [T.GREATER_EQUAL]: E.GEQ,
  [T.EQUAL]: E.EQUAL, [T.UNEQUAL]: E.UNEQUAL,
};

class SyntaxError_ extends Error {}
class Abort extends Error {}

type Ctx = 'top' | 'menu' | 'if' | 'choice';

export class Parser {
  private lx: Lexer;
  private mb!: MenuBuilder;
  private tok: T | null = null;
  private errStatus = 0;
  nerrs = 0;
  /** Open if/menu/choice entries, innermost last (bison's stack, for its %destructor messages). */
  private blocks: import('./model.js').Menu[] = [];

  constructor(private k: Kconfig) {
    this.lx = new Lexer(k);
  }

  private peek(): T {
    if (this.tok === null) this.tok = this.lx.next();
    return this.tok;
  }
  private get val(): string { return this.lx.value; }
  /** Shift the lookahead (bison decrements its error-recovery counter on every shift). */
  private shift(): void {
    this.tok = null;
    if (this.errStatus) this.errStatus--;
  }
  private expect(t: T): void {
    if (this.peek() !== t) this.syntaxError();
    this.shift();
  }
  private syntaxError(): never {
    if (this.errStatus === 0) {
      this.nerrs++;
      this.k.out.stderr(`${this.lx.curname()}:${this.lx.posLine + 1}: syntax error\n`);
    }
    this.errStatus = 3;
    throw new SyntaxError_();
  }
  private zerror(msg: string): void {
    this.nerrs++;
    this.k.out.stderr(`${this.lx.curname()}:${this.lx.posLine}: ${msg}\n`);
  }
  private zprint(msg: string): void {
    this.k.out.stderr(`${this.lx.curname()}:${this.lx.posLine}: ${msg}\n`);
  }
  /** The T_EOL that ends a statement, then its position for the entries it creates. */
  private endStatement(): void {
    this.expect(T.EOL);
    this.sync();
  }

  /**
   * C's actions take the file from current_file, the lexer's file at the time: a statement whose
   * T_EOL is the end of an included file without a newline belongs to the including file.
   */
  private sync(): void {
    this.mb.file = this.lx.currentFileOrNull ?? this.lx.posFile ?? this.mb.file;
    this.mb.lineno = this.lx.posLine;
  }

  parse(name: string): void {
    try {
      this.parseFile(name);
    } finally {
      this.lx.pp.shellRunner.close();
      this.k.shellStats = this.lx.pp.shellRunner.stats;
    }
  }

  private parseFile(name: string): void {
    this.lx.initScan(name);
    this.mb = new MenuBuilder(this.k, this.lx.currentFile);
    try {
      if (this.peek() === T.MAINMENU) {
        this.shift();
        const prompt = this.promptWord();
        this.endStatement();
        this.mb.addPrompt(P.MENU, prompt, null);
      }
      this.stmtList('top');
    } catch (e) {
      if (e instanceof SyntaxError_ || e instanceof Abort) {
        // bison aborts at end of input during recovery; its %destructor reports each open block
        for (let i = this.blocks.length - 1; i >= 0; i--) {
          const m = this.blocks[i];
          this.k.out.stderr(`${m.file.name}:${m.lineno}: missing end statement for this entry\n`);
          if (this.mb.currentMenu === m) this.mb.endMenu();
        }
      } else throw e;
    }
    this.k.parseLineno = this.lx.posLine;
  }

  /** mainmenu/menu/comment/source/prompt take T_WORD_QUOTE (v5.2 also a bare T_WORD). */
  private promptWord(): string {
    const t = this.peek();
    if (t === T.WORD_QUOTE || (this.k.v52 && t === T.WORD)) {
      const v = this.val;
      this.shift();
      return v;
    }
    this.syntaxError();
  }

  private isPromptToken(t: T): boolean {
    return t === T.WORD_QUOTE || (this.k.v52 && t === T.WORD);
  }

  /** stmt_list / stmt_list_in_choice: returns when it sees an end token or EOF. */
  private stmtList(ctx: Ctx): void {
    for (;;) {
      const t = this.peek();
      if (t === T.EOF) {
        if (ctx === 'top') return;
        this.syntaxErrorAtEof();
      }
      if (t === T.ENDMENU || t === T.ENDCHOICE || t === T.ENDIF) {
        if (ctx !== 'top') return;
      }
      try {
        this.statement(ctx, t);
      } catch (e) {
        if (!(e instanceof SyntaxError_)) throw e;
        this.recover();
      }
    }
  }

  private syntaxErrorAtEof(): never {
    if (this.errStatus === 0) {
      this.nerrs++;
      this.k.out.stderr(`${this.lx.curname()}:${this.lx.posLine + 1}: syntax error\n`);
    }
    throw new Abort();
  }

  /** Error recovery of `stmt_list error T_EOL`: discard up to the end of the line. */
  private recover(word?: string): void {
    for (;;) {
      const t = this.peek();
      if (t === T.EOF) throw new Abort();
      if (t === T.EOL) {
        this.tok = null;
        this.errStatus = 2; // the error token and T_EOL were shifted
        if (word !== undefined) this.zerror(`unknown statement "${word}"`);
        else this.zerror('invalid statement');
        return;
      }
      this.tok = null; // discarded
    }
  }

  private statement(ctx: Ctx, t: T): void {
    const inChoice = ctx === 'choice' && !this.k.v52;
    switch (t) {
      case T.CONFIG:
        return this.configStmt(false);
      case T.MENUCONFIG:
        if (inChoice) this.syntaxError();
        return this.configStmt(true);
      case T.COMMENT:
        return this.commentStmt();
      case T.IF:
        return this.ifStmt(ctx === 'choice' ? 'choice' : 'if');
      case T.CHOICE:
        if (ctx === 'choice') this.syntaxError();
        return this.choiceStmt();
      case T.MENU:
        if (ctx === 'choice') this.syntaxError();
        return this.menuStmt();
      case T.SOURCE:
        if (inChoice) this.syntaxError();
        return this.sourceStmt();
      case T.WORD: {
        if (inChoice) this.syntaxError();
        const word = this.val;
        this.shift();
        const op = this.peek();
        if (op === T.WORD_QUOTE && (word === 'rsource' || word === 'osource' || word === 'orsource')) {
          return this.extendedSource(word);
        }
        if (op !== T.EQUAL && op !== T.COLON_EQUAL && op !== T.PLUS_EQUAL) {
          try {
            this.syntaxError();
          } catch {
            this.recover(word);
            return;
          }
        }
        this.shift();
        let value = '';
        if (this.peek() === T.ASSIGN_VAL) {
          value = this.val;
          this.shift();
        }
        try {
          this.expect(T.EOL);
        } catch (e) {
          // bison pops back to `stmt_list T_WORD`, whose error rule names the word
          if (!(e instanceof SyntaxError_)) throw e;
          this.recover(word);
          return;
        }
        const flavor = op === T.EQUAL ? VAR_RECURSIVE : op === T.COLON_EQUAL ? VAR_SIMPLE : VAR_APPEND;
        this.lx.pp.addVariable(word, value, flavor);
        return;
      }
      default:
        this.syntaxError();
    }
  }

  private nonconstSymbol(): Sym {
    if (this.peek() !== T.WORD) this.syntaxError();
    const s = this.k.lookup(this.val, 0);
    this.shift();
    return s;
  }

  private symbol(): Sym {
    const t = this.peek();
    if (t === T.WORD) return this.nonconstSymbol();
    if (t === T.WORD_QUOTE) {
      const s = this.k.lookup(this.val, F.CONST);
      this.shift();
      return s;
    }
    this.syntaxError();
  }

  // expr with bison precedence: || < && < comparisons (atomic) < !
  private expr(): Expr {
    let left = this.andExpr();
    while (this.peek() === T.OR) {
      this.shift();
      left = exprTwo(E.OR, left, this.andExpr());
    }
    return left;
  }
  private andExpr(): Expr {
    let left = this.unary();
    while (this.peek() === T.AND) {
      this.shift();
      left = exprTwo(E.AND, left, this.unary());
    }
    return left;
  }
  private unary(): Expr {
    const t = this.peek();
    if (t === T.NOT) {
      this.shift();
      return exprOne(E.NOT, this.unary());
    }
    if (t === T.OPEN_PAREN) {
      this.shift();
      const e = this.expr();
      this.expect(T.CLOSE_PAREN);
      return e;
    }
    const s = this.symbol();
    const op = this.peek();
    const et = COMPARISON[op];
    if (et !== undefined) {
      this.shift();
      return exprComp(et, s, this.symbol());
    }
    return exprSym(s);
  }

  private ifExpr(): Expr | null {
    if (this.peek() !== T.IF) return null;
    this.shift();
    return this.expr();
  }

  private configStmt(isMenuconfig: boolean): void {
    this.shift();
    const sym = this.nonconstSymbol();
    this.endStatement();
    sym.flags |= F.OPTIONAL;
    this.mb.addEntry(sym);
    this.configOptionList();
    if (isMenuconfig) {
      if (this.mb.currentEntry.prompt) this.mb.currentEntry.prompt.type = P.MENU;
      else this.zprint('warning: menuconfig statement without prompt');
    }
  }

  private typeOf(t: T): SymType | null {
    switch (t) {
      case T.BOOL: return SymType.BOOLEAN;
      case T.TRISTATE: return SymType.TRISTATE;
      case T.INT: return SymType.INT;
      case T.HEX: return SymType.HEX;
      case T.STRING: return SymType.STRING;
      default: return null;
    }
  }

  private configOptionList(): void {
    for (;;) {
      const t = this.peek();
      const type = this.typeOf(t);
      if (type !== null) {
        this.shift();
        this.promptStmtOpt();
        this.endStatement();
        this.mb.setType(type);
        continue;
      }
      switch (t) {
        case T.PROMPT: {
          this.shift();
          const prompt = this.promptWord();
          const dep = this.ifExpr();
          this.endStatement();
          this.mb.addPrompt(P.PROMPT, prompt, dep);
          continue;
        }
        case T.DEFAULT: case T.DEF_BOOL: case T.DEF_TRISTATE: {
          this.shift();
          const e = this.expr();
          const dep = this.ifExpr();
          this.endStatement();
          this.mb.addExpr(P.DEFAULT, e, dep);
          if (t !== T.DEFAULT) this.mb.setType(t === T.DEF_BOOL ? SymType.BOOLEAN : SymType.TRISTATE);
          continue;
        }
        case T.SELECT: case T.IMPLY: {
          this.shift();
          const s = this.nonconstSymbol();
          const dep = this.ifExpr();
          this.endStatement();
          this.mb.addSymbol(t === T.SELECT ? P.SELECT : P.IMPLY, s, dep);
          continue;
        }
        case T.RANGE: {
          this.shift();
          const a = this.symbol();
          const b = this.symbol();
          const dep = this.ifExpr();
          this.endStatement();
          this.mb.addExpr(P.RANGE, exprComp(E.RANGE, a, b), dep);
          continue;
        }
        case T.MODULES:
          if (this.k.v52) return;
          this.shift();
          this.endStatement();
          this.setModules();
          continue;
        case T.OPTION:
          this.shift();
          this.optionStmt();
          continue;
        case T.DEPENDS:
          this.depends();
          continue;
        case T.HELP:
          this.help();
          continue;
        default:
          return;
      }
    }
  }

  private setModules(): void {
    const cur = this.mb.currentEntry.sym!;
    if (this.k.modulesSym)
      this.zerror(`symbol '${cur.name}' redefines option 'modules' already defined by symbol '${this.k.modulesSym.name}'`);
    this.k.modulesSym = cur;
  }

  /** v5.2: option modules | defconfig_list | allnoconfig_y */
  private optionStmt(): void {
    const t = this.peek();
    if (t === T.MODULES || t === T.DEFCONFIG_LIST || t === T.ALLNOCONFIG_Y) {
      this.shift();
      this.endStatement();
      const cur = this.mb.currentEntry.sym!;
      if (t === T.MODULES) this.setModules();
      else if (t === T.DEFCONFIG_LIST) {
        if (!this.k.defconfigListSym) this.k.defconfigListSym = cur;
        else if (this.k.defconfigListSym !== cur) this.zerror('trying to redefine defconfig symbol');
        this.k.defconfigListSym.flags |= F.NO_WRITE;
      } else cur.flags |= F.ALLNOCONFIG_Y;
      return;
    }
    this.syntaxError();
  }

  private promptStmtOpt(): void {
    if (this.isPromptToken(this.peek())) {
      const prompt = this.val;
      this.shift();
      const dep = this.ifExpr();
      this.sync();
      this.mb.addPrompt(P.PROMPT, prompt, dep);
    }
  }

  private depends(): void {
    this.shift();
    this.expect(T.ON);
    const e = this.expr();
    this.endStatement();
    this.mb.addDep(e);
  }

  private help(): void {
    this.shift();
    if (this.peek() !== T.EOL) this.syntaxError();
    this.tok = null;
    if (this.errStatus) this.errStatus--;
    this.lx.startHelp();
    if (this.peek() !== T.HELPTEXT) this.syntaxError();
    const text = this.val;
    this.shift();
    this.sync();
    const entry = this.mb.currentEntry;
    if (entry.help !== null)
      this.zprint(`warning: '${entry.sym?.name ?? '<choice>'}' defined with more than one help text -- only the last one will be used`);
    if (/^[ \f\n\r\t\v]*$/.test(text))
      this.zprint(`warning: '${entry.sym?.name ?? '<choice>'}' defined with blank help text`);
    entry.help = text;
  }

  private choiceStmt(): void {
    this.shift();
    let name: string | null = null;
    if (this.peek() === T.WORD) {
      name = this.val;
      this.shift();
    }
    this.endStatement();
    const sym = this.k.lookup(name, F.CHOICE);
    sym.flags |= F.NO_WRITE;
    this.mb.addEntry(sym);
    this.mb.addExpr(P.CHOICE, null, null);
    for (;;) {
      const t = this.peek();
      if (t === T.PROMPT) {
        this.shift();
        const prompt = this.promptWord();
        const dep = this.ifExpr();
        this.endStatement();
        this.mb.addPrompt(P.PROMPT, prompt, dep);
      } else if (t === T.BOOL || t === T.TRISTATE) {
        this.shift();
        this.promptStmtOpt();
        this.endStatement();
        this.mb.setType(t === T.BOOL ? SymType.BOOLEAN : SymType.TRISTATE);
      } else if (t === T.OPTIONAL) {
        this.shift();
        this.endStatement();
        this.mb.currentEntry.sym!.flags |= F.OPTIONAL;
      } else if (t === T.DEFAULT) {
        this.shift();
        const s = this.nonconstSymbol();
        const dep = this.ifExpr();
        this.endStatement();
        this.mb.addSymbol(P.DEFAULT, s, dep);
      } else if (t === T.DEPENDS) this.depends();
      else if (t === T.HELP) this.help();
      else break;
    }
    this.mb.addMenu();
    this.blockBody('choice', 'choice');
  }

  /** The body of a block and its `end`, with zconf_endtoken's checks. */
  private blockBody(ctx: Ctx, expected: string): void {
    this.blocks.push(this.mb.currentMenu);
    let name: string;
    for (;;) {
      this.stmtList(ctx);
      const t = this.peek();
      name = t === T.ENDMENU ? 'menu' : t === T.ENDCHOICE ? 'choice' : 'if';
      this.shift();
      try {
        this.expect(T.EOL);
        break;
      } catch (e) {
        // `end` not followed by a newline: bison recovers inside the block, which stays open
        if (!(e instanceof SyntaxError_)) throw e;
        this.recover();
      }
    }
    this.blocks.pop();
    this.sync();
    if (name !== expected) {
      this.zerror(`unexpected '${name}' within ${expected} block`);
      this.nerrs++;
      return;
    }
    const cm = this.mb.currentMenu;
    if (cm.file !== this.lx.currentFileOrNull) {
      this.zerror(`'${name}' in different file than '${expected}'`);
      this.k.out.stderr(`${cm.file.name}:${cm.lineno}: location of the '${expected}'\n`);
      this.nerrs++;
      return;
    }
    this.mb.endMenu();
  }

  private ifStmt(ctx: Ctx): void {
    this.shift();
    const e = this.expr();
    this.endStatement();
    this.mb.addEntry(null);
    this.mb.addDep(e);
    this.mb.addMenu();
    this.blockBody(ctx === 'choice' ? 'choice' : 'if', 'if');
  }

  private menuStmt(): void {
    this.shift();
    const prompt = this.promptWord();
    this.endStatement();
    this.mb.addEntry(null);
    this.mb.addPrompt(P.MENU, prompt, null);
    for (;;) {
      const t = this.peek();
      if (t === T.VISIBLE) {
        this.shift();
        const e = this.ifExpr();
        this.endStatement();
        this.mb.addVisibility(e);
      } else if (t === T.DEPENDS) this.depends();
      else break;
    }
    this.mb.addMenu();
    this.blockBody('menu', 'menu');
  }

  private sourceStmt(): void {
    this.shift();
    const name = this.promptWord();
    if (this.peek() !== T.EOL) this.syntaxError();
    this.tok = null;
    if (this.errStatus) this.errStatus--;
    if (this.k.v52) this.lx.nextFiles(name);
    else this.lx.nextFile(name);
  }

  /**
   * kconfiglib's extensions (not in the C tools, where they are unknown statements): rsource is
   * relative to the current file's folder, osource/orsource ignore missing files; globs allowed.
   */
  private extendedSource(word: string): void {
    let name = this.val;
    this.shift();
    if (this.peek() !== T.EOL) this.syntaxError();
    this.tok = null;
    if (this.errStatus) this.errStatus--;
    if (word !== 'osource' && !name.startsWith('/')) {
      const dir = this.lx.currentFile.name.includes('/') ? this.lx.currentFile.name.replace(/\/[^/]*$/, '') : '.';
      name = `${dir}/${name}`;
    }
    if (word === 'rsource' && !this.k.v52 && !/[*?[]/.test(name)) this.lx.nextFile(name);
    else this.lx.nextFiles(name);
  }

  private commentStmt(): void {
    this.shift();
    const prompt = this.promptWord();
    this.endStatement();
    this.mb.addEntry(null);
    this.mb.addPrompt(P.COMMENT, prompt, null);
    while (this.peek() === T.DEPENDS) this.depends();
  }
}

export { KconfigExit };
