// HOSTARCH on a first open: `$(HOSTCC) -v`, as Unikraft's Makefile asks it (src/project/arch.ts),
// here a compiler that compiles with gcc but says it targets aarch64 on this x86_64 machine (Node's
// idea of the machine is then wrong). The menu opened in tmux on the real app with no .config and
// saved at once must write what `make olddefconfig` writes with that compiler: the arm64 defaults.
// Twice: as HOSTCC (Node runs it), and as the gcc of the PATH, which the `ukmenu` command (the
// shell script bin/ukmenu) asks before Node starts (src/project/hostCcProbe.ts).
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

  /** A compiler at `file` that compiles with gcc but says it targets aarch64 (logging who asked, with `-v`, into $FAKE_LOG). */
  function crossGcc(file: string): void {
    const gcc = spawnSync('sh', ['-c', 'command -v gcc'], { encoding: 'utf8' }).stdout.trim();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `#!/bin/sh\nif [ "$1" = -v ]; then\n  [ -z "$FAKE_LOG" ] || echo "-v asked by $(cat /proc/$PPID/comm)" >> "$FAKE_LOG"\n  echo 'Target: aarch64-linux-gnu' >&2; exit 0\nfi\nexec '${gcc}' "$@"\n`, { mode: 0o755 });
  }

  /**
   * `make olddefconfig` in a copy of the app (of the same name: the image's) with `env`, then the
   * menu's first open (`command` in tmux, no answer kept) saved at once: the same file.
   */
  async function sameAsMake(name: string, command: string, env: Record<string, string>, extra: Record<string, string> = {}): Promise<void> {
    const made = path.join(real.root, `made-${name}`, 'app-helloworld');
    fs.cpSync(real.app, made, { recursive: true, verbatimSymlinks: true });
    const r = spawnSync('make', ['olddefconfig'], { cwd: made, env: { ...env, PWD: made }, encoding: 'utf8', timeout: 600_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    // (the copy's own path as CONFIG_UK_APP)
    const expected = fs.readFileSync(path.join(made, '.config'), 'utf8').replaceAll(made, real.app);
    expect(expected).toContain('CONFIG_ARCH_ARM_64=y');
    expect(expected).toContain('CONFIG_HOST_ARCH="arm64"');

    // the menu, first open (no answer kept): s saves the tree's defaults
    const config = path.join(real.app, '.config');
    fs.rmSync(config, { force: true });
    const pane = new Pane(SOCKET, name).start(`${command}; echo "EXIT=$?"; sleep 600`, real.app, { ...env, PWD: real.app, ...extra });
    await pane.shows('Image name');
    pane.press('Enter'); // Architecture Selection
    await pane.shows('Armv8 compatible (64 bits)');
    pane.press('Escape', 'Escape');
    pane.press('s');
    for (const t0 = Date.now(); !fs.existsSync(config) && Date.now() - t0 < 60_000;) await new Promise((res) => setTimeout(res, 50));
    pane.press('q');
    await pane.shows('EXIT=0');
    pane.kill();
    expect(fs.readFileSync(config, 'utf8')).toBe(expected);
  }

  test("a compiler that names another machine than Node's: the menu's tree is the one make loads with its answer", async () => {
    expect(process.arch).toBe('x64'); // (the machine the compiler does not name)
    const hostcc = path.join(work, 'cross-gcc');
    crossGcc(hostcc);
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, TERM: 'xterm-256color', LANG: 'C.UTF-8', HOSTCC: hostcc };
    await sameAsMake('hostcc', bin, env, { XDG_CACHE_HOME: path.join(work, 'first-open') });
  }, 600_000);

  test("gcc on the PATH, asked by the ukmenu command before Node starts (its probe): the same tree, nothing left behind", async () => {
    const gccDir = path.join(work, 'cross-bin');
    crossGcc(path.join(gccDir, 'gcc'));
    const env = { PATH: `${gccDir}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: work, TERM: 'xterm-256color', LANG: 'C.UTF-8' };
    const cache = path.join(work, 'probe-cache');
    const log = path.join(work, 'gcc-v.log');
    const trace = path.join(work, 'probe-trace');
    // the ukmenu command (bin/ukmenu, a shell script) as npm installs it, not its node file
    const command = path.join(path.dirname(bin), 'ukmenu');
    await sameAsMake('probe', command, env, { XDG_CACHE_HOME: cache, FAKE_LOG: log, UKMENU_TRACE: trace });
    // asked once, by the script's probe (a shell; from Node it would be node)
    expect(fs.readFileSync(log, 'utf8')).toBe('-v asked by ukmenu\n');
    const said = fs.readFileSync(trace, 'utf8');
    expect(said).toContain('gcc -v: started by bin/ukmenu');
    expect(said).toContain("gcc -v: the answer of bin/ukmenu's probe");
    // its file read and removed; a script's answer is not kept (it could print anything), so the
    // next open asks again
    expect(fs.readdirSync(path.join(cache, 'ukmenu', 'probes'))).toEqual([]);
    expect(fs.existsSync(path.join(cache, 'ukmenu', 'host-cc-known'))).toBe(false);
  }, 600_000);
});
