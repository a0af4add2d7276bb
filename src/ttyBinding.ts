// Node's own terminal binding (tty_wrap), for what the menu's first frame needs of the terminal
// before Node's tty module is loaded: is a descriptor a terminal, its size, raw mode. Loading
// `node:tty` (process.stdout, stdin and stderr are made with it) loads Node's net and stream
// modules too: ~5 ms of the first frame here. process.binding is deprecated (DEP0111, a warning
// only under --pending-deprecation, kept off the screen here) but has this binding in Node 20;
// wherever it is missing or differs, the caller uses Node's streams as before.
// Imports only Node's modules: src/codeCache.ts (bundled on its own) uses it.

/** A libuv terminal handle on one descriptor (Node's TTY class). */
export interface TtyHandle {
  /** fills [columns, rows]; 0 when it could */
  getWindowSize(size: number[]): number;
  /** 0 when it could */
  setRawMode(on: boolean): number;
  close(): void;
}

interface TtyWrap {
  isTTY(fd: number): boolean;
  TTY: new (fd: number, ctx: { code?: string }) => TtyHandle;
}

let wrap: TtyWrap | null | undefined;

/** The binding, or undefined when this Node has none that looks as expected. */
export function ttyWrap(): TtyWrap | undefined {
  if (wrap === undefined) {
    wrap = null;
    const binding = (process as { binding?: (name: string) => unknown }).binding;
    const quiet = process.noDeprecation;
    process.noDeprecation = true;
    try {
      const b = typeof binding === 'function' ? binding.call(process, 'tty_wrap') as Partial<TtyWrap> : undefined;
      if (typeof b?.isTTY === 'function' && typeof b.TTY === 'function') wrap = b as TtyWrap;
    } catch {
      // a Node without it
    } finally {
      process.noDeprecation = quiet;
    }
  }
  return wrap ?? undefined;
}

/** tty.isatty without Node's tty module (undefined: ask that module). */
export function isTerminal(fd: number): boolean | undefined {
  const w = ttyWrap();
  return w && Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && w.isTTY(fd);
}

/** A handle on terminal `fd`, or undefined when libuv could not make one. */
export function openTty(fd: number): TtyHandle | undefined {
  const w = ttyWrap();
  if (!w) return undefined;
  const ctx: { code?: string } = {};
  try {
    const h = new w.TTY(fd, ctx);
    return ctx.code === undefined ? h : undefined; // (as Node's tty module, which throws then)
  } catch {
    return undefined;
  }
}
