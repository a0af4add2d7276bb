// Whole files read into one buffer kept for the next read (grown when a file does not fit): a fresh
// buffer per file, as readFileSync makes, pages in new memory each time (on this kind of virtual
// machine ~10 µs a page). The bytes are valid until the buffer's next read.
import { readSync } from 'node:fs';

export class ReadBuffer {
  private buf: Buffer;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafeSlow(size);
  }

  /**
   * The open file's bytes from its current position to its end (`size`, when known, is made room
   * for first: one byte more, so that the read that finds the end does not grow the buffer, a copy
   * of all of it).
   */
  read(fd: number, size = 0): Buffer {
    if (size >= this.buf.length) this.buf = Buffer.allocUnsafeSlow(Math.max(size + 1, 2 * this.buf.length));
    let n = 0;
    for (;;) {
      if (n === this.buf.length) this.buf = Buffer.concat([this.buf, Buffer.allocUnsafeSlow(this.buf.length)]);
      const got = readSync(fd, this.buf, n, this.buf.length - n, null);
      if (got === 0) return this.buf.subarray(0, n);
      n += got;
    }
  }
}
