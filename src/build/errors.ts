// The lines of a build's output that report an error, and which of them is the cause: the
// compiler's, the linker's or a tool's message (tar, wget, curl, git, patch, unzip, a checksum),
// not make's trailing `make[N]: *** [...] Error 2` lines nor a shell's "not found" while parsing.

export type BuildErrorKind = 'compiler' | 'linker' | 'tool' | 'fetch' | 'shell' | 'make';

export interface BuildError {
  file?: string;
  line?: number;
  column?: number;
  /** The whole line as printed (for a fetch failure: what failed, in words). */
  text: string;
  kind: BuildErrorKind;
  /** Lines under the error: where a missing file is expected, how to fix it. */
  hint?: string[];
}

/** Messages of the tools Unikraft's fetch, unpack and patch rules run (their own wording). */
const TOOL_ERROR = new RegExp([
  // tar and the decompressors it runs
  String.raw`^tar(?: \(child\))?: .*(?:Cannot open|Cannot read|Cannot mkdir|Cannot write|Cannot create|Error is not recoverable|Child returned status|Exiting with failure status|Unexpected EOF|does not look like a tar archive)`,
  String.raw`^(?:gzip|xz|bzip2): .+`,
  String.raw`^unzip: .+`, String.raw`^\s*cannot find or open `,
  // downloads: wget (without -q), curl, git
  String.raw`^wget: .+`, String.raw`^ERROR \d{3}: `, String.raw`failed: (?:Connection refused|No route to host|Name or service not known|Temporary failure in name resolution|Network is unreachable)`,
  String.raw`^curl: \(\d+\) `, String.raw`^fatal: `,
  // patch
  String.raw`^patch: \*\*\*\* `, String.raw`^\d+ out of \d+ hunks? FAILED`, String.raw`^Hunk #\d+ FAILED`, String.raw`^can't find file to patch`,
  // Unikraft's checksum check (support/build/Makefile.rules: chksum_cmd)
  String.raw`: (?:MD5|SHA1|SHA256|SHA512) checksum validation failed$`,
].join('|'));

/** A shell that could not run a command (also printed by $(shell ...) while make reads its makefiles). */
const SHELL_ERROR = /^(?:\/bin\/|\/usr\/bin\/)?(?:ba|da)?sh: (?:\d+: |line \d+: )?.*(?:not found|command not found|No such file or directory|Permission denied)$/;

/** A line that reports an error: `file:line[:col]: error: ...`, linker errors, tools' messages, `make: *** ...`. */
export function parseErrorLine(line: string): BuildError | null {
  const text = line.replace(/\r$/, '');
  let m = /^(.+?):(\d+)(?::(\d+))?: (?:fatal error|error): /.exec(text);
  if (m) return { file: m[1], line: Number(m[2]), column: m[3] ? Number(m[3]) : undefined, text, kind: 'compiler' };
  // make's own: "Makefile:12: *** message.  Stop." and "make[1]: *** [rule] Error 1"
  m = /^(.+?):(\d+): \*\*\* .*$/.exec(text);
  if (m && !/^make(\[\d+\])?$/.test(m[1])) return { file: m[1], line: Number(m[2]), text, kind: 'make' };
  if (/^(?:[\w./-]*make|gmake)(\[\d+\])?: \*\*\* /.test(text)) return { text, kind: 'make' };
  if (/undefined reference to|multiple definition of|ld(?:\.bfd)?: cannot find|collect2: error:|ld returned \d+ exit status/.test(text)) {
    m = /^(.+?):(?:(\d+):)?.*(?:undefined reference|multiple definition)/.exec(text);
    return { file: m?.[1], line: m?.[2] ? Number(m[2]) : undefined, text, kind: 'linker' };
  }
  if (/^(.+?): error: /.test(text) || /^error: /.test(text)) return { text, kind: 'compiler' };
  if (TOOL_ERROR.test(text)) return { text, kind: 'tool' };
  if (SHELL_ERROR.test(text)) return { text, kind: 'shell' };
  return null;
}

/**
 * How early an error belongs in the summary: what failed (a fetch, the compiler, the linker, a tool,
 * make's own "Makefile:12: *** ... Stop."), then a shell's "not found" (also printed for probes while
 * make parses, which fail harmlessly), then make's lines about recipes that failed.
 */
export function errorRank(e: BuildError): number {
  if (e.kind === 'fetch') return 0;
  if (e.kind === 'shell') return 2;
  if (e.kind === 'make' && !e.file) return 3;
  return 1;
}

/** The errors in summary order: the cause first, each rank in the order make printed it. */
export function summaryOrder(errors: readonly BuildError[]): BuildError[] {
  return [...errors].sort((a, b) => errorRank(a) - errorRank(b));
}
