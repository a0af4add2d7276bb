// Data model of a parsed Kconfig tree, mirroring scripts/kconfig's structs so the value rules can be
// ported one to one (the C code is the reference; field names follow it).

export const enum Tri { no = 0, mod = 1, yes = 2 }

export const enum SymType { UNKNOWN = 0, BOOLEAN = 1, TRISTATE = 2, INT = 3, HEX = 4, STRING = 5 }

export const enum E {
  NONE = 0, OR, AND, NOT, EQUAL, UNEQUAL, LTH, LEQ, GTH, GEQ, LIST, SYMBOL, RANGE,
}

export const enum P {
  UNKNOWN = 0, PROMPT, COMMENT, MENU, DEFAULT, CHOICE, SELECT, IMPLY, RANGE, SYMBOL,
}

export const enum F {
  CONST = 0x0001,
  CHECK = 0x0008,
  CHOICE = 0x0010,
  CHOICEVAL = 0x0020,
  VALID = 0x0080,
  OPTIONAL = 0x0100,
  WRITE = 0x0200,
  CHANGED = 0x0400,
  WRITTEN = 0x0800,
  NO_WRITE = 0x1000,
  CHECKED = 0x2000,
  WARNED = 0x8000,
  DEF_USER = 0x10000,
  DEF_AUTO = 0x20000,
  DEF3 = 0x40000,
  DEF4 = 0x80000,
  NEED_SET_CHOICE_VALUES = 0x100000,
  ALLNOCONFIG_Y = 0x200000,
}

export const S_DEF_USER = 0;
export const S_DEF_AUTO = 1;

/** An expression node. `left`/`right` hold either sub-expressions or symbols, as the C union does. */
export interface Expr {
  /** Set by the dependency-loop check once this subtree is known to lead to no loop (deps.ts). */
  depsClean: boolean;
  type: E;
  left: any;
  right: any;
}

export interface SymbolValue { val: any; tri: Tri }
export interface ExprValue { expr: Expr | null; tri: Tri }

export interface KFile { name: string; parent: KFile | null; lineno: number }

export interface Property {
  text: string | null;
  visible: ExprValue;
  type: P;
  expr: Expr | null;
  menu: Menu;
  file: KFile;
  lineno: number;
}

export interface Sym {
  next: Sym | null; // hash chain
  type: SymType;
  curr: SymbolValue;
  /** S_DEF_USER and S_DEF_AUTO (the C struct's two UI-reserved slots are never used here). */
  def: SymbolValue[];
  visible: Tri;
  props: Property[];
  dirDep: ExprValue;
  revDep: ExprValue;
  implied: ExprValue;
  name: string | null;
  flags: number;
}

export interface Menu {
  next: Menu | null;
  parent: Menu | null;
  list: Menu | null;
  prompt: Property | null;
  visibility: Expr | null;
  dep: Expr | null;
  flags: number;
  help: string | null;
  sym: Sym | null;
  file: KFile;
  lineno: number;
}

/*
 * The tree's records are made only by these factories, each from one object literal: V8 then
 * allocates the long-lived ones straight in the old space once it sees they survive
 * (allocation-site pretenuring), which saves the copying collections a Linux-size tree costs.
 */
export function mkExpr(type: E, left: any = null, right: any = null): Expr {
  return { depsClean: false, type, left, right };
}

export function mkProperty(type: P, expr: Expr | null, menu: Menu, file: KFile, lineno: number): Property {
  return { text: null, visible: { expr: null, tri: Tri.no }, type, expr, menu, file, lineno };
}

export function mkSym(name: string | null, flags: number): Sym {
  return {
    next: null, type: SymType.UNKNOWN, curr: { val: null, tri: Tri.no },
    def: [{ val: null, tri: Tri.no }, { val: null, tri: Tri.no }], visible: Tri.no, props: [],
    dirDep: { expr: null, tri: Tri.no }, revDep: { expr: null, tri: Tri.no }, implied: { expr: null, tri: Tri.no },
    name, flags,
  };
}

export function mkMenu(sym: Sym | null, file: KFile, lineno: number): Menu {
  return { next: null, parent: null, list: null, prompt: null, visibility: null, dep: null, flags: 0, help: null, sym, file, lineno };
}

export const isChoice = (s: Sym): boolean => (s.flags & F.CHOICE) !== 0;
export const isChoiceValue = (s: Sym): boolean => (s.flags & F.CHOICEVAL) !== 0;
export const isOptional = (s: Sym): boolean => (s.flags & F.OPTIONAL) !== 0;
export const hasValue = (s: Sym): boolean => (s.flags & F.DEF_USER) !== 0;

export const triAnd = (a: Tri, b: Tri): Tri => (a < b ? a : b);
export const triOr = (a: Tri, b: Tri): Tri => (a > b ? a : b);
export const triNot = (a: Tri): Tri => (2 - a) as Tri;

export function choicePropOf(sym: Sym): Property | null {
  for (const p of sym.props) if (p.type === P.CHOICE) return p;
  return null;
}

export function propSymbol(prop: Property): Sym | null {
  const e = prop.expr;
  if (e && (e.type === E.SYMBOL || e.type === E.LIST)) return e.left as Sym;
  return null;
}

/** The choice symbol a choice value belongs to. */
export function choiceOf(sym: Sym): Sym {
  return propSymbol(choicePropOf(sym)!)!;
}

/** Iterates the members of a choice (the E_LIST chain of its P_CHOICE property). */
export function* choiceMembers(choice: Sym): Generator<Sym> {
  const prop = choicePropOf(choice);
  for (let e = prop ? prop.expr : null; e && e.right; e = e.left) yield e.right as Sym;
}

/** Kconfig error that aborts loading; printed as conf prints it, then exit(1). */
export class KconfigExit extends Error {
  constructor(public code: number) {
    super(`exit ${code}`);
  }
}
