// Whether a freshly read .config counts as changed ("[+] unsaved", the quit question) must be the
// C conf's conf_get_changed() after conf_read. The C side shows it without a debugger: with
// KCONFIG_NOSILENTUPDATE=1, `conf --syncconfig` exits 1 with "The configuration requires explicit
// update" exactly when conf_get_changed() is true right after conf_read (conf.c in v5.2 and 6.1).
// Checked with Unikraft's own v5.2 conf (built from the real core) on every golden .config of the
// corpus and on the real app-helloworld, and with Linux 6.1's conf (the oracle) on generated trees.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KconfigTree } from '../../kconfig/api.js';
import { binaryConfRunner, discoverProject, runProjectConf } from '../../src/project/index.js';
import { loadTree } from '../../src/tree.js';
import { CORPUS_DIR, corpusEnv } from '../fixtures/corpus.js';
import { generateConfig } from '../gen/config-gen.js';
import { generateTree } from '../gen/kconfig-gen.js';
import { seedFrom } from '../gen/prng.js';
import { makeTempDir, requireOracle, runOracleBatch, writeFiles, type BatchJob } from '../oracle/oracle.js';
import { unpackRealApp, type RealApp } from './realUnikraft.js';

const EXPLICIT = 'The configuration requires explicit update';

/** The C conf's verdict from a `--syncconfig` run with KCONFIG_NOSILENTUPDATE=1. */
function cChanged(r: { code: number; stderr: string }): boolean {
  if (r.code === 0) return false;
  if (r.code === 1 && r.stderr.includes(EXPLICIT)) return true;
  throw new Error(`the C conf failed otherwise (exit ${r.code}):\n${r.stderr}`);
}

let real: RealApp;
beforeAll(() => { real = unpackRealApp(); }, 600_000);
afterAll(() => real?.remove());

