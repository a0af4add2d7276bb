// The load list (o): this project's configuration files (the .config, recent ones in the project's
// folder, .config.old, defconfigs/*) and "Another file…"; Enter loads, Esc goes back.
import fs from 'node:fs';
import path from 'node:path';
import type { Key } from 'ink';
import { actionOf, hintsOf, PICK_KEYS } from '../bindings.js';
import { isFile, type MenuSession } from '../session.js';
import { clampTop } from './scroll.js';
import type { ViewController, ViewDeps } from './view.js';

export interface PickItem { label: string; value: string }

/** The files `o` offers; empty when there is none (then the prompt opens straight away). */
export function loadChoices(s: MenuSession): PickItem[] {
  const seen = new Set<string>();
  const items: PickItem[] = [];
  const project = path.dirname(path.resolve(s.configPath));
  const add = (file: string, label?: string) => {
    const abs = path.resolve(file);
    if (seen.has(abs) || !isFile(abs)) return;
    seen.add(abs);
    items.push({ label: label ?? abs, value: abs });
  };
  const inProject = (f: string) => !path.relative(project, f).startsWith('..');
  add(s.configPath, `${s.configPath}   (reload, drops unsaved changes)`);
  // the recent files are shared by every project: offer only this one's
  for (const f of s.p.recentConfigs) if (inProject(f)) add(f);
  add(`${s.configPath}.old`, `${s.configPath}.old   (before the last save)`);
  const defconfigs = path.join(path.dirname(s.configPath), 'defconfigs');
  try {
    for (const f of fs.readdirSync(defconfigs).sort()) add(path.join(defconfigs, f));
  } catch { /* none */ }
  if (items.length) items.push({ label: 'Another file…', value: '' });
  return items;
}

export class PickController implements ViewController {
  readonly kind = 'pick';
  cursor = 0;
  top = 0;

  constructor(private readonly deps: ViewDeps, readonly items: PickItem[]) {}

  acceptsText(): boolean { return false; }
  hints() { return hintsOf(PICK_KEYS); }

  /** Items shown at once. */
  get limit(): number { return Math.max(3, this.deps.session.bodyHeight - 3); }

  onKey(input: string, key: Key): boolean {
    const nav = this.deps.nav;
    const last = this.items.length - 1;
    switch (actionOf(PICK_KEYS, input, key)) {
      case 'up': this.go(this.cursor - 1); return true;
      case 'down': this.go(this.cursor + 1); return true;
      case 'first': this.go(0); return true;
      case 'last': this.go(last); return true;
      case 'cancel': nav.back(); return true;
      case 'choose': {
        const value = this.items[this.cursor].value;
        if (value) { nav.load(value); return true; }
        nav.back();
        nav.openPrompt('load');
        return true;
      }
      default: return false;
    }
  }

  private go(i: number): void {
    this.cursor = Math.max(0, Math.min(this.items.length - 1, i));
    this.top = clampTop(this.top, this.cursor, this.items.length, this.limit);
  }
}
