// A compact line diff for mismatch reports (unified-style hunks, capped output).

export function unifiedDiff(a: string, b: string, labelA = 'C conf', labelB = 'engine', context = 2, maxLines = 60): string {
  const A = a.split('\n');
  const B = b.split('\n');
  // trim the common prefix and suffix, then LCS on the middle (bounded)
  let pre = 0;
  while (pre < A.length && pre < B.length && A[pre] === B[pre]) pre++;
  let suf = 0;
  while (suf < A.length - pre && suf < B.length - pre && A[A.length - 1 - suf] === B[B.length - 1 - suf]) suf++;
  const a1 = A.slice(pre, A.length - suf);
  const b1 = B.slice(pre, B.length - suf);
  type Op = { t: ' ' | '-' | '+'; s: string; ia: number; ib: number };
  const ops: Op[] = [];
  for (let i = Math.max(0, pre - context); i < pre; i++) ops.push({ t: ' ', s: A[i]!, ia: i, ib: i });
  if (a1.length * b1.length <= 4_000_000) {
    const n = a1.length, m = b1.length;
    const dp: Uint32Array[] = [];
    for (let i = 0; i <= n; i++) dp.push(new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i]![j] = a1[i] === b1[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    let i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a1[i] === b1[j]) { ops.push({ t: ' ', s: a1[i]!, ia: pre + i, ib: pre + j }); i++; j++; }
      else if (j < m && (i === n || dp[i]![j + 1]! >= dp[i + 1]![j]!)) { ops.push({ t: '+', s: b1[j]!, ia: pre + i, ib: pre + j }); j++; }
      else { ops.push({ t: '-', s: a1[i]!, ia: pre + i, ib: pre + j }); i++; }
    }
  } else {
    for (const [k, s] of a1.entries()) ops.push({ t: '-', s, ia: pre + k, ib: pre });
    for (const [k, s] of b1.entries()) ops.push({ t: '+', s, ia: pre + a1.length, ib: pre + k });
  }
  for (let k = 0; k < Math.min(context, suf); k++) ops.push({ t: ' ', s: A[A.length - suf + k]!, ia: A.length - suf + k, ib: B.length - suf + k });
  // keep changed lines and `context` lines around them
  const keep = new Array(ops.length).fill(false);
  ops.forEach((o, k) => {
    if (o.t !== ' ') for (let d = -context; d <= context; d++) if (k + d >= 0 && k + d < ops.length) keep[k + d] = true;
  });
  const out = [`--- ${labelA}`, `+++ ${labelB}`];
  let last = -2;
  let shown = 0;
  for (let k = 0; k < ops.length; k++) {
    if (!keep[k]) continue;
    if (k !== last + 1) out.push(`@@ line ${ops[k]!.ia + 1} (C) / ${ops[k]!.ib + 1} (engine) @@`);
    last = k;
    out.push(ops[k]!.t + visible(ops[k]!.s));
    if (++shown >= maxLines) {
      out.push(`... (diff truncated)`);
      break;
    }
  }
  return out.join('\n');
}

/** Makes control characters and trailing whitespace visible. */
export function visible(s: string, max = 300): string {
  if (s.length > max) s = s.slice(0, max) + `…(+${s.length - max} chars)`;
  let t = s.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  t = t.replace(/\t/g, '\\t');
  if (/ $/.test(t)) t = t.replace(/ +$/, (m) => '·'.repeat(m.length));
  return t;
}
