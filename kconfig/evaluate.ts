// Symbol values, visibility, choices and ranges: a faithful port of scripts/kconfig/symbol.c
// (Linux 6.1), with the v5.2 differences that Unikraft's vendored copy has behind `k.v52`.
import { exprPrint, type PrintFn } from './expr.js';
import type { Kconfig } from './kconfig.js';
import {
  E, Expr, F, P, Property, Sym, SymType, Tri, choiceMembers, choiceOf, hasValue,
  isChoice, isChoiceValue, propSymbol, triAnd, triNot, triOr, type SymbolValue,
} from './model.js';
import { strtoll, strtoull } from './cnum.js';

export function symGetType(k: Kconfig, sym: Sym): SymType {
  let type = sym.type;
  if (type === SymType.TRISTATE) {
    if (isChoiceValue(sym) && sym.visible === Tri.yes) type = SymType.BOOLEAN;
    else if (k.modulesVal === Tri.no) type = SymType.BOOLEAN;
  }
  return type;
}

export function symTypeName(type: SymType): string {
  switch (type) {
    case SymType.BOOLEAN: return 'bool';
    case SymType.TRISTATE: return 'tristate';
    case SymType.INT: return 'integer';
    case SymType.HEX: return 'hex';
    case SymType.STRING: return 'string';
    case SymType.UNKNOWN: return 'unknown';
  }
  return '???';
}

function defaultProp(k: Kconfig, sym: Sym): Property | null {
  for (let i = 0, props = sym.props; i < props.length; i++) {
    const prop = props[i];
    if (prop.type !== P.DEFAULT) continue;
    prop.visible.tri = exprCalcValue(k, prop.visible.expr);
    if (prop.visible.tri !== Tri.no) return prop;
  }
  return null;
}

export function symGetRangeProp(k: Kconfig, sym: Sym): Property | null {
  for (let i = 0, props = sym.props; i < props.length; i++) {
    const prop = props[i];
    if (prop.type !== P.RANGE) continue;
    prop.visible.tri = exprCalcValue(k, prop.visible.expr);
    if (prop.visible.tri !== Tri.no) return prop;
  }
  return null;
}

function rangeVal(k: Kconfig, sym: Sym, base: number): bigint {
  symCalcValue(k, sym);
  if (sym.type === SymType.INT) base = 10;
  else if (sym.type === SymType.HEX) base = 16;
  return strtoll(String(sym.curr.val), base).value;
}

function validateRange(k: Kconfig, sym: Sym): void {
  let base: number;
  if (sym.type === SymType.INT) base = 10;
  else if (sym.type === SymType.HEX) base = 16;
  else return;
  const prop = symGetRangeProp(k, sym);
  if (!prop) return;
  const val = strtoll(String(sym.curr.val), base).value;
  let rangeSym: Sym = prop.expr!.left;
  let val2 = rangeVal(k, rangeSym, base);
  if (val >= val2) {
    rangeSym = prop.expr!.right;
    val2 = rangeVal(k, rangeSym, base);
    if (val <= val2) return;
  }
  if (k.v52) {
    sym.curr.val = sym.type === SymType.INT ? val2.toString() : '0x' + BigInt.asUintN(64, val2).toString(16);
  } else {
    sym.curr.val = rangeSym.curr.val;
  }
}

function setChanged(sym: Sym): void {
  sym.flags |= F.CHANGED;
}

function setAllChanged(k: Kconfig): void {
  for (const s of k.all()) s.flags |= F.CHANGED;
}

