// Building and finalising the menu tree (scripts/kconfig/menu.c): dependency propagation from
// menus/ifs/choices into every property, select/imply reverse dependencies, implicit submenus.
import { exprAnd, exprComp, exprContainsSymbol, exprCopy, exprDependsSymbol, exprIsYes, exprOne, exprOr, exprSym, Box } from './expr.js';
import { exprCalcValue, symCalcValue, symStringValid, symTypeName } from './evaluate.js';
import type { Kconfig } from './kconfig.js';
import {
  E, Expr, F, Menu, mkMenu, mkProperty, P, Property, Sym, SymType, Tri, choicePropOf, isChoice, isChoiceValue, isOptional,
  propSymbol, type KFile,
} from './model.js';

/** Parser-side state: where new entries go (current_entry/current_menu in C). */
export class MenuBuilder {
  currentEntry: Menu;
  currentMenu: Menu;
  private lastEntryNext: (m: Menu) => void;
  file: KFile;
  lineno = 0;

  constructor(private k: Kconfig, rootFile: KFile) {
    this.file = rootFile;
    this.currentEntry = this.currentMenu = k.rootmenu;
    k.rootmenu.file = rootFile;
    this.lastEntryNext = (m) => { k.rootmenu.list = m; };
  }

  warn(menu: { file: KFile; lineno: number }, msg: string): void {
    this.k.out.stderr(`${menu.file.name}:${menu.lineno}:warning: ${msg}\n`);
  }

  addEntry(sym: Sym | null): void {
    const menu = mkMenu(sym, this.file, this.lineno);
    menu.parent = this.currentMenu;
    this.lastEntryNext(menu);
    this.lastEntryNext = (m) => { menu.next = m; };
    this.currentEntry = menu;
    if (sym) this.addSymbol(P.SYMBOL, sym, null);
  }

  addMenu(): Menu {
    const entry = this.currentEntry;
    this.lastEntryNext = (m) => { entry.list = m; };
    this.currentMenu = entry;
    return entry;
  }

  endMenu(): void {
    const menu = this.currentMenu;
    this.lastEntryNext = (m) => { menu.next = m; };
    this.currentMenu = menu.parent!;
  }

  addDep(dep: Expr | null): void {
    this.currentEntry.dep = exprAnd(this.currentEntry.dep, dep);
  }

  setType(type: SymType): void {
    setType(this.k, this.currentEntry, type);
  }

  private addProp(type: P, expr: Expr | null, dep: Expr | null): Property {
    const prop = mkProperty(type, expr, this.currentEntry, this.file, this.lineno);
    prop.visible.expr = dep;
    if (this.currentEntry.sym) this.currentEntry.sym.props.push(prop);
    return prop;
  }

  addPrompt(type: P, prompt: string, dep: Expr | null): Property {
    const prop = this.addProp(type, null, dep);
    if (/^\s/.test(prompt)) {
      this.warn(prop, 'leading whitespace ignored');
      prompt = prompt.replace(/^[ \t\n\v\f\r]+/, '');
    }
    if (this.currentEntry.prompt && (!this.k.v52 || this.currentEntry !== this.k.rootmenu)) this.warn(prop, 'prompt redefined');
    if (type === P.PROMPT) {
      for (let menu = this.currentEntry.parent; menu; menu = menu.parent) {
        if (!menu.visibility) continue;
        prop.visible.expr = exprAnd(prop.visible.expr, exprCopy(menu.visibility));
      }
    }
    this.currentEntry.prompt = prop;
    prop.text = prompt;
    return prop;
  }

  addVisibility(e: Expr | null): void {
    this.currentEntry.visibility = exprAnd(this.currentEntry.visibility, e);
  }

  addExpr(type: P, e: Expr | null, dep: Expr | null): void {
    this.addProp(type, e, dep);
  }

  addSymbol(type: P, sym: Sym, dep: Expr | null): void {
    this.addProp(type, exprSym(sym), dep);
  }
}

