// The npm package as a user gets it: `npm pack` (its prepack builds the bundle), then a global
// install into a temporary prefix and `npx` from the tarball, both offline (the bundle carries every
// runtime module, so the package has no dependencies to fetch). The installed `ukmenu` prints its
// version and configures the bundled example exactly as Unikraft's own v5.2 conf (built from the
// real core in ../shared/unikraft) configures it. Packing happens in a copy of the checkout, so the
// repository's dist/ is left alone.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { binaryConfRunner } from '../../src/project/index.js';
import { unpackRealApp, type RealApp } from '../project/realUnikraft.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string; version: string };

let root: string;
let tarball: string;
let entries: string[];
let real: RealApp;

/** npm with its cache and global prefix in the test's folder: nothing of the user's is touched. */
function npm(args: string[], cwd: string) {
  const env = { ...process.env, npm_config_cache: path.join(root, 'npm-cache'), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: 300_000 });
  if (r.error) throw r.error;
  return r;
}

beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-pack-')));
  const stage = path.join(root, 'stage');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (!fs.existsSync(path.join(REPO, f))) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(stage, f)), { recursive: true });
    fs.copyFileSync(path.join(REPO, f), path.join(stage, f));
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(stage, 'node_modules'));
  const out = path.join(root, 'out');
  fs.mkdirSync(out);
  const r = npm(['pack', '--pack-destination', out], stage);
  expect(r.status, r.stderr).toBe(0);
  tarball = path.join(out, `${pkg.name}-${pkg.version}.tgz`);
  entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
  real = unpackRealApp();
}, 900_000);
afterAll(() => {
  real?.remove();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** The example copied out of an installed package and configured by `run` (its .config). */
function configureExample(installed: string, run: (cwd: string) => { status: number | null; stderr: string }): { app: string; config: string } {
  const app = path.join(fs.mkdtempSync(path.join(root, 'example-')), 'helloworld');
  fs.cpSync(path.join(installed, 'examples', 'helloworld'), app, { recursive: true });
  const r = run(app);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return { app, config: fs.readFileSync(path.join(app, '.config'), 'utf8') };
}

/** The reference: the same folder configured afresh by Unikraft's C conf through the same project model. */
async function referenceConfig(app: string): Promise<string> {
  for (const f of ['.config', '.config.old']) fs.rmSync(path.join(app, f), { force: true });
  let err = '';
  const code = await main(['conf', '--olddefconfig'], {
    cwd: app, env: { PATH: process.env.PATH, HOME: root, LANG: 'C' }, stdout: () => {}, stderr: (t) => { err += t; }, projectConf: binaryConfRunner(real.conf),
  });
  expect(err).toBe('');
  expect(code).toBe(0);
  return fs.readFileSync(path.join(app, '.config'), 'utf8');
}

describe('npm package', () => {
  it('holds the bundle, the bin, the example and the README, and nothing of the tests or sources', () => {
    expect(entries).toContain('package/package.json');
    expect(entries).toContain('package/bin/ukmenu.js');
    expect(entries).toContain('package/bin/ukmenu');
    expect(entries).toContain('package/dist/ukmenu.js');
    expect(entries).toContain('package/README.md');
    expect(entries).toContain('package/examples/helloworld/Config.uk');
    expect(entries).toContain('package/examples/helloworld/workdir/unikraft/Config.uk');
    const unwanted = entries.filter((e) => /^package\/(test|src|kconfig|components|scripts|node_modules)\/|\.tsx?$|\/\.config(\.old)?$|^package\/examples\/[^/]+\/build\//.test(e));
    expect(unwanted).toEqual([]);
    // V8 caches made by the build are named by each file's time, which npm pack resets: the installed
    // program makes its own in the user's cache folder on its first run (src/codeCache.ts)
    expect(entries.filter((e) => e.startsWith('package/dist/code-cache/'))).toEqual([]);
    const manifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(manifest.dependencies ?? {}).toEqual({}); // everything it runs is in dist/
  });

  it('a global install into a prefix runs: --version, and conf --olddefconfig on the bundled example', async () => {
    const prefix = path.join(root, 'prefix');
    const r = npm(['install', '-g', '--offline', '--prefix', prefix, tarball], root);
    expect(r.status, r.stderr).toBe(0);
    const bin = path.join(prefix, 'bin', 'ukmenu');
    const env = { PATH: `${path.join(prefix, 'bin')}:${process.env.PATH}`, HOME: root, LANG: 'C' };
    const v = spawnSync(bin, ['--version'], { env, encoding: 'utf8' });
    expect(v.stderr).toBe('');
    expect(v.stdout).toBe(`ukmenu ${pkg.version}\n`);
    const installed = path.join(prefix, 'lib', 'node_modules', pkg.name);
    const ours = configureExample(installed, (cwd) => spawnSync(bin, ['conf', '--olddefconfig'], { cwd, env: { ...env, PWD: cwd }, encoding: 'utf8' }));
    expect(ours.config).toMatch(/^CONFIG_ARCH_\w+=y$/m);
    expect(ours.config).toBe(await referenceConfig(ours.app));
  }, 300_000);

  it('npx runs it from the tarball', () => {
    const cwd = fs.mkdtempSync(path.join(root, 'npx-'));
    const r = npm(['exec', '--yes', '--offline', `--package=${tarball}`, '--', 'ukmenu', '--version'], cwd);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`ukmenu ${pkg.version}\n`);
  }, 300_000);
});
