// Bundles the ukmenu program into one ESM file, dist/ukmenu.js, with React/Ink in production mode:
// loading one file instead of hundreds of modules is what makes the first frame fast (DESIGN.md).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// `node scripts/bundle.mjs [--outfile FILE]` (default dist/ukmenu.js)
const i = process.argv.indexOf('--outfile');
const outfile = i > 0 && process.argv[i + 1] ? process.argv[i + 1] : 'dist/ukmenu.js';

await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink loads react-devtools-core only when DEV=true; it is not a dependency
  external: ['react-devtools-core'],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins
  banner: { js: "import { createRequire as __ukmenuCreateRequire } from 'node:module';\nconst require = __ukmenuCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
