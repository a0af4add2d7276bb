// Expression construction and the rewriting rules of scripts/kconfig/expr.c. The rewrites matter for
// output: they decide how dependencies print in conf's warnings and which entries form submenus.
import { E, Expr, F, mkExpr, Sym, SymType } from './model.js';

export interface Consts { yes: Sym; mod: Sym; no: Sym }

export const exprSym = (s: Sym): Expr => mkExpr(E.SYMBOL, s, null);
export const exprOne = (t: E, ce: Expr | null): Expr => mkExpr(t, ce, null);
export const exprTwo = (t: E, a: Expr | null, b: Expr | null): Expr => mkExpr(t, a, b);
export const exprComp = (t: E, a: Sym, b: Sym): Expr => mkExpr(t, a, b);
export function exprAnd(a: Expr | null, b: Expr | null): Expr | null {
  if (!a) return b;
  return b ? mkExpr(E.AND, a, b) : a;
}
export function exprOr(a: Expr | null, b: Expr | null): Expr | null {
  if (!a) return b;
  return b ? mkExpr(E.OR, a, b) : a;
}

const isLeafComp = (t: E): boolean =>
  t === E.EQUAL || t === E.UNEQUAL || t === E.LTH || t === E.LEQ || t === E.GTH || t === E.GEQ;

export function exprCopy(org: Expr | null): Expr | null {
  if (!org) return null;
  switch (org.type) {
    case E.SYMBOL:
      return mkExpr(E.SYMBOL, org.left, org.right);
    case E.NOT:
      return mkExpr(E.NOT, exprCopy(org.left), org.right);
    case E.AND: case E.OR: case E.LIST:
      return mkExpr(org.type, exprCopy(org.left), exprCopy(org.right));
    default:
      if (isLeafComp(org.type) || org.type === E.RANGE) return mkExpr(org.type, org.left, org.right);
      return null;
  }
}

export const exprIsYes = (k: Consts, e: Expr | null): boolean => !e || (e.type === E.SYMBOL && e.left === k.yes);
export const exprIsNo = (k: Consts, e: Expr | null): boolean => !!e && e.type === E.SYMBOL && e.left === k.no;

const joinable = (t: E): boolean => t === E.EQUAL || t === E.UNEQUAL || t === E.SYMBOL || t === E.NOT;

/** Is a symbol of `a` (y, m and n included) also in `b`? */
function sharesSymbol(a: Expr, b: Expr): boolean {
  let shared = false;
  exprForEachSym(a, (s) => { shared ||= exprContainsSymbol(b, s); });
  return shared;
}

/** Mutable state shared by the rewriting functions (trans_count in C). */
export class ExprRewriter {
  transCount = 0;
  constructor(private k: Consts) {}

  // Slots are (parent, side): side 0/1 = left/right of an expression, 2 = the Box itself. Passing
  // pairs instead of `struct expr **` objects keeps these hot recursions allocation-free.
  private elimEqInner(type: E, p1: Expr | Box, s1: number, p2: Expr | Box, s2: number): void {
    const e1 = slotGet(p1, s1), e2 = slotGet(p2, s2);
    if (e1.type === type) {
      this.elimEqInner(type, e1, 0, p2, s2);
      this.elimEqInner(type, e1, 1, p2, s2);
      return;
    }
    if (e2.type === type) {
      this.elimEqInner(type, p1, s1, e2, 0);
      this.elimEqInner(type, p1, s1, e2, 1);
      return;
    }
    if (e1.type === E.SYMBOL && e2.type === E.SYMBOL && e1.left === e2.left &&
        (e1.left === this.k.yes || e1.left === this.k.no)) return;
    if (!this.eq(e1, e2)) return;
    this.transCount++;
    if (type === E.OR) {
      slotSet(p1, s1, exprSym(this.k.no));
      slotSet(p2, s2, exprSym(this.k.no));
    } else if (type === E.AND) {
      slotSet(p1, s1, exprSym(this.k.yes));
      slotSet(p2, s2, exprSym(this.k.yes));
    }
  }

