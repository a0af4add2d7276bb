// Splits a command string into argv words as a shell would (quotes and backslashes, no expansion):
// the Kraftfile's `cmd:` string and the uklibparam words on the command line.
/** Splits a command string into words: whitespace, '…', "…" with \" and \\, \ outside quotes. */
export function splitWords(s: string): string[] {
  const words: string[] = [];
  let cur: string | null = null;
  let q: '"' | "'" | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q === "'") { if (c === "'") q = null; else cur += c; continue; }
    if (q === '"') {
      if (c === '"') q = null;
      else if (c === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\')) cur += s[++i];
      else cur += c;
      continue;
    }
    if (/\s/.test(c)) { if (cur !== null) words.push(cur); cur = null; continue; }
    cur ??= '';
    if (c === "'" || c === '"') q = c;
    else if (c === '\\' && i + 1 < s.length) cur += s[++i];
    else cur += c;
  }
  if (cur !== null) words.push(cur);
  return words;
}