export function setType(k: Kconfig, entry: Menu, type: SymType): void {
  const sym = entry.sym!;
  if (sym.type === type) return;
  if (sym.type === SymType.UNKNOWN) {
    sym.type = type;
    return;
  }
  k.out.stderr(`${entry.file.name}:${entry.lineno}:warning: ignoring type redefinition of '${sym.name ?? '<choice>'}' from '${symTypeName(sym.type)}' to '${symTypeName(type)}'\n`);
}

function propWarn(k: Kconfig, prop: Property, msg: string): void {
  k.out.stderr(`${prop.file.name}:${prop.lineno}:warning: ${msg}\n`);
}
function menuWarn(k: Kconfig, menu: Menu, msg: string): void {
  k.out.stderr(`${menu.file.name}:${menu.lineno}:warning: ${msg}\n`);
}

/** rewrite_m: 'm' becomes 'm' && MODULES */
function rewriteM(k: Kconfig, e: Expr | null): Expr | null {
  if (!e) return e;
  switch (e.type) {
    case E.NOT:
      e.left = rewriteM(k, e.left);
      break;
    case E.OR: case E.AND:
      e.left = rewriteM(k, e.left);
      e.right = rewriteM(k, e.right);
      break;
    case E.SYMBOL:
      if (e.left === k.mod) return exprAnd(e, exprSym(k.modulesSym!));
      break;
    default:
  }
  return e;
}

const validateNumber = (sym: Sym, sym2: Sym): boolean =>
  sym2.type === SymType.INT || sym2.type === SymType.HEX ||
  (sym2.type === SymType.UNKNOWN && symStringValid(sym, sym2.name ?? ''));

function checkProps(k: Kconfig, sym: Sym): void {
  for (let i = 0, props = sym.props; i < props.length; i++) {
    const prop = props[i];
    switch (prop.type) {
      case P.DEFAULT: {
        if ((sym.type === SymType.STRING || sym.type === SymType.INT || sym.type === SymType.HEX) &&
            prop.expr!.type !== E.SYMBOL)
          propWarn(k, prop, `default for config symbol '${sym.name}' must be a single symbol`);
        if (prop.expr!.type !== E.SYMBOL) break;
        const sym2 = propSymbol(prop)!;
        if (sym.type === SymType.HEX || sym.type === SymType.INT) {
          if (!validateNumber(sym, sym2)) propWarn(k, prop, `'${sym.name}': number is invalid`);
        }
        if (isChoice(sym)) {
          const cp = choicePropOf(sym2);
          if (!cp || propSymbol(cp) !== sym)
            propWarn(k, prop, `choice default symbol '${sym2.name}' is not contained in the choice`);
        }
        break;
      }
      case P.SELECT: case P.IMPLY: {
        const use = prop.type === P.SELECT ? 'select' : 'imply';
        const sym2 = propSymbol(prop)!;
        if (sym.type !== SymType.BOOLEAN && sym.type !== SymType.TRISTATE)
          propWarn(k, prop, `config symbol '${sym.name}' uses ${use}, but is not bool or tristate`);
        else if (sym2.type !== SymType.UNKNOWN && sym2.type !== SymType.BOOLEAN && sym2.type !== SymType.TRISTATE)
          propWarn(k, prop, `'${sym2.name}' has wrong type. '${use}' only accept arguments of bool and tristate type`);
        break;
      }
      case P.RANGE:
        if (sym.type !== SymType.INT && sym.type !== SymType.HEX)
          propWarn(k, prop, 'range is only allowed for int or hex symbols');
        if (!validateNumber(sym, prop.expr!.left) || !validateNumber(sym, prop.expr!.right))
          propWarn(k, prop, 'range is invalid');
        break;
      default:
    }
  }
}

const transWarn = (k: Kconfig) => (msg: string) => k.out.stdout(msg);

