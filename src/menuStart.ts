// What the menu needs whatever the project, started before the project is found, so that its
// loading overlaps with finding the project (file reads, the child processes make and gcc run when
// their kept answers do not apply) instead of following it: the menu's modules that its first
// frame needs (the engine's, the controller, the first frame's text; React, Ink and yoga load after
// it), with fetch hidden while they load (components/noFetch.ts: yoga would otherwise make Node load
// its HTTP client; components/index.tsx restores it).
// (A worker thread doing ICU's segmentation set-up meanwhile, ~30 ms that string-width also costs,
// won that on an idle machine and lost more on the loaded 2-core one: not kept.)
import { hideFetch, restoreFetch } from '../components/noFetch.js';
import { traceStage } from './startTrace.js';

/** Starts loading the menu; resolves to src/menu.js. */
export function startMenu(): Promise<typeof import('./menu.js')> {
  hideFetch();
  traceStage('menu modules started');
  // with what the first frame is written with (imported statically by menu.ts: one chunk of the
  // bundle; React-free, components/firstFrame.ts), in the time a first open waits for gcc and make
  return import('./menu.js').finally(() => traceStage('menu.js loaded'));
}

/** After the menu (or when it did not open: no terminal, a broken project): fetch as it was. */
export function endMenuStart(): void {
  restoreFetch();
}
