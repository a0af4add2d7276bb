// Dependency-loop detection (sym_check_deps in symbol.c), reported exactly as conf reports it.
import type { Kconfig } from './kconfig.js';
import { E, Expr, F, P, Property, Sym, choiceMembers, choiceOf, isChoice, isChoiceValue, type Menu } from './model.js';

interface Frame { sym: Sym; prop: Property | null; expr: 'dir' | 'rev' | 'implied' | 'prop' | null }

const propTypeName = (t: P): string =>
  ({ [P.PROMPT]: 'prompt', [P.COMMENT]: 'comment', [P.MENU]: 'menu', [P.DEFAULT]: 'default',
     [P.CHOICE]: 'choice', [P.SELECT]: 'select', [P.IMPLY]: 'imply', [P.RANGE]: 'range',
     [P.SYMBOL]: 'symbol' } as Record<number, string>)[t] ?? 'unknown';

export class DepChecker {
  private stack: Frame[] = [];
  constructor(private k: Kconfig) {}

  private push(sym: Sym): Frame {
    const f: Frame = { sym, prop: null, expr: null };
    this.stack.push(f);
    return f;
  }

  private printRecursive(lastSym: Sym): void {
    let cv: Frame | null = null;
    if (isChoiceValue(lastSym)) {
      cv = this.push(lastSym);
      lastSym = choiceOf(lastSym);
    }
    let i = this.stack.length - 1;
    for (; i >= 0; i--) if (this.stack[i].sym === lastSym) break;
    const err = (s: string) => this.k.out.stderr(s);
    if (i < 0) {
      err('unexpected recursive dependency error\n');
      if (cv) this.stack.pop();
      return;
    }
    const nm = (s: Sym) => s.name ?? '<choice>';
    let menu: Menu | null = null;
    for (; i < this.stack.length; i++) {
      const f = this.stack[i];
      const sym = f.sym;
      const next = i + 1 < this.stack.length ? this.stack[i + 1].sym : lastSym;
      let prop: Property | null = f.prop ?? sym.props[0] ?? null;
      if (isChoice(sym) || isChoiceValue(sym)) {
        for (const p of sym.props) { menu = p.menu; prop = p; break; }
      }
      if (sym === lastSym) err(`${prop!.file.name}:${prop!.lineno}:error: recursive dependency detected!\n`);
      if (isChoice(sym)) err(`${menu!.file.name}:${menu!.lineno}:\tchoice ${nm(sym)} contains symbol ${nm(next)}\n`);
      else if (isChoiceValue(sym)) err(`${menu!.file.name}:${menu!.lineno}:\tsymbol ${nm(sym)} is part of choice ${nm(next)}\n`);
      else if (f.expr === 'dir') err(`${prop!.file.name}:${prop!.lineno}:\tsymbol ${nm(sym)} depends on ${nm(next)}\n`);
      else if (f.expr === 'rev') err(`${prop!.file.name}:${prop!.lineno}:\tsymbol ${nm(sym)} is selected by ${nm(next)}\n`);
      else if (f.expr === 'implied') err(`${prop!.file.name}:${prop!.lineno}:\tsymbol ${nm(sym)} is implied by ${nm(next)}\n`);
      else if (f.expr) err(`${prop!.file.name}:${prop!.lineno}:\tsymbol ${nm(sym)} ${propTypeName(prop!.type)} value contains ${nm(next)}\n`);
      else err(`${prop!.file.name}:${prop!.lineno}:\tsymbol ${nm(sym)} ${propTypeName(prop!.type)} is visible depending on ${nm(next)}\n`);
    }
    const doc = this.k.v52 ? 'kconfig-language.txt' : 'kconfig-language.rst';
    err(`For a resolution refer to Documentation/kbuild/${doc}\nsubsection "Kconfig recursive dependency limitations"\n\n`);
    if (cv && this.stack[this.stack.length - 1] === cv) this.stack.pop();
  }

  private exprDeps(e: Expr | null): Sym | null {
    if (!e) return null;
    switch (e.type) {
      // A subtree once found to lead to no loop never does later: its symbols are then checked and
      // off the stack, and a checked symbol never goes back on it. Subtrees are shared (menu.ts),
      // so this keeps the check to one walk over each node.
      case E.OR: case E.AND: {
        if (e.depsClean) return null;
        const found = this.exprDeps(e.left) ?? this.exprDeps(e.right);
        if (!found) e.depsClean = true;
        return found;
      }
      case E.NOT: {
        if (e.depsClean) return null;
        const found = this.exprDeps(e.left);
        if (!found) e.depsClean = true;
        return found;
      }
      case E.EQUAL: case E.GEQ: case E.GTH: case E.LEQ: case E.LTH: case E.UNEQUAL:
        return this.check(e.left) ?? this.check(e.right);
      case E.SYMBOL:
        return this.check(e.left);
      default:
        this.k.out.stderr(`Oops! How to check ${e.type}?\n`);
        return null;
    }
  }

  private symDeps(sym: Sym): Sym | null {
    const f = this.push(sym);
    let sym2: Sym | null = null;
    out: {
      f.expr = 'dir';
      if ((sym2 = this.exprDeps(sym.dirDep.expr))) break out;
      f.expr = 'rev';
      if ((sym2 = this.exprDeps(sym.revDep.expr))) break out;
      f.expr = 'implied';
      if ((sym2 = this.exprDeps(sym.implied.expr))) break out;
      f.expr = null;
      for (let i = 0, props = sym.props; i < props.length; i++) {
        const prop = props[i];
        if (prop.type === P.CHOICE || prop.type === P.SELECT || prop.type === P.IMPLY) continue;
        f.prop = prop;
        if ((sym2 = this.exprDeps(prop.visible.expr))) break;
        if (prop.type !== P.DEFAULT || isChoice(sym)) continue;
        f.expr = 'prop';
        if ((sym2 = this.exprDeps(prop.expr))) break;
        f.expr = null;
      }
    }
    this.stack.pop();
    return sym2;
  }

  private choiceDeps(choice: Sym): Sym | null {
    this.push(choice);
    const members = [...choiceMembers(choice)];
    for (const s of members) s.flags |= F.CHECK | F.CHECKED;
    choice.flags |= F.CHECK | F.CHECKED;
    let sym2 = this.symDeps(choice);
    choice.flags &= ~F.CHECK;
    if (!sym2) {
      for (const s of members) {
        sym2 = this.symDeps(s);
        if (sym2) break;
      }
    }
    for (const s of members) s.flags &= ~F.CHECK;
    if (sym2 && isChoiceValue(sym2) && choiceOf(sym2) === choice) sym2 = choice;
    this.stack.pop();
    return sym2;
  }

  check(sym: Sym): Sym | null {
    if (sym.flags & F.CHECK) {
      this.printRecursive(sym);
      return sym;
    }
    if (sym.flags & F.CHECKED) return null;
    let sym2: Sym | null;
    if (isChoiceValue(sym)) {
      this.push(sym);
      sym2 = this.check(choiceOf(sym));
      this.stack.pop();
    } else if (isChoice(sym)) {
      sym2 = this.choiceDeps(sym);
    } else {
      sym.flags |= F.CHECK | F.CHECKED;
      sym2 = this.symDeps(sym);
      sym.flags &= ~F.CHECK;
    }
    return sym2;
  }
}
