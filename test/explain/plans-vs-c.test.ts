// Way-out plans (kconfig/explain.ts wayOut) against the C code, not only the engine: each plan is
// applied through KconfigTree (one change) and saved; then
//  - C's menuconfig path (conf-set: conf_read, sym_set_string_value per edit, conf_write) given the
//    same edits on the same configuration accepts every one and saves the same file;
//  - C's --olddefconfig writes the saved file back byte for byte (a fixpoint), and in the .config
//    it writes the target has the wanted value.
// On random generated trees (test/gen) against Linux 6.1's C code, and on the Unikraft corpus
// against Unikraft's (v5.2). Differences that are C's own are counted and printed, not failures:
// a saved file C's olddefconfig rewrites just as it rewrites C menuconfig's own file (states a
// .config cannot hold), and "is not set" lines for choice members where the two files differ but
// C reads both the same (plans.ts planVsC says why).
// A failing plan is checked again with the whole tree re-evaluated after each edit (C's
// sym_clear_all_valid): if it passes then, the engine's incremental propagation drifted (the known
// KconfigTree.propagate() bug), not the plan; the message says which.
// Until the engine is fixed, the default seed's failures are listed by case (KNOWN): the test
// fails on any other, and prints the listed ones that pass.
// Seed UKMENU_PLANS_SEED (a number, or `random`; default fixed), UKMENU_PLANS_CASES trees.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KconfigTree } from '../../kconfig/api.js';
import { wayOut, type WayOut } from '../../kconfig/explain.js';
import { CORPUS_DIR, corpusEnv } from '../fixtures/corpus.js';
import { generateConfig } from '../gen/config-gen.js';
import { generateTree } from '../gen/kconfig-gen.js';
import { Rng, seedFrom } from '../gen/prng.js';
import { makeTempDir, oracleSkipReason, pinnedEnv, runOracle, writeFiles, type RunResult } from '../oracle/oracle.js';
import { runUnikraftConf, unikraftConfMissing } from '../oracle/unikraft-conf.js';
import { confSetMissing, runConfSet } from './conf-set.js';
import { anotherValue, planVsC, type CReference, type CRun } from './plans.js';

const SEED_ENV = process.env.UKMENU_PLANS_SEED;
const seed = SEED_ENV === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(SEED_ENV ?? 20261206);
// 50 trees (~600 plans) keep CI within its time; UKMENU_PLANS_CASES runs more
const CASES = Number(process.env.UKMENU_PLANS_CASES ?? 50);
const PLANS_PER_TREE = 25;
const skip = !!oracleSkipReason() || confSetMissing();

/** The C conf's result with the .config it wrote in `dir`. */
function written(r: RunResult, dir: string): CRun {
  const file = path.join(dir, '.config');
  return { code: r.code, signal: r.signal, stderr: r.stderr, config: fs.existsSync(file) ? fs.readFileSync(file) : undefined };
}

/**
 * Failures of the default seed, by case seed and target, while the engine has a known difference (a
 * random or other seed has none listed): `differs`, the engine and C's menuconfig path differ on
 * the same edits even with a full re-evaluation; `drift`, KconfigTree.propagate() drifting (right
 * with a full re-evaluation after each edit). A listed case that passes is printed, not failed.
 * None now: 2204393880 (an optional choice's member dropped after two edits) was C evaluating the
 * choice lazily; conf-set now evaluates every symbol after each edit, as ukmenu's menu does.
 */
const KNOWN: Record<string, 'drift' | 'differs'> = {};

interface Failure { key: string; kind: 'drift' | 'differs'; text: string }
interface Tally { checked: number; noPlan: number; failures: Failure[]; cOwn: string[]; writtenDiffers: string[] }
const tally = (): Tally => ({ checked: 0, noPlan: 0, failures: [], cOwn: [], writtenDiffers: [] });

/**
 * Checks `plan` against C; on a failure again, on a fresh read of `config`, with a full
 * re-evaluation after each edit, to tell a wrong plan from the engine's incremental drift.
 */
