// What a synchronous piece of code writes to a stream, held back instead of written: the menu's
// first frame is compared with the one already on the screen before it is written (src/lastFrame.ts).

export function captureWrites(stream: NodeJS.WriteStream): { stop(): string } {
  const chunks: string[] = [];
  const own = Object.prototype.hasOwnProperty.call(stream, 'write');
  const write = stream.write;
  stream.write = ((chunk: string | Uint8Array, encoding?: unknown, cb?: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encoding === 'function' ? encoding : cb;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  }) as typeof stream.write;
  return {
    stop() {
      if (own) stream.write = write;
      else delete (stream as { write?: unknown }).write;
      return chunks.join('');
    },
  };
}
