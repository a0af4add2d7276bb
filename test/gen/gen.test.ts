// The generators alone, checked against the C conf: every generated tree is valid (the C conf loads
// it without error and without parse-time warnings), they cover the language, the .config
// generator provokes every warning conf has for .config lines, and the error generators do break
// things. UKMENU_GEN_TREES (default 1500) trees; seed UKMENU_GEN_SEED (default random, printed).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { oracleSkipReason, requireOracle, makeTempDir, pinnedEnv, runOracleBatch, writeFiles, type BatchJob } from '../oracle/oracle.js';
import { generateConfig } from './config-gen.js';
import { generateLoopCase, generateSyntaxErrorCase } from './error-gen.js';
import { generateTree, type GenTree } from './kconfig-gen.js';
import { seedFrom } from './prng.js';

const skip = oracleSkipReason();
const seed = Number(process.env.UKMENU_GEN_SEED ?? Math.floor(Math.random() * 2 ** 31));
const N = Number(process.env.UKMENU_GEN_TREES ?? 1500);

const FEATURES = [
  'choice-bool', 'choice-tristate', 'choice-optional', 'choice-named', 'choice-depends', 'choice-default', 'choice-default-if',
  'choice-if', 'choice-comment', 'choice-value-untyped', 'choice-type-from-member', 'choice-nested-nonmember', 'choice-reopened',
  'menu', 'menu-depends', 'visible-if', 'menuconfig', 'comment', 'if', 'nested-if', 'mainmenu', 'source', 'source-macro',
  'prompt-if', 'default-if', 'def_bool', 'def_tristate', 'depends-on', 'select', 'select-if', 'imply', 'imply-if',
  'select-undefined', 'select-choice-value', 'imply-choice-value', 'range', 'range-if', 'range-symbol', 'help',
  'help-blank-line', 'help-col0', 'modules', 'macro-env', 'macro-unset-env', 'macro-simple', 'macro-recursive',
  'macro-append', 'macro-function', 'macro-shell', 'macro-shell-stderr', 'macro-info', 'macro-warning-if', 'macro-error-if', 'macro-filename',
  'macro-lineno', 'macro-hash-value', 'implicit-submenu', 'multiple-definitions', 'hash-collision', 'forward-ref',
  'undefined-ref', 'line-continuation', 'op=', 'op!=', 'op<', 'op>', 'op<=', 'op>=', 'cmp-string', 'cmp-sym-sym',
  'const-y', 'const-m', 'const-n', 'string-default-symbol', 'int-default-symbol', 'hex-default-symbol',
];

/** Stderr lines a valid tree may print: unmet-dependency reports and its own $(warning-if,y,...). */
function unexpectedStderr(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '' &&
    !/^(WARNING: unmet direct dependencies detected for |  Depends on \[|  Selected by \[|  - )/.test(l) &&
    !/:\d+: (warning at .*|conditional warning)$/.test(l) && !/^(to-stderr|err)$/.test(l));
}

async function runTrees(trees: GenTree[], argv: string[], config?: (t: GenTree, i: number) => string) {
  const root = makeTempDir('ukmenu-gen-');
  try {
    const jobs: BatchJob[] = trees.map((t, i) => {
      const d = path.join(root, String(i));
      writeFiles(path.join(d, 'src'), t.files);
      fs.mkdirSync(path.join(d, 'run'));
      if (config) fs.writeFileSync(path.join(d, 'run', '.config'), config(t, i));
      return { cwd: path.join(d, 'run'), argv, env: pinnedEnv({ srctree: '../src', ...t.env }) };
    });
    return await runOracleBatch(jobs, 2);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe.skipIf(!!skip)(skip ? `generators (skipped: ${skip})` : `generators checked by the C conf (seed ${seed})`, () => {
  it('is deterministic per seed', () => {
    const a = generateTree(seedFrom(seed, 'det'));
    const b = generateTree(seedFrom(seed, 'det'));
    expect(a.files).toEqual(b.files);
    expect(generateConfig(a, 7)).toBe(generateConfig(b, 7));
  });

  it(`the C conf loads ${N} generated trees without error or parse-time warning, and they cover the language`, async () => {
    requireOracle();
    const trees = Array.from({ length: N }, (_, i) => generateTree(seedFrom(seed, 'tree', i)));
    const res = await runTrees(trees, ['-s', '--alldefconfig', 'Kconfig']);
    const bad: string[] = [];
    res.forEach((r, i) => {
      const extra = unexpectedStderr(r.stderr);
      if (r.code !== 0 || extra.length) bad.push(`tree seed ${trees[i]!.seed}: exit ${r.code}\n${extra.slice(0, 8).join('\n')}`);
    });
    expect(bad.length, `${bad.length} invalid trees (re-create one with generateTree(seed)):\n${bad.slice(0, 5).join('\n\n')}`).toBe(0);
    const seen = new Set(trees.flatMap((t) => t.features));
    expect(FEATURES.filter((f) => !seen.has(f)), 'features no tree used').toEqual([]);
  }, 300_000);

  it('the .config generator provokes every .config warning of conf', async () => {
    requireOracle();
    const trees = Array.from({ length: 300 }, (_, i) => generateTree(seedFrom(seed, 'cfgtree', i), { shellProbability: 0 }));
    const res = await runTrees(trees, ['-s', '--olddefconfig', 'Kconfig'], (t, i) => generateConfig(t, seedFrom(seed, 'cfg', i), { noise: 0.3 }));
    const all = res.map((r) => r.stderr).join('\n');
    for (const w of [
      /:warning: symbol value '[^']*' invalid for /, /:warning: override: reassigning to symbol /, /:warning: unexpected data: /,
      /:warning: override: \S+ changes choice state/, /:warning: \S+ creates inconsistent choice state/, /:warning: invalid string found/,
    ]) expect(all, `no generated .config provoked ${w}`).toMatch(w);
    expect(res.every((r) => r.code === 0)).toBe(true);
  }, 300_000);

  it('the error generators break things: syntax errors fail, loops are reported', async () => {
    requireOracle();
    const syn = Array.from({ length: 200 }, (_, i) => generateSyntaxErrorCase(seedFrom(seed, 'syn', i)));
    const loops = Array.from({ length: 200 }, (_, i) => generateLoopCase(seedFrom(seed, 'loop', i)));
    const asTree = (c: { files: Record<string, string>; env: Record<string, string>; top: string }) =>
      ({ files: c.files, env: c.env, top: c.top }) as unknown as GenTree;
    const rs = await runTrees(syn.map(asTree), ['-s', '--olddefconfig', 'Kconfig']);
    const rl = await runTrees(loops.map(asTree), ['-s', '--olddefconfig', 'Kconfig']);
    const synNoisy = rs.filter((r) => r.code !== 0 || unexpectedStderr(r.stderr).length > 0).length;
    const loopsFound = rl.filter((r) => /error: recursive dependency detected!/.test(r.stderr)).length;
    expect(synNoisy / syn.length, 'share of syntax cases with an error or warning').toBeGreaterThan(0.8);
    expect(loopsFound / loops.length, 'share of loop cases with a reported loop').toBeGreaterThan(0.8);
  }, 300_000);
});
