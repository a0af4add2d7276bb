// The real program: bin/ukmenu.js from the sources (tsx) and from the esbuild bundle.
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire, isBuiltin } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, renameSync, symlinkSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, rmrf } from './fixtures.js';
import { settingsName } from '../../src/codeCache.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/ukmenu.js');
let bundleDir: string;

beforeAll(() => {
  bundleDir = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-bundle-'));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/bundle.mjs'), '--outdir', bundleDir], { cwd: ROOT });
});
afterAll(() => rmrf(bundleDir));

/** The bundle's chunk named `prefix`... that holds `text` (a chunk is named after the first of esbuild's files in it). */
function chunk(prefix: string, text: string): string {
  const dir = path.join(bundleDir, 'chunks');
  const name = readdirSync(dir).find((f) => f.startsWith(prefix) && readFileSync(path.join(dir, f), 'utf8').includes(text));
  expect(name, `${prefix}* with ${text}`).toBeDefined();
  return pathToFileURL(path.join(dir, name!)).href;
}

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
  // the chunk components/inkCache.ts imports string-width from
  const bundled = (await import(chunk('string-width-', 'export'))).default as (s: string) => number;
  const real = (await import('string-width')).default;
  // plain frame text (the fast path), then what only the real one measures: emoji, marks, jamo, wide, ANSI
  for (const s of ['─── Menu ───', '⏎ enter · ␣ toggle …', '👍', 'e\u0301', '\u1100\u1161', '中文', '\x1b[31mred\x1b[0m', '🇫🇷 ok', 'a\tb'])
    expect(bundled(s), JSON.stringify(s)).toBe(real(s));
  // and again, now that the real one is loaded
  expect(bundled('👍─')).toBe(3);
});

it("the bundle's modules whose grapheme segmenter is made on first use (scripts/bundle.mjs) cut and tokenize as the originals do", async () => {
  const bundledSlice = (await import(chunk('slice-ansi-', 'export'))).default as (s: string, a: number, b?: number) => string;
  const realSlice = (await import('slice-ansi')).default;
  const bundledTok = await import(chunk('build-', 'styledCharsFromTokens')) as typeof import('@alcalzone/ansi-tokenize');
  const realTok = await import('@alcalzone/ansi-tokenize');
  for (const s of ['plain text', '\x1b[31mred\x1b[0m and 👍🏽 e\u0301 中文', '🇫🇷🇩🇪 ok', 'a\u200db'])
    for (const [a, b] of [[0, 3], [1, 5], [2, undefined]] as const) {
      expect(bundledSlice(s, a, b), JSON.stringify([s, a, b])).toBe(realSlice(s, a, b));
      expect(bundledTok.styledCharsFromTokens(bundledTok.tokenize(s)), JSON.stringify(s)).toEqual(realTok.styledCharsFromTokens(realTok.tokenize(s)));
    }
});