function check(tree: KconfigTree, config: string, plan: WayOut, saved: string, c: CReference, t: Tally, where: string, key: string): void {
  const r = planVsC(tree, plan, saved, c);
  t.checked++;
  const what = `${where}: way out ${plan.name}=${JSON.stringify(plan.wanted)} (${plan.edits.map((e) => `${e.name}=${e.value}`).join(', ')})`;
  if (r.notes.cOwnNotFixpoint) t.cOwn.push(`── ${what}\n${r.notes.cOwnNotFixpoint}`);
  if (r.notes.writtenDiffers) t.writtenDiffers.push(`── ${what}\n${r.notes.writtenDiffers}`);
  if (!r.problems.length) return;
  tree.readConfig(config);
  const again = planVsC(tree, plan, saved, c, { perEdit: true });
  const kind = again.problems.length ? 'differs' : 'drift';
  const cause = kind === 'differs' ? 'also with a full re-evaluation after each edit' : "right with a full re-evaluation after each edit: the engine's incremental propagation drifted";
  t.failures.push({ key, kind, text: `── ${what}; ${cause}\n${r.problems.join('\n')}` });
}

function expectAllRight(t: Tally, what: string, known: Record<string, string> = {}): void {
  if (process.env.UKMENU_PLANS_LOG) fs.appendFileSync(process.env.UKMENU_PLANS_LOG, [...t.failures.map((f) => f.text), ...t.cOwn.map((x) => `[C's own] ${x}`), ...t.writtenDiffers.map((x) => `[written] ${x}`)].join('\n\n') + '\n\n');
  const drift = t.failures.filter((f) => f.kind === 'drift').length;
  console.log(`[plans vs C] ${what}: ${t.checked} plans checked, ${t.noPlan} without a plan, ${t.failures.length} failing (${drift} right with a full re-evaluation), ${t.cOwn.length} saved files that C's olddefconfig rewrites as it rewrites C menuconfig's own, ${t.writtenDiffers.length} that differ from C menuconfig's only in what is written${t.cOwn.length ? `; e.g.\n${t.cOwn[0]}` : ''}`);
  const fixed = Object.keys(known).filter((k) => !t.failures.some((f) => f.key === k));
  if (fixed.length) console.log(`[plans vs C] known failures that pass now (remove them from KNOWN): ${fixed.join(', ')}`);
  const unexpected = t.failures.filter((f) => known[f.key] !== f.kind);
  expect(unexpected.length, `${unexpected.length} of ${t.checked} plans fail against C (${what}; re-run with UKMENU_PLANS_SEED=${seed}):\n${unexpected.slice(0, 3).map((f) => f.text).join('\n\n')}`).toBe(0);
}

