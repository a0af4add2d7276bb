// `gcc -v`'s answer (HOSTARCH) kept between runs (src/project/arch.ts): equal to what the real gcc
// prints, used only while the compiler binary is the same file (a copy of the real gcc on a PATH of
// the test's own, touched or replaced), never for a wrapper script, and not with UKMENU_ASK_MAKE=1.
// And the answer of `gcc -v` asked by bin/ukmenu before Node started (src/project/hostCcProbe.ts):
// waited for, used once and only for the gcc it ran, its file removed; and the script itself: it
// asks only when no answer is kept, and not for --help.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHostArch, hostArchFromGccVersion } from '../../src/project/arch.js';
import { PROBE_VARIABLE, takeHostCcProbe } from '../../src/project/hostCcProbe.js';
import { bundleUkmenu } from '../tmux/bundle.js';
import { requireOrSkip } from '../ci.js';
import { cleanEnv } from './fixtures.js';

const REPO = path.resolve(import.meta.dirname, '../..');
let root: string;
let bin: string;
let cache: string;
let realGcc: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-hostarch-'));
  bin = path.join(root, 'bin');
  cache = path.join(root, 'cache');
  fs.mkdirSync(bin);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const stored = () => (fs.existsSync(path.join(cache, 'ukmenu/make-queries')) ? fs.readdirSync(path.join(cache, 'ukmenu/make-queries')) : []);
const env = (extra: Record<string, string> = {}) => cleanEnv({ PATH: `${bin}:${process.env.PATH}`, XDG_CACHE_HOME: cache, ...extra });
/** What the real gcc says, through the Makefile's sed. */
const gccSays = () => hostArchFromGccVersion(execFileSync('sh', ['-c', `LC_ALL=C '${realGcc}' -v 2>&1`], { encoding: 'utf8' }));
const gccPath = () => { try { return execFileSync('sh', ['-c', 'command -v gcc'], { encoding: 'utf8' }).trim(); } catch { return ''; } };