export function menuFinalize(k: Kconfig, parent: Menu): void {
  const rw = k.rw;
  const tw = transWarn(k);
  const sym = parent.sym;
  if (parent.list) {
    let parentdep: Expr | null;
    if (sym && isChoice(sym)) {
      if (sym.type === SymType.UNKNOWN) {
        for (let menu: Menu | null = parent.list; menu; menu = menu.next) {
          if (menu.sym && menu.sym.type !== SymType.UNKNOWN) {
            setType(k, parent, menu.sym.type);
            k.typedLate = true;
            break;
          }
        }
      }
      for (let menu: Menu | null = parent.list; menu; menu = menu.next) {
        if (menu.sym && menu.sym.type === SymType.UNKNOWN) {
          setType(k, menu, sym.type);
          k.typedLate = true;
        }
      }
      parentdep = exprSym(sym);
    } else if (k.v52 && parent.prompt) {
      parentdep = parent.prompt.visible.expr;
    } else {
      parentdep = parent.dep;
    }

    for (let menu: Menu | null = parent.list; menu; menu = menu.next) {
      let basedep = rewriteM(k, menu.dep);
      basedep = rw.transform(basedep, tw);
      basedep = exprAnd(exprCopy(parentdep), basedep);
      basedep = rw.eliminateDups(basedep);
      menu.dep = basedep;
      const props: Property[] = menu.sym ? menu.sym.props : menu.prompt ? [menu.prompt] : [];
      for (let i = 0; i < props.length; i++) {
        const prop = props[i];
        if (prop.menu !== menu) continue;
        let dep = rewriteM(k, prop.visible.expr);
        dep = rw.transform(dep, tw);
        if (dep === null && !k.v52) {
          // C copies basedep and eliminates duplicates again: basedep is already free of them, so
          // the copy would come out unchanged; nothing rewrites these expressions afterwards, so it
          // is shared instead (most properties have no condition of their own: far fewer nodes)
          dep = basedep;
        } else {
          dep = exprAnd(exprCopy(basedep), dep);
          dep = rw.eliminateDups(dep);
          if (k.v52 && menu.sym && menu.sym.type !== SymType.TRISTATE) dep = rw.transBool(dep);
        }
        prop.visible.expr = dep;
        if (prop.type === P.SELECT) {
          const es = propSymbol(prop)!;
          es.revDep.expr = exprOr(es.revDep.expr, exprAnd(exprSym(menu.sym!), dep)); // C copies dep: shared, as above
        } else if (prop.type === P.IMPLY) {
          const es = propSymbol(prop)!;
          es.implied.expr = exprOr(es.implied.expr, exprAnd(exprSym(menu.sym!), dep));
        }
      }
    }
    for (let menu: Menu | null = parent.list; menu; menu = menu.next) menuFinalize(k, menu);
  } else if (sym) {
    // C computes basedep up front; it is only read when a following entry mentions the symbol,
    // which few do, so it is made on first use, unless making it could warn (a bool symbol
    // compared with m, possible only when a choice typed a symbol after its condition was first
    // transformed): then up front, as C
    let basedep: Expr | null | undefined;
    const getBasedep = () => {
      if (basedep === undefined) {
        basedep = rw.transCompare(parent.prompt ? parent.prompt.visible.expr : null, E.UNEQUAL, k.no);
        basedep = rw.eliminateDups(rw.transform(basedep, tw));
      }
      return basedep;
    };
    if (k.typedLate && hasBoolModCompare(k, parent.prompt ? parent.prompt.visible.expr : null)) getBasedep();
    let lastMenu: Menu | null = null;
    for (let menu = parent.next; menu; menu = menu.next) {
      let dep = menu.prompt ? menu.prompt.visible.expr : menu.dep;
      if (!exprContainsSymbol(dep, sym)) break;
      if (!exprDependsSymbol(k, dep, sym)) {
        dep = rw.transCompare(dep, E.UNEQUAL, k.no);
        dep = rw.eliminateDups(rw.transform(dep, tw));
        const h1 = new Box(dep!), h2 = new Box(exprCopy(getBasedep())!);
        rw.eliminateEq(h1, h2);
        if (!exprIsYes(k, h2.get())) break;
      }
      menuFinalize(k, menu);
      menu.parent = parent;
      lastMenu = menu;
    }
    if (lastMenu) {
      parent.list = parent.next;
      parent.next = lastMenu.next;
      lastMenu.next = null;
    }
    sym.dirDep.expr = exprOr(sym.dirDep.expr, parent.dep);
  }
  for (let menu: Menu | null = parent.list; menu; menu = menu.next) {
    if (sym && isChoice(sym) && menu.sym && !isChoiceValue(menu.sym)) {
      menu.sym.flags |= F.CHOICEVAL;
      if (!menu.prompt) menuWarn(k, menu, 'choice value must have a prompt');
      for (let i = 0, props = menu.sym.props; i < props.length; i++) {
        const prop = props[i];
        if (prop.type === P.DEFAULT) propWarn(k, prop, 'defaults for choice values not supported');
        if (prop.menu === menu) continue;
        if (prop.type === P.PROMPT && prop.menu.parent!.sym !== sym)
          propWarn(k, prop, 'choice value used outside its choice group');
      }
      if (sym.type === SymType.TRISTATE && menu.sym.type !== SymType.TRISTATE) {
        const basedep = exprComp(E.EQUAL, sym, k.yes);
        menu.dep = exprAnd(basedep, menu.dep);
        for (let i = 0, props = menu.sym.props; i < props.length; i++) {
          const prop = props[i];
          if (prop.menu !== menu) continue;
          prop.visible.expr = exprAnd(exprCopy(basedep), prop.visible.expr);
        }
      }
      // menu_add_symbol(P_CHOICE, sym, NULL) with current_entry = menu
      const cp = mkProperty(P.CHOICE, exprSym(sym), menu, menu.file, k.parseLineno);
      menu.sym.props.push(cp);
      const prop = choicePropOf(sym)!;
      const node = exprOne(E.LIST, null);
      node.right = menu.sym;
      if (!prop.expr) prop.expr = node;
      else {
        let e = prop.expr;
        while (e.left) e = e.left;
        e.left = node;
      }
    }
    if (menu.list && (!menu.prompt || !menu.prompt.text)) {
      let last = menu.list;
      for (;;) {
        last.parent = parent;
        if (!last.next) break;
        last = last.next;
      }
      last.next = menu.next;
      menu.next = menu.list;
      menu.list = null;
    }
  }
  if (sym && !(sym.flags & F.WARNED)) {
    if (sym.type === SymType.UNKNOWN) menuWarn(k, parent, 'config symbol defined without type');
    if (isChoice(sym) && !parent.prompt) menuWarn(k, parent, 'choice must have a prompt');
    checkProps(k, sym);
    sym.flags |= F.WARNED;
  }
  if (sym && !isOptional(sym) && parent.prompt) {
    sym.revDep.expr = exprOr(sym.revDep.expr, exprAnd(parent.prompt.visible.expr, exprSym(k.mod)));
  }
}

