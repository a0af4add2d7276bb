// Bundles the ukmenu program into dist/ with React/Ink in production mode: loading a few files
// instead of hundreds of modules is what makes the first frame fast (DESIGN.md). Code splitting
// keeps the menu (React, Ink, fuse.js) out of the start-up path of `ukmenu conf`.
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// `node scripts/bundle.mjs [--outdir DIR]` (default dist/; the program is DIR/ukmenu.js)
const i = process.argv.indexOf('--outdir');
const outdir = i > 0 && process.argv[i + 1] ? process.argv[i + 1] : 'dist';

// Ink imports react-devtools-core (only used when DEV=true); it is not a dependency: stub it.
const stubDevtools = {
  name: 'stub-react-devtools-core',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { connectToDevTools() {} };', loader: 'js' }));
  },
};

// Every string-width in the bundle (ink's 8, wrap-ansi's 7) behind components/fastStringWidth.ts: the
// real one is evaluated (its emoji set and segmenter built) on the first string the fast path cannot
// measure, not at start-up.
const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    // by name (Ink and its helpers) or by file (components/inkCache.ts)
    b.onResolve({ filter: /(^|\/node_modules\/)string-width(\/index\.js)?$/ }, async (args) => {
      // the resolve just below, and the real module the stand-in requires
      if (args.pluginData?.real || args.namespace === 'fast-string-width') return undefined;
      const real = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { real: true } });
      if (real.errors.length) return { errors: real.errors };
      return { path: real.path, namespace: 'fast-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'fast-string-width' }, (args) => ({
      resolveDir: root,
      loader: 'js',
      contents: `import { fastStringWidth } from './components/fastStringWidth.ts';
let real;
export default function stringWidth(input, options) {
  const w = fastStringWidth(input, options);
  if (w !== undefined) return w;
  real ??= require(${JSON.stringify(args.path)}).default;
  return real(input, options);
}
`,
    }));
  },
};

// A module-level `const X = new Intl.Segmenter(...)` in an ES module of the dependencies
// (ansi-tokenize's, slice-ansi's, string-width 7's) becomes components/graphemes.ts's segmenter:
// the same segments, without ICU for the strings a menu frame is made of (ICU's set-up alone costs
// the first frame ~15 ms). Only where the module does nothing with X but X.segment(...).
const SEGMENTER = /^const (\w+) = new Intl\.Segmenter\(([^;\n]*)\);$/gm;
const graphemes = path.join(root, 'components/graphemes.ts');
const segmenters = {
  name: 'grapheme-segmenters',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('new Intl.Segmenter(') || !/^(import|export)\s/m.test(text)) return undefined;
      const contents = text.replace(SEGMENTER, (line, name, params) => {
        const uses = text.match(new RegExp(`\\b${name}\\b`, 'g')).length;
        const segmentCalls = text.match(new RegExp(`\\b${name}\\.segment\\(`, 'g'))?.length ?? 0;
        if (uses !== segmentCalls + 1) return line; // used otherwise: left as it is
        return `const ${name} = __ukmenuGraphemeSegmenter(${params});`;
      });
      if (contents === text) return undefined;
      return { contents: `import { graphemeSegmenter as __ukmenuGraphemeSegmenter } from ${JSON.stringify(graphemes)};\n${contents}`, loader: 'js' };
    });
  },
};

// old chunks (hashed names) would pile up otherwise
rmSync(path.resolve(root, outdir, 'chunks'), { recursive: true, force: true });
rmSync(path.resolve(root, outdir, 'code-cache'), { recursive: true, force: true });

const bundle = await build({
  absWorkingDir: root,
  entryPoints: { ukmenu: 'src/main.ts' },
  write: false, // written below, once its import statements are rewritten
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [stubDevtools, fastStringWidth, segmenters],
  logLevel: 'warning',
});

