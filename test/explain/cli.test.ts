// `ukmenu why`, `ukmenu search`, --json and --kconfig/--config, end to end through main() on a
// plain Kconfig tree, the Unikraft corpus and a (fake) Unikraft application.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { appMakefile, cleanEnv, makeFakeApp, makeFakeCore, makeFakeLib, rmrf, runCli } from '../project/fixtures.js';
import { CORPUS, corpusEnv, tempDir } from './trees.js';

const KCONFIG = `mainmenu "CLI test"

config NET
\tbool "Networking support"
\tdefault y

menu "Drivers"
\tdepends on NET

config DRV_A
\tbool "Driver A"
\tselect LIB_X

config LIB_X
\tbool "Library X"
\thelp
\t  The X library.

config DRV_B
\tbool "Driver B"
\tdepends on DRV_A

endmenu

config MSG
\tstring "Message"
\tdefault "hi"
`;

let dirs: string[] = [];
afterEach(() => { for (const d of dirs) rmrf(d); dirs = []; });

function plainTree(dotconfig?: string): string {
  const dir = tempDir('ukmenu-cli-');
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'Kconfig'), KCONFIG);
  if (dotconfig !== undefined) fs.writeFileSync(path.join(dir, '.config'), dotconfig);
  return dir;
}

describe('ukmenu --kconfig FILE why SYMBOL', () => {
  test('why it is on, what keeps it, and the way out with everything else it changes', async () => {
    const dir = plainTree('CONFIG_DRV_A=y\n');
    const r = await runCli(['--kconfig', 'Kconfig', 'why', 'LIB_X'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'LIB_X = y   (bool, "Library X")',
      // the menu depends on NET, the symbol just before it: it becomes NET's submenu
      '  defined at Kconfig:14   menu: Networking support > Drivers',
      '',
      'Why y:',
      '  * DRV_A [=y] selects LIB_X (if NET)',
      '      NET [=y]   (menu "Drivers", Kconfig:7)',
      '      * the user set DRV_A to y (in .config or in the menu)',
      '  - LIB_X has no default',
      '',
      'Depends on (met):',
      '  ✓ NET [=y]   (menu "Drivers", Kconfig:7)',
      '',
      'What keeps it from changing:',
      '  LIB_X is forced to y by select from DRV_A [=y] && NET [=y]',
      '',
      'Way out (LIB_X=n):',
      // LIB_X has no default: turning DRV_A off is enough
      '  To turn LIB_X off: turn off DRV_A (currently y; it selects LIB_X).',
      '    set DRV_A=n   (now y; it selects LIB_X)',
      '  This also changes 1 other value:',
      '    LIB_X: y -> n',
      '',
    ].join('\n'));
  });

  test('unmet dependencies term by term; the way to make it settable; CONFIG_ prefix; --to', async () => {
    const dir = plainTree('# CONFIG_NET is not set\n');
    const r = await runCli(['--kconfig=Kconfig', 'why', 'CONFIG_DRV_B'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('DRV_B = n   (bool, "Driver B")');
    expect(r.stdout).toContain('Depends on (unmet: 2 of 2 terms false):\n  ✗ NET [=n]   [unmet]   (menu "Drivers", Kconfig:7)\n  ✗ DRV_A [=n]   [unmet]   (depends on, Kconfig:19)\n');
    expect(r.stdout).toContain('What keeps it from changing:\n  unmet dependencies (Kconfig:19): NET [=n], DRV_A [=n]\n');
    expect(r.stdout).toContain('To turn DRV_B on: turn on NET (currently n; DRV_B depends on it), turn on DRV_A (currently n; DRV_B depends on it), then set DRV_B=y.');
    expect(r.stdout).toContain('This also changes 1 other value:\n    LIB_X: n -> y\n');
    const s = await runCli(['--kconfig', 'Kconfig', 'why', 'MSG', '--to', 'hello there'], { cwd: dir });
    expect(s.stdout).toContain('MSG = "hi"   (string, "Message")');
    expect(s.stdout).toContain('To set MSG to "hello there": set MSG=hello there.');
    const none = await runCli(['--kconfig', 'Kconfig', 'why', 'MSG'], { cwd: dir });
    expect(none.stdout).not.toContain('Way out');
  });

  test('--json: the explanation and the plan', async () => {
    const dir = plainTree('CONFIG_DRV_A=y\n');
    const r = await runCli(['--kconfig', 'Kconfig', 'why', 'LIB_X', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.config).toBe(path.join(dir, '.config'));
    expect(j.configFound).toBe(true);
    expect(j.symbol).toMatchObject({ name: 'LIB_X', value: 'y', type: 'bool', changeable: false });
    expect(j.symbol.because[0]).toMatchObject({ kind: 'select', symbol: 'DRV_A', value: 'y', decisive: true });
    expect(j.symbol.selectedBy).toEqual([{ symbol: 'DRV_A', value: 'y', expr: 'DRV_A [=y] && NET [=y]' }]);
    expect(j.wayOut).toMatchObject({ ok: true, wanted: 'n', edits: [{ name: 'DRV_A', value: 'n' }] });
    expect(j.wayOut.changes).toEqual([{ name: 'DRV_A', from: 'y', to: 'n' }, { name: 'LIB_X', from: 'y', to: 'n' }]);
  });

  test('--config FILE, or KCONFIG_CONFIG, picks the .config', async () => {
    const dir = plainTree('CONFIG_DRV_A=y\n');
    fs.writeFileSync(path.join(dir, 'other.config'), '# CONFIG_DRV_A is not set\n');
    const a = await runCli(['--kconfig', 'Kconfig', '--config', 'other.config', 'why', 'DRV_A', '--json'], { cwd: dir });
    expect(JSON.parse(a.stdout).symbol.userValue).toBe('n');
    const b = await runCli(['--kconfig', 'Kconfig', 'why', 'DRV_A', '--json'], { cwd: dir, env: cleanEnv({ KCONFIG_CONFIG: 'other.config' }) });
    expect(JSON.parse(b.stdout).symbol.userValue).toBe('n');
    const c = await runCli(['why', 'DRV_A', '--kconfig', 'Kconfig', '--config', 'missing.config'], { cwd: dir });
    expect(c.code).toBe(0);
    expect(c.stderr).toBe(`ukmenu: note: ${path.join(dir, 'missing.config')} does not exist: showing the defaults\n`);
  });

  test('clear errors: unknown symbol with close names, missing arguments, a broken tree', async () => {
    const dir = plainTree();
    const u = await runCli(['--kconfig', 'Kconfig', 'why', 'DRV_C'], { cwd: dir });
    expect(u.code).toBe(1);
    expect(u.stdout).toBe('');
    expect(u.stderr).toContain('ukmenu: unknown symbol DRV_C\n  did you mean: DRV_A, DRV_B?\n');
    const m = await runCli(['--kconfig', 'Kconfig', 'why'], { cwd: dir });
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('why needs a symbol');
    const x = await runCli(['--kconfig', 'Kconfig', '--app', dir, 'why', 'NET'], { cwd: dir });
    expect(x.code).toBe(2);
    expect(x.stderr).toContain('--kconfig is a plain Kconfig tree: --app does not apply');
    fs.writeFileSync(path.join(dir, 'Bad'), 'config A\n\tbool "a"\n\tdepends on (\n');
    const b = await runCli(['--kconfig', 'Bad', 'search', 'a'], { cwd: dir });
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/^Bad:\d+: syntax error/m);
    expect(b.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const n = await runCli(['--kconfig', 'Nope', 'why', 'A'], { cwd: dir });
    expect(n.code).not.toBe(0);
    expect(n.stderr).toMatch(/Nope/);
    expect(n.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('ukmenu search', () => {
  test('best match first, one result a line, the symbol name first', async () => {
    const dir = plainTree('# CONFIG_NET is not set\n');
    const r = await runCli(['--kconfig', 'Kconfig', 'search', 'driver'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'menu "Drivers"   Networking support   [hidden]',
      'DRV_A  = n  bool  "Driver A"   Networking support > Drivers   [hidden]',
      'DRV_B  = n  bool  "Driver B"   Networking support > Drivers   [hidden]',
      'LIB_X  = n  bool  "Library X"   Networking support > Drivers   [hidden]',
      '',
    ].join('\n'));
    const v = await runCli(['--kconfig', 'Kconfig', 'search', 'driver', '--visible'], { cwd: dir });
    expect(v.code).toBe(1);
    expect(v.stdout).toBe('');
    expect(v.stderr).toBe('ukmenu: nothing matches "driver"\n');
    const p = await runCli(['--kconfig', 'Kconfig', 'search', 'CONFIG_MSG'], { cwd: dir });
    expect(p.stdout).toBe('MSG  = "hi"  string  "Message"   (main menu)\n');
    const w = await runCli(['--kconfig', 'Kconfig', 'search', 'x', 'library', '--limit', '1'], { cwd: dir });
    expect(w.stdout).toBe('LIB_X  = n  bool  "Library X"   Networking support > Drivers   [hidden]\n');
  });

  test('--json with match ranges, --limit', async () => {
    const dir = plainTree();
    const r = await runCli(['--kconfig', 'Kconfig', 'search', 'drv', '--json', '--limit=1'], { cwd: dir });
    const j = JSON.parse(r.stdout);
    expect(j.query).toBe('drv');
    expect(j.total).toBe(2);
    expect(j.results).toHaveLength(1);
    expect(j.results[0]).toMatchObject({ name: 'DRV_A', kind: 'symbol', type: 'bool', value: 'n', visible: true, path: ['Networking support', 'Drivers'], field: 'name', matches: { name: [[0, 2]] } });
    expect(r.stderr).toBe(`ukmenu: note: ${path.join(dir, '.config')} does not exist: showing the defaults\n`);
  });

  test('the Unikraft corpus through --kconfig with its environment', async () => {
    const cfg = path.join(tempDir(), '.config');
    const env = { ...corpusEnv(cfg) };
    const s = await runCli(['--kconfig', 'unikraft/Config.uk', 'search', 'ukdebug', 'printk', '--limit', '1'], { cwd: CORPUS, env });
    expect(s.stdout).toBe('LIBUKDEBUG_PRINTK  = y  bool  "Enable kernel messages (uk_printk)"   Library Configuration > ukdebug: Debugging and tracing\n');
    const w = await runCli(['--kconfig', 'unikraft/Config.uk', 'why', 'LIBUKDEBUG'], { cwd: CORPUS, env });
    expect(w.code).toBe(0);
    expect(w.stdout).toContain('  * LIBUKALLOC [=y] selects LIBUKDEBUG\n');
    expect(w.stdout).toContain('Way out (LIBUKDEBUG=n):\n  To turn LIBUKDEBUG off: ');
  });
});

describe('on a Unikraft application (project discovery)', () => {
  test('why and search on the app tree; the menu with --kconfig opens the plain tree', async () => {
    const root = tempDir('ukmenu-cli-app-');
    dirs.push(root);
    const app = makeFakeApp(path.join(root, 'helloworld'), appMakefile('$(UK_LIBS)/musl'));
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    makeFakeLib(path.join(app, 'workdir/libs/musl'), 'LIBMUSL');
    const w = await runCli(['why', 'APP_MESSAGE', '--json'], { cwd: app });
    expect(w.code).toBe(0);
    const j = JSON.parse(w.stdout);
    expect(j.symbol).toMatchObject({ name: 'APP_MESSAGE', value: 'hello', type: 'string' });
    expect(j.config).toBe(path.join(app, '.config'));
    const s = await runCli(['--app', app, 'search', 'musl'], { cwd: root });
    expect(s.code).toBe(0);
    expect(s.stdout).toBe('LIBMUSL  = y  bool  "libmusl"   Library Configuration\n');

    const opened: unknown[] = [];
    const m = await runCli(['--kconfig', 'K', '--config', 'c.config'], {
      cwd: root,
      openKconfigMenu: async (o) => { opened.push(o); return 0; },
      openMenu: async () => { throw new Error('not the project menu'); },
    });
    expect(m.code).toBe(0);
    expect(opened).toEqual([{ kind: 'kconfig', kconfig: 'K', config: 'c.config', env: expect.any(Object), cwd: root }]);
  });

  test('--kconfig FILE conf MODE is the plain conf on FILE', async () => {
    const dir = plainTree();
    const r = await runCli(['--kconfig', 'Kconfig', '--config', 'out.config', 'conf', '--olddefconfig'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out.config'), 'utf8')).toContain('CONFIG_NET=y\n');
    const bad = await runCli(['--kconfig', 'Kconfig', 'project'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--kconfig applies to the menu, why, search and conf, not to project');
  });
});
