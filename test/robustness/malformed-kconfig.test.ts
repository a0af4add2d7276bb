// Malformed Kconfig input: random byte edits and truncations of real Unikraft Config.uk files.
// Every run must end with a conf-style message, exit code and .config identical to the C conf's
// (Linux 6.1; each side in its own folder), never an exception, and must leave an existing
// .config untouched when loading fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConf } from '../../kconfig/conf.js';
import { unifiedDiff } from '../differential/diff-text.js';
import { makeTempDir, oracleSkipReason, pinnedEnv, runOracle, writeFiles } from '../oracle/oracle.js';

const CORPUS = path.resolve(__dirname, '../../../shared/corpora/unikraft/unikraft');
const CASES = Number(process.env.UKMENU_FUZZ_CASES ?? 1500);
const SEED = Number(process.env.UKMENU_FUZZ_SEED ?? 20261126);

function corpusFiles(): string[] {
  return (fs.readdirSync(CORPUS, { recursive: true }) as string[])
    .filter((f) => f.endsWith('Config.uk'))
    .sort()
    .map((f) => path.join(CORPUS, f));
}

function mutate(src: Buffer, rnd: () => number): Buffer {
  let b = src;
  const snippets = ['endmenu\n', 'if X\n', 'choice\n', '"', '$(', 'help\n', 'config\n', '\\\n', 'menu "m"\n', 'endif', '\n\tdefault '];
  const chars = ' \n\t"\'#()!=&|$\\abcxyz01<>';
  for (let e = 1 + Math.floor(rnd() * 4); e > 0; e--) {
    const pos = Math.floor(rnd() * b.length);
    const op = rnd();
    if (op < 0.3) b = Buffer.concat([b.subarray(0, pos), b.subarray(pos + 1 + Math.floor(rnd() * 20))]);
    else if (op < 0.6) { b = Buffer.from(b); b[pos] = chars.charCodeAt(Math.floor(rnd() * chars.length)); }
    else if (op < 0.75) b = b.subarray(0, pos);
    else b = Buffer.concat([b.subarray(0, pos), Buffer.from(snippets[Math.floor(rnd() * snippets.length)]), b.subarray(pos)]);
  }
  return b;
}

const skip = oracleSkipReason();

describe.skipIf(!!skip)(`malformed Kconfig vs the C conf (seed ${SEED})`, () => {
  it(`${CASES} mutated files: same messages and exit code, no crash, .config untouched on failure`, () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(50);
    let seed = SEED;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff);
    const failures: string[] = [];
    let compared = 0;
    let crashed = 0;
    for (let i = 0; i < CASES && failures.length < 5; i++) {
      const kconfig = mutate(fs.readFileSync(files[Math.floor(rnd() * files.length)]), rnd);
      // each side in its own folder with the same relative names: the C conf reads its own copy of
      // the original .config, not the one the engine may have rewritten
      const dir = makeTempDir('ukmenu-fuzz-');
      const original = '# keep me\nCONFIG_X=y\n';
      const inputs = { Kconfig: kconfig, '.config': original, 'auto.conf': '' };
      const env = pinnedEnv({ KCONFIG_CONFIG: '.config', KCONFIG_AUTOCONFIG: 'auto.conf' });
      try {
        writeFiles(dir, inputs);
        let err = '';
        let rc: number;
        try {
          rc = runConf(['-s', '--olddefconfig', 'Kconfig'], { env, cwd: dir, flavor: 'linux', stdout: (s) => { err += s; }, stderr: (s) => { err += s; } });
        } catch (e) {
          failures.push(`case ${i}: exception ${(e as Error).stack}`);
          fs.copyFileSync(path.join(dir, 'Kconfig'), path.join(dir, '..', `ukmenu-fuzz-crash-${SEED}-${i}.Kconfig`));
          continue;
        }
        const ours = fs.readFileSync(path.join(dir, '.config'), 'latin1');
        if (rc !== 0) {
          expect(ours).toBe(original);
          expect(fs.existsSync(path.join(dir, '.config.old'))).toBe(false);
        }
        const c = runOracle({ argv: ['-s', '--olddefconfig', 'Kconfig'], env, files: inputs });
        if (c.signal) { crashed++; continue; } // the C tool itself crashes on some inputs (counted, bounded below)
        compared++;
        const theirs = c.files.get('.config')?.toString('latin1');
        if (c.code !== rc || c.stdout + c.stderr !== err) {
          failures.push(`case ${i} (seed ${SEED}): exit ${c.code} vs ${rc}\n--- C\n${c.stdout}${c.stderr}--- ukmenu\n${err}`);
        } else if (theirs !== ours) {
          failures.push(`case ${i} (seed ${SEED}): the .config files differ\n${unifiedDiff(theirs ?? '<missing>', ours, 'C conf', 'engine')}`);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    console.log(`[malformed] ${compared} compared, ${crashed} C conf crashes not compared (seed ${SEED})`);
    expect(crashed, `the C conf crashed on ${crashed} of ${compared + crashed} cases`).toBeLessThan(CASES * 0.05);
    expect(failures, failures.join('\n')).toEqual([]);
    expect(compared).toBeGreaterThan(CASES * 0.8);
  });
});
