// The real program: bin/ukmenu.js from the sources (tsx) and from the esbuild bundle.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, rmrf } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/ukmenu.js');
let bundleDir: string;

beforeAll(() => {
  bundleDir = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-bundle-'));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/bundle.mjs'), '--outdir', bundleDir], { cwd: ROOT });
});
afterAll(() => rmrf(bundleDir));

function run(kind: 'source' | 'bundle', args: string[], cwd = os.tmpdir()) {
  return kind === 'source'
    ? spawnSync(process.execPath, [BIN, ...args], { cwd, env: cleanEnv({ UKMENU_FROM_SOURCE: '1' }), encoding: 'utf8' })
    : spawnSync(process.execPath, [path.join(bundleDir, 'ukmenu.js'), ...args], { cwd, env: cleanEnv(), encoding: 'utf8' });
}

describe.each(['source', 'bundle'] as const)('ukmenu (%s)', (kind) => {
  it('--help', () => {
    const r = run(kind, ['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ukmenu [OPTIONS] conf [CONF-ARGS]');
  });

  it('an error is one clear message and a non-zero exit, never a stack trace', () => {
    const r = run(kind, ['--app', '/nonexistent/app', 'conf', '--olddefconfig']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('ukmenu: the application folder /nonexistent/app does not exist\n  fix: check the path given to --app\n');
    expect(r.stdout).toBe('');
  });

  it('a plain conf on a Kconfig file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-plain-'));
    try {
      execFileSync('sh', ['-c', `printf 'config A\\n\\tbool "a"\\n\\tdefault y\\n' > ${dir}/Kconfig`]);
      const r = run(kind, ['conf', '-s', '--olddefconfig', 'Kconfig'], dir);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(execFileSync('cat', [path.join(dir, '.config')], { encoding: 'utf8' })).toContain('CONFIG_A=y\n');
    } finally {
      rmrf(dir);
    }
  });
});

it("the bundle's string-width (components/fastStringWidth.ts in front of the real one) measures as string-width does, fast path or not", async () => {
  const chunk = readdirSync(path.join(bundleDir, 'chunks')).find((f) => f.startsWith('string-width-'));
  expect(chunk, 'the chunk components/inkCache.ts imports string-width from').toBeDefined();
  const bundled = (await import(pathToFileURL(path.join(bundleDir, 'chunks', chunk!)).href)).default as (s: string) => number;
  const real = (await import('string-width')).default;
  // plain frame text (the fast path), then what only the real one measures: emoji, marks, jamo, wide, ANSI
  for (const s of ['─── Menu ───', '⏎ enter · ␣ toggle …', '👍', 'e\u0301', '\u1100\u1161', '中文', '\x1b[31mred\x1b[0m', '🇫🇷 ok', 'a\tb'])
    expect(bundled(s), JSON.stringify(s)).toBe(real(s));
  // and again, now that the real one is loaded
  expect(bundled('👍─')).toBe(3);
});
