// Errors meant for the user: a one-line message plus lines saying what was looked at and how to fix it.

export class UkmenuError extends Error {
  readonly details: string[];
  readonly exitCode: number;
  constructor(message: string, details: string[] = [], exitCode = 1) {
    super(message);
    this.name = 'UkmenuError';
    this.details = details;
    this.exitCode = exitCode;
  }

  /** The text printed on stderr: `ukmenu: message` and the indented details. */
  format(prog = 'ukmenu'): string {
    const lines = [`${prog}: ${this.message}`];
    for (const d of this.details) lines.push(d === '' ? '' : `  ${d}`);
    return lines.join('\n') + '\n';
  }
}

export function isUkmenuError(e: unknown): e is UkmenuError {
  return e instanceof UkmenuError;
}
