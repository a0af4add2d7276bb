// `gcc -v`'s answer (HOSTARCH) kept between runs (src/project/arch.ts): equal to what the real gcc
// prints, used only while the compiler binary is the same file (a copy of the real gcc on a PATH of
// the test's own, touched or replaced), never for a wrapper script, and not with UKMENU_ASK_MAKE=1.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHostArch, hostArchFromGccVersion } from '../../src/project/arch.js';
import { requireOrSkip } from '../ci.js';
import { cleanEnv } from './fixtures.js';

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
});
