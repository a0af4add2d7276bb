// Bytes written whole to a descriptor, synchronously: a terminal or pipe set non-blocking (by
// libuv, or by whoever shares it) refuses what does not fit with EAGAIN; then wait 1 ms and go on.
import { writeSync } from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

export function writeWhole(fd: number, bytes: Buffer): void {
  for (let off = 0; off < bytes.length;) {
    try {
      off += writeSync(fd, bytes, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