  eliminateEq(h1: Box, h2: Box): void {
    let e1 = h1.get(), e2 = h2.get();
    if (!e1 || !e2) return;
    if (e1.type === E.OR || e1.type === E.AND) this.elimEqInner(e1.type, h1, 2, h2, 2);
    e1 = h1.get(); e2 = h2.get();
    if (e1.type !== e2.type && (e2.type === E.OR || e2.type === E.AND)) this.elimEqInner(e2.type, h1, 2, h2, 2);
    h1.set(this.eliminateYn(h1.get()));
    h2.set(this.eliminateYn(h2.get()));
  }

  eq(e1: Expr | null, e2: Expr | null): boolean {
    if (!e1 || !e2) return exprIsYes(this.k, e1) && exprIsYes(this.k, e2);
    if (e1.type !== e2.type) return false;
    switch (e1.type) {
      case E.EQUAL: case E.GEQ: case E.GTH: case E.LEQ: case E.LTH: case E.UNEQUAL:
        return e1.left === e2.left && e1.right === e2.right;
      case E.SYMBOL:
        return e1.left === e2.left;
      case E.NOT:
        return this.eq(e1.left, e2.left);
      case E.AND: case E.OR: {
        // no symbol (y, m and n included) in common: nothing cancels, and what each side reduces to
        // is one of its own symbols or none, so they cannot come out the same; C's copies and
        // elimination (most of menu_finalize's time) would find that out the long way
        if (!sharesSymbol(e1, e2)) return false;
        const a = new Box(exprCopy(e1)!), b = new Box(exprCopy(e2)!);
        const old = this.transCount;
        this.eliminateEq(a, b);
        const x = a.get(), y = b.get();
        const res = x.type === E.SYMBOL && y.type === E.SYMBOL && x.left === y.left;
        this.transCount = old;
        return res;
      }
      default:
        return false;
    }
  }

  eliminateYn(e: Expr | null): Expr {
    if (!e) return e as unknown as Expr;
    const k = this.k;
    if (e.type === E.AND || e.type === E.OR) {
      e.left = this.eliminateYn(e.left);
      e.right = this.eliminateYn(e.right);
      const absorb = e.type === E.AND ? k.no : k.yes; // x && n -> n ; x || y -> y
      const ident = e.type === E.AND ? k.yes : k.no;  // x && y -> x ; x || n -> x
      const l = e.left as Expr, r = e.right as Expr;
      if (l.type === E.SYMBOL) {
        if (l.left === absorb) { setTo(e, mkExpr(E.SYMBOL, absorb, null)); return e; }
        if (l.left === ident) { setTo(e, r); return e; }
      }
      if (r.type === E.SYMBOL) {
        if (r.left === absorb) { setTo(e, mkExpr(E.SYMBOL, absorb, null)); return e; }
        if (r.left === ident) { setTo(e, l); return e; }
      }
    }
    return e;
  }

  /**
   * The start shared by expr_join_or and expr_join_and: both operands must be (negated) symbols or
   * comparisons of the same bool/tristate symbol, which is returned; null when they cannot join.
   */
  private joinSymbol(e1: Expr, e2: Expr): Sym | null {
    if (!joinable(e1.type) || !joinable(e2.type)) return null;
    let sym1: Sym, sym2: Sym;
    if (e1.type === E.NOT) {
      const tmp = e1.left as Expr;
      if (tmp.type !== E.EQUAL && tmp.type !== E.UNEQUAL && tmp.type !== E.SYMBOL) return null;
      sym1 = tmp.left;
    } else sym1 = e1.left;
    if (e2.type === E.NOT) {
      if ((e2.left as Expr).type !== E.SYMBOL) return null;
      sym2 = (e2.left as Expr).left;
    } else sym2 = e2.left;
    if (sym1 !== sym2) return null;
    if (sym1.type !== SymType.BOOLEAN && sym1.type !== SymType.TRISTATE) return null;
    return sym1;
  }

