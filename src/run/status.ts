// What QEMU's exit status (and the console) say about the guest, and the exit code of `ukmenu run`.
//
//   ukmenu run exits with
//     0    the guest reported success (x86 example: isa-debug-exit 33; Unikraft on x86: ACPI off
//          (0) or debug-exit 83; arm64: power off, and no non-zero "power off (status N)" line)
//     1    the guest reported failure (x86 example: 35; arm64: "power off (status N)" with N != 0),
//          or ukmenu could not get that far (no image, build failed, missing QEMU)
//     3    no status: the guest crashed (Unikraft's 85, a triple fault, any other QEMU exit code),
//          QEMU failed to start, or it was killed
//     124  --timeout: the guest was still running and was stopped (like timeout(1))
//     130  stopped by the user (Ctrl-C)
import type { StatusProtocol } from './config.js';

export type Outcome = 'success' | 'failure' | 'crash' | 'timeout' | 'stopped' | 'qemu-error';

export interface Verdict {
  outcome: Outcome;
  /** The exit code for `ukmenu run`. */
  exitCode: number;
  /** One line for the user. */
  text: string;
}

export const EXIT = { success: 0, failure: 1, crash: 3, 'qemu-error': 3, timeout: 124, stopped: 130 } as const;

/** `kvmplat: power off (status N)`, printed by the bundled example before it powers off. */
export function powerOffStatus(lines: string[]): number | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /kvmplat: power off \(status (-?\d+)\)/.exec(lines[i]);
    if (m) return Number(m[1]);
  }
  return null;
}

/** The emulated-x86 RDSEED limitation: libukrandom could not seed itself. */
export function hwrngFailure(lines: string[]): string | null {
  return lines.find((l) => /Could not initialize the HWRNG|\[libukrandom\].*(could not|failed)|Could not generate random seed/i.test(l)) ?? null;
}

export function verdict(
  status: StatusProtocol,
  r: { exitCode: number | null; signal: string | null; timedOut?: boolean; stoppedByUser?: boolean; spawnError?: string },
  lines: string[],
): Verdict {
  const mk = (outcome: Outcome, text: string): Verdict => ({ outcome, exitCode: EXIT[outcome], text });
  if (r.spawnError) return mk('qemu-error', r.spawnError);
  if (r.timedOut) return mk('timeout', 'the guest was still running at the timeout and was stopped');
  if (r.stoppedByUser) return mk('stopped', 'stopped');
  if (r.exitCode === null) return mk('crash', `QEMU was killed (${r.signal ?? 'signal'})`);
  const code = r.exitCode;
  const reported = powerOffStatus(lines);
  const qemuError = lines.some((l) => /^qemu-system-\w+: /.test(l));
  switch (status.kind) {
    case 'debug-exit':
      if (code === status.success) return mk('success', `QEMU exited with ${code}: the guest reported success`);
      if (code === status.failure) return mk('failure', `QEMU exited with ${code}: the guest reported failure${reported !== null ? ` (status ${reported})` : ''}`);
      if (code === 1 && qemuError) return mk('qemu-error', 'QEMU failed (see its message above)');
      return mk('crash', `QEMU exited with ${code}: the guest stopped without reporting a status (crashed?)`);
    case 'unikraft-x86':
      if (status.success.includes(code)) {
        if (reported !== null && reported !== 0) return mk('failure', `the guest powered off with status ${reported}`);
        return mk('success', `QEMU exited with ${code}: the guest shut down`);
      }
      if (status.crash.includes(code)) return mk('crash', `QEMU exited with ${code}: the guest crashed`);
      if (code === 1 && qemuError) return mk('qemu-error', 'QEMU failed (see its message above)');
      return mk('crash', `QEMU exited with ${code}`);
    case 'poweroff':
      if (code === 0) {
        if (reported !== null && reported !== 0) return mk('failure', `the guest powered off with status ${reported}`);
        return mk('success', reported === 0 ? 'the guest powered off with status 0' : 'the guest powered off');
      }
      if (qemuError) return mk('qemu-error', `QEMU failed with ${code} (see its message above)`);
      return mk('crash', `QEMU exited with ${code}`);
  }
}
