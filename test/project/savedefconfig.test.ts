// The minimal configuration of an application, byte for byte what Unikraft's `make savedefconfig`
// writes on the real core (conf's minimal file plus the Makefile's CONFIG_ARCH_...=y and
// CONFIG_UK_NAME lines): `ukmenu conf --savedefconfig FILE` and the menu's `d`
// (tree.writeMinimalConfig on the tree the menu loads), and writing it leaves the tree's saved/unsaved state alone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverProject } from '../../src/project/index.js';
import { loadTree } from '../../src/tree.js';
import { cleanEnv, runCli } from './fixtures.js';
import { unpackRealApp, type RealApp } from './realUnikraft.js';

let real: RealApp;
let x86: string;
beforeAll(() => {
  real = unpackRealApp();
  x86 = fs.readFileSync(path.join(real.app, '.config'), 'utf8');
}, 600_000);
afterAll(() => real?.remove());

const toArm64 = (c: string) => c.replace(/^CONFIG_ARCH_X86_64=y$/m, '# CONFIG_ARCH_X86_64 is not set\nCONFIG_ARCH_ARM_64=y');

describe('minimal configuration = make savedefconfig on the real core', () => {
  it.each([
    ['x86_64 .config on this x86_64 host', (c: string) => c, {}],
    ['x86_64 .config, some values changed', (c: string) => c.replace(/^CONFIG_LIBUKDEBUG_PRINTK_ERR=y$/m, 'CONFIG_LIBUKDEBUG_PRINTK_WARN=y').replace(/^# CONFIG_LIBUKDEBUG_ANSI_COLOR is not set$/m, 'CONFIG_LIBUKDEBUG_ANSI_COLOR=y'), {}],
    ['arm64 .config with its own image name', (c: string) => toArm64(c).replace(/^CONFIG_UK_NAME=.*$/m, 'CONFIG_UK_NAME="custom"'), {}],
    ['arm64 .config, ARCH=arm64 in the environment', toArm64, { ARCH: 'arm64' }],
  ] as [string, (c: string) => string, Record<string, string>][])('%s', async (_name, edit, extra) => {
    const env = cleanEnv(extra);
    const config = path.join(real.app, '.config');
    fs.writeFileSync(config, edit(x86));
    const old = real.make(['olddefconfig'], extra);
    expect(old.status, old.stderr).toBe(0);
    const made = path.join(real.app, 'defconfig');
    fs.rmSync(made, { force: true });
    const r = real.make(['savedefconfig'], extra);
    expect(r.status, r.stderr).toBe(0);
    const reference = fs.readFileSync(made, 'utf8');
    expect(reference).toMatch(/CONFIG_UK_NAME="[^"]+"\n$/);

    const viaConf = path.join(real.root, 'conf.defconfig');
    fs.rmSync(viaConf, { force: true });
    const cli = await runCli(['conf', '--savedefconfig', viaConf], { cwd: real.app, env: { ...env, PWD: real.app } });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(fs.readFileSync(viaConf, 'utf8')).toBe(reference);

    const project = await discoverProject({ cwd: real.app, env: { ...env, PWD: real.app } });
    const { tree } = loadTree({ kind: 'project', project, baseEnv: env });
    expect(tree.changed).toBe(false);
    const viaMenu = path.join(real.root, 'menu.defconfig');
    tree.writeMinimalConfig(viaMenu);
    expect(fs.readFileSync(viaMenu, 'utf8')).toBe(reference);
    expect(tree.changed).toBe(false); // a minimal copy changes nothing in .config
    tree.set('LIBUKDEBUG_ANSI_COLOR', tree.value('LIBUKDEBUG_ANSI_COLOR') === 'y' ? 'n' : 'y');
    tree.writeMinimalConfig(viaMenu);
    expect(tree.changed).toBe(true); // and an unsaved edit stays unsaved
  }, 300_000);
});