  private joinOr(e1: Expr, e2: Expr): Expr | null {
    const k = this.k;
    if (this.eq(e1, e2)) return exprCopy(e1);
    const sym1 = this.joinSymbol(e1, e2);
    if (!sym1) return null;
    const sym2 = sym1;
    if (sym1.type === SymType.TRISTATE && e1.type === E.EQUAL && e2.type === E.EQUAL) {
      const a = e1.right, b = e2.right;
      if ((a === k.yes && b === k.mod) || (a === k.mod && b === k.yes)) return exprComp(E.UNEQUAL, sym1, k.no);
      if ((a === k.yes && b === k.no) || (a === k.no && b === k.yes)) return exprComp(E.UNEQUAL, sym1, k.mod);
      if ((a === k.mod && b === k.no) || (a === k.no && b === k.mod)) return exprComp(E.UNEQUAL, sym1, k.yes);
    }
    if (sym1.type === SymType.BOOLEAN && sym1 === sym2) {
      if ((e1.type === E.NOT && (e1.left as Expr).type === E.SYMBOL && e2.type === E.SYMBOL) ||
          (e2.type === E.NOT && (e2.left as Expr).type === E.SYMBOL && e1.type === E.SYMBOL))
        return exprSym(k.yes);
    }
    return null;
  }

  private joinAnd(e1: Expr, e2: Expr): Expr | null {
    const k = this.k;
    if (this.eq(e1, e2)) return exprCopy(e1);
    const sym1 = this.joinSymbol(e1, e2);
    if (!sym1) return null;
    const t1 = e1.type, t2 = e2.type;
    if ((t1 === E.SYMBOL && t2 === E.EQUAL && e2.right === k.yes) ||
        (t2 === E.SYMBOL && t1 === E.EQUAL && e1.right === k.yes))
      return exprComp(E.EQUAL, sym1, k.yes);
    if ((t1 === E.SYMBOL && t2 === E.UNEQUAL && e2.right === k.no) ||
        (t2 === E.SYMBOL && t1 === E.UNEQUAL && e1.right === k.no))
      return exprSym(sym1);
    if ((t1 === E.SYMBOL && t2 === E.UNEQUAL && e2.right === k.mod) ||
        (t2 === E.SYMBOL && t1 === E.UNEQUAL && e1.right === k.mod))
      return exprComp(E.EQUAL, sym1, k.yes);
    if (sym1.type === SymType.TRISTATE) {
      if (t1 === E.EQUAL && t2 === E.UNEQUAL) {
        const s2: Sym = e1.right;
        if ((e2.right.flags & F.CONST) && (s2.flags & F.CONST))
          return s2 !== e2.right ? exprComp(E.EQUAL, sym1, s2) : exprSym(k.no);
      }
      if (t1 === E.UNEQUAL && t2 === E.EQUAL) {
        const s2: Sym = e2.right;
        if ((e1.right.flags & F.CONST) && (s2.flags & F.CONST))
          return s2 !== e1.right ? exprComp(E.EQUAL, sym1, s2) : exprSym(k.no);
      }
      if (t1 === E.UNEQUAL && t2 === E.UNEQUAL) {
        const a = e1.right, b = e2.right;
        if ((a === k.yes && b === k.no) || (a === k.no && b === k.yes)) return exprComp(E.EQUAL, sym1, k.mod);
        if ((a === k.yes && b === k.mod) || (a === k.mod && b === k.yes)) return exprComp(E.EQUAL, sym1, k.no);
        if ((a === k.mod && b === k.no) || (a === k.no && b === k.mod)) return exprComp(E.EQUAL, sym1, k.yes);
      }
    }
    return null;
  }