describe('changed state after reading a .config = conf_get_changed() after conf_read', () => {
  it('Unikraft corpus, every golden .config, against Unikraft v5.2 conf', () => {
    const tree = fs.mkdtempSync(path.join(real.root, 'corpus-'));
    fs.cpSync(CORPUS_DIR, tree, { recursive: true });
    const golden = path.join(tree, 'golden');
    const files = fs.readdirSync(golden).filter((f) => f.endsWith('.config')).sort();
    expect(files.length).toBeGreaterThan(40);
    const work = path.join(real.root, 'corpus-work');
    fs.mkdirSync(work);
    const env = { ...corpusEnv(`${work}/.config`), KCONFIG_AUTOCONFIG: `${work}/auto.conf`, KCONFIG_AUTOHEADER: `${work}/config.h`, KCONFIG_TRISTATE: `${work}/tristate.config` };
    const engine = KconfigTree.load('unikraft/Config.uk', { env, cwd: tree, flavor: 'unikraft' });
    const seen = { true: 0, false: 0 };
    const mismatches: string[] = [];
    for (const f of files) {
      fs.copyFileSync(path.join(golden, f), `${work}/.config`);
      engine.readConfig(`${work}/.config`);
      const ours = engine.changed;
      let stderr = '';
      const code = binaryConfRunner(real.conf)(['--syncconfig', 'unikraft/Config.uk'], {
        env: { ...env, KCONFIG_NOSILENTUPDATE: '1' }, cwd: tree, stdout: () => {}, stderr: (s) => { stderr += s; },
      }) as number;
      const theirs = cChanged({ code, stderr });
      seen[`${theirs}`]++;
      if (ours !== theirs) mismatches.push(`${f}: engine ${ours}, C ${theirs}`);
    }
    expect(mismatches).toEqual([]);
    // both answers occur: the clean outputs and the perturbed inputs
    expect(seen.true).toBeGreaterThan(5);
    expect(seen.false).toBeGreaterThan(5);
  }, 300_000);

  it('the real app-helloworld: after make olddefconfig, and with files that conf_read finds stale', async () => {
    const env = { ...process.env, PWD: real.app } as Record<string, string>;
    const project = await discoverProject({ cwd: real.app, env });
    const config = path.join(real.app, '.config');
    const clean = fs.readFileSync(config, 'utf8');
    const variants: [string, string][] = [
      ['after make olddefconfig', clean],
      ['without its header comment', clean.replace(/^#\n# Automatically generated file; DO NOT EDIT\.\n/, '')],
      ['a symbol missing', clean.replace(/^CONFIG_LIBUKDEBUG_PRINTK=y\n/m, '')],
      ['a symbol of a disabled library set', `${clean.replace(/^CONFIG_LIBNOLIBC=y\n/m, '# CONFIG_LIBNOLIBC is not set\n')}`],
      ['an int out of its range', clean.replace(/^CONFIG_LIBNOLIBC_FD_SETSIZE=64$/m, 'CONFIG_LIBNOLIBC_FD_SETSIZE=7')],
    ];
    for (const [name, text] of variants.slice(1)) expect(text, name).not.toBe(clean);
    const ours: boolean[] = [];
    const theirs: boolean[] = [];
    for (const [, text] of variants) {
      fs.writeFileSync(config, text);
      ours.push(loadTree({ kind: 'project', project, baseEnv: env }).tree.changed);
      let stderr = '';
      const code = await runProjectConf(project, ['--syncconfig'], {
        runner: binaryConfRunner(real.conf), baseEnv: { ...env, KCONFIG_NOSILENTUPDATE: '1' }, stdout: () => {}, stderr: (s) => { stderr += s; },
      });
      theirs.push(cChanged({ code, stderr }));
    }
    const show = (v: boolean[]) => variants.map(([name], i) => `${name}: ${v[i]}`);
    expect(show(ours)).toEqual(show(theirs));
    expect(theirs[0]).toBe(false); // make menuconfig quits without a question here
    expect(theirs).toContain(true);
    fs.writeFileSync(config, clean);
  }, 300_000);

  it('generated trees, noisy and clean .config files, against Linux 6.1 conf', async () => {
    requireOracle();
    const seed = Number(process.env.UKMENU_GEN_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const N = 40;
    const root = makeTempDir('ukmenu-gen-');
    try {
      const trees = Array.from({ length: N }, (_, i) => generateTree(seedFrom(seed, 'changed', i), { shellProbability: 0 }));
      const dirs = trees.map((t, i) => {
        const d = path.join(root, String(i));
        writeFiles(path.join(d, 'src'), t.files);
        for (const run of ['noisy', 'clean']) fs.mkdirSync(path.join(d, run));
        fs.writeFileSync(path.join(d, 'noisy', '.config'), generateConfig(t, seedFrom(seed, 'cfg', i)));
        return d;
      });
      const env = (i: number) => ({ PATH: process.env.PATH, srctree: '../src', ...trees[i].env });
      // the clean file: what the C conf's olddefconfig writes
      const made = await runOracleBatch(trees.map((t, i) => ({ cwd: path.join(dirs[i], 'clean'), argv: ['--olddefconfig', t.top], env: env(i) })), 2);
      made.forEach((r, i) => expect(r.code, `seed ${seed} tree ${i}: ${r.stderr}`).toBe(0));
      const jobs: BatchJob[] = [];
      for (const [i, t] of trees.entries()) for (const run of ['noisy', 'clean']) {
        jobs.push({ cwd: path.join(dirs[i], run), argv: ['--syncconfig', t.top], env: { ...env(i), KCONFIG_NOSILENTUPDATE: '1' } });
      }
      const c = await runOracleBatch(jobs, 2);
      const mismatches: string[] = [];
      const seen = { true: 0, false: 0 };
      jobs.forEach((j, n) => {
        const i = Math.floor(n / 2);
        const tree = KconfigTree.load(trees[i].top, { env: env(i), cwd: j.cwd, flavor: 'linux' });
        tree.readConfig(path.join(j.cwd, '.config'));
        const theirs = cChanged(c[n]);
        seen[`${theirs}`]++;
        if (tree.changed !== theirs) mismatches.push(`tree ${i} ${path.basename(j.cwd)}: engine ${tree.changed}, C ${theirs}`);
      });
      expect(mismatches, `seed ${seed}`).toEqual([]);
      expect(seen.true).toBeGreaterThan(5);
      expect(seen.false).toBeGreaterThan(5);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 600_000);
});
