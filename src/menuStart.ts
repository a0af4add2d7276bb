// What the menu needs whatever the project, started before the project is found, so that its
// loading overlaps with finding the project (file reads, the child processes make and gcc run when
// their kept answers do not apply) instead of following it: the menu's modules (React, Ink, yoga),
// with fetch hidden while they load (components/noFetch.ts: yoga would otherwise make Node load its
// HTTP client; components/index.tsx restores it).
// Regular expressions are compiled straight to machine code for the menu (--no-regexp-tier-up):
// string-width (Ink's text measure) tests every wide character against \p{RGI_Emoji}, a set of
// thousands of strings, and V8's default compiles it twice, to bytecode and then to machine code at
// the second use: ~50 ms of the first frame's CPU here, ~15 ms without the first step.
// (A worker thread doing ICU's segmentation set-up meanwhile, ~30 ms that string-width also costs,
// won that on an idle machine and lost more on the loaded 2-core one: not kept.)
import { setFlagsFromString } from 'node:v8';
import { hideFetch } from '../components/noFetch.js';

/** Starts loading the menu; resolves to src/menu.js. */
export function startMenu(): Promise<typeof import('./menu.js')> {
  hideFetch();
  setFlagsFromString('--no-regexp-tier-up');
  return import('./menu.js');
}