export function symCalcVisibility(k: Kconfig, sym: Sym): void {
  let tri: Tri = Tri.no;
  const choiceSym = isChoiceValue(sym) ? choiceOf(sym) : null;
  for (let i = 0, props = sym.props; i < props.length; i++) {
    const prop = props[i];
    if (prop.text === null) continue;
    prop.visible.tri = exprCalcValue(k, prop.visible.expr);
    if (choiceSym && sym.type === SymType.TRISTATE && prop.visible.tri === Tri.mod && choiceSym.curr.tri === Tri.yes)
      prop.visible.tri = Tri.no;
    tri = triOr(tri, prop.visible.tri);
  }
  if (tri === Tri.mod && (sym.type !== SymType.TRISTATE || k.modulesVal === Tri.no)) tri = Tri.yes;
  if (sym.visible !== tri) {
    sym.visible = tri;
    setChanged(sym);
  }
  if (isChoiceValue(sym)) return;
  tri = Tri.yes;
  if (sym.dirDep.expr) tri = exprCalcValue(k, sym.dirDep.expr);
  if (tri === Tri.mod && symGetType(k, sym) === SymType.BOOLEAN) tri = Tri.yes;
  if (sym.dirDep.tri !== tri) { sym.dirDep.tri = tri; setChanged(sym); }
  tri = Tri.no;
  if (sym.revDep.expr) tri = exprCalcValue(k, sym.revDep.expr);
  if (tri === Tri.mod && symGetType(k, sym) === SymType.BOOLEAN) tri = Tri.yes;
  if (sym.revDep.tri !== tri) { sym.revDep.tri = tri; setChanged(sym); }
  tri = Tri.no;
  if (sym.implied.expr && (!k.v52 || sym.dirDep.tri !== Tri.no)) tri = exprCalcValue(k, sym.implied.expr);
  if (tri === Tri.mod && symGetType(k, sym) === SymType.BOOLEAN) tri = Tri.yes;
  if (sym.implied.tri !== tri) { sym.implied.tri = tri; setChanged(sym); }
}

export function symChoiceDefault(k: Kconfig, sym: Sym): Sym | null {
  for (let i = 0, props = sym.props; i < props.length; i++) {
    const prop = props[i];
    if (prop.type !== P.DEFAULT) continue;
    prop.visible.tri = exprCalcValue(k, prop.visible.expr);
    if (prop.visible.tri === Tri.no) continue;
    const def = propSymbol(prop)!;
    if (def.visible !== Tri.no) return def;
  }
  for (const def of choiceMembers(sym)) if (def.visible !== Tri.no) return def;
  return null;
}

function symCalcChoice(k: Kconfig, sym: Sym): Sym | null {
  let flags = sym.flags;
  for (const def of choiceMembers(sym)) {
    symCalcVisibility(k, def);
    if (def.visible !== Tri.no) flags &= def.flags;
  }
  sym.flags &= flags | ~F.DEF_USER;
  const user = sym.def[0].val as Sym | null;
  if (user && user.visible !== Tri.no) return user;
  const def = symChoiceDefault(k, sym);
  if (def === null) sym.curr.tri = Tri.no;
  return def;
}

export function gstrPrintExpr(k: Kconfig, e: Expr | null): string {
  let s = '';
  const fn: PrintFn = (sym, str) => {
    s += str;
    if (sym && sym.type !== SymType.UNKNOWN) s += ` [=${symGetStringValue(k, sym)}]`;
  };
  exprPrint(e, fn, E.NONE);
  return s;
}

export function gstrPrintRevdep(k: Kconfig, e: Expr | null, prType: Tri, title: string | null): string {
  let s = '';
  const fn: PrintFn = (sym, str) => {
    s += str;
    if (sym && sym.type !== SymType.UNKNOWN) s += ` [=${symGetStringValue(k, sym)}]`;
  };
  const walk = (x: Expr) => {
    if (x.type === E.OR) { walk(x.left); walk(x.right); return; }
    if (exprCalcValue(k, x) === prType) {
      if (title !== null) { fn(null, title); title = null; }
      fn(null, '  - ');
      exprPrint(x, fn, E.NONE);
      fn(null, '\n');
    }
  };
  if (e) walk(e);
  return s;
}

