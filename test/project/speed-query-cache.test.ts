// The app Makefile's answer kept between runs (src/project/queryCache.ts): equal to make's on the
// real app-helloworld (../shared/unikraft), used only while nothing in its key changed (the
// Makefile, the environment, the app folder's file names, a file make looked at), kept when a save
// rewrites .config (make never looks at it), never for a Makefile that runs $(shell).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAppMakefile } from '../../src/project/make.js';
import { cleanEnv } from './fixtures.js';
import { unpackRealApp, type RealApp } from './realUnikraft.js';

let real: RealApp;
let cache: string;
beforeAll(() => {
  real = unpackRealApp(false);
  cache = path.join(real.root, 'cache');
}, 600_000);
afterAll(() => real?.remove());

const stored = () => (fs.existsSync(path.join(cache, 'ukmenu/make-queries')) ? fs.readdirSync(path.join(cache, 'ukmenu/make-queries')) : []);

function ask(extra: Record<string, string> = {}) {
  const makefile = path.join(real.app, 'Makefile');
  // make's answers, kept: not the answer worked out without make (makefileInProcess.ts)
  return queryAppMakefile({ appDir: real.app, makefile, varNames: ['UK_ROOT', 'UK_LIBS', 'LIBS', 'UK_BUILD'], env: { ...cleanEnv(), XDG_CACHE_HOME: cache, UKMENU_MAKEFILE_IN_PROCESS: '0', ...extra } });
}

describe("the app Makefile's answer between runs", () => {
  it('is make\'s answer, and is used only while nothing changed', async () => {
    fs.writeFileSync(path.join(real.app, '.config'), '# a configuration\n');
    const byMake = await ask({ UKMENU_ASK_MAKE: '1' });
    expect(byMake.calls[0]?.vars.A).toBe(real.app);
    expect(stored()).toEqual([]);
    expect(await ask()).toEqual(byMake); // asked make, kept it
    expect(stored()).toHaveLength(1);
    const file = path.join(cache, 'ukmenu/make-queries', stored()[0]);
    expect(await ask()).toEqual(byMake); // from the store

    // the stored answer is what a second run gets (marked here to tell it from make's)
    const marked = JSON.parse(fs.readFileSync(file, 'utf8'));
    marked.info.vars.UK_ROOT.value = 'from the store';
    fs.writeFileSync(file, JSON.stringify(marked));
    expect((await ask()).vars.UK_ROOT.value).toBe('from the store');
    // a save rewrites .config: make does not look at it, the kept answer stays
    fs.writeFileSync(path.join(real.app, '.config'), '# saved again\n');
    fs.utimesSync(path.join(real.app, '.config'), new Date(Date.now() + 5_000), new Date(Date.now() + 5_000));
    expect((await ask()).vars.UK_ROOT.value).toBe('from the store');
    // anything in the key changed: make again
    expect((await ask({ UK_ROOT: '/elsewhere' })).vars.UK_ROOT.value).toBe('/elsewhere');
    fs.writeFileSync(path.join(real.app, 'menuconfig'), ''); // a file named like the goal changes make's answer
    const withGoalFile = await ask();
    expect(withGoalFile.vars.UK_ROOT.value).not.toBe('from the store');
    expect(withGoalFile).toEqual(await ask({ UKMENU_ASK_MAKE: '1' }));
    fs.rmSync(path.join(real.app, 'menuconfig'));
    const mk = fs.readFileSync(path.join(real.app, 'Makefile'), 'utf8');
    fs.writeFileSync(path.join(real.app, 'Makefile'), mk.replace('LIBS :=', 'LIBS := /x'));
    expect((await ask()).vars.LIBS.value).toBe('/x');
    fs.writeFileSync(path.join(real.app, 'Makefile'), mk);
  }, 300_000);

  it('follows a file outside the app folder that the goal depends on', async () => {
    fs.rmSync(cache, { recursive: true, force: true });
    const mk = fs.readFileSync(path.join(real.app, 'Makefile'), 'utf8');
    const stamp = path.join(real.root, 'stamp');
    const marker = path.join(real.root, 'target');
    try {
      // the recursive call is made only when the target is older than its prerequisite
      fs.writeFileSync(path.join(real.app, 'Makefile'), `${mk}\nmenuconfig: ${marker}\n${marker}: ${stamp}\n\t@$(MAKE) -C $(UK_ROOT) A=$(PWD) stale\n`);
      fs.writeFileSync(stamp, '');
      fs.writeFileSync(marker, '');
      const past = new Date(Date.now() - 60_000);
      fs.utimesSync(stamp, past, past);
      const fresh = await ask();
      expect(fresh).toEqual(await ask({ UKMENU_ASK_MAKE: '1' }));
      expect(fresh.calls.some((c) => c.goals.includes('stale'))).toBe(false);
      expect(stored()).toHaveLength(1);
      const later = new Date(Date.now() + 60_000);
      fs.utimesSync(stamp, later, later); // the prerequisite is newer now: make's answer changes
      const stale = await ask();
      expect(stale.calls.some((c) => c.goals.includes('stale'))).toBe(true);
      expect(stale).toEqual(await ask({ UKMENU_ASK_MAKE: '1' }));
    } finally {
      fs.writeFileSync(path.join(real.app, 'Makefile'), mk);
    }
  }, 300_000);

  it('is never kept for a Makefile that runs $(shell)', async () => {
    fs.rmSync(cache, { recursive: true, force: true });
    const mk = fs.readFileSync(path.join(real.app, 'Makefile'), 'utf8');
    try {
      fs.writeFileSync(path.join(real.app, 'Makefile'), mk.replace('LIBS :=', 'LIBS := $(shell cat libs.txt)'));
      fs.writeFileSync(path.join(real.app, 'libs.txt'), '/a');
      expect((await ask()).vars.LIBS.value).toBe('/a');
      fs.writeFileSync(path.join(real.app, 'libs.txt'), '/b');
      expect((await ask()).vars.LIBS.value).toBe('/b');
      expect(stored()).toEqual([]);
    } finally {
      fs.writeFileSync(path.join(real.app, 'Makefile'), mk);
    }
  }, 300_000);
});
