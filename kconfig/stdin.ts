// Synchronous line reader on a file descriptor, for conf's interactive questions.
import * as fs from 'node:fs';

/** Returns a function that reads one line (with its '\n') per call from `fd`, null at end of input. */
export function fdLineSource(fd = 0): () => string | null {
  let buf = Buffer.alloc(0);
  let eof = false;
  return () => {
    for (;;) {
      const nl = buf.indexOf(10);
      if (nl >= 0) {
        const line = buf.subarray(0, nl + 1).toString('latin1');
        buf = buf.subarray(nl + 1);
        return line;
      }
      if (eof) {
        if (!buf.length) return null;
        const line = buf.toString('latin1');
        buf = Buffer.alloc(0);
        return line;
      }
      const chunk = Buffer.alloc(4096);
      let n = 0;
      try {
        n = fs.readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue;
        n = 0;
      }
      if (n === 0) eof = true;
      else buf = Buffer.concat([buf, chunk.subarray(0, n)]);
    }
  };
}
