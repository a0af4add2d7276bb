// process.stdout, stdin and stderr are made by Node when first read, and making the first loads
// Node's tty, net and stream modules (~5 ms before the menu's first frame here, which is written
// without them: src/frameTerminal.ts). What must be done to one as it is made (an error handler,
// stderr's watch while a frame shows) waits for it here instead of making it at once.
type StdioName = 'stdout' | 'stderr' | 'stdin';

const made = new Set<StdioName>();
const waiting = new Map<StdioName, ((stream: never) => void)[]>();

/** Runs `f` on process[name] now if it is made, else as soon as anything reads it. */
export function whenMade<N extends StdioName>(name: N, f: (stream: NodeJS.Process[N]) => void): void {
  if (made.has(name)) { f(process[name]); return; }
  const list = waiting.get(name);
  if (list) { list.push(f as (stream: never) => void); return; }
  const own = Object.getOwnPropertyDescriptor(process, name);
  if (!own?.get || !own.configurable) { made.add(name); f(process[name]); return; }
  const pending: ((stream: never) => void)[] = [f as (stream: never) => void];
  waiting.set(name, pending);
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: own.enumerable,
    get() {
      Object.defineProperty(process, name, own); // Node's getter again: it keeps the stream it makes
      waiting.delete(name);
      made.add(name);
      const stream = process[name];
      for (const g of pending) g(stream as never);
      return stream;
    },
  });
}
