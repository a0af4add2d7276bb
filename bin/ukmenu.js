#!/usr/bin/env -S node --max-semi-space-size=4 --v8-pool-size=2
// V8 settings for a short run that builds one large, long-lived structure (the Linux tree): a small
// young generation keeps scavenges cheap, and two GC helper threads leave the cores to the tree's
// $(shell) probes (together ~8% faster on `conf` for Linux; they apply when run as a command).
// Runs the bundled build (dist/ukmenu.js, made by `npm run build`) when present: it starts fast.
// Without it (a fresh checkout), or with UKMENU_FROM_SOURCE=1, runs the TypeScript sources via tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/ukmenu.js', import.meta.url);
if (!process.env.UKMENU_FROM_SOURCE && existsSync(fileURLToPath(dist))) {
  await import(dist.href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('ukmenu: dist/ukmenu.js is missing and tsx is not installed; run `npm install && npm run build`\n');
    process.exit(1);
  }
  register();
  await import(new URL('../src/main.ts', import.meta.url).href);
}