describe.skipIf(requireOrSkip('gcc', gccPath() !== ''))('HOSTARCH between runs', () => {
  it("is gcc's answer, kept while the binary is the same file", async () => {
    realGcc = fs.realpathSync(gccPath());
    fs.copyFileSync(realGcc, path.join(bin, 'gcc'));
    fs.chmodSync(path.join(bin, 'gcc'), 0o755);
    const expected = gccSays();
    expect(expected).not.toBe('');
    expect(await detectHostArch(env())).toBe(expected); // ran gcc, kept the answer
    expect(stored()).toHaveLength(1);
    // the kept answer is what the next run gets (marked to tell it from gcc's)
    const file = path.join(cache, 'ukmenu/make-queries', stored()[0]);
    fs.writeFileSync(file, JSON.stringify({ hostArch: 'marked' }));
    expect(await detectHostArch(env())).toBe('marked');
    expect(await detectHostArch(env({ UKMENU_ASK_MAKE: '1' }))).toBe(expected);
    expect(await detectHostArch(env({ HOSTCC: realGcc }))).toBe(expected); // another binary: its own key
    // the binary touched (another mtime): gcc runs again
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(bin, 'gcc'), later, later);
    expect(await detectHostArch(env())).toBe(expected);
  }, 120_000);

  it('is never kept for a wrapper script', async () => {
    fs.rmSync(cache, { recursive: true, force: true });
    fs.rmSync(path.join(bin, 'gcc'));
    fs.writeFileSync(path.join(bin, 'gcc'), `#!/bin/sh\nexec '${realGcc}' "$@"\n`, { mode: 0o755 });
    expect(await detectHostArch(env())).toBe(gccSays());
    expect(stored()).toEqual([]);
  }, 120_000);

  /** A probe bin/ukmenu would have started, taken as src/main.ts takes it; its file written after `ms` (never when undefined). */
  function probe(e: Record<string, string | undefined>, output: string | undefined, ms = 50): string {
    const file = path.join(cache, 'ukmenu/probes', `gcc-v.${Math.random()}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (output !== undefined) setTimeout(() => fs.writeFileSync(file, output), ms);
    e[PROBE_VARIABLE] = file;
    takeHostCcProbe(e);
    expect(e[PROBE_VARIABLE]).toBeUndefined(); // out of the environment make gets
    return file;
  }
  const CROSS = 'Using built-in specs.\nTarget: aarch64-linux-gnu\ngcc version 12.2.0 (Debian 12.2.0-14)\n';

  it("the probe's answer: waited for, used once, for plain gcc on the same PATH only", async () => {
    fs.rmSync(cache, { recursive: true, force: true });
    fs.rmSync(path.join(bin, 'gcc'), { force: true });
    fs.copyFileSync(realGcc, path.join(bin, 'gcc')); // a compiled gcc: its answer is kept
    fs.chmodSync(path.join(bin, 'gcc'), 0o755);
    const marker = path.join(cache, 'ukmenu/host-cc-known');
    // a left-over of a run that ended before reading its probe, two minutes old
    const stale = path.join(cache, 'ukmenu/probes/gcc-v.1');
    fs.mkdirSync(path.dirname(stale), { recursive: true });
    fs.writeFileSync(stale, CROSS);
    fs.utimesSync(stale, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));

    // the probe's file comes after the question: waited for, its answer (not this gcc's) kept
    const e = env();
    const file = probe(e, CROSS);
    expect(await detectHostArch(e)).toBe('arm64');
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(stale)).toBe(false);
    expect(stored()).toHaveLength(1);
    expect(fs.existsSync(marker)).toBe(true); // bin/ukmenu asks no more
    expect(await detectHostArch(env())).toBe('arm64'); // kept (the probe was used once)

    // not the gcc the probe ran: another PATH, HOSTCC; the probe then left alone
    fs.rmSync(path.join(cache, 'ukmenu/make-queries'), { recursive: true, force: true });
    const other = env({ PATH: `${bin}:/usr/bin:/bin` });
    probe(other, CROSS, 0);
    other.PATH = `/usr/bin:${bin}:/bin`;
    expect(await detectHostArch(other)).toBe(gccSays());
    const cc = env({ HOSTCC: path.join(bin, 'gcc') });
    probe(cc, CROSS, 0);
    expect(await detectHostArch(cc)).toBe(gccSays());

    // a probe that could not write its file (its folder cannot be made: a file is in the way): gcc runs here at once
    const blocked = path.join(root, 'not-a-folder');
    fs.writeFileSync(blocked, '');
    const lost = env({ [PROBE_VARIABLE]: path.join(blocked, 'ukmenu/probes/gcc-v.2') });
    takeHostCcProbe(lost);
    expect(await detectHostArch(lost)).toBe(gccSays());
  }, 120_000);

  it('bin/ukmenu asks gcc only while no answer is kept, and not for --help', () => {
    fs.rmSync(cache, { recursive: true, force: true });
    const work = path.join(root, 'command');
    fs.mkdirSync(work, { recursive: true });
    const command = path.join(path.dirname(bundleUkmenu(work)), 'ukmenu');
    const app = path.join(work, 'app');
    fs.cpSync(path.join(REPO, 'examples/helloworld'), app, { recursive: true });
    const run = (...args: string[]) => {
      const trace = path.join(work, 'trace');
      fs.rmSync(trace, { force: true });
      const r = spawnSync(command, args, { cwd: app, env: { ...env({ UKMENU_TRACE: trace }), PWD: app }, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      return fs.existsSync(trace) ? fs.readFileSync(trace, 'utf8') : '';
    };
    run('--help');
    expect(fs.existsSync(path.join(cache, 'ukmenu/probes'))).toBe(false);
    const first = run('conf', '--olddefconfig');
    expect(first).toContain('gcc -v: started by bin/ukmenu');
    expect(first).toContain("gcc -v: the answer of bin/ukmenu's probe");
    expect(fs.readdirSync(path.join(cache, 'ukmenu/probes'))).toEqual([]);
    const again = run('conf', '--olddefconfig');
    expect(again).not.toContain('started by bin/ukmenu');
    expect(again).toContain('gcc -v: its answer kept');
  }, 120_000);
});