describe.skipIf(skip)(`way-out plans vs Linux 6.1's C code on generated trees (seed ${seed})`, () => {
  it("every plan: C's menuconfig saves the same file, a fixpoint of C's olddefconfig with the wanted value", () => {
    const t = tally();
    const t0 = Date.now();
    for (let i = 0; i < CASES; i++) {
      const caseSeed = seedFrom(seed, 'plans', i);
      const rng = new Rng(caseSeed);
      const gen = generateTree(caseSeed, { shellProbability: 0.05 });
      const root = makeTempDir('ukmenu-diff-');
      try {
        writeFiles(path.join(root, 'src'), gen.files);
        const e = path.join(root, 'e');
        const config = path.join(e, 'in.config');
        writeFiles(e, { 'in.config': generateConfig(gen, seedFrom(caseSeed, 'config')) });
        const env = pinnedEnv({ srctree: '../src', ...gen.env, KCONFIG_CONFIG: '.config', KCONFIG_AUTOCONFIG: 'auto.conf' });
        const c = path.join(root, 'c');
        fs.mkdirSync(c);
        const ref: CReference = {
          menu: (edits) => runConfSet({ flavor: 'linux', kconfig: gen.top, input: config, output: path.join(c, 'menu.config'), edits, env, cwd: c }),
          olddefconfig: (bytes) => written(runOracle({ argv: ['-s', '--olddefconfig', gen.top], env, cwd: c, files: { '.config': bytes }, collect: false }), c),
        };
        const tree = KconfigTree.load(gen.top, { cwd: e, env, flavor: 'linux' });
        tree.readConfig(config);
        const names = tree.symbolNames();
        for (let p = 0; p < PLANS_PER_TREE && names.length; p++) {
          const name = rng.pick(names);
          // each plan from the file as read (as conf-set starts): saving re-evaluates, as C's does
          tree.readConfig(config);
          const info = tree.info(name);
          const wanted = info.type === 'tristate' ? rng.pick(['n', 'm', 'y'].filter((v) => v !== info.value)) : anotherValue(info);
          if (wanted === undefined) continue;
          const plan = wayOut(tree, name, wanted);
          if (!plan.ok || !plan.edits.length) { t.noPlan++; continue; }
          check(tree, config, plan, path.join(e, '.config'), ref, t, `case seed ${caseSeed}`, `${caseSeed} ${name}`);
        }
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    }
    expectAllRight(t, `seed ${seed}, ${CASES} trees in ${((Date.now() - t0) / 1000).toFixed(0)} s`, KNOWN);
    expect(t.checked, 'plans checked').toBeGreaterThanOrEqual(CASES * 3);
  }, 900_000);
});

describe.skipIf(skip || unikraftConfMissing())("way-out plans vs Unikraft's C code on the Unikraft corpus", () => {
  // seeded samples of symbols, on the defaults and on configurations with user values (each plan
  // costs two C runs; every symbol on the defaults, ~620 plans, took 80-115 s: UKMENU_PLANS_ALL=1)
  const CONFIGS: [string | null, number | 'every'][] = [[null, process.env.UKMENU_PLANS_ALL ? 'every' : 250], ['olddefconfig-x86_64.in.config', 150], ['case-01.in.config', 150], ['case-05.in.config', 150]];

  it.each(CONFIGS)("config %s, %s symbol: C's menuconfig saves the same file, a fixpoint of C's olddefconfig with the wanted value", (golden, count) => {
    const dir = makeTempDir('ukmenu-diff-');
    const t = tally();
    try {
      const config = golden ? path.join(CORPUS_DIR, 'golden', golden) : path.join(dir, 'none.config');
      const c = path.join(dir, 'c');
      fs.mkdirSync(c);
      const env = pinnedEnv({ ...corpusEnv(path.join(c, '.config')), PATH: undefined, KCONFIG_AUTOCONFIG: path.join(c, 'auto.conf') });
      const ref: CReference = {
        menu: (edits) => runConfSet({ flavor: 'unikraft', kconfig: 'unikraft/Config.uk', input: config, output: path.join(c, 'menu.config'), edits, env, cwd: CORPUS_DIR }),
        olddefconfig: (bytes) => {
          fs.writeFileSync(path.join(c, '.config'), bytes);
          return written(runUnikraftConf({ argv: ['-s', '--olddefconfig', 'unikraft/Config.uk'], env, cwd: CORPUS_DIR, collect: false }), c);
        },
      };
      const tree = KconfigTree.load('unikraft/Config.uk', { cwd: CORPUS_DIR, env: pinnedEnv({ ...corpusEnv(path.join(dir, '.config')), PATH: undefined }) });
      tree.readConfig(config);
      const rng = new Rng(seedFrom(seed, 'unikraft', golden ?? ''));
      const all = tree.symbolNames();
      const names = count === 'every' ? all : Array.from({ length: count }, () => rng.pick(all));
      for (const name of names) {
        tree.readConfig(config);
        const wanted = anotherValue(tree.info(name));
        if (wanted === undefined) continue;
        const plan = wayOut(tree, name, wanted);
        if (!plan.ok || !plan.edits.length) { t.noPlan++; continue; }
        check(tree, config, plan, path.join(dir, 'saved.config'), ref, t, `config ${golden ?? '(none)'}`, name);
      }
      expectAllRight(t, `Unikraft corpus, ${golden ?? 'defaults'}`);
      expect(t.checked).toBeGreaterThan(count === 'every' ? 500 : count / 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
