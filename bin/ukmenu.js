#!/usr/bin/env node
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
