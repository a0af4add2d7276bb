// C library number parsing (strtoll/strtoull) with exact end-pointer and overflow behaviour:
// kconfig's range checks and comparisons depend on it.

const LLONG_MAX = (1n << 63n) - 1n;
const LLONG_MIN = -(1n << 63n);
const ULLONG_MAX = (1n << 64n) - 1n;

export interface ParsedNum { value: bigint; end: number; erange: boolean }

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
function digitVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return 99;
}

function parse(str: string, base: number, unsigned: boolean): ParsedNum {
  let i = 0;
  const n = str.length;
  while (i < n && isSpace(str.charCodeAt(i))) i++;
  let neg = false;
  if (i < n && (str[i] === '+' || str[i] === '-')) { neg = str[i] === '-'; i++; }
  if ((base === 0 || base === 16) && str[i] === '0' && (str[i + 1] === 'x' || str[i + 1] === 'X') &&
      i + 2 < n && digitVal(str.charCodeAt(i + 2)) < 16) {
    i += 2;
    base = 16;
  } else if (base === 0) {
    base = str[i] === '0' ? 8 : 10;
  }
  const start = i;
  let v = 0n;
  let over = false;
  const B = BigInt(base);
  const limit = unsigned ? ULLONG_MAX : (neg ? -LLONG_MIN : LLONG_MAX);
  while (i < n) {
    const d = digitVal(str.charCodeAt(i));
    if (d >= base) break;
    if (!over) {
      v = v * B + BigInt(d);
      if (v > limit) over = true;
    }
    i++;
  }
  if (i === start) return { value: 0n, end: 0, erange: false };
  if (over) {
    if (unsigned) return { value: ULLONG_MAX, end: i, erange: true };
    return { value: neg ? LLONG_MIN : LLONG_MAX, end: i, erange: true };
  }
  if (neg) v = unsigned ? (v === 0n ? 0n : (ULLONG_MAX + 1n - v)) : -v;
  return { value: v, end: i, erange: false };
}

export const strtoll = (s: string, base: number): ParsedNum => parse(s, base, false);
export const strtoull = (s: string, base: number): ParsedNum => parse(s, base, true);
