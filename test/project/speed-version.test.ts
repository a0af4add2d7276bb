// The core's version without make (src/project/coreVersion.ts) = what make computes from version.mk
// and support/scripts/gitsha1 (queryCoreVersion with UKMENU_ASK_MAKE=1), on the real core from
// ../shared/unikraft: as unpacked (no git), as a git checkout, with a modified file; and make is
// asked when version.mk is not plain.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreVersionFromFiles } from '../../src/project/coreVersion.js';
import { queryCoreVersion } from '../../src/project/make.js';
import { cleanEnv } from './fixtures.js';
import { unpackRealApp, type RealApp } from './realUnikraft.js';

let real: RealApp;
beforeAll(() => { real = unpackRealApp(false); }, 600_000);
afterAll(() => real?.remove());

async function both(extra: Record<string, string> = {}) {
  const env = cleanEnv(extra);
  const byMake = await queryCoreVersion(real.core, { ...env, UKMENU_ASK_MAKE: '1' });
  const fromFiles = await coreVersionFromFiles(real.core, { ...env, PWD: real.core });
  return { byMake, fromFiles };
}

describe('the core version without make = make', () => {
  it('runs no git for GIT_* settings of transport, identity and tools, and git for GIT_DIR', async () => {
    // a logging git in front of the real one: what ran is written down
    const bin = path.join(real.root, 'logging-bin');
    const log = path.join(real.root, 'git.log');
    fs.mkdirSync(bin, { recursive: true });
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$@" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    const PATH = `${bin}:${process.env.PATH}`;
    const harmless = { PATH, GIT_SSL_CAINFO: '/etc/ssl/certs/ca-certificates.crt', GIT_PS1_SHOWDIRTYSTATE: '1', GIT_EDITOR: 'vi', GIT_AUTHOR_NAME: 'a' };
    const env = cleanEnv(harmless);
    expect(await coreVersionFromFiles(real.core, { ...env, PWD: real.core })).toEqual({ fullVersion: '0.17.0', codename: 'Calypso' });
    expect(fs.existsSync(log)).toBe(false);
    expect((await both(harmless)).byMake).toEqual({ fullVersion: '0.17.0', codename: 'Calypso' });
    expect(fs.existsSync(log)).toBe(true); // make's gitsha1 did run the logging git

    // GIT_DIR names a repository elsewhere: git finds it, and so must ukmenu
    const other = path.join(real.root, 'other-repo');
    fs.mkdirSync(other);
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'init', '-q'], { cwd: other });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'x'], { cwd: other });
    const r = await both({ PATH, GIT_DIR: path.join(other, '.git') });
    expect(r.byMake.fullVersion).toMatch(/^0\.17\.0~[0-9a-f]{7,}/);
    expect(r.fromFiles).toEqual(r.byMake);
  }, 300_000);

  it('as unpacked, as a git checkout, with a modified file', async () => {
    let r = await both();
    expect(r.byMake).toEqual({ fullVersion: '0.17.0', codename: 'Calypso' });
    expect(r.fromFiles).toEqual(r.byMake);

    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: real.core, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'core');
    r = await both();
    expect(r.byMake.fullVersion).toMatch(/^0\.17\.0~[0-9a-f]{7,}$/);
    expect(r.fromFiles).toEqual(r.byMake);

    fs.appendFileSync(path.join(real.core, 'README.md'), 'changed\n');
    r = await both();
    expect(r.byMake.fullVersion).toMatch(/-custom$/);
    expect(r.fromFiles).toEqual(r.byMake);
  }, 300_000);

  it('leaves a version.mk that is not plain to make', async () => {
    const file = path.join(real.core, 'version.mk');
    const saved = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, saved.replace(/^UK_EXTRAVERSION = .*$/m, 'UK_EXTRAVERSION = $(shell echo 5)'));
      const r = await both();
      expect(r.fromFiles).toBeUndefined();
      expect(r.byMake.fullVersion).toMatch(/^0\.17\.5/);
    } finally {
      fs.writeFileSync(file, saved);
    }
  }, 300_000);
});
