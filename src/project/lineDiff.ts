// A unified diff of two small texts (a Kraftfile before and after the write-back), line by line
// from their longest common subsequence, with three lines of context as `diff -u` shows them.

export interface DiffLine { op: ' ' | '-' | '+'; text: string }

/** The lines of `a` and `b` as kept, removed and added (LCS; Kraftfiles are small). */
export function diffLines(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { out.push({ op: ' ', text: a[i] }); i++; j++; }
    else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) out.push({ op: '-', text: a[i++] });
    else out.push({ op: '+', text: b[j++] });
  }
  return out;
}

/** `diff -u` output for two texts ('' when they are equal). */
export function unifiedDiff(before: string, after: string, name: string, context = 3): string {
  if (before === after) return '';
  const split = (t: string) => (t.endsWith('\n') ? t.slice(0, -1) : t).split('\n');
  const lines = diffLines(split(before), split(after));
  const changed = lines.map((l, k) => (l.op !== ' ' ? k : -1)).filter((k) => k >= 0);
  let out = `--- ${name}\n+++ ${name}\n`;
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - context);
    let end = changed[k];
    while (k + 1 < changed.length && changed[k + 1] - end <= 2 * context) end = changed[++k];
    k++;
    const stop = Math.min(lines.length, end + context + 1);
    const hunk = lines.slice(start, stop);
    const oldStart = lines.slice(0, start).filter((l) => l.op !== '+').length + 1;
    const newStart = lines.slice(0, start).filter((l) => l.op !== '-').length + 1;
    out += `@@ -${oldStart},${hunk.filter((l) => l.op !== '+').length} +${newStart},${hunk.filter((l) => l.op !== '-').length} @@\n`;
    out += hunk.map((l) => `${l.op}${l.text}\n`).join('');
  }
  return out;
}