  private dups1(type: E, p1: Expr | Box, s1: number, p2: Expr | Box, s2: number): void {
    const e1 = slotGet(p1, s1), e2 = slotGet(p2, s2);
    if (e1.type === type) {
      this.dups1(type, e1, 0, p2, s2);
      this.dups1(type, e1, 1, p2, s2);
      return;
    }
    if (e2.type === type) {
      this.dups1(type, p1, s1, e2, 0);
      this.dups1(type, p1, s1, e2, 1);
      return;
    }
    if (e1 === e2) return;
    if (e1.type === E.OR || e1.type === E.AND) this.dups1(e1.type, p1, s1, p1, s1);
    const a = slotGet(p1, s1);
    const b = slotGet(p2, s2);
    if (type === E.OR) {
      const tmp = this.joinOr(a, b);
      if (tmp) { slotSet(p1, s1, exprSym(this.k.no)); slotSet(p2, s2, tmp); this.transCount++; }
    } else if (type === E.AND) {
      const tmp = this.joinAnd(a, b);
      if (tmp) { slotSet(p1, s1, exprSym(this.k.yes)); slotSet(p2, s2, tmp); this.transCount++; }
    }
  }

  eliminateDups(e: Expr | null): Expr | null {
    if (!e || (e.type !== E.OR && e.type !== E.AND)) return e; // (as C: nothing to join)
    const old = this.transCount;
    const box = new Box(e);
    for (;;) {
      this.transCount = 0;
      const cur = box.get();
      if (cur.type === E.OR || cur.type === E.AND) this.dups1(cur.type, box, 2, box, 2);
      if (!this.transCount) break;
      box.set(this.eliminateYn(box.get()));
    }
    this.transCount = old;
    return box.get();
  }

  /** expr_transform: normalise comparisons of bool symbols and push negations inwards. */
  transform(e: Expr | null, warn: (msg: string) => void): Expr | null {
    if (!e) return null;
    const k = this.k;
    switch (e.type) {
      case E.EQUAL: case E.GEQ: case E.GTH: case E.LEQ: case E.LTH: case E.UNEQUAL: case E.SYMBOL: case E.LIST:
        break;
      default:
        e.left = this.transform(e.left, warn);
        e.right = this.transform(e.right, warn);
    }
    switch (e.type) {
      case E.EQUAL:
        if (e.left.type !== SymType.BOOLEAN) break;
        if (e.right === k.no) { e.type = E.NOT; e.left = exprSym(e.left); e.right = null; break; }
        if (e.right === k.mod) {
          warn(`boolean symbol ${e.left.name} tested for 'm'? test forced to 'n'\n`);
          e.type = E.SYMBOL; e.left = k.no; e.right = null; break;
        }
        if (e.right === k.yes) { e.type = E.SYMBOL; e.right = null; break; }
        break;
      case E.UNEQUAL:
        if (e.left.type !== SymType.BOOLEAN) break;
        if (e.right === k.no) { e.type = E.SYMBOL; e.right = null; break; }
        if (e.right === k.mod) {
          warn(`boolean symbol ${e.left.name} tested for 'm'? test forced to 'y'\n`);
          e.type = E.SYMBOL; e.left = k.yes; e.right = null; break;
        }
        if (e.right === k.yes) { e.type = E.NOT; e.left = exprSym(e.left); e.right = null; break; }
        break;
      case E.NOT: {
        const l = e.left as Expr;
        switch (l.type) {
          case E.NOT:
            return this.transform(l.left, warn);
          case E.EQUAL: case E.UNEQUAL:
            l.type = l.type === E.EQUAL ? E.UNEQUAL : E.EQUAL;
            return l;
          case E.LEQ: case E.GEQ:
            l.type = l.type === E.LEQ ? E.GTH : E.LTH;
            return l;
          case E.LTH: case E.GTH:
            l.type = l.type === E.LTH ? E.GEQ : E.LEQ;
            return l;
          case E.OR: case E.AND: {
            // !(a || b) -> !a && !b ; !(a && b) -> !a || !b
            e.type = l.type === E.OR ? E.AND : E.OR;
            e.right = exprOne(E.NOT, l.right);
            l.type = E.NOT;
            l.right = null;
            return this.transform(e, warn);
          }
          case E.SYMBOL:
            if (l.left === k.yes) { l.left = k.no; return l; }
            if (l.left === k.mod) { l.left = k.mod; return l; }
            if (l.left === k.no) { l.left = k.yes; return l; }
            break;
          default:
        }
        break;
      }
      default:
    }
    return e;
  }

