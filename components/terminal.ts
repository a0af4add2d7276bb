// The terminal around the menu: the alternate screen on entry, and the normal screen, a visible
// cursor and cooked mode back on every way out: a normal quit, an exception or a rejected promise
// anywhere in the process (the error is printed after the screen is restored, so it is not lost on
// the alternate screen), SIGTERM/SIGHUP/SIGINT from outside, and process.exit() from any code.
import type { WriteStream } from 'node:tty';

/** Entering the full screen (the alternate screen, cleared), leaving it, clearing it. */
export const ENTER = '\x1b[?1049h\x1b[H\x1b[2J';
export const LEAVE = '\x1b[?25h\x1b[?1049l';
export const CLEAR = '\x1b[H\x1b[2J';

export interface TerminalGuard {
  /** Restores the terminal (idempotent) and removes the handlers. */
  restore(): void;
}

export interface GuardOptions {
  stdout: NodeJS.WriteStream | WriteStream;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
  /** Exit the process on fatal errors and signals (default true; tests pass false). */
  exitOnFatal?: boolean;
  /** The full screen is already entered (src/lastFrame.ts drew a frame on it): not cleared again. */
  entered?: boolean;
}

export function guardTerminal(opts: GuardOptions): TerminalGuard {
  const { stdout, stdin, stderr } = opts;
  const tty = !!stdout.isTTY;
  const exitOnFatal = opts.exitOnFatal ?? true;
  let active = true;
  if (tty && !opts.entered) stdout.write(ENTER);
  const leave = () => {
    if (!active) return;
    active = false;
    try {
      if (stdin.isTTY && typeof (stdin as NodeJS.ReadStream & { setRawMode?: (b: boolean) => void }).setRawMode === 'function') {
        (stdin as unknown as { setRawMode: (b: boolean) => void }).setRawMode(false);
      }
    } catch { /* the terminal may be gone */ }
    if (tty) {
      try { stdout.write(LEAVE); } catch { /* EPIPE */ }
    }
  };
  const onExit = () => leave();
  const fatal = (what: string) => (err: unknown) => {
    leave();
    const e = err instanceof Error ? err : new Error(String(err));
    stderr.write(`ukmenu: ${what}: ${e.stack ?? e.message}\n`);
    if (exitOnFatal) process.exit(70);
  };
  const onUncaught = fatal('internal error');
  const onRejection = fatal('internal error (unhandled promise rejection)');
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
  const onSignal = (sig: NodeJS.Signals) => {
    leave();
    if (exitOnFatal) process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as Record<string, number>)[sig]);
  };
  // a resize may leave old lines where Ink does not redraw: clear, and let Ink draw it all again
  const onResize = () => { if (active && tty) stdout.write(CLEAR); };
  process.on('exit', onExit);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onRejection);
  for (const s of signals) process.on(s, onSignal);
  stdout.on('resize', onResize);
  return {
    restore() {
      leave();
      process.off('exit', onExit);
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onRejection);
      for (const s of signals) process.off(s, onSignal);
      stdout.off('resize', onResize);
    },
  };
}
