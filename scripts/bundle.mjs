// Bundles the ukmenu program into dist/ with React/Ink in production mode: loading a few files
// instead of hundreds of modules is what makes the first frame fast (DESIGN.md). Code splitting
// keeps the menu (React, Ink, fuse.js) out of the start-up path of `ukmenu conf`.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
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

// old chunks (hashed names) would pile up otherwise
rmSync(path.resolve(root, outdir, 'chunks'), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { ukmenu: 'src/main.ts' },
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
  plugins: [stubDevtools],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins
  banner: { js: "import { createRequire as __ukmenuCreateRequire } from 'node:module';\nconst require = __ukmenuCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