/** Does `e` compare a bool symbol with m (what expr_transform warns about)? */
function hasBoolModCompare(k: Kconfig, e: Expr | null): boolean {
  if (!e) return false;
  switch (e.type) {
    case E.AND: case E.OR:
      return hasBoolModCompare(k, e.left) || hasBoolModCompare(k, e.right);
    case E.NOT:
      return hasBoolModCompare(k, e.left);
    case E.EQUAL: case E.UNEQUAL:
      return e.right === k.mod && (e.left as Sym).type === SymType.BOOLEAN;
    default:
      return false;
  }
}

export function menuIsVisible(k: Kconfig, menu: Menu): boolean {
  if (!menu.prompt) return false;
  if (menu.visibility && exprCalcValue(k, menu.visibility) === Tri.no) return false;
  const sym = menu.sym;
  let visible: Tri;
  if (sym) {
    symCalcValue(k, sym);
    visible = menu.prompt.visible.tri;
  } else {
    visible = menu.prompt.visible.tri = exprCalcValue(k, menu.prompt.visible.expr);
  }
  if (visible !== Tri.no) return true;
  if (!sym || sym.curr.tri === Tri.no) return false;
  for (let child = menu.list; child; child = child.next) {
    if (menuIsVisible(k, child)) {
      sym.flags |= F.DEF_USER;
      return true;
    }
  }
  return false;
}

export function menuGetPrompt(menu: Menu): string | null {
  if (menu.prompt) return menu.prompt.text;
  if (menu.sym) return menu.sym.name;
  return null;
}

export function menuGetParentMenu(k: Kconfig, menu: Menu): Menu {
  for (let m: Menu = menu; m !== k.rootmenu; m = m.parent!) {
    if (m.prompt && m.prompt.type === P.MENU) return m;
  }
  return k.rootmenu;
}
