#!/usr/bin/env -S node --v8-pool-size=2 --experimental-vm-modules
// engine: --min-semi-space-size=4 --max-semi-space-size=4 --max-inlined-bytecode-size-cumulative=100 --no-regexp-tier-up
// Node's settings, by command (bin/ukmenu starts node with the same, test/project/bin.test.ts checks;
// scripts/bundle.mjs reads both lines and makes a code cache for each):
// - The #! line's, for the menu and every command: Node's own options only. Any V8 option makes V8
//   refuse the code cache Node keeps for its own modules (V8 checks the flags a cache was made
//   with), and the ~50 Node modules a menu loads (streams, tty, net, child_process...) are then
//   compiled from their text: ~13 ms more before the menu's first frame here. Two helper threads
//   are enough; --experimental-vm-modules lets src/codeCache.ts load the bundle with V8's code
//   cache (~65 ms less compiling before the menu's first frame); started without it
//   (`node bin/ukmenu.js`), or with UKMENU_CODE_CACHE=0, the bundle is imported as usual.
// - The `engine:` line's V8 options, added for conf, why and search, which build one large,
//   long-lived structure (a Linux-size tree) in a short run while the tree's $(shell) probes need
//   the other core: a small young generation made that size from the start keeps scavenges cheap,
//   and less inlining halves the optimising compiler's background work (together ~15% faster for
//   `conf` on Linux here). Regular expressions go straight to machine code: V8's default compiles
//   each to bytecode first and again at its second use. Set at start: changed at run time, V8 can
//   crash.
// This file is CommonJS (bin/package.json), as is dist/codeCache.cjs: with the code cache, Node's
// ES module loader (~15 ms) is never set up.
// Runs the bundled build (dist/ukmenu.js, made by `npm run build`) when present: it starts fast.
// Without it (a fresh checkout), or with UKMENU_FROM_SOURCE=1, runs the TypeScript sources via tsx.
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

// bin/ukmenu (the `ukmenu` command) moved it aside so that Node would not read it at start-up
if (process.env.UKMENU_NODE_EXTRA_CA_CERTS !== undefined) {
  process.env.NODE_EXTRA_CA_CERTS = process.env.UKMENU_NODE_EXTRA_CA_CERTS;
  delete process.env.UKMENU_NODE_EXTRA_CA_CERTS;
}

/** A failure while starting (not one the program reports itself): a message; its stack with UKMENU_DEBUG. */
function fail(e) {
  process.stderr.write(`ukmenu: ${e && e.message ? e.message : e}\n`);
  if (process.env.UKMENU_DEBUG && e && e.stack) process.stderr.write(`${e.stack}\n`);
  process.exit(1);
}

const dist = path.join(__dirname, '../dist/ukmenu.js');
const loader = path.join(__dirname, '../dist/codeCache.cjs');
if (!process.env.UKMENU_FROM_SOURCE && existsSync(dist)) {
  const cached = process.env.UKMENU_CODE_CACHE !== '0' && existsSync(loader) ? require(loader) : undefined;
  if (cached && cached.codeCacheAvailable()) cached.importWithCodeCache(dist).catch(fail);
  else import(pathToFileURL(dist).href).catch(fail);
} else {
  import('tsx/esm/api').then(({ register }) => {
    register();
    return import(pathToFileURL(path.join(__dirname, '../src/main.ts')).href);
  }, () => {
    process.stderr.write('ukmenu: dist/ukmenu.js is missing and tsx is not installed; run `npm install && npm run build`\n');
    process.exit(1);
  }).catch(fail);
}
