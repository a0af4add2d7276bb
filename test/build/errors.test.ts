// The error lines of a build, read from what the real tools print: tar on a missing or broken archive,
// git/curl/wget against a closed local port, patch that does not apply, a shell without the program;
// the summary order (the cause first); the fetch tracker naming the library, the URL and the path.
//
// Needs tar, gzip, git, curl, wget and patch (.ci/run installs them); without CI a missing one skips.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test, type TestContext } from 'vitest';
import { parseErrorLine, summaryOrder, type BuildError } from '../../src/build/errors.js';
import { FetchTracker } from '../../src/build/fetch.js';
import { BuildProgress, parseStepLine } from '../../src/build/progress.js';
import { findProgram } from '../../src/build/tools.js';
import { requireOrSkip } from '../ci.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-errors-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A closed port on this machine: the connection is refused at once, nothing leaves it. */
const CLOSED = 'http://127.0.0.1:9';
/** No proxy may turn the refused connection into something else. */
const ENV = { PATH: process.env.PATH, HOME: root, LC_ALL: 'C', no_proxy: '*', NO_PROXY: '*' };

function need(ctx: TestContext, ...programs: string[]): void {
  const missing = programs.filter((p) => !findProgram(p));
  requireOrSkip(missing.join(', '), missing.length === 0, (note) => ctx.skip(note));
}

/** What `sh -c script` prints (stdout and stderr), line by line; run in a folder of its own. */
function outputOf(script: string): string[] {
  const cwd = mkdtempSync(path.join(root, 'run-'));
  const r = spawnSync('sh', ['-c', `(${script}) 2>&1`], { cwd, env: ENV, encoding: 'utf8', timeout: 60_000 });
  return r.stdout.split('\n').filter((l) => l !== '');
}

const kinds = (lines: string[]) => lines.map((l) => parseErrorLine(l)?.kind ?? null);

describe('error lines of the tools a build runs', () => {
  test('tar on a missing archive and on a broken one', (ctx) => {
    need(ctx, 'tar', 'gzip');
    const missing = outputOf(`tar -xzf ${root}/nowhere/libfoo-1.0.tar.gz -C .`);
    expect(missing[0]).toContain('Cannot open: No such file or directory');
    expect(kinds(missing).every((k) => k === 'tool'), missing.join('\n')).toBe(true);
    const broken = outputOf("printf 'x' > a.tar.gz && tar -xzf a.tar.gz");
    expect(broken.length).toBeGreaterThan(0);
    expect(kinds(broken).filter((k) => k !== null).length, broken.join('\n')).toBeGreaterThan(0);
    expect(kinds(broken).every((k) => k === 'tool'), broken.join('\n')).toBe(true);
  });

  test('downloads refused by a closed port: git, curl, wget (wget -q prints nothing)', (ctx) => {
    need(ctx, 'git', 'curl', 'wget');
    const git = outputOf(`git clone -q --depth 1 --branch v1 --no-tags ${CLOSED}/foo.git origin`);
    expect(git.map((l) => parseErrorLine(l)?.kind)).toContain('tool');
    const curl = outputOf(`curl -sS -o x ${CLOSED}/foo.tar.gz`);
    expect(kinds(curl)).toEqual(['tool']);
    const wget = outputOf(`wget -O x ${CLOSED}/foo.tar.gz`);
    expect(kinds(wget)).toContain('tool');
    // Unikraft's rule: quiet, and the archive removed when it fails
    expect(outputOf(`wget -q -O x ${CLOSED}/foo.tar.gz || rm -f x`)).toEqual([]);
  });

  test('patch that does not apply; a shell without the program', (ctx) => {
    need(ctx, 'patch');
    // Unikraft's patch rule: patch -sd DIR -p1 < FILE
    const patch = outputOf("mkdir s && printf 'a\\n' > s/f && printf -- '--- a/f\\n+++ b/f\\n@@ -1 +1 @@\\n-b\\n+c\\n' > p.patch && patch -sd s -p1 < p.patch");
    expect(kinds(patch), patch.join('\n')).toContain('tool');
    const t = new FetchTracker('/b');
    t.step(parseStepLine('  PATCH   libfoo: 0001-fix.patch')!);
    const causes = patch.map((l) => parseErrorLine(l)).filter((e) => e !== null).map((e) => t.failure(e!)).filter(Boolean);
    expect(causes).toHaveLength(1);
    expect(causes[0]!.text).toMatch(/^libfoo: the patch 0001-fix\.patch does not apply to its sources: /);
    expect(causes[0]!.hint![0]).toContain('/b/libfoo/origin');
    expect(kinds(outputOf('ukmenu-no-such-program --version'))).toEqual(['shell']);
  });

  test('compiler and make lines keep their kinds; warnings and steps are no errors', () => {
    expect(parseErrorLine('main.c:7:3: warning: unused variable')).toBeNull();
    expect(parseErrorLine('  UNTAR   libfoo: libfoo-1.0.tar.gz')).toBeNull();
    expect(parseErrorLine('/app/main.c:2:1: error: expected \';\'')?.kind).toBe('compiler');
    expect(parseErrorLine('make[2]: *** [/x/Makefile.uk:4: /b/libfoo/.origin] Error 2')?.kind).toBe('make');
  });
});

