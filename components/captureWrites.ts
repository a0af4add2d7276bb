// What a synchronous piece of code writes to a stream, held back instead of written: the menu's
// first frame is compared with the one already on the screen before it is written (src/lastFrame.ts).

type Write = NodeJS.WriteStream['write'];

/** A stream's write that keeps each chunk in `chunks` (as text) instead of writing it. */
export function keepingWrite(chunks: string[]): Write {
  return ((chunk: string | Uint8Array, encoding?: unknown, cb?: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encoding === 'function' ? encoding : cb;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  }) as Write;
}

export function captureWrites(stream: NodeJS.WriteStream): { stop(): string } {
  const chunks: string[] = [];
  const own = Object.prototype.hasOwnProperty.call(stream, 'write');
  const write = stream.write;
  stream.write = keepingWrite(chunks);
  return {
    stop() {
      if (own) stream.write = write;
      else delete (stream as { write?: unknown }).write;
      return chunks.join('');
    },
  };
}
