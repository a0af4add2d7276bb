// The terminal the menu's first frame is written on before the menu takes it over
// (src/frameOnScreen.ts): descriptors 0 and 1 themselves, through Node's terminal binding
// (src/ttyBinding.ts), so that process.stdout, stdin and stderr, and Node's tty, net and stream
// modules with them, are made after the frame is out (~5 ms sooner here). Only when stdin and
// stdout are the same terminal; otherwise (or without the binding) Node's streams, as before.
import * as fs from 'node:fs';
import type { FrameTerminal } from './frameOnScreen.js';
import { whenMade } from './stdioMade.js';
import { writeWhole } from '../kconfig/writeWhole.js';
import { isTerminal, openTty, type TtyHandle } from './ttyBinding.js';

/** Are stdin and stdout terminals (what the menu needs)? */
export function onTerminal(): boolean {
  return (isTerminal(0) ?? !!process.stdin.isTTY) && (isTerminal(1) ?? !!process.stdout.isTTY);
}

let terminal: FrameTerminal | undefined;

/** The terminal for a frame before the menu's: one per process. */
export function frameTerminal(): FrameTerminal {
  return terminal ??= descriptorTerminal() ?? { stdout: process.stdout, stdin: process.stdin, stderr: process.stderr };
}

function descriptorTerminal(): FrameTerminal | undefined {
  if (!isTerminal(0) || !isTerminal(1)) return undefined;
  try {
    if (fs.fstatSync(0).rdev !== fs.fstatSync(1).rdev) return undefined;
  } catch {
    return undefined;
  }
  // (libuv reopens the terminal on descriptor 0, as process.stdin's does; when no frame is shown on
  // it, it stays idle, never read from, until the process ends)
  let handle: TtyHandle | undefined = openTty(0);
  const size = [0, 0];
  if (!handle || handle.getWindowSize(size) !== 0) return undefined;
  const close = () => {
    try { handle?.close(); } catch { /* closed */ }
    handle = undefined;
  };
  return {
    stdout: {
      isTTY: true,
      // (read at each use, as process.stdout's follow the terminal's size)
      get columns() { handle?.getWindowSize(size); return size[0]; },
      get rows() { handle?.getWindowSize(size); return size[1]; },
      write: (text: string) => writeWhole(1, Buffer.from(text)),
    },
    stdin: { isTTY: true, setRawMode: (on: boolean) => handle?.setRawMode(on) },
    get stderr() { return process.stderr; },
    withStderr: (f) => whenMade('stderr', f),
    finish(takenOver) {
      if (takenOver && handle) {
        // process.stdin is raw before this handle lets go: keys typed now are not echoed. (Its handle
        // takes the terminal's mode as it finds it for the original: cooked, put back first.)
        handle.setRawMode(false);
        process.stdin.setRawMode?.(true);
      }
      close();
      terminal = undefined;
    },
  };
}