function warnUnmetDep(k: Kconfig, sym: Sym): void {
  let s = `\nWARNING: unmet direct dependencies detected for ${sym.name}\n`;
  s += `  Depends on [${sym.dirDep.tri === Tri.mod ? 'm' : 'n'}]: `;
  s += gstrPrintExpr(k, sym.dirDep.expr);
  s += '\n';
  s += gstrPrintRevdep(k, sym.revDep.expr, Tri.yes, '  Selected by [y]:\n');
  s += gstrPrintRevdep(k, sym.revDep.expr, Tri.mod, '  Selected by [m]:\n');
  k.out.stderr(s);
  k.symWarnings++;
}

export function symCalcValue(k: Kconfig, sym: Sym | null): void {
  if (!sym) return;
  if (sym.flags & F.VALID) return;

  if (isChoiceValue(sym) && sym.flags & F.NEED_SET_CHOICE_VALUES) {
    sym.flags &= ~F.NEED_SET_CHOICE_VALUES;
    symCalcValue(k, choiceOf(sym));
  }
  sym.flags |= F.VALID;
  const oldval: SymbolValue = sym.curr;
  let newval: SymbolValue;
  switch (sym.type) {
    case SymType.INT: case SymType.HEX: case SymType.STRING:
      newval = { val: '', tri: Tri.no };
      break;
    case SymType.BOOLEAN: case SymType.TRISTATE:
      newval = { val: 'n', tri: Tri.no };
      break;
    default:
      sym.curr = { val: sym.name, tri: Tri.no };
      return;
  }
  sym.flags &= ~F.WRITE;
  symCalcVisibility(k, sym);
  if (sym.visible !== Tri.no) sym.flags |= F.WRITE;
  // default if recursively called
  sym.curr = { val: newval.val, tri: newval.tri };

  switch (symGetType(k, sym)) {
    case SymType.BOOLEAN: case SymType.TRISTATE:
      if (isChoiceValue(sym) && sym.visible === Tri.yes) {
        newval.tri = choiceOf(sym).curr.val === sym ? Tri.yes : Tri.no;
      } else {
        let skipDefaults = false;
        if (sym.visible !== Tri.no && hasValue(sym)) {
          newval.tri = triAnd(sym.def[0].tri, sym.visible);
          skipDefaults = true;
        }
        if (!skipDefaults) {
          if (sym.revDep.tri !== Tri.no) sym.flags |= F.WRITE;
          if (!isChoice(sym)) {
            const prop = defaultProp(k, sym);
            if (prop) {
              newval.tri = triAnd(exprCalcValue(k, prop.expr), prop.visible.tri);
              if (newval.tri !== Tri.no) sym.flags |= F.WRITE;
            }
            if (sym.implied.tri !== Tri.no) {
              sym.flags |= F.WRITE;
              newval.tri = triOr(newval.tri, sym.implied.tri);
              if (!k.v52) newval.tri = triAnd(newval.tri, sym.dirDep.tri);
            }
          }
        }
        if (sym.dirDep.tri < sym.revDep.tri) warnUnmetDep(k, sym);
        newval.tri = triOr(newval.tri, sym.revDep.tri);
      }
      if (newval.tri === Tri.mod &&
          (symGetType(k, sym) === SymType.BOOLEAN || (k.v52 && sym.implied.tri === Tri.yes)))
        newval.tri = Tri.yes;
      break;
    case SymType.STRING: case SymType.HEX: case SymType.INT:
      if (sym.visible !== Tri.no && hasValue(sym)) {
        newval.val = sym.def[0].val;
        break;
      }
      {
        const prop = defaultProp(k, sym);
        if (prop) {
          const ds = propSymbol(prop);
          if (ds) {
            sym.flags |= F.WRITE;
            symCalcValue(k, ds);
            newval.val = ds.curr.val;
          }
        }
      }
      break;
    default:
  }
  sym.curr = newval;
  if (isChoice(sym) && newval.tri === Tri.yes) sym.curr.val = symCalcChoice(k, sym);
  validateRange(k, sym);

  if (oldval.val !== sym.curr.val || oldval.tri !== sym.curr.tri) {
    setChanged(sym);
    if (k.modulesSym === sym) {
      setAllChanged(k);
      k.modulesVal = k.modulesSym.curr.tri;
    }
  }
  if (isChoice(sym)) {
    for (const cs of choiceMembers(sym)) {
      if (sym.flags & F.WRITE && cs.visible !== Tri.no) cs.flags |= F.WRITE;
      if (sym.flags & F.CHANGED) setChanged(cs);
    }
  }
  if (sym.flags & F.NO_WRITE) sym.flags &= ~F.WRITE;
  if (sym.flags & F.NEED_SET_CHOICE_VALUES) setAllChoiceValues(sym);
}

