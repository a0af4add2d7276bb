// glibc's srand()/rand() (the TYPE_3 additive feedback generator), so that --randconfig with a
// given KCONFIG_SEED picks exactly what the C conf picks.
export class GlibcRandom {
  private r: number[] = [];

  constructor(seed: number) {
    seed = seed >>> 0;
    if (seed === 0) seed = 1;
    const r = new Array<number>(34);
    r[0] = seed | 0;
    for (let i = 1; i < 31; i++) {
      // r[i] = (16807 * r[i-1]) % 2147483647 computed without overflow, as glibc does
      const hi = Math.trunc(r[i - 1] / 127773);
      const lo = r[i - 1] % 127773;
      let word = 16807 * lo - 2836 * hi;
      if (word < 0) word += 2147483647;
      r[i] = word;
    }
    for (let i = 31; i < 34; i++) r[i] = r[i - 31];
    this.r = r;
    for (let i = 34; i < 344; i++) this.step();
  }

  private step(): number {
    const r = this.r;
    const n = r.length;
    const v = (r[n - 31] + r[n - 3]) | 0;
    r.push(v);
    if (r.length > 64) r.splice(0, r.length - 34);
    return v;
  }

  /** rand(): 0 .. RAND_MAX */
  next(): number {
    return (this.step() >>> 1) & 0x7fffffff;
  }
}