describe('summary order', () => {
  test('the cause first: a fetch failure, then real errors as printed, a shell\'s "not found", make\'s trailing lines', () => {
    const e = (text: string): BuildError => parseErrorLine(text)!;
    const errors = [
      e('sh: 1: wget: not found'),
      e('make[2]: *** [Makefile:9: x.o] Error 1'),
      e('/app/a.c:1:1: error: first'),
      e("tar: /b/x.tar.gz: Cannot open: No such file or directory"),
      { text: 'libfoo: could not download', kind: 'fetch' } as BuildError,
      e('/core/Makefile:3: *** No platform.  Stop.'),
    ];
    expect(summaryOrder(errors).map((x) => x.text)).toEqual([
      'libfoo: could not download',
      '/app/a.c:1:1: error: first',
      'tar: /b/x.tar.gz: Cannot open: No such file or directory',
      '/core/Makefile:3: *** No platform.  Stop.',
      'sh: 1: wget: not found',
      'make[2]: *** [Makefile:9: x.o] Error 1',
    ]);
  });
});

describe('fetch steps', () => {
  test('a download that failed: the library, the URL and where the archive is expected, from tar\'s real message', (ctx) => {
    need(ctx, 'tar', 'gzip');
    const build = path.join(root, 'build');
    mkdirSync(path.join(build, 'libfoo', 'origin'), { recursive: true });
    const archive = path.join(build, 'libfoo', 'libfoo-1.0.tar.gz');
    const p = new BuildProgress(1000, Date.now, build);
    p.start();
    for (const l of [
      `  WGET    libfoo: ${CLOSED}/libfoo-1.0.tar.gz`,
      '  UNTAR   libfoo: libfoo-1.0.tar.gz',
      ...outputOf(`tar -xzf ${archive} -C ${build}/libfoo/origin`),
      'make[2]: *** [/x/libfoo/Makefile.uk:4: /b/libfoo/.origin] Error 2',
    ]) p.line(l, 'err');
    expect(p.done).toBe(2);
    expect(p.fetches.libs.get('libfoo')).toMatchObject({ urls: [`${CLOSED}/libfoo-1.0.tar.gz`], archive: 'libfoo-1.0.tar.gz' });
    p.finish({ exitCode: 2 });
    const cause = p.cause!;
    expect(cause.kind).toBe('fetch');
    expect(cause.text).toBe(`libfoo: could not download its sources from ${CLOSED}/libfoo-1.0.tar.gz`);
    expect(cause.hint![0]).toBe(`the archive is expected at ${archive}`);
    expect(p.errors.filter((x) => x.kind === 'fetch')).toHaveLength(1); // once, not for each tar line
  });

  test('fetch2\'s second URL, wget missing, a clone that failed, a checksum mismatch', (ctx) => {
    need(ctx, 'git');
    const t = new FetchTracker('/b');
    const step = (l: string) => t.step(parseStepLine(l)!);
    expect(step('  WGET    libbar: https://a.example/bar-2.tgz [retry-with: https://b.example/bar-2.tgz]')).toBe(true);
    expect(step('  CC      libbar: x.o')).toBe(false);
    expect(t.failure(parseErrorLine('/bin/sh: 1: wget: not found')!)).toBeNull();
    const bar = t.failure(parseErrorLine('tar (child): /b/libbar/bar-2.tgz: Cannot open: No such file or directory')!)!;
    expect(bar.text).toBe('libbar: could not download its sources from https://a.example/bar-2.tgz or https://b.example/bar-2.tgz (wget is not installed: Debian/Ubuntu package wget)');

    step('  GIT     libgit');
    const git = outputOf(`git clone -q --depth 1 --branch v1 --no-tags ${CLOSED}/libgit.git origin`).map((l) => t.failure(parseErrorLine(l) ?? { text: l, kind: 'tool' })).filter(Boolean);
    expect(git).toHaveLength(1);
    expect(git[0]!.text).toMatch(new RegExp(`^libgit: could not clone its sources from ${CLOSED}/libgit\\.git: unable to access`));
    expect(git[0]!.hint).toEqual(['the sources are expected in /b/libgit/origin', expect.stringContaining('create /b/libgit/.origin')]);

    step('  SHA256  libsum: sum-1.tar.gz');
    const sum = t.failure(parseErrorLine('/b/libsum/sum-1.tar.gz: SHA256 checksum validation failed')!)!;
    expect(sum.text).toBe('libsum: the archive /b/libsum/sum-1.tar.gz does not match its SHA256 checksum (LIBSUM_ORIGIN_SHA256)');
  });
});
