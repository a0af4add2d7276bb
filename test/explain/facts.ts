// Facts about every symbol, from our engine (kconfig/explain.ts) and from kconfiglib (the oracle,
// run by kconfiglib-facts.py), in the same shape so a test can compare them.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KconfigTree } from '../../kconfig/api.js';
import { explain } from '../../kconfig/explain.js';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(import.meta.dirname, 'kconfiglib-facts.py');

export interface Facts {
  type: string;
  value: string;
  /** Value of the direct dependency. */
  direct: string;
  /** For an unmet dependency: the symbols of each false `&&` term. */
  falseTerms: string[][];
  /** [selecting symbol, value of its select term] */
  selectedBy: [string, string][];
  impliedBy: [string, string][];
  choice?: boolean;
}

/** Is kconfiglib there? (null when it is, else why not) */
export function kconfiglibMissing(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import kconfiglib'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON}: ${r.error.message}`;
  return r.status === 0 ? null : `python3-kconfiglib is not installed (${(r.stderr || '').trim().split('\n').pop()})`;
}

/** kconfiglib's facts for the tree `kconfig` (relative to cwd) with `config` read (or none). */
export function oracleFacts(kconfig: string, config: string | null, cwd: string, env: Record<string, string | undefined>): Record<string, Facts> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-kconfiglib-')), 'facts.json');
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) clean[k] = v;
  const r = spawnSync(PYTHON, [SCRIPT, kconfig, config ?? '-', out], { cwd, env: clean, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`kconfiglib failed (${r.status}): ${r.stderr}`);
  const facts = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, Facts>;
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return facts;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortPairs = (xs: [string, string][]) => xs.sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]));
const sortLists = (xs: string[][]) => xs.sort((a, b) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return cmp(a[i], b[i]);
  return a.length - b.length;
});

/** Sorted, without duplicates (the C tools drop repeated `&&` terms; kconfiglib keeps them). */
export const uniqueLists = (xs: string[][]): string[][] => {
  const seen = new Map(xs.map((x) => [x.join(','), x]));
  return sortLists([...seen.values()]);
};

const choiceNames = new WeakMap<KconfigTree, Set<string>>();
/** Named choices (kconfiglib calls every choice <choice>). */
function namedChoices(tree: KconfigTree): Set<string> {
  let s = choiceNames.get(tree);
  if (!s) {
    s = new Set(tree.allNodes().filter((n) => n.kind === 'choice' && n.symbol).map((n) => n.symbol!));
    choiceNames.set(tree, s);
  }
  return s;
}

/** Our facts for one symbol, from explain(). */
export function ourFacts(tree: KconfigTree, name: string): Facts {
  const e = explain(tree, name, { maxDepth: 0 });
  const choices = namedChoices(tree);
  const direct = e.dependsOn.reduce((v, t) => (t.value === 'n' || v === 'n' ? 'n' : t.value === 'm' || v === 'm' ? 'm' : 'y'), 'y');
  return {
    type: e.type, value: e.value, direct,
    falseTerms: direct === 'n'
      ? uniqueLists(e.dependsOn.filter((t) => t.value === 'n').map((t) => [...new Set(t.symbols.map((x) => (choices.has(x) ? '<choice>' : x)))].sort(cmp)))
      : [],
    selectedBy: sortPairs(e.selectedBy.map((s) => [s.symbol, s.value])),
    impliedBy: sortPairs(e.impliedBy.map((s) => [s.symbol, s.value])),
  };
}
