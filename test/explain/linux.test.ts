// explain() and wayOut() on Linux 6.1's x86 tree (.cache/linux-6.1, from Debian's linux-source by
// test/oracle/build-oracle.sh): for every symbol, on the defaults, x86_64_defconfig and a
// perturbed defconfig (many options forced on, so selects override unmet dependencies), the
// selected-by, implied-by and unmet-dependency facts agree with kconfiglib's; way-out plans for a
// sample of symbols work in the engine and in the written .config.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { KconfigTree } from '../../kconfig/api.js';
import { explain, wayOut, type Reason } from '../../kconfig/explain.js';
import { LINUX_TREE, linuxDefconfig, linuxEnv, oracleSkipReason, requireOracle } from '../oracle/oracle.js';
import { oracleFacts, ourFacts, uniqueLists } from './facts.js';
import { checkPlan, expectPlanWorks } from './plans.js';
import { kconfiglibSkipReason, rng, tempDir } from './trees.js';

const skip = oracleSkipReason();

describe.skipIf(skip !== undefined)('Linux 6.1 x86', () => {
  let dir: string;
  let tree: KconfigTree;
  let env: Record<string, string>;
  const load = () => KconfigTree.load('Kconfig', { cwd: dir, env, flavor: 'linux' });

  beforeAll(() => {
    requireOracle();
    dir = tempDir('ukmenu-explain-linux-');
    env = linuxEnv('x86', { KCONFIG_CONFIG: path.join(dir, '.config') });
    tree = load();
  });

  /** x86_64_defconfig with `n` options of the tree turned on (seeded). */
  function perturbed(n: number, seed: number): string {
    const text = fs.readFileSync(path.join(LINUX_TREE, linuxDefconfig('x86')), 'utf8');
    const names = tree.symbolNames().filter((s) => tree.info(s).type === 'bool' || tree.info(s).type === 'tristate');
    const r = rng(seed);
    const extra: string[] = [];
    for (let i = 0; i < n; i++) extra.push(`CONFIG_${names[Math.floor(r() * names.length)]}=y`);
    const file = path.join(dir, `perturbed-${seed}.config`);
    fs.writeFileSync(file, `${text}${extra.join('\n')}\n`);
    return file;
  }

  describe.skipIf(kconfiglibSkipReason() !== undefined)('facts agree with kconfiglib', () => {
    const cases: [string, () => string | null][] = [
      ['the defaults', () => null],
      ['x86_64_defconfig', () => path.join(LINUX_TREE, linuxDefconfig('x86'))],
      ['x86_64_defconfig with 400 options forced on', () => perturbed(400, 11)],
    ];
    test.each(cases)('%s: every symbol', (_label, config) => {
      const file = config();
      tree.readConfig(file ?? path.join(dir, 'none.config'));
      const oracle = oracleFacts('Kconfig', file, dir, env);
      const names = tree.symbolNames();
      expect(Object.keys(oracle).length).toBe(names.length);
      const diffs: string[] = [];
      let selects = 0;
      let unmetSelected = 0;
      let quirks = 0;
      for (const name of names) {
        const ours = ourFacts(tree, name);
        const k = oracle[name];
        const same = (what: string, a: unknown, b: unknown) => {
          if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${name} ${what}: ours ${JSON.stringify(a)}, kconfiglib ${JSON.stringify(b)}`);
        };
        same('selected by', ours.selectedBy, k.selectedBy);
        same('implied by', ours.impliedBy, k.impliedBy);
        // Known difference: C's menu_finalize ORs each definition's dependency into dir_dep with
        // expr_alloc_or, which drops a definition without `depends on` instead of making it y
        // (CPU_MITIGATIONS, BCH_CONST_M/T in 6.1); kconfiglib ORs in y. We follow C.
        const defs = explain(tree, name, { maxDepth: 0 }).definitions;
        if (defs.length > 1 && defs.some((d) => d.dependsOn.length === 0)) { quirks++; continue; }
        same('dependency', ours.direct, k.direct);
        // kconfiglib folds `X && n` to n while parsing ($(cc-option) that fails): then it has the
        // single constant term; the C tools keep the other terms
        if (JSON.stringify(k.falseTerms) === '[[]]') expect(ours.falseTerms, name).toContainEqual([]);
        else same('false terms', ours.falseTerms, uniqueLists(k.falseTerms));
        selects += ours.selectedBy.filter((s) => s[1] !== 'n').length;
        if (ours.direct === 'n' && ours.selectedBy.some((s) => s[1] !== 'n')) unmetSelected++;
      }
      expect(diffs).toEqual([]);
      expect(quirks).toBeLessThan(10);
      expect(selects).toBeGreaterThan(300);
      console.log(`linux ${_label}: ${names.length} symbols, ${selects} active selects, ${unmetSelected} selected with unmet dependencies`);
    }, 300_000);
  });

  test('why: selected symbols name their selectors, unmet dependencies their false terms', () => {
    tree.readConfig(path.join(LINUX_TREE, linuxDefconfig('x86')));
    let checked = 0;
    for (const name of tree.symbolNames()) {
      const e = explain(tree, name, { maxDepth: 3 });
      const active = e.selectedBy.filter((s) => s.value !== 'n');
      if (active.length && e.value === 'y' && e.userValue === null && checked < 200) {
        const sel = e.because.filter((r) => r.kind === 'select').map((r) => r.symbol);
        expect(sel.sort(), name).toEqual(active.map((s) => s.symbol).sort());
        checked++;
      }
      if (e.visible === 'n' && e.limits[0]?.kind === 'dependency') {
        expect(e.limits[0].terms!.some((t) => t.value === 'n'), name).toBe(true);
      }
    }
    expect(checked).toBe(200);
  });

  test('a deep select chain is explained down to its source in a few ms', () => {
    tree.readConfig(path.join(LINUX_TREE, linuxDefconfig('x86')));
    // the longest chain of active selects in this configuration
    const depth = new Map<string, number>();
    const chain = (name: string, seen: Set<string>): number => {
      if (depth.has(name)) return depth.get(name)!;
      if (seen.has(name)) return 0;
      seen.add(name);
      const e = explain(tree, name, { maxDepth: 0 });
      let d = 0;
      for (const s of e.selectedBy) if (s.value !== 'n') d = Math.max(d, 1 + chain(s.symbol, seen));
      seen.delete(name);
      depth.set(name, d);
      return d;
    };
    let deepest = '';
    for (const name of tree.symbolNames()) if (chain(name, new Set()) > (depth.get(deepest) ?? -1)) deepest = name;
    expect(depth.get(deepest)!).toBeGreaterThanOrEqual(4);
    const t0 = performance.now();
    const e = explain(tree, deepest);
    const ms = performance.now() - t0;
    // every symbol of the chain is explained in the tree, each as a select
    const chainPath: string[] = [];
    for (let cur = deepest; depth.get(cur)! > 0;) {
      const next = explain(tree, cur, { maxDepth: 0 }).selectedBy.find((s) => s.value !== 'n' && depth.get(s.symbol) === depth.get(cur)! - 1)!;
      chainPath.push(next.symbol);
      cur = next.symbol;
    }
    const named = new Set<string>();
    const walk = (rs: Reason[]) => { for (const r of rs) { if (r.kind === 'select' && r.symbol) named.add(r.symbol); walk(r.children); } };
    walk(e.because);
    for (const p of chainPath) expect(named.has(p), `${p} in the explanation of ${deepest}`).toBe(true);
    console.log(`linux: deepest select chain ${deepest} (${depth.get(deepest)} levels) explained in ${ms.toFixed(1)} ms`);
  });

  test('way-out plans for 40 sampled symbols give the wanted value in the engine and in the written .config', () => {
    tree.readConfig(path.join(LINUX_TREE, linuxDefconfig('x86')));
    const reader = load();
    const r = rng(5);
    const names = tree.symbolNames();
    let ok = 0;
    let tried = 0;
    const out = tempDir('ukmenu-explain-linux-plans-');
    while (tried < 40) {
      const name = names[Math.floor(r() * names.length)];
      const info = tree.info(name);
      if (info.type !== 'bool' && info.type !== 'tristate') continue;
      tried++;
      const plan = wayOut(tree, name, info.value === 'n' ? 'y' : 'n');
      if (!plan.ok) continue;
      expectPlanWorks(checkPlan(tree, reader, plan, out), plan, info.type);
      ok++;
    }
    console.log(`linux: ${ok}/${tried} sampled symbols have a plan; all of them checked`);
    expect(ok).toBeGreaterThan(15);
  }, 300_000);
});