export function setAllChoiceValues(csym: Sym): void {
  for (const s of choiceMembers(csym)) if (!hasValue(s)) s.def[0].tri = Tri.no;
  csym.flags |= F.DEF_USER;
  csym.flags &= ~(F.VALID | F.NEED_SET_CHOICE_VALUES);
}

export function symClearAllValid(k: Kconfig): void {
  for (const s of k.all()) s.flags &= ~F.VALID;
  k.setChanged(true);
  symCalcValue(k, k.modulesSym);
}

export function symTristateWithinRange(k: Kconfig, sym: Sym, val: Tri): boolean {
  const type = symGetType(k, sym);
  if (sym.visible === Tri.no) return false;
  if (type !== SymType.BOOLEAN && type !== SymType.TRISTATE) return false;
  if (type === SymType.BOOLEAN && val === Tri.mod) return false;
  if (sym.visible <= sym.revDep.tri) return false;
  if (k.v52 && sym.implied.tri === Tri.yes && val === Tri.mod) return false;
  if (isChoiceValue(sym) && sym.visible === Tri.yes) return val === Tri.yes;
  return val >= sym.revDep.tri && val <= sym.visible;
}

export function symSetTristateValue(k: Kconfig, sym: Sym, val: Tri): boolean {
  const oldval = sym.curr.tri;
  if (oldval !== val && !symTristateWithinRange(k, sym, val)) return false;
  if (!(sym.flags & F.DEF_USER)) {
    sym.flags |= F.DEF_USER;
    setChanged(sym);
  }
  if (isChoiceValue(sym) && val === Tri.yes) {
    const cs = choiceOf(sym);
    cs.def[0].val = sym;
    cs.flags |= F.DEF_USER;
    for (const m of choiceMembers(cs)) if (m.visible !== Tri.no) m.flags |= F.DEF_USER;
  }
  sym.def[0].tri = val;
  if (oldval !== val) k.userValueChanged(sym);
  return true;
}

export function symStringValid(sym: Sym, str: string): boolean {
  switch (sym.type) {
    case SymType.STRING:
      return true;
    case SymType.INT: {
      let i = 0;
      let ch = str.charCodeAt(i++);
      if (ch === 45) ch = str.charCodeAt(i++); // '-'
      if (!(ch >= 48 && ch <= 57)) return false;
      if (ch === 48 && i < str.length) return false;
      for (; i < str.length; i++) {
        const c = str.charCodeAt(i);
        if (!(c >= 48 && c <= 57)) return false;
      }
      return true;
    }
    case SymType.HEX: {
      let i = 0;
      if (str[0] === '0' && (str[1] === 'x' || str[1] === 'X')) i = 2;
      // do { if (!isxdigit(ch)) return false; } while ((ch = *str++)); -> at least one char
      if (i >= str.length) return false;
      for (; i < str.length; i++) if (!/[0-9a-fA-F]/.test(str[i])) return false;
      return true;
    }
    case SymType.BOOLEAN: case SymType.TRISTATE:
      return 'yYmMnN'.includes(str[0] ?? '\0') && str.length > 0;
    default:
      return false;
  }
}

