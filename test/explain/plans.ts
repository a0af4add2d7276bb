// Checking a way-out plan for real: apply it (one change), read the engine's value, write the
// .config, read that file back into another tree and read the value there; then undo. And the same
// against the C code: the saved file through the C conf's olddefconfig (planFailsInC).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import type { Edit, KconfigTree, SymbolInfo } from '../../kconfig/api.js';
import type { WayOut } from '../../kconfig/explain.js';
import { unifiedDiff } from '../differential/diff-text.js';
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

/** A value to ask a plan for: the other tristate value, a range end, or a new int/hex/string. */
export function anotherValue(info: SymbolInfo): string | undefined {
  const end = (fallback: string) => (info.range ? (info.range.min === info.value ? info.range.max : info.range.min) : fallback);
  switch (info.type) {
    case 'bool': case 'tristate': return info.value === 'n' ? 'y' : 'n';
    case 'int': return end('7');
    case 'hex': return end('0x10');
    case 'string': return info.value === 'x "y" \\z' ? 'w' : 'x "y" \\z';
    default: return undefined;
  }
}

/** A C program's run: how it ended and the .config it wrote. */
export interface CRun { code: number; signal?: string; stderr: string; config: Buffer | undefined }

/** The two C references: the menuconfig path applying edits (conf-set), and olddefconfig on a file. */
export interface CReference {
  /** conf-set: the configuration the check started from read, `edits` set, the file it saves. */
  menu: (edits: Edit[]) => CRun;
  olddefconfig: (saved: Buffer) => CRun;
}

export interface PlanVsC {
  /** What is wrong (empty: nothing). */
  problems: string[];
  /** Where the engine's file differs from C's but not in what C makes of it (notes, not problems). */
  notes: { cOwnNotFixpoint?: string; writtenDiffers?: string };
}

/**
 * A plan against the C code. Applies it through KconfigTree (one change; `perEdit`: one edit at a
 * time, each followed by a full re-evaluation, C's sym_clear_all_valid), saves S, undoes. C's
 * menuconfig path given the same edits must accept every one (it saves R); C's olddefconfig must
 * write S back unchanged (a fixpoint) and give the target the wanted value. Two differences are
 * C's own, not the engine's, and come back as notes: S not a fixpoint while R is not one either
 * (a state a .config cannot hold: an inverted range, a tristate choice's mode), and S not
 * byte-equal to R while C's olddefconfig makes the same of both (which choice members C writes as
 * "is not set" depends on the order it happened to evaluate symbols in: symbol.c reads a member's
 * `visible` from the last evaluation when it computes the choice).
 */
export function planVsC(tree: KconfigTree, plan: WayOut, saved: string, c: CReference, opts: { prefix?: string; perEdit?: boolean } = {}): PlanVsC {
  const problems: string[] = [];
  const notes: PlanVsC['notes'] = {};
  let steps = 0;
  try {
    if (!opts.perEdit) { tree.apply(plan.edits); steps++; }
    else {
      for (const e of plan.edits) {
        tree.apply([e]);
        steps++;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        (tree as any).k.clearAllValid();
      }
    }
    tree.writeConfig(saved);
  } catch (e) {
    problems.push(`the engine refuses the plan's edit: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    for (; steps > 0; steps--) tree.undo();
  }
  if (problems.length) return { problems, notes };
  const bytes = fs.readFileSync(saved);
  const text = (b: Buffer | undefined) => b?.toString('utf8') ?? '<missing>';
  const menu = c.menu(plan.edits);
  if (menu.code !== 0 || !menu.config) {
    return { problems: [`C's menuconfig path refuses the plan (exit ${menu.code}${menu.signal ? `, ${menu.signal}` : ''}): ${menu.stderr.trim().split('\n').at(-1)}`], notes };
  }
  const r = c.olddefconfig(bytes);
  if (r.signal) return { problems: [`the C conf was killed (${r.signal}): no answer`], notes };
  const boolish = ['bool', 'tristate'].includes(tree.info(plan.name).type);
  const inC = parseConfig(text(r.config), opts.prefix).get(plan.name) ?? (boolish ? 'n' : undefined);
  if (inC !== plan.wanted) problems.push(`in the .config C's olddefconfig writes from the saved file ${plan.name} is ${inC === undefined ? 'not written' : JSON.stringify(inC)}, the plan wants ${JSON.stringify(plan.wanted)}`);
  const fixpoint = r.code === 0 && !!r.config?.equals(bytes);
  if (fixpoint && menu.config.equals(bytes)) return { problems, notes };
  // C's own reading of its menuconfig file
  const m = c.olddefconfig(menu.config);
  const cFixpoint = m.code === 0 && !!m.config?.equals(menu.config);
  const sameForC = !!m.config && !!r.config?.equals(m.config);
  if (!fixpoint) {
    const diff = `C olddefconfig exited ${r.code}\n${unifiedDiff(bytes.toString('utf8'), text(r.config), 'saved after the plan', 'C olddefconfig of it')}`;
    if (!cFixpoint && sameForC) notes.cOwnNotFixpoint = diff;
    else problems.push(`the saved file is not a fixpoint of C's olddefconfig (C's menuconfig file ${cFixpoint ? 'is one' : 'is not one either, but C reads it otherwise'}): ${diff}`);
  }
  if (!menu.config.equals(bytes)) {
    const diff = unifiedDiff(menu.config.toString('utf8'), bytes.toString('utf8'), 'C menuconfig path', 'engine');
    if (sameForC) notes.writtenDiffers = diff;
    else problems.push(`C's menuconfig saves another file after the same edits, and C's olddefconfig reads the two otherwise:\n${diff}\nC olddefconfig of both:\n${unifiedDiff(text(m.config), text(r.config), 'of the C menuconfig file', 'of the engine file')}`);
  }
  return { problems, notes };
}
