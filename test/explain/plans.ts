// Checking a way-out plan for real: apply it (one change), read the engine's value, write the
// .config, read that file back into another tree and read the value there; then undo.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import type { KconfigTree } from '../../kconfig/api.js';
import type { WayOut } from '../../kconfig/explain.js';
import { parseConfig } from './trees.js';

export interface PlanCheck {
  /** The value in the engine after tree.apply(plan.edits). */
  engine: string;
  /** What the written .config says (n for a bool written as `is not set` or left out). */
  file: string | undefined;
  /** The value after reading the written .config into `reader`. */
  reread: string;
  /** Did everything the plan's preview listed change exactly so? */
  previewMatches: boolean;
}

export function checkPlan(tree: KconfigTree, reader: KconfigTree, plan: WayOut, dir: string, prefix = 'CONFIG_'): PlanCheck {
  const before = tree.snapshot();
  const changes = tree.apply(plan.edits);
  try {
    const engine = tree.value(plan.name);
    const file = path.join(dir, `plan-${plan.name}.config`);
    tree.writeConfig(file);
    const values = parseConfig(fs.readFileSync(file, 'utf8'), prefix);
    reader.readConfig(file);
    const reread = reader.value(plan.name);
    const listed = new Map(plan.changes.map((c) => [c.name, c]));
    const previewMatches = changes.size === listed.size && [...changes].every(([n, c]) => listed.get(n)?.to === c.to && listed.get(n)?.from === c.from);
    return { engine, file: values.get(plan.name), reread, previewMatches };
  } finally {
    tree.undo();
    const after = tree.snapshot();
    for (const [n, v] of before) expect(after.get(n), `undo restores ${n}`).toBe(v);
  }
}

/** The plan reached its value in the engine, in the written file and when read back. */
export function expectPlanWorks(c: PlanCheck, plan: WayOut, type: string): void {
  expect(c.engine, `${plan.name}: engine value after the plan`).toBe(plan.wanted);
  expect(c.reread, `${plan.name}: value read back from the written .config`).toBe(plan.wanted);
  if ((type === 'bool' || type === 'tristate') && plan.wanted === 'n') expect(c.file ?? 'n').toBe('n');
  else expect(c.file, `${plan.name}: line in the written .config`).toBe(plan.wanted);
  expect(c.previewMatches, `${plan.name}: the plan's list of changes is what applying it changed`).toBe(true);
}