export function symStringWithinRange(k: Kconfig, sym: Sym, str: string): boolean {
  switch (sym.type) {
    case SymType.STRING:
      return symStringValid(sym, str);
    case SymType.INT: case SymType.HEX: {
      if (!symStringValid(sym, str)) return false;
      const prop = symGetRangeProp(k, sym);
      if (!prop) return true;
      const base = sym.type === SymType.INT ? 10 : 16;
      const val = strtoll(str, base).value;
      return val >= rangeVal(k, prop.expr!.left, base) && val <= rangeVal(k, prop.expr!.right, base);
    }
    case SymType.BOOLEAN: case SymType.TRISTATE:
      switch (str[0]) {
        case 'y': case 'Y': return symTristateWithinRange(k, sym, Tri.yes);
        case 'm': case 'M': return symTristateWithinRange(k, sym, Tri.mod);
        case 'n': case 'N': return symTristateWithinRange(k, sym, Tri.no);
      }
      return false;
    default:
      return false;
  }
}

export function symSetStringValue(k: Kconfig, sym: Sym, newval: string): boolean {
  if (sym.type === SymType.BOOLEAN || sym.type === SymType.TRISTATE) {
    switch (newval[0]) {
      case 'y': case 'Y': return symSetTristateValue(k, sym, Tri.yes);
      case 'm': case 'M': return symSetTristateValue(k, sym, Tri.mod);
      case 'n': case 'N': return symSetTristateValue(k, sym, Tri.no);
    }
    return false;
  }
  if (!symStringWithinRange(k, sym, newval)) return false;
  if (!(sym.flags & F.DEF_USER)) {
    sym.flags |= F.DEF_USER;
    setChanged(sym);
  }
  const oldval = sym.def[0].val;
  let v = newval;
  if (sym.type === SymType.HEX && (newval[0] !== '0' || (newval[1] !== 'x' && newval[1] !== 'X'))) v = '0x' + newval;
  else if (oldval !== null && oldval === newval) return true;
  sym.def[0].val = v;
  k.userValueChanged(sym);
  return true;
}

export function symGetStringDefault(k: Kconfig, sym: Sym): string {
  symCalcVisibility(k, sym);
  symCalcValue(k, k.modulesSym);
  let val: Tri = Tri.no;
  let str = '';
  const prop = defaultProp(k, sym);
  if (prop) {
    if (sym.type === SymType.BOOLEAN || sym.type === SymType.TRISTATE) {
      val = triAnd(exprCalcValue(k, prop.expr), prop.visible.tri);
    } else {
      const ds = propSymbol(prop);
      if (ds) {
        symCalcValue(k, ds);
        str = ds.curr.val;
      }
    }
  }
  val = triOr(val, sym.revDep.tri);
  if (val === Tri.mod && !isChoiceValue(sym) && k.modulesSym!.curr.tri === Tri.no) val = Tri.yes;
  if (sym.type === SymType.BOOLEAN && val === Tri.mod) val = Tri.yes;
  if (val < sym.implied.tri) val = sym.implied.tri;
  switch (sym.type) {
    case SymType.BOOLEAN: case SymType.TRISTATE:
      if (val === Tri.no) return 'n';
      if (val === Tri.mod) {
        if (k.v52) {
          symCalcValue(k, k.modulesSym);
          return k.modulesSym!.curr.tri === Tri.no ? 'n' : 'm';
        }
        return 'm';
      }
      return 'y';
    case SymType.INT: case SymType.HEX: case SymType.STRING:
      return str;
    default:
      return '';
  }
}

export function symGetStringValue(k: Kconfig, sym: Sym): string {
  if (sym.type === SymType.BOOLEAN || sym.type === SymType.TRISTATE) {
    const t = sym.curr.tri;
    return t === Tri.no ? 'n' : t === Tri.mod ? 'm' : 'y';
  }
  return sym.curr.val as string;
}

export const symIsChangeable = (sym: Sym): boolean => sym.visible > sym.revDep.tri;

// ---- expression values -------------------------------------------------------------------------

const enum K { string, signed, unsigned }

const SMALL_DEC = /^-?[0-9]{1,15}$/;
const SMALL_HEX = /^(0[xX])?[0-9a-fA-F]{1,12}$/;

