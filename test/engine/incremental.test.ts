// The UI API changes values incrementally (only what depends on the change is re-evaluated).
// Randomised check: after every change, the incremental values equal a full re-evaluation, and the
// reported changes are exactly the symbols whose value differs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KconfigTree } from '../../kconfig/api.js';
import { CORPUS_DIR, corpusEnv as fixtureEnv } from '../fixtures/corpus.js';
import { LINUX_TREE, oracleSkipReason, writeFiles } from '../oracle/oracle.js';
import { requireOrSkip } from '../ci.js';
import { randomEdits } from '../differential/edits.js';
import { generateConfig } from '../gen/config-gen.js';
import { generateTree } from '../gen/kconfig-gen.js';
import { Rng, seedFrom } from '../gen/prng.js';

const CORPUS = CORPUS_DIR;

const corpusEnv = () => fixtureEnv('/nonexistent/.config');

/**
 * The same random changes on two loads of a tree: `tree` re-evaluates only what depends on each
 * change, `twin` everything (fullEvaluation, C's sym_clear_all_valid after every change). After
 * every change the values and the reported changes are equal.
 */
function randomChanges(load: () => KconfigTree, seed: number, steps: number): void {
  const tree = load();
  const twin = load();
  twin.fullEvaluation = true;
  let s = seed;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff);
  const names = tree.symbolNames();
  let done = 0;
  for (let i = 0; i < steps * 20 && done < steps; i++) {
    const name = names[Math.floor(rnd() * names.length)];
    const info = tree.info(name);
    let value: string | undefined;
    if (info.assignable[0] === '*') {
      if (info.type === 'int') value = String(info.range ? Number(info.range.min) + Math.floor(rnd() * 3) : Math.floor(rnd() * 100));
      else if (info.type === 'hex') value = `0x${Math.floor(rnd() * 4096).toString(16)}`;
      else value = `s${Math.floor(rnd() * 5)}`;
    } else {
      const other = info.assignable.filter((v) => v !== info.value);
      value = other[Math.floor(rnd() * other.length)];
    }
    if (value === undefined) continue;
    let changes: Map<string, { from: string; to: string }>;
    try {
      changes = tree.set(name, value);
    } catch {
      expect(() => twin.set(name, value), `seed ${seed}: ${name}=${value} refused incrementally only`).toThrow();
      continue;
    }
    done++;
    expect(twin.set(name, value), `seed ${seed}: changes reported for ${name}=${value}`).toEqual(changes);
    expect(tree.snapshot(), `seed ${seed}: after ${name}=${value}`).toEqual(twin.snapshot());
  }
  expect(done).toBeGreaterThan(steps / 2);
}

describe('incremental re-evaluation', () => {
  it('Unikraft corpus: 300 random changes match a full re-evaluation', () => {
    randomChanges(() => {
      const tree = KconfigTree.load('unikraft/Config.uk', { env: corpusEnv(), cwd: CORPUS });
      tree.readConfig();
      return tree;
    }, 7, 300);
  });

  const skip = oracleSkipReason();
  it.skipIf(!!skip || requireOrSkip('the Linux 6.1 tree (.cache/linux-6.1)', fs.existsSync(path.join(LINUX_TREE, 'Kconfig'))))('Linux 6.1 x86: 60 random changes match a full re-evaluation', () => {
    const env = {
      srctree: '.', ARCH: 'x86', SRCARCH: 'x86', KERNELVERSION: '6.1', CC: 'gcc', LD: 'ld',
      CC_VERSION_TEXT: 'gcc', KCONFIG_CONFIG: '/nonexistent/.config', PATH: process.env.PATH ?? '',
    };
    randomChanges(() => {
      const tree = KconfigTree.load('Kconfig', { env, cwd: LINUX_TREE });
      tree.readConfig();
      return tree;
    }, 11, 60);
  }, 300_000);
});

describe('undo, redo, preview', () => {
  it('Unikraft corpus: preview equals apply and changes nothing; undo all returns to the loaded values; redo replays', () => {
    const tree = KconfigTree.load('unikraft/Config.uk', { env: corpusEnv(), cwd: CORPUS });
    tree.readConfig();
    const initial = tree.snapshot();
    const steps: Map<string, string>[] = [];
    let s = 3;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff);
    const names = tree.symbolNames();
    for (let i = 0; i < 2000 && steps.length < 60; i++) {
      const name = names[Math.floor(rnd() * names.length)];
      const info = tree.info(name);
      const value = info.assignable.filter((v) => v !== '*' && v !== info.value)[0];
      if (value === undefined) continue;
      const before = tree.snapshot();
      const previewed = tree.preview([{ name, value }]);
      expect(tree.snapshot(), `preview of ${name}=${value} changed nothing`).toEqual(before);
      const applied = tree.apply([{ name, value }]);
      expect(applied, `preview of ${name}=${value} = apply`).toEqual(previewed);
      steps.push(tree.snapshot());
    }
    expect(steps.length).toBe(60);
    const changedNow = tree.changedSinceLoad();
    for (const [n, v] of tree.snapshot()) expect(changedNow.has(n), n).toBe(initial.get(n) !== v);
    for (let i = steps.length - 1; i >= 0; i--) {
      expect(tree.snapshot()).toEqual(steps[i]);
      expect(tree.undo()).not.toBeNull();
    }
    expect(tree.undo()).toBeNull();
    expect(tree.snapshot()).toEqual(initial);
    expect(tree.changedSinceLoad().size).toBe(0);
    for (let i = 0; i < steps.length; i++) {
      tree.redo();
      expect(tree.snapshot()).toEqual(steps[i]);
    }
    expect(tree.redo()).toBeNull();
  });

  it('a refused edit inside apply() leaves everything as it was', () => {
    const tree = KconfigTree.load('unikraft/Config.uk', { env: corpusEnv(), cwd: CORPUS });
    tree.readConfig();
    const before = tree.snapshot();
    const bool = tree.symbolNames().find((n) => tree.info(n).assignable.includes('y') && tree.info(n).value === 'n')!;
    expect(() => tree.apply([{ name: bool, value: 'y' }, { name: 'UK_NAME', value: 'x' }, { name: 'LIBUKBOOT_MAXNBARGS', value: 'abc' }])).toThrow();
    expect(tree.snapshot()).toEqual(before);
    expect(tree.canUndo).toBe(false);
  });
});

