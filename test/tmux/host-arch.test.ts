// HOSTARCH on a first open: `$(HOSTCC) -v`, as Unikraft's Makefile asks it (src/project/arch.ts),
// here a HOSTCC that compiles with gcc but says it targets aarch64 on this x86_64 machine (Node's
// idea of the machine is then wrong). The menu opened in tmux on the real app with no .config and
// saved at once must write what `make olddefconfig` writes with that HOSTCC: the arm64 defaults.
// (Loading the tree with Node's guess while gcc runs, checked after, was measured: no gain, the
// tree cannot start before the menu's modules are loaded anyway.)
//
// Needs tmux, make and gcc (.ci/run installs them). Without CI a missing one skips; in CI it fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requireOrSkip } from '../ci.js';
import type { RealApp } from '../project/realUnikraft.js';
import { setUpRealApp, tearDownRealApp } from './realAppSetup.js';
import { Pane } from './pane.js';

const have = (p: string) => spawnSync('sh', ['-c', `command -v ${p}`]).status === 0;
const SKIP = requireOrSkip('tmux, make and gcc', have('tmux') && have('make') && have('gcc'));
const SOCKET = `ukmenu-host-arch-${process.pid}`;
let work = '';
let bin = '';
let real: RealApp;

describe.skipIf(SKIP)('HOSTARCH on a first open (tmux, the real app)', () => {
  beforeAll(() => { ({ work, bin, real } = setUpRealApp('host-arch', false)); }, 600_000);
  afterAll(() => tearDownRealApp(SOCKET, { work, real }));

  test("a compiler that names another machine than Node's: the menu's tree is the one make loads with its answer", async () => {
    expect(process.arch).toBe('x64'); // (the machine the compiler does not name)
    const gcc = spawnSync('sh', ['-c', 'command -v gcc'], { encoding: 'utf8' }).stdout.trim();
    const hostcc = path.join(work, 'cross-gcc');
    fs.writeFileSync(hostcc, `#!/bin/sh\nif [ "$1" = -v ]; then echo 'Target: aarch64-linux-gnu' >&2; exit 0; fi\nexec '${gcc}' "$@"\n`, { mode: 0o755 });
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, TERM: 'xterm-256color', LANG: 'C.UTF-8', HOSTCC: hostcc };

    // the reference: make olddefconfig in a copy of the app (of the same name: the image's), with that HOSTCC
    const made = path.join(real.root, 'made', 'app-helloworld');
    fs.cpSync(real.app, made, { recursive: true, verbatimSymlinks: true });
    const r = spawnSync('make', ['olddefconfig'], { cwd: made, env: { ...env, PWD: made }, encoding: 'utf8', timeout: 600_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    // (the copy's own path as CONFIG_UK_APP)
    const expected = fs.readFileSync(path.join(made, '.config'), 'utf8').replaceAll(made, real.app);
    expect(expected).toContain('CONFIG_ARCH_ARM_64=y');
    expect(expected).toContain('CONFIG_HOST_ARCH="arm64"');

    // the menu, first open (no answer kept): s saves the tree's defaults
    const trace = path.join(work, 'trace');
    const pane = new Pane(SOCKET, 'open').start(`${bin}; echo "EXIT=$?"; sleep 600`, real.app,
      { ...env, PWD: real.app, XDG_CACHE_HOME: path.join(work, 'first-open'), UKMENU_TRACE: trace });
    await pane.shows('Image name');
    pane.press('Enter'); // Architecture Selection
    await pane.shows('Armv8 compatible (64 bits)');
    pane.press('Escape', 'Escape');
    pane.press('s');
    const config = path.join(real.app, '.config');
    for (const t0 = Date.now(); !fs.existsSync(config) && Date.now() - t0 < 60_000;) await new Promise((res) => setTimeout(res, 50));
    pane.press('q');
    await pane.shows('EXIT=0');
    pane.kill();
    expect(fs.readFileSync(config, 'utf8')).toBe(expected);
  }, 600_000);
});
