// What the tmux tests on the real app share: a work folder of their own, ukmenu built into it
// (bundle.ts), and the real core with app-helloworld unpacked (../project/realUnikraft.ts); and,
// at the end, their tmux server and all of that gone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unpackRealApp, type RealApp } from '../project/realUnikraft.js';
import { bundleUkmenu } from './bundle.js';
import { Pane } from './pane.js';

export interface RealAppSetup { work: string; bin: string; real: RealApp }

/** The work folder (ukmenu-tmux-`name`-...), ukmenu's bin/ukmenu.js in it, and the real app (`configure`: after make olddefconfig). */
export function setUpRealApp(name: string, configure = true): RealAppSetup {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `ukmenu-tmux-${name}-`));
  return { work, bin: bundleUkmenu(work), real: unpackRealApp(configure) };
}

/** Stops the tmux server on `socket` and removes what setUpRealApp made (what of it there is). */
export function tearDownRealApp(socket: string, s: Partial<RealAppSetup>): void {
  try { new Pane(socket, '').tmux('kill-server'); } catch { /* none left */ }
  s.real?.remove();
  if (s.work) fs.rmSync(s.work, { recursive: true, force: true });
}
