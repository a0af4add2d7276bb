// A menu frame on the screen before the menu is ready to take it over: the frame the last open
// kept (src/lastFrame.ts), or the one written without React and Ink (components/firstFrame.ts).
// It is drawn on the full screen in raw mode, so that keys typed meanwhile wait for the menu,
// unechoed; until the menu takes it over (it then guards the terminal itself:
// components/terminal.ts), every way out leaves the full screen: an exit, an exception (before
// Node prints it), a signal, and anything printed on stderr first (so an error is never lost on it).
import { ENTER, LEAVE } from '../components/terminal.js';

export interface FrameTerminal {
  stdout: { isTTY?: boolean; columns: number; rows: number; write(text: string): unknown };
  stdin: { isTTY?: boolean; setRawMode?(on: boolean): unknown };
  stderr: { write: NodeJS.WriteStream['write'] };
  /** Runs `f` on stderr once there is one (src/frameTerminal.ts: when Node makes process.stderr); default: now, on `stderr`. */
  withStderr?(f: (stderr: { write: NodeJS.WriteStream['write'] }) => void): void;
  /** The frame is gone: the menu took it over (raw mode then moves to process.stdin), or it was left. */
  finish?(takenOver: boolean): void;
}

const SIGNALS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The frame on the screen and not yet taken over by the menu. */
let shown: { frame: string; leave: () => void; release: () => void } | undefined;

/** Is a frame on the screen, not yet taken over? */
export function frameShown(): boolean {
  return shown !== undefined;
}

/** Enters the full screen and writes `frame` on it (the text Ink's first render would write). */
export function showFrame(frame: string, t: FrameTerminal): void {
  const setRaw = (on: boolean) => { try { t.stdin.setRawMode?.(on); } catch { /* the terminal may be gone */ } };
  setRaw(true); // keys typed before the menu is ready wait for it, unechoed
  t.stdout.write(ENTER + frame);
  // a message before the menu takes over (an error loading the tree): on the normal screen; an empty
  // write is none (execFileSync hands a $(shell) command's stderr on even when there was none)
  let unwatch = () => {};
  const watch = (stderr: { write: NodeJS.WriteStream['write'] }) => {
    if (shown?.leave !== leave) return; // (stderr made after the frame was gone)
    const write = stderr.write;
    stderr.write = ((...a: Parameters<typeof write>) => {
      if (a[0].length > 0) leave();
      return write.apply(stderr, a);
    }) as typeof write;
    unwatch = () => { stderr.write = write; };
  };
  const leave = () => {
    if (!shown) return;
    release();
    setRaw(false);
    try { t.stdout.write(LEAVE); } catch { /* EPIPE */ }
    t.finish?.(false);
  };
  const onSignal = (sig: NodeJS.Signals) => { leave(); process.exit(128 + (SIGNALS[sig] ?? 0)); };
  const release = () => {
    shown = undefined;
    unwatch();
    process.off('exit', leave);
    process.off('uncaughtExceptionMonitor', leave);
    for (const sig of Object.keys(SIGNALS) as NodeJS.Signals[]) process.off(sig, onSignal);
  };
  process.on('exit', leave);
  process.on('uncaughtExceptionMonitor', leave);
  for (const sig of Object.keys(SIGNALS) as NodeJS.Signals[]) process.on(sig, onSignal);
  shown = { frame, leave, release: () => { release(); t.finish?.(true); } };
  if (t.withStderr) t.withStderr(watch);
  else watch(t.stderr);
}

/** The menu takes the screen over: the frame showing (the screen is already the full screen), or undefined. */
export function takeShownFrame(): string | undefined {
  const s = shown;
  s?.release();
  return s?.frame;
}

/** Leaves the full screen if a frame is showing (the menu will not open after all). */
export function leaveShownFrame(): void {
  shown?.leave();
}
