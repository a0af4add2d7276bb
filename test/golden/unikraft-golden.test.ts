// Every golden output of Unikraft's own conf (shared/corpora/unikraft/golden) reproduced byte for
// byte by the engine, stderr included, with the environment the corpus README gives.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConf } from '../../kconfig/conf.js';
import { CORPUS_DIR, corpusEnv } from '../fixtures/corpus.js';

const CORPUS = CORPUS_DIR;
const GOLDEN = path.join(CORPUS, 'golden');

let tree: string; // a private copy: syncconfig writes include/config/ into the working directory

function env(work: string): Record<string, string> {
  return {
    ...corpusEnv(`${work}/.config`), KCONFIG_AUTOCONFIG: `${work}/auto.conf`,
    KCONFIG_AUTOHEADER: `${work}/config.h`, KCONFIG_TRISTATE: `${work}/tristate.config`,
  };
}

interface Run { code: number; stderr: string; stdout: string; work: string }

function conf(mode: string[], input?: string, preAuto = true): Run {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-golden-'));
  if (input) fs.copyFileSync(path.join(GOLDEN, input), `${work}/.config`);
  if (preAuto) fs.writeFileSync(`${work}/auto.conf`, '');
  let stderr = '';
  let stdout = '';
  const code = runConf(['-s', ...mode, 'unikraft/Config.uk'], {
    env: env(work), cwd: tree, stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; },
  });
  return { code, stderr: stderr.split(work).join('<WORK>'), stdout, work };
}

const golden = (name: string) => fs.readFileSync(path.join(GOLDEN, name), 'utf8');
const read = (p: string) => fs.readFileSync(p, 'utf8');
const goldenStderr = (name: string) => (fs.existsSync(path.join(GOLDEN, name)) ? golden(name) : '');

beforeAll(() => {
  tree = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-corpus-'));
  fs.cpSync(CORPUS, tree, { recursive: true, filter: (src) => !src.startsWith(GOLDEN) });
});
afterAll(() => fs.rmSync(tree, { recursive: true, force: true }));

describe('Unikraft corpus: golden outputs of Unikraft conf', () => {
  it.each([
    ['olddefconfig x86_64', ['--olddefconfig'], 'olddefconfig-x86_64.in.config', 'olddefconfig-x86_64.out.config', ''],
    ['olddefconfig arm64', ['--olddefconfig'], 'olddefconfig-arm64.in.config', 'olddefconfig-arm64.out.config', ''],
    ['alldefconfig', ['--alldefconfig'], undefined, 'alldefconfig.out.config', ''],
    ['allnoconfig', ['--allnoconfig'], undefined, 'allnoconfig.out.config', ''],
    ['allyesconfig', ['--allyesconfig'], undefined, 'allyesconfig.out.config', 'allyesconfig.stderr.txt'],
    ['allnoconfig + olddefconfig (make)', ['--allnoconfig'], undefined, 'allnoconfig.make.out.config', ''],
  ])('%s', (_n, mode, input, out, err) => {
    const r = conf(mode as string[], input as string | undefined);
    expect(r.code).toBe(0);
    expect(read(`${r.work}/.config`)).toBe(golden(out as string));
    expect(r.stderr).toBe(err ? golden(err as string) : '');
    expect(r.stdout).toBe('');
  });

  it('make allyesconfig: allyes then olddefconfig', () => {
    const r = conf(['--allyesconfig']);
    let stderr = '';
    const code = runConf(['-s', '--olddefconfig', 'unikraft/Config.uk'], { env: env(r.work), cwd: tree, stdout: () => {}, stderr: (s) => { stderr += s; } });
    expect(code).toBe(0);
    expect(read(`${r.work}/.config`)).toBe(golden('allyesconfig.make.out.config'));
    expect(stderr).toBe(golden('allyesconfig.make.stderr.txt'));
  });

  it.each(['qemu-x86_64', 'qemu-arm64', 'fc-x86_64', 'fc-arm64'])('defconfig %s', (d) => {
    const r = conf([`--defconfig=app-helloworld/defconfigs/${d}`]);
    expect(r.code).toBe(0);
    expect(read(`${r.work}/.config`)).toBe(golden(`defconfig-${d}.out.config`));
    expect(r.stderr).toBe('');
  });

  it.each(['x86_64', 'arm64'])('savedefconfig %s', (arch) => {
    const r = conf([`--savedefconfig=DEF`], `olddefconfig-${arch}.out.config`);
    const saved = path.join(tree, 'DEF');
    try {
      expect(r.code).toBe(0);
      expect(read(saved)).toBe(golden(`savedefconfig-${arch}.defconfig`));
    } finally {
      fs.rmSync(saved, { force: true });
    }
  });

  it('syncconfig: auto.conf and the C header in symbol-hash order', () => {
    const r = conf(['--syncconfig'], 'defconfig-qemu-x86_64.out.config', false);
    expect(r.code).toBe(0);
    expect(read(`${r.work}/auto.conf`)).toBe(golden('defconfig-qemu-x86_64.syncconfig.auto.conf'));
    expect(read(`${r.work}/config.h`)).toBe(golden('defconfig-qemu-x86_64.syncconfig.config.h'));
    expect(fs.existsSync(path.join(tree, 'include/config/auto.conf.cmd'))).toBe(true);
  });

  const cases = fs.readdirSync(GOLDEN).filter((f) => /^case-\d+\.in\.config$/.test(f)).sort();
  it('has the 20 perturbed cases', () => expect(cases.length).toBe(20));
  it.each(cases.map((c) => c.replace('.in.config', '')))('perturbed %s: .config and warnings', (c) => {
    const r = conf(['--olddefconfig'], `${c}.in.config`);
    expect(r.code).toBe(0);
    expect(read(`${r.work}/.config`)).toBe(golden(`${c}.out.config`));
    expect(r.stderr).toBe(goldenStderr(`${c}.stderr.txt`));
  });

  it('.config is replaced atomically and the previous one kept as .config.old', () => {
    const r = conf(['--olddefconfig'], 'case-01.in.config');
    expect(read(`${r.work}/.config.old`)).toBe(golden('case-01.in.config'));
    expect(fs.readdirSync(r.work).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});