describe("the bundle loaded with V8's code cache (src/codeCache.ts, with each set of node settings bin/ukmenu starts it with)", () => {
  const [shebang, engine] = readFileSync(BIN, 'utf8').split('\n');
  const FLAGS = shebang.replace(/^#!.*?\bnode\b/, '').trim().split(/\s+/);
  const ENGINE_FLAGS = [...FLAGS, ...engine.replace('// engine:', '').trim().split(/\s+/)];
  /** conf on a small Kconfig through the loader; its .config, stderr and UKMENU_TRACE's code-cache line. */
  function confThroughLoader(cacheHome: string, flags = FLAGS) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-cc-'));
    try {
      writeFileSync(path.join(dir, 'Kconfig'), 'config A\n\tbool "a"\n\tdefault y\nconfig B\n\tint "b"\n\tdefault 7\n');
      const trace = path.join(dir, 'trace');
      // what bin/ukmenu.js does with the bundle it finds
      writeFileSync(path.join(dir, 'start.cjs'), `const l = require(${JSON.stringify(path.join(bundleDir, 'codeCache.cjs'))});\nif (!l.codeCacheAvailable()) process.exit(9);\n`
        + `l.importWithCodeCache(${JSON.stringify(path.join(bundleDir, 'ukmenu.js'))});\n`);
      const r = spawnSync(process.execPath, [...flags, 'start.cjs', 'conf', '-s', '--olddefconfig', 'Kconfig'],
        { cwd: dir, env: cleanEnv({ XDG_CACHE_HOME: cacheHome, UKMENU_TRACE: trace }), encoding: 'utf8' });
      expect(r.stderr).toBe(''); // no ExperimentalWarning
      const line = readFileSync(trace, 'utf8').split('\n').find((l) => l.startsWith('code cache:')) ?? '';
      const [used, compiled, made] = (line.match(/\d+/g) ?? []).map(Number);
      return { status: r.status, stderr: r.stderr, config: readFileSync(path.join(dir, '.config'), 'utf8'), used, compiled, made };
    } finally {
      rmrf(dir);
    }
  }

  it('npm run build made a cache for every module, for the menu\'s settings and for the engine\'s; a run with either compiles none from text and writes the same .config, without a warning', () => {
    const modules = readdirSync(path.join(bundleDir, 'chunks')).length + 1; // and ukmenu.js
    expect(readdirSync(path.join(bundleDir, 'code-cache')).sort()).toEqual([settingsName(FLAGS), settingsName(ENGINE_FLAGS)].sort());
    const home = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-cc-home-'));
    try {
      for (const flags of [FLAGS, ENGINE_FLAGS]) {
        expect(readdirSync(path.join(bundleDir, 'code-cache', settingsName(flags))).length).toBe(modules);
        const r = confThroughLoader(home, flags);
        expect(r.status).toBe(0);
        expect(r.config).toContain('CONFIG_A=y\nCONFIG_B=7\n');
        expect(r.used).toBeGreaterThan(0);
        expect(r.compiled).toBe(0);
      }
    } finally {
      rmrf(home);
    }
  });

  it("each module's cache holds its functions compiled, not only its top level (as V8 makes a cache of a module not yet run), and V8 takes it", () => {
    // V8 itself, with each set of settings: a cache of the module as it stands before it runs, and
    // whether V8 takes the build's cache for it
    const probe = `const vm = require('node:vm'), fs = require('node:fs');
      const [file, cacheFile] = process.argv.slice(-2);
      const text = fs.readFileSync(file, 'utf8');
      const lazy = new vm.SourceTextModule(text).createCachedData().length;
      const taken = new vm.SourceTextModule(text, { cachedData: fs.readFileSync(cacheFile) });
      process.stdout.write(JSON.stringify({ lazy, whole: fs.statSync(cacheFile).size, taken: !!taken }));`;
    const dir = path.join(bundleDir, 'chunks');
    // the chunks with the engine's parser and the menu's rows: both run before the first frame
    const files = ['parseFile(', 'rowText('].map((text) => readdirSync(dir).map((f) => path.join(dir, f)).find((f) => readFileSync(f, 'utf8').includes(text))!);
    for (const flags of [FLAGS, ENGINE_FLAGS]) {
      const caches = path.join(bundleDir, 'code-cache', settingsName(flags));
      for (const file of files) {
        const cacheFile = path.join(caches, readdirSync(caches).find((c) => c.startsWith(`${path.basename(file)}-`))!);
        const r = spawnSync(process.execPath, [...flags, '-e', probe, file, cacheFile], { env: cleanEnv(), encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        const { lazy, whole, taken } = JSON.parse(r.stdout) as { lazy: number; whole: number; taken: boolean };
        expect(taken).toBe(true);
        // every function's bytecode: several times the top level's
        expect(whole, `${path.basename(file)} with ${flags.join(' ')}`).toBeGreaterThan(2 * lazy);
      }
    }
  });

  it("a module changed since the build, or a cache V8 refuses, is compiled from its text, and a cache is kept in the user's folder for the next run", () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-cc-home-'));
    const entry = path.join(bundleDir, 'ukmenu.js');
    const cacheDir = path.join(bundleDir, 'code-cache', settingsName(FLAGS));
    const entryCache = readdirSync(cacheDir).find((f) => f.startsWith('ukmenu.js-'))!;
    const saved = readFileSync(path.join(cacheDir, entryCache));
    try {
      // a refused cache (garbage under the right name): compiled from the text, the same result
      writeFileSync(path.join(cacheDir, entryCache), Buffer.from('not a V8 code cache'));
      const refused = confThroughLoader(home);
      expect(refused.status).toBe(0);
      expect(refused.config).toContain('CONFIG_A=y\n');
      expect([refused.compiled, refused.made]).toEqual([1, 1]);
      // with every function compiled, as the build's
      const userDir = path.join(home, 'ukmenu', 'code-cache');
      const kept = readdirSync(userDir, { recursive: true, encoding: 'utf8' }).find((f) => path.basename(f).startsWith('ukmenu.js-'))!;
      expect(readFileSync(path.join(userDir, kept)).length).toBe(saved.length);
      // the next run takes the user's cache
      const again = confThroughLoader(home);
      expect([again.compiled, again.made]).toEqual([0, 0]);
      writeFileSync(path.join(cacheDir, entryCache), saved);
      // the entry changed (same length, a new time): dist's cache no longer applies
      const text = readFileSync(entry, 'utf8');
      writeFileSync(entry, text.replace('process.exitCode', 'process.exitCode'));
      utimesSync(entry, new Date(), new Date(Date.now() + 5000));
      const changed = confThroughLoader(home);
      expect(changed.status).toBe(0);
      expect(changed.config).toContain('CONFIG_B=7\n');
      expect([changed.compiled, changed.made]).toEqual([1, 1]);
    } finally {
      writeFileSync(path.join(cacheDir, entryCache), saved);
      rmrf(home);
    }
  });
});

it("the ukmenu command (bin/ukmenu) starts conf, why and search with the engine's node settings, other commands with the #! line's, each with its code cache", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-settings-'));
  let restore = () => {};
  try {
    mkdirSync(path.join(root, 'bin'));
    for (const f of ['ukmenu', 'ukmenu.js', 'package.json']) copyFileSync(path.join(ROOT, 'bin', f), path.join(root, 'bin', f));
    symlinkSync(bundleDir, path.join(root, 'dist'));
    // only the menu's settings keep a cache (the engine's set aside meanwhile): a run with the
    // engine's compiles every module from its text
    const [shebang] = readFileSync(BIN, 'utf8').split('\n');
    const menuSettings = settingsName(shebang.replace(/^#!.*?\bnode\b/, '').trim().split(/\s+/));
    const caches = path.join(bundleDir, 'code-cache');
    const engineSettings = readdirSync(caches).find((d) => d !== menuSettings)!;
    renameSync(path.join(caches, engineSettings), path.join(root, engineSettings));
    restore = () => renameSync(path.join(root, engineSettings), path.join(caches, engineSettings));
    writeFileSync(path.join(root, 'Kconfig'), 'config A\n\tbool "a"\n\tdefault y\n');
    /** Modules compiled from a cache in a run (an earlier test may have changed the entry since the build: that one is compiled from its text). */
    // and through a link in another folder, as npm installs the command: the shell hands node the
    // link, no readlink runs (one on the PATH says so when it does)
    mkdirSync(path.join(root, 'links'));
    symlinkSync(path.join(root, 'bin/ukmenu'), path.join(root, 'links/ukmenu'));
    mkdirSync(path.join(root, 'tools'));
    writeFileSync(path.join(root, 'tools/readlink'), `#!/bin/sh\necho "$@" >> '${root}/readlink.log'\nexec /usr/bin/readlink "$@"\n`, { mode: 0o755 });
    const fromCache = (args: string[], command = path.join(root, 'bin/ukmenu')) => {
      const trace = path.join(root, `trace-${args.join("-")}`);
      rmrf(trace);
      // (a cache folder of each run's own: one kept by an earlier run would be used)
      const env = cleanEnv({ UKMENU_TRACE: trace, XDG_CACHE_HOME: path.join(root, `cache-${args.join('-')}-${path.basename(path.dirname(command))}`) });
      const r = spawnSync(command, args, { cwd: root, env: { ...env, PATH: `${path.join(root, 'tools')}:${env.PATH}` }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return Number(/(\d+) modules from a cache/.exec(readFileSync(trace, 'utf8'))?.[1]);
    };
    for (const command of [path.join(root, 'bin/ukmenu'), path.join(root, 'links/ukmenu')]) {
      expect(fromCache(['--help'], command)).toBeGreaterThan(0);
      expect(fromCache(['conf', '-s', '--olddefconfig', 'Kconfig'], command)).toBe(0);
      expect(fromCache(['--kconfig', 'Kconfig', 'why', 'A'], command)).toBe(0);
      expect(fromCache(['--kconfig', 'Kconfig', 'search', 'A'], command)).toBe(0);
    }
    expect(existsSync(path.join(root, 'readlink.log'))).toBe(false);
  } finally {
    restore();
    rmrf(root);
  }
});

it("the ukmenu command (bin/ukmenu) starts node with bin/ukmenu.js's settings: its #! line's, and its `engine:` line's added for the engine's commands", () => {
  const [shebang, engine] = readFileSync(BIN, 'utf8').split('\n');
  const command = readFileSync(path.join(ROOT, 'bin/ukmenu'), 'utf8');
  expect(`#!/usr/bin/env -S node ${/^menu_flags='([^']*)'$/m.exec(command)?.[1]}`).toBe(shebang);
  expect(`// engine: ${/^engine_flags='([^']*)'$/m.exec(command)?.[1]}`).toBe(engine);
});

it("the ukmenu command (bin/ukmenu) keeps NODE_EXTRA_CA_CERTS from Node's start-up and gives it back to the programs it runs", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-ca-'));
  try {
    writeFileSync(path.join(dir, 'Kconfig'), 'config CA\n\tstring "ca"\n\tdefault "$(shell,printenv NODE_EXTRA_CA_CERTS)"\n');
    const env = cleanEnv({ NODE_EXTRA_CA_CERTS: path.join(dir, 'missing.pem') });
    // Node warns when it reads a file that is not there: bin/ukmenu.js run alone does
    const direct = spawnSync(BIN, ['conf', '-s', '--olddefconfig', 'Kconfig'], { cwd: dir, env, encoding: 'utf8' });
    expect(direct.stderr).toContain('Ignoring extra certs');
    const r = spawnSync(path.join(ROOT, 'bin/ukmenu'), ['conf', '-s', '--olddefconfig', 'Kconfig'], { cwd: dir, env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, '.config'), 'utf8')).toContain(`CONFIG_CA="${path.join(dir, 'missing.pem')}"\n`);
  } finally {
    rmrf(dir);
  }
});

/** The bundle's files: the program's own and its chunks. */
function bundleFiles(): { entry: string; chunks: string[] } {
  const dir = path.join(bundleDir, 'chunks');
  return { entry: path.join(bundleDir, 'ukmenu.js'), chunks: readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f)) };
}

