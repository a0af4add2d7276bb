// Unikraft's Config.uk asks `$(shell,test $(UK_BASE) = $(UK_APP) && echo y || echo n)` (is the app
// the core itself?). Forking /bin/sh for a string comparison costs more than the rest of the line's
// work on a busy machine, so this exact form is answered in process: with three arguments and `=`
// in the middle, test compares the two strings (POSIX), and echo prints y or n. Anything else (other
// commands, quoting or characters it does not read for certain, operands test could take for an
// operator) answers null and the shell runs it. test/project/speed-shell-test.test.ts compares both.
import { plainShellWords } from './submenu.js';

const FORM = /^test[ \t]+(\S+)[ \t]+=[ \t]+(\S+)[ \t]+&&[ \t]+echo[ \t]+y[ \t]+\|\|[ \t]+echo[ \t]+n[ \t]*$/;

/** One operand as the shell hands it to test, or undefined when unsure. */
function operand(text: string): string | undefined {
  const words = plainShellWords(text);
  if (!words || words.length !== 1) return undefined;
  // '-x', '!', '(' and ')' first: leave the parsing of such operands to the real test
  return /^[-!()]/.test(words[0]) ? undefined : words[0];
}

/** What /bin/sh prints for `test A = B && echo y || echo n`, or null when it is not that command. */
export function runShellTestInProcess(cmd: string): { out: string; err: string } | null {
  if (process.platform === 'win32') return null;
  const m = FORM.exec(cmd);
  if (!m) return null;
  const a = operand(m[1]);
  const b = operand(m[2]);
  if (a === undefined || b === undefined) return null;
  return { out: a === b ? 'y\n' : 'n\n', err: '' };
}
