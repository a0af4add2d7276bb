// kconfig/lexer.ts's globPaths, what Unikraft's `source` globs with, against glibc's glob(3) itself
// (a small C program built here with gcc: zconf_nextfiles calls glob(pattern, 0, ...)): on a folder
// of files, folders, links to both and links that point nowhere (which glob(3) finds: it looks
// with lstat), for names without wildcards and with *, ? and [...], in the C locale.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requireOrSkip } from '../ci.js';
import { globPaths } from '../../kconfig/lexer.js';

const HAVE_GCC = spawnSync('sh', ['-c', 'command -v gcc']).status === 0;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-glob-'));
const root = path.join(dir, 'tree');
const cGlob = path.join(dir, 'glob');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** glob(3)'s matches, as zconf_nextfiles gets them (none on an error or no match). */
function glibcGlob(pattern: string): string[] {
  const out = execFileSync(cGlob, [pattern], { cwd: root, encoding: 'latin1', env: { LC_ALL: 'C' } });
  return out === '' ? [] : out.replace(/\n$/, '').split('\n');
}

describe.skipIf(requireOrSkip('gcc', HAVE_GCC))('globPaths', () => {
  beforeAll(() => {
    fs.writeFileSync(path.join(dir, 'glob.c'), `#include <glob.h>
#include <locale.h>
#include <stdio.h>
int main(int argc, char **argv) {
  glob_t g;
  setlocale(LC_ALL, "");
  if (glob(argv[1], 0, NULL, &g) != 0) return 0;
  for (size_t i = 0; i < g.gl_pathc; i++) printf("%s\\n", g.gl_pathv[i]);
  return 0;
}
`);
    execFileSync('gcc', ['-o', cGlob, path.join(dir, 'glob.c')]);
    // lib/a (Config.uk), lib/b (Config.uk, a link to a), lib/c (no Config.uk), lib/d -> nowhere,
    // lib/e/Config.uk -> nowhere, lib/.h (hidden), lib/f (a file), Config.uk at the top
    const mk = (p: string, text = 'config X\n\tbool\n') => { fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true }); fs.writeFileSync(path.join(root, p), text); };
    mk('lib/a/Config.uk');
    fs.symlinkSync('a', path.join(root, 'lib/b'));
    fs.mkdirSync(path.join(root, 'lib/c'), { recursive: true });
    fs.symlinkSync('/nonexistent/d', path.join(root, 'lib/d'));
    fs.mkdirSync(path.join(root, 'lib/e'), { recursive: true });
    fs.symlinkSync('/nonexistent/Config.uk', path.join(root, 'lib/e/Config.uk'));
    mk('lib/.h/Config.uk');
    mk('lib/f');
    mk('Config.uk');
  });

  test('finds what glob(3) finds, in its order', () => {
    const patterns = [
      'Config.uk', 'missing.uk', 'lib', 'lib/a/Config.uk', 'lib/b/Config.uk', 'lib/c/Config.uk', 'lib/d', 'lib/d/Config.uk',
      'lib/e/Config.uk', 'lib/f', 'lib/f/Config.uk', 'lib/.h/Config.uk',
      'lib/*/Config.uk', 'lib/*', 'lib/?/Config.uk', 'lib/[ab]/Config.uk', 'lib/[!a]/Config.uk', 'lib/.*/Config.uk',
      '*/a/Config.uk', 'lib/*/*', '*.uk', 'lib/e/*',
    ];
    for (const p of patterns) {
      expect(globPaths(p, root), p).toEqual(glibcGlob(p));
      const abs = path.join(root, p);
      expect(globPaths(abs, '/'), abs).toEqual(glibcGlob(abs));
    }
  });

  test('random patterns of those names and wildcards: the same as glob(3)', () => {
    const parts = ['lib', 'a', 'b', 'c', 'd', 'e', 'f', '.h', 'Config.uk', 'x', '*', '?', '[ab]', '[!a]', '.*', '*.uk', 'C*', '[a-c]', '..', '.'];
    let seed = 20261207;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    for (let i = 0; i < 300; i++) {
      const p = Array.from({ length: 1 + rnd(3) }, () => parts[rnd(parts.length)]).join('/');
      expect(globPaths(p, root), p).toEqual(glibcGlob(p));
    }
  });
});