function parseForCompare(str: string, type: SymType): { kind: K; v: bigint | number } {
  // Fast paths for the common short numbers (exactly what strtoll/strtoull would give).
  if (type === SymType.INT || type === SymType.UNKNOWN || type === SymType.STRING) {
    if (SMALL_DEC.test(str) && (type === SymType.INT || !/^-?0[0-9]/.test(str))) return { kind: K.signed, v: parseInt(str, 10) };
  } else if (type === SymType.HEX && SMALL_HEX.test(str)) {
    return { kind: K.unsigned, v: parseInt(str.replace(/^0[xX]/, ''), 16) };
  }
  switch (type) {
    case SymType.BOOLEAN: case SymType.TRISTATE:
      return { kind: K.signed, v: str === 'n' ? 0n : str === 'm' ? 1n : str === 'y' ? 2n : -1n };
    case SymType.INT: {
      const r = strtoll(str, 10);
      return { kind: okTail(str, r.end, r.erange) ? K.signed : K.string, v: r.value };
    }
    case SymType.HEX: {
      const r = strtoull(str, 16);
      return { kind: okTail(str, r.end, r.erange) ? K.unsigned : K.string, v: r.value };
    }
    default: {
      const r = strtoll(str, 0);
      return { kind: okTail(str, r.end, r.erange) ? K.signed : K.string, v: r.value };
    }
  }
}
function okTail(str: string, end: number, erange: boolean): boolean {
  return !erange && end === str.length && end > 0 && /[0-9a-fA-F]/.test(str[end - 1]);
}

function compareStrings(a: string, b: string): number {
  // strcmp on bytes: values are latin1 strings, so code-unit order is byte order
  return a === b ? 0 : a < b ? -1 : 1;
}

export function exprCalcValue(k: Kconfig, e: Expr | null): Tri {
  if (!e) return Tri.yes;
  switch (e.type) {
    case E.SYMBOL:
      symCalcValue(k, e.left);
      return (e.left as Sym).curr.tri;
    case E.AND:
      return triAnd(exprCalcValue(k, e.left), exprCalcValue(k, e.right));
    case E.OR:
      return triOr(exprCalcValue(k, e.left), exprCalcValue(k, e.right));
    case E.NOT:
      return triNot(exprCalcValue(k, e.left));
    case E.EQUAL: case E.GEQ: case E.GTH: case E.LEQ: case E.LTH: case E.UNEQUAL:
      break;
    default:
      k.out.stdout(`expr_calc_value: ${e.type}?\n`);
      return Tri.no;
  }
  const l: Sym = e.left, r: Sym = e.right;
  symCalcValue(k, l);
  symCalcValue(k, r);
  const str1 = symGetStringValue(k, l);
  const str2 = symGetStringValue(k, r);
  let res: number;
  if (l.type !== SymType.STRING || r.type !== SymType.STRING) {
    const a = parseForCompare(str1, l.type);
    const b = parseForCompare(str2, r.type);
    if (a.kind === K.string || b.kind === K.string) res = compareStrings(str1, str2);
    else if (a.kind === K.unsigned || b.kind === K.unsigned) {
      const ua = BigInt.asUintN(64, BigInt(a.v)), ub = BigInt.asUintN(64, BigInt(b.v));
      res = ua > ub ? 1 : ua < ub ? -1 : 0;
    } else res = a.v > b.v ? 1 : a.v < b.v ? -1 : 0;
  } else res = compareStrings(str1, str2);
  switch (e.type) {
    case E.EQUAL: return res ? Tri.no : Tri.yes;
    case E.GEQ: return res >= 0 ? Tri.yes : Tri.no;
    case E.GTH: return res > 0 ? Tri.yes : Tri.no;
    case E.LEQ: return res <= 0 ? Tri.yes : Tri.no;
    case E.LTH: return res < 0 ? Tri.yes : Tri.no;
    default: return res ? Tri.yes : Tri.no;
  }
}

