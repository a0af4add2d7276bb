// What the menu needs whatever the project, started before the project is found, so that it
// overlaps with finding the project and loading its tree instead of following them:
//  - the menu's modules (React, Ink, yoga), with fetch hidden while they load (components/noFetch.ts:
//    yoga would otherwise make Node load its HTTP client; components/index.tsx restores it);
//  - ICU's text segmentation data: string-width (Ink's text measure) creates an Intl.Segmenter as it
//    loads, and the first one in a process costs ~40 ms of ICU set-up. That set-up is process-wide,
//    so a worker thread does it on the other core meanwhile.
import { Worker } from 'node:worker_threads';
import { hideFetch } from '../components/noFetch.js';

function warmTextSegmentation(): void {
  try {
    const w = new Worker('new Intl.Segmenter().segment("x")[Symbol.iterator]().next()', { eval: true, stdout: true, stderr: true });
    w.on('error', () => {}); // a machine without threads: the menu does the set-up itself
    w.unref();
  } catch { /* the same */ }
}

/** Starts loading the menu; resolves to src/menu.js. */
export function startMenu(): Promise<typeof import('./menu.js')> {
  hideFetch();
  warmTextSegmentation();
  return import('./menu.js');
}
