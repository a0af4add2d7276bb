// The symbol help text of conf/mconf (menu_get_ext_help and get_symbol_str in menu.c): prompt,
// definitions, dependencies, location, selects and reverse dependencies with current values.
import { gstrPrintExpr, gstrPrintRevdep, symGetRangeProp, symGetStringValue, symTypeName } from './evaluate.js';
import type { Kconfig } from './kconfig.js';
import { exprIsYes } from './expr.js';
import { menuGetPrompt, menuIsVisible } from './menu.js';
import { Expr, Menu, P, Property, Sym, SymType, Tri } from './model.js';

const NO_HELP = 'There is no help available for this option.';

function depStr(k: Kconfig, e: Expr | null, prefix: string): string {
  return exprIsYes(k, e) ? '' : `${prefix}${gstrPrintExpr(k, e)}\n`;
}

function promptStr(k: Kconfig, prop: Property): string {
  let r = `  Prompt: ${prop.text}\n`;
  r += depStr(k, prop.menu.dep, '  Depends on: ');
  if (!k.rw.eq(prop.menu.dep, prop.visible.expr)) r += depStr(k, prop.visible.expr, '  Visible if: ');
  const submenu: Menu[] = [];
  for (let menu: Menu = prop.menu; menu !== k.rootmenu && submenu.length < 8; menu = menu.parent!) {
    menuIsVisible(k, menu);
    submenu.push(menu);
  }
  r += '  Location:\n';
  let j = 4;
  for (let i = submenu.length - 1; i >= 0; i--, j += 2) {
    const menu = submenu[i];
    r += `${' '.repeat(j)}-> ${menuGetPrompt(menu)}`;
    if (menu.sym) r += ` (${menu.sym.name ?? '<choice>'} [=${symGetStringValue(k, menu.sym)}])`;
    r += '\n';
  }
  return r;
}

function propsStr(k: Kconfig, sym: Sym, type: P, prefix: string): string {
  let r = '';
  let hit = false;
  for (const p of sym.props) {
    if (p.type !== type) continue;
    r += hit ? ' && ' : prefix;
    hit = true;
    r += gstrPrintExpr(k, p.expr);
  }
  return hit ? r + '\n' : r;
}

export function getSymbolStr(k: Kconfig, sym: Sym): string {
  let r = '';
  if (sym.name) {
    r += `Symbol: ${sym.name} [=${symGetStringValue(k, sym)}]\n`;
    r += `Type  : ${symTypeName(sym.type)}\n`;
    if (sym.type === SymType.INT || sym.type === SymType.HEX) {
      const prop = symGetRangeProp(k, sym);
      if (prop) r += `Range : ${gstrPrintExpr(k, prop.expr)}\n`;
    }
  }
  for (const p of sym.props) {
    if (p.type === P.SYMBOL && p.menu.prompt) {
      r += `Defined at ${p.menu.file.name}:${p.menu.lineno}\n`;
      r += promptStr(k, p.menu.prompt);
    }
  }
  for (const p of sym.props) {
    if (p.type === P.SYMBOL && !p.menu.prompt) {
      r += `Defined at ${p.menu.file.name}:${p.menu.lineno}\n`;
      r += depStr(k, p.menu.dep, '  Depends on: ');
    }
  }
  r += propsStr(k, sym, P.SELECT, 'Selects: ');
  if (sym.revDep.expr) {
    r += gstrPrintRevdep(k, sym.revDep.expr, Tri.yes, 'Selected by [y]:\n');
    r += gstrPrintRevdep(k, sym.revDep.expr, Tri.mod, 'Selected by [m]:\n');
    r += gstrPrintRevdep(k, sym.revDep.expr, Tri.no, 'Selected by [n]:\n');
  }
  r += propsStr(k, sym, P.IMPLY, 'Implies: ');
  if (sym.implied.expr) {
    r += gstrPrintRevdep(k, sym.implied.expr, Tri.yes, 'Implied by [y]:\n');
    r += gstrPrintRevdep(k, sym.implied.expr, Tri.mod, 'Implied by [m]:\n');
    r += gstrPrintRevdep(k, sym.implied.expr, Tri.no, 'Implied by [n]:\n');
  }
  return r + '\n\n';
}

export function menuGetExtHelp(k: Kconfig, menu: Menu): string {
  const sym = menu.sym;
  let r = '';
  let text = NO_HELP;
  if (menu.help !== null) {
    if (sym?.name) r += `${k.prefix}${sym.name}:\n\n`;
    text = menu.help;
  }
  r += `${text}\n`;
  if (sym) r += getSymbolStr(k, sym);
  return r;
}