  /** expr_trans_compare */
  transCompare(e: Expr | null, type: E, sym: Sym): Expr | null {
    const k = this.k;
    if (!e) {
      let r = exprSym(sym);
      if (type === E.UNEQUAL) r = exprOne(E.NOT, r);
      return r;
    }
    switch (e.type) {
      case E.AND: case E.OR: {
        const e1 = this.transCompare(e.left, E.EQUAL, sym);
        const e2 = this.transCompare(e.right, E.EQUAL, sym);
        let r: Expr = e;
        const same = e.type === E.AND ? E.AND : E.OR;
        const other = e.type === E.AND ? E.OR : E.AND;
        if (sym === k.yes) r = exprTwo(same, e1, e2);
        if (sym === k.no) r = exprTwo(other, e1, e2);
        if (type === E.UNEQUAL) r = exprOne(E.NOT, r);
        return r;
      }
      case E.NOT:
        return this.transCompare(e.left, type === E.EQUAL ? E.UNEQUAL : E.EQUAL, sym);
      case E.UNEQUAL: case E.LTH: case E.LEQ: case E.GTH: case E.GEQ: case E.EQUAL:
        if (type === E.EQUAL) {
          if (sym === k.yes) return exprCopy(e);
          if (sym === k.mod) return exprSym(k.no);
          if (sym === k.no) return exprOne(E.NOT, exprCopy(e));
        } else {
          if (sym === k.yes) return exprOne(E.NOT, exprCopy(e));
          if (sym === k.mod) return exprSym(k.yes);
          if (sym === k.no) return exprCopy(e);
        }
        break;
      case E.SYMBOL:
        return exprComp(type, e.left, sym);
      default:
    }
    return null;
  }

  /** expr_trans_bool (v5.2 only): FOO!=n -> FOO for tristate FOO. */
  transBool(e: Expr | null): Expr | null {
    if (!e) return null;
    switch (e.type) {
      case E.AND: case E.OR: case E.NOT:
        e.left = this.transBool(e.left);
        e.right = this.transBool(e.right);
        break;
      case E.UNEQUAL:
        if (e.left.type === SymType.TRISTATE && e.right === this.k.no) {
          e.type = E.SYMBOL;
          e.right = null;
        }
        break;
      default:
    }
    return e;
  }
}

export function exprContainsSymbol(dep: Expr | null, sym: Sym): boolean {
  if (!dep) return false;
  switch (dep.type) {
    case E.AND: case E.OR:
      return exprContainsSymbol(dep.left, sym) || exprContainsSymbol(dep.right, sym);
    case E.SYMBOL:
      return dep.left === sym;
    case E.EQUAL: case E.GEQ: case E.GTH: case E.LEQ: case E.LTH: case E.UNEQUAL:
      return dep.left === sym || dep.right === sym;
    case E.NOT:
      return exprContainsSymbol(dep.left, sym);
    default:
      return false;
  }
}

export function exprDependsSymbol(k: Consts, dep: Expr | null, sym: Sym): boolean {
  if (!dep) return false;
  switch (dep.type) {
    case E.AND:
      return exprDependsSymbol(k, dep.left, sym) || exprDependsSymbol(k, dep.right, sym);
    case E.SYMBOL:
      return dep.left === sym;
    case E.EQUAL:
      return dep.left === sym && (dep.right === k.yes || dep.right === k.mod);
    case E.UNEQUAL:
      return dep.left === sym && dep.right === k.no;
    default:
      return false;
  }
}

