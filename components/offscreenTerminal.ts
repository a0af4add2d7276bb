// A stand-in terminal for Ink: a given size, every write kept, keys never come. The menu's first
// frame is rendered on one after a session that changed what the next open shows (src/menu.ts), as
// Ink would write it on the real terminal.
import { EventEmitter } from 'node:events';
import { keepingWrite } from './captureWrites.js';

export interface OffscreenTerminal {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  /** What was written so far. */
  written(): string;
}

export function offscreenTerminal(size: { columns: number; rows: number }): OffscreenTerminal {
  const chunks: string[] = [];
  const stdout = Object.assign(new EventEmitter(), { isTTY: true, columns: size.columns, rows: size.rows, write: keepingWrite(chunks) });
  const idle = () => {};
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true, setRawMode: idle, setEncoding: idle, ref: idle, unref: idle, resume: idle, pause: idle, read: () => null,
  });
  return { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, written: () => chunks.join('') };
}
