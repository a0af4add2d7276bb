// `ukmenu build` / `ukmenu run` argument handling through the CLI's main(), in-process.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { main } from '../../src/cli.js';
import { findProgram } from '../../src/build/tools.js';
import { requireOrSkip } from '../ci.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/helloworld', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-runcli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function ukmenu(...argv: string[]) {
  let out = '';
  let err = '';
  const env = { ...process.env };
  delete env.MAKEFLAGS;
  const code = await main(argv, { cwd: tmp, env, stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
  return { code, out, err };
}

test('help and usage errors', async () => {
  let r = await ukmenu('run', '--help');
  expect(r.code).toBe(0);
  expect(r.out).toContain('exits with the guest\'s status');
  expect(r.out).toContain('124 timeout');
  r = await ukmenu('build', '-h');
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^Usage: ukmenu \[OPTIONS\] build/);
  r = await ukmenu('help');
  expect(r.out).toContain('ukmenu [OPTIONS] run [--timeout SECONDS]');
});

test('bad arguments exit 2; no .config says how to make one', async (ctx) => {
  requireOrSkip('make', !!findProgram('make'), (note) => ctx.skip(note));
  const config = path.join(tmp, 'none.config');
  let r = await ukmenu('build', '--app', EXAMPLE, '--config', config, '--bogus');
  expect(r.code).toBe(2);
  expect(r.err).toContain('unknown argument for build: --bogus');
  r = await ukmenu('--app', EXAMPLE, '--config', config, 'run', '--timeout', 'soon');
  expect(r.code).toBe(2);
  expect(r.err).toContain('--timeout needs a number of seconds, not "soon"');
  r = await ukmenu('run', '--app', EXAMPLE, '--config', config, '--build-dir', path.join(tmp, 'b'), '--timeout', '5');
  expect(r.code).toBe(1);
  expect(r.err).toContain(`ukmenu: there is no configuration yet (${config})`);
  expect(r.err).toContain('ukmenu conf --olddefconfig');
});