// The loader of the rest (src/codeCache.ts), CommonJS like bin/ukmenu.js that requires it: Node's
// ES module loader is never set up when the bundle is loaded with the code cache.
await build({
  absWorkingDir: root,
  entryPoints: ['src/codeCache.ts'],
  outfile: path.join(outdir, 'codeCache.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
});

// Every import() of the bundle goes through __ukmenuImport (the banner's: Node's own import(), or
// src/codeCache.ts's loader): in a module compiled from a code cache, Node 20 loses the module's
// import() callback ("A dynamic import callback was not specified").
const DYNAMIC_IMPORT = /\bimport\((["'])((?:\.\.?\/|node:)[^"']+)\1\)/g;
// `import * as fs from "node:fs"` becomes `import fs from "node:fs"` (the module's exports object:
// the same properties, read when used): a namespace of Node's module is made of every export's
// value, and the lazy ones load more of Node (fs.promises, crypto.webcrypto: ~20 ms at start-up).
const BUILTIN_NAMESPACE = /^import \* as ([\w$]+) from (["'])([^"']+)\2;$/gm;
// what the bundle imports by name from each of Node's modules: src/codeCache.ts reads only those of
// a module's lazy exports (dist/builtin-imports.json)
const NAMED_IMPORT = /^import (?:[\w$]+, )?\{([^}]*)\} from (["'])([^"'.][^"']*)\2;$/gm;

// esbuild splits the bundle by the set of entry points (the program and each import()) that reach
// a module, not knowing that every import() happens after the program's own modules have loaded:
// 34 files before the menu's first frame, each with a fixed cost (~0.2 ms: its reads, its
// compilation from the cache, its link). Rollup, given esbuild's output as it is (no tree-shaking:
// the same code runs), groups it again knowing what is loaded already at each import(): 8 files.
// The entry's own file stays alone: it awaits the program (src/main.ts's top-level await), so a
// later chunk importing from it would wait for the program to end.
const esbuilt = new Map(bundle.outputFiles.map((f) => [f.path, f.text]));
const entry = path.resolve(root, outdir, 'ukmenu.js');
let atStart;
const regrouped = await rollup({
  input: { ukmenu: entry },
  treeshake: false,
  plugins: [{
    name: 'esbuild-output',
    resolveId(source, importer) {
      if (isBuiltin(source)) return { id: source, external: true };
      const file = importer ? path.resolve(path.dirname(importer), source) : path.resolve(source);
      return esbuilt.has(file) ? file : null;
    },
    load(id) {
      return esbuilt.get(id) ?? null;
    },
  }],
  onwarn(w, warn) { if (w.code !== 'CIRCULAR_DEPENDENCY') warn(w); },
});
const { output } = await regrouped.generate({
  dir: path.resolve(root, outdir),
  format: 'es',
  // what the entry imports (statically, all of it loaded at start): one chunk of its own
  manualChunks(id, { getModuleInfo }) {
    if (!atStart) {
      atStart = new Set();
      const todo = [...getModuleInfo(entry).importedIds];
      for (let m; (m = todo.pop()) !== undefined;) {
        if (atStart.has(m) || !esbuilt.has(m)) continue;
        atStart.add(m);
        todo.push(...getModuleInfo(m).importedIds);
      }
    }
    return atStart.has(id) ? 'start' : undefined;
  },
  entryFileNames: '[name].js',
  chunkFileNames: 'chunks/[name]-[hash].js',
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins
  // (and __ukmenuImport: see below)
  banner: "import { createRequire as __ukmenuCreateRequire } from 'node:module';\nconst require = __ukmenuCreateRequire(import.meta.url);\nconst __ukmenuImport = globalThis.__ukmenuImport ?? ((base, s) => import(s.startsWith('node:') ? s : new URL(s, base).href));",
});
await regrouped.close();

const named = {};
for (const chunk of output) {
  if (chunk.type !== 'chunk') continue;
  const file = path.resolve(root, outdir, chunk.fileName);
  const text = chunk.code
    .replace(DYNAMIC_IMPORT, (_, q, spec) => `__ukmenuImport(import.meta.url, ${JSON.stringify(spec)})`)
    .replace(BUILTIN_NAMESPACE, (line, name, q, spec) => (isBuiltin(spec) ? `import ${name} from ${JSON.stringify(spec)};` : line));
  for (const [, list, , spec] of text.matchAll(NAMED_IMPORT)) {
    if (!isBuiltin(spec)) continue;
    named[spec] ??= [];
    for (const item of list.split(',')) if (item.trim()) named[spec].push(item.trim().split(/\s+as\s+/)[0]);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
for (const spec of Object.keys(named)) named[spec] = [...new Set(named[spec])].sort();
writeFileSync(path.resolve(root, outdir, 'builtin-imports.json'), JSON.stringify(named, null, 1) + '\n');

// V8's code cache for every module (src/codeCache.ts), made by a node with each set of settings
// bin/ukmenu starts node with (bin/ukmenu.js's #! line's, and with its `engine:` line's added, in
// that order): V8 takes a cache only from the V8 and the flags that made it.
const [shebang, engine] = readFileSync(path.join(root, 'bin/ukmenu.js'), 'utf8').split('\n');
const words = (s) => s.trim().split(/\s+/).filter(Boolean);
const menuFlags = words(shebang.replace(/^#!.*?\bnode\b/, ''));
const engineFlags = engine.startsWith('// engine:') ? [...menuFlags, ...words(engine.slice('// engine:'.length))] : [];
const dist = path.resolve(root, outdir);
for (const flags of [menuFlags, engineFlags].filter((f) => f.length)) {
  const made = spawnSync(process.execPath, [...flags, '-e',
    `require(${JSON.stringify(path.join(dist, 'codeCache.cjs'))}).makeCodeCache(${JSON.stringify(dist)});`],
  { stdio: 'inherit' });
  if (made.status !== 0) console.warn(`bundle: no code cache made for node ${flags.join(' ')}; ukmenu compiles its modules at start-up`);
}
