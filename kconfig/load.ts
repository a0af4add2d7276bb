// conf_parse: parse, finalise the menu tree and check for dependency loops.
import { DepChecker } from './deps.js';
import { symClearAllValid } from './evaluate.js';
import type { Kconfig } from './kconfig.js';
import { menuFinalize, MenuBuilder } from './menu.js';
import { KconfigExit, P } from './model.js';
import { Parser } from './parser.js';

export function loadKconfig(k: Kconfig, file: string): void {
  k.clearAllValid = () => symClearAllValid(k);
  const parser = new Parser(k);
  parser.parse(file);
  if (parser.nerrs) throw new KconfigExit(1);
  if (!k.modulesSym) k.modulesSym = k.find('n');
  if (!k.rootmenu.prompt) {
    const mb = new MenuBuilder(k, k.rootmenu.file);
    mb.currentEntry = k.rootmenu;
    mb.lineno = k.parseLineno;
    mb.addPrompt(P.MENU, 'Main menu', null);
  }
  menuFinalize(k, k.rootmenu);
  const checker = new DepChecker(k);
  let errors = 0;
  for (const sym of k.all()) if (checker.check(sym)) errors++;
  if (errors) throw new KconfigExit(1);
  k.setChanged(true);
}
