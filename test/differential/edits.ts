// Random menu edits on a loaded tree, as a user makes them in the menu: values set through
// KconfigTree.set (visible or not: a refused value is part of the test), choice modes, way-out
// plans applied as one change, undo and redo. Returns a log of what was done (for failure messages).
import type { Edit, KconfigTree, MenuNode } from '../../kconfig/api.js';
import { wayOut } from '../../kconfig/explain.js';
import type { Rng } from '../gen/prng.js';

const TEXT_VALUES = ['0', '1', '7', '-3', '100', '0x10', '0xff', '0x0', 'abc', '', 'hello world', '"q"', '99999999999'];

/** A symbol of the choice (conf-set names a choice by one of its members: `@NAME`). */
function firstMember(node: MenuNode): string | null {
  for (const c of node.children) {
    if (c.kind === 'config' || c.kind === 'menuconfig') { if (c.symbol) return c.symbol; }
    else if (c.kind === 'if') { const m = firstMember(c); if (m) return m; }
  }
  return null;
}

/** What a session did, as C's menuconfig path can replay it: the values set, in order. */
export interface SessionSets {
  /** Every value set and accepted (a way-out plan's edits one by one; `@MEMBER`: its choice's mode). */
  sets: Edit[];
  /** False once the session did something else (undo, redo). */
  setsOnly: boolean;
}

export function randomEdits(tree: KconfigTree, rng: Rng, count: number, record?: SessionSets): string[] {
  const names = tree.symbolNames();
  const choices = tree.allNodes().filter((n: MenuNode) => n.kind === 'choice');
  const log: string[] = [];
  if (!names.length) return log;
  for (let i = 0; i < count; i++) {
    const r = rng.float();
    try {
      if (r < 0.55) {
        const name = rng.pick(names);
        const kind = tree.info(name).type;
        const value = kind === 'bool' || kind === 'tristate'
          ? rng.pick(['n', 'm', 'y'].filter((v) => tree.isAssignable(name, v)).concat(['y']))
          : rng.pick(TEXT_VALUES);
        log.push(`set ${name}=${value}`);
        tree.set(name, value);
        record?.sets.push({ name, value });
      } else if (r < 0.65 && choices.length) {
        const node = rng.pick(choices);
        const modes = tree.choiceState(node).assignableModes;
        if (!modes.length) continue;
        const mode = rng.pick(modes);
        log.push(`choice "${node.prompt}" mode ${mode}`);
        tree.setChoiceMode(node, mode);
        const member = firstMember(node);
        if (!record) continue;
        if (member) record.sets.push({ name: `@${member}`, value: mode });
        else record.setsOnly = false;
      } else if (r < 0.8) {
        const name = rng.pick(names);
        const kind = tree.info(name).type;
        if (kind !== 'bool' && kind !== 'tristate') continue;
        const wanted = rng.pick(['n', 'm', 'y']);
        const plan = wayOut(tree, name, wanted);
        if (!plan.ok) continue;
        log.push(`way out ${name}=${wanted}: ${plan.edits.map((e) => `${e.name || '(choice)'}=${e.value}`).join(', ')}`);
        tree.apply(plan.edits);
        if (record) {
          record.sets.push(...plan.edits);
          if (plan.edits.some((e) => !e.name || e.node)) record.setsOnly = false;
        }
      } else if (r < 0.92) {
        log.push('undo');
        if (tree.undo() && record) record.setsOnly = false;
      } else {
        log.push('redo');
        if (tree.redo() && record) record.setsOnly = false;
      }
    } catch (e) {
      log.push(`  refused: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return log;
}
