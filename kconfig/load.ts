// conf_parse: parse, finalise the menu tree and check for dependency loops.
import { DepChecker } from './deps.js';
import { symClearAllValid } from './evaluate.js';
import type { Kconfig } from './kconfig.js';
import { menuFinalize, MenuBuilder } from './menu.js';
import { KconfigExit, P } from './model.js';
import { Parser } from './parser.js';

/** `onStage` hears of each stage's end (parsed, finalized, loops checked): UKMENU_TRACE's steps. */
export function loadKconfig(k: Kconfig, file: string, onStage?: (stage: string) => void): void {
  k.clearAllValid = () => symClearAllValid(k);
  const parser = new Parser(k);
  parser.parse(file);
  onStage?.('parsed');
  if (parser.nerrs) throw new KconfigExit(1);
  if (!k.modulesSym) k.modulesSym = k.find('n');
  if (!k.rootmenu.prompt) {
    const mb = new MenuBuilder(k, k.rootmenu.file);
    mb.currentEntry = k.rootmenu;
    mb.lineno = k.parseLineno;
    mb.addPrompt(P.MENU, 'Main menu', null);
  }
  menuFinalize(k, k.rootmenu);
  onStage?.('menu finalized');
  const checker = new DepChecker(k);
  let errors = 0;
  for (const sym of k.all()) if (checker.check(sym)) errors++;
  if (errors) throw new KconfigExit(1);
  onStage?.('loops checked');
  k.setChanged(true);
}