/** Calls `fn` for every symbol an expression reads. */
export function exprForEachSym(e: Expr | null, fn: (s: Sym) => void): void {
  if (!e) return;
  switch (e.type) {
    case E.AND: case E.OR:
      exprForEachSym(e.left, fn); exprForEachSym(e.right, fn); return;
    case E.NOT:
      exprForEachSym(e.left, fn); return;
    case E.SYMBOL:
      fn(e.left); return;
    case E.LIST:
      if (e.right) fn(e.right);
      exprForEachSym(e.left, fn); return;
    default:
      fn(e.left); if (e.right) fn(e.right);
  }
}

function compareType(t1: E, t2: E): number {
  if (t1 === t2) return 0;
  // Fall-through chain of expr_compare_type.
  const order: E[] = [E.LEQ, E.EQUAL, E.NOT, E.AND, E.OR, E.LIST];
  let start: number;
  switch (t1) {
    case E.LEQ: case E.LTH: case E.GEQ: case E.GTH: start = 0; break;
    case E.EQUAL: case E.UNEQUAL: start = 1; break;
    case E.NOT: start = 2; break;
    case E.AND: start = 3; break;
    case E.OR: start = 4; break;
    case E.LIST: start = 5; break;
    default: return -1;
  }
  const next: E[][] = [[E.EQUAL, E.UNEQUAL], [E.NOT], [E.AND], [E.OR], [E.LIST], [E.NONE]];
  for (let i = start; i < order.length; i++) if (next[i].includes(t2)) return 1;
  return -1;
}

export type PrintFn = (sym: Sym | null, str: string) => void;

export function exprPrint(e: Expr | null, fn: PrintFn, prev: E): void {
  if (!e) { fn(null, 'y'); return; }
  const paren = compareType(prev, e.type) > 0;
  if (paren) fn(null, '(');
  const symName = (s: Sym) => { if (s.name !== null) fn(s, s.name); else fn(null, '<choice>'); };
  switch (e.type) {
    case E.SYMBOL: symName(e.left); break;
    case E.NOT: fn(null, '!'); exprPrint(e.left, fn, E.NOT); break;
    case E.EQUAL: symName(e.left); fn(null, '='); fn(e.right, e.right.name); break;
    case E.LEQ: case E.LTH: symName(e.left); fn(null, e.type === E.LEQ ? '<=' : '<'); fn(e.right, e.right.name); break;
    case E.GEQ: case E.GTH: symName(e.left); fn(null, e.type === E.GEQ ? '>=' : '>'); fn(e.right, e.right.name); break;
    case E.UNEQUAL: symName(e.left); fn(null, '!='); fn(e.right, e.right.name); break;
    case E.OR: exprPrint(e.left, fn, E.OR); fn(null, ' || '); exprPrint(e.right, fn, E.OR); break;
    case E.AND: exprPrint(e.left, fn, E.AND); fn(null, ' && '); exprPrint(e.right, fn, E.AND); break;
    case E.LIST:
      fn(e.right, e.right.name);
      if (e.left) { fn(null, ' ^ '); exprPrint(e.left, fn, E.LIST); }
      break;
    case E.RANGE:
      fn(null, '['); fn(e.left, e.left.name); fn(null, ' '); fn(e.right, e.right.name); fn(null, ']'); break;
    default: fn(null, `<unknown type ${e.type}>`);
  }
  if (paren) fn(null, ')');
}

/** A settable reference to an expression (the `struct expr *` variable the C code passes by address). */
export class Box {
  constructor(public e: Expr) {}
  get(): Expr { return this.e; }
  set(e: Expr): void { this.e = e; }
}
function slotGet(p: Expr | Box, side: number): Expr {
  return side === 2 ? (p as Box).e : side === 0 ? (p as Expr).left : (p as Expr).right;
}
function slotSet(p: Expr | Box, side: number, v: Expr): void {
  if (side === 2) (p as Box).e = v;
  else if (side === 0) (p as Expr).left = v;
  else (p as Expr).right = v;
}

/** `*e = *other` */
function setTo(e: Expr, other: Expr): void {
  e.type = other.type;
  e.left = other.left;
  e.right = other.right;
}