/** Every static import statement of a bundle file, whatever its form, with what it imports from. */
function staticImports(text: string): { stmt: string; spec: string }[] {
  return [...text.matchAll(/^import\s(?:[^;]*?\sfrom\s+)?(["'])([^"']+)\1;/gms)].map((m) => ({ stmt: m[0], spec: m[2] }));
}

it("every lazy export of Node's modules that the bundle imports by name is in dist/builtin-imports.json (src/codeCache.ts reads only those), and no module takes a namespace of Node's", () => {
  const named = JSON.parse(readFileSync(path.join(bundleDir, 'builtin-imports.json'), 'utf8')) as Record<string, string[]>;
  const { entry, chunks } = bundleFiles();
  const require = createRequire(import.meta.url);
  let checked = 0;
  for (const file of [entry, ...chunks]) {
    for (const { stmt, spec } of staticImports(readFileSync(file, 'utf8'))) {
      if (!isBuiltin(spec)) continue;
      expect(stmt, `${path.basename(file)}: ${stmt}`).not.toMatch(/\*\s+as/);
      const names = /\{([^}]*)\}/.exec(stmt)?.[1].split(',').map((x) => x.trim().split(/\s+as\s+/)[0]).filter(Boolean) ?? [];
      const exports = require(spec) as object;
      for (const n of names) {
        checked++;
        if (Object.getOwnPropertyDescriptor(exports, n)?.get) expect(named[spec] ?? [], `${path.basename(file)} imports ${n} from ${spec}`).toContain(n);
      }
    }
  }
  expect(checked).toBeGreaterThan(50);
});

it("no file of the bundle imports the program's own file, which loads one start-up chunk (scripts/bundle.mjs's regrouping)", () => {
  const { entry, chunks } = bundleFiles();
  /** The bundle's files `file` imports: statically, and through import() (__ukmenuImport). */
  const imports = (file: string) => {
    const text = readFileSync(file, 'utf8');
    const at = (s: string) => path.resolve(path.dirname(file), s);
    return {
      static: staticImports(text).filter(({ spec }) => spec.startsWith('.')).map(({ spec }) => at(spec)),
      dynamic: [...text.matchAll(/__ukmenuImport\(import\.meta\.url, "(\.[^"]+)"\)/g)].map((m) => at(m[1])),
    };
  };
  // src/main.ts awaits the whole program: a chunk importing from its file would wait for the program's end
  for (const c of chunks) {
    const { static: s, dynamic: d } = imports(c);
    expect([...s, ...d], path.basename(c)).not.toContain(entry);
  }
  // what the program loads before anything else: one chunk (esbuild alone made ten)
  expect(imports(entry).static.map((f) => path.basename(f))).toEqual([expect.stringMatching(/^start-/)]);
});