describe('writing after incremental changes', () => {
  it('every save is the complete .config that conf would write for the same values', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-write-'));
    const tree = KconfigTree.load('unikraft/Config.uk', { env: corpusEnv(), cwd: CORPUS });
    tree.readConfig();
    const names = tree.symbolNames();
    for (let i = 0, j = 0; i < 5; j++) {
      const name = names[(j * 37) % names.length];
      const info = tree.info(name);
      const value = info.assignable.find((v) => v !== '*' && v !== info.value);
      if (value === undefined) continue;
      tree.writeConfig(`${dir}/a${i}`);
      tree.set(name, value);
      tree.writeConfig(`${dir}/b${i}`);
      // a fresh load of what was saved writes the same bytes (nothing was lost or stale)
      const fresh = KconfigTree.load('unikraft/Config.uk', { env: corpusEnv(), cwd: CORPUS });
      fresh.readConfig(`${dir}/b${i}`);
      fresh.writeConfig(`${dir}/c${i}`);
      expect(fs.readFileSync(`${dir}/b${i}`, 'utf8')).toBe(fs.readFileSync(`${dir}/c${i}`, 'utf8'));
      i++;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('minimal config through the API', () => {
  it.each(['x86_64', 'arm64'])('%s: writeMinimalConfig = Unikraft savedefconfig, and the next save is still complete', (arch) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-mini-'));
    const golden = path.join(CORPUS, 'golden');
    const tree = KconfigTree.load('unikraft/Config.uk', { env: corpusEnv(), cwd: CORPUS });
    tree.readConfig(path.join(golden, `olddefconfig-${arch}.out.config`));
    tree.writeMinimalConfig(`${dir}/defconfig`);
    expect(fs.readFileSync(`${dir}/defconfig`, 'utf8')).toBe(fs.readFileSync(path.join(golden, `savedefconfig-${arch}.defconfig`), 'utf8'));
    tree.writeConfig(`${dir}/.config`);
    expect(fs.readFileSync(`${dir}/.config`, 'utf8')).toBe(fs.readFileSync(path.join(golden, `olddefconfig-${arch}.out.config`), 'utf8'));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('random menu edits on generated trees', () => {
  // choices, selects, imply and visibility mixed as no real tree does: where incremental evaluation
  // went wrong before (a choice's user flag cleared by one change changing its value at the next)
  it('sets, choice modes, way-out plans, undo and redo: incremental = full evaluation, saved files equal', () => {
    const failures: string[] = [];
    for (let i = 0; i < 150; i++) {
      const caseSeed = seedFrom(Number(process.env.UKMENU_INC_SEED ?? 20261206), 'incremental-edits', i);
      const gen = generateTree(caseSeed, { shellProbability: 0 });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-inc-'));
      try {
        writeFiles(path.join(dir, 'src'), gen.files);
        writeFiles(dir, { '.config': generateConfig(gen, seedFrom(caseSeed, 'config')) });
        const env = { ...gen.env, srctree: 'src', KCONFIG_CONFIG: '.config', PATH: process.env.PATH ?? '' };
        const load = () => {
          const t = KconfigTree.load(gen.top, { cwd: dir, env, flavor: 'linux' });
          t.readConfig(path.join(dir, '.config'));
          return t;
        };
        const tree = load();
        const twin = load();
        twin.fullEvaluation = true;
        const rng = new Rng(caseSeed);
        const twinRng = new Rng(caseSeed);
        const steps = rng.int(1, 15);
        twinRng.int(1, 15);
        const log: string[] = [];
        for (let step = 0; step < steps; step++) {
          const done = randomEdits(tree, rng, 1);
          log.push(...done);
          const twinDone = randomEdits(twin, twinRng, 1);
          const a = tree.snapshot();
          const b = twin.snapshot();
          const drift = [...a].filter(([n, v]) => b.get(n) !== v).map(([n, v]) => `${n}: ${v}, fully ${b.get(n)}`);
          if (drift.length || done.join() !== twinDone.join()) {
            failures.push(`case seed ${caseSeed}, step ${step + 1}:\n  ${log.join('\n  ')}\n  ${drift.join('; ') || `full evaluation: ${twinDone.join(' | ')}`}`);
            break;
          }
        }
        tree.writeConfig(path.join(dir, 'a.config'));
        twin.writeConfig(path.join(dir, 'b.config'));
        if (!fs.readFileSync(path.join(dir, 'a.config')).equals(fs.readFileSync(path.join(dir, 'b.config')))) failures.push(`case seed ${caseSeed}: saved files differ\n  ${log.join('\n  ')}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(failures, failures.slice(0, 3).join('\n\n')).toEqual([]);
  }, 300_000);
});
