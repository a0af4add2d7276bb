// The hooks the build and run sessions call: record a build's sizes and a boot's times in the
// history, and say what they show. Never fails the build or the boot: a history that cannot be
// written is left out.
import { statSync } from 'node:fs';
import { bootHistory, imageHistory, recordBoot, recordBuilds } from './history.js';
import type { BootTimes } from './measure.js';
import { bootLine, buildSummaryLines } from './report.js';

export interface BootRecord {
  times: BootTimes;
  previous: BootTimes | null;
  /** For the user: boot: first console line 0.41 s (was 0.45 s) · exit 1.23 s (was 1.30 s). */
  line: string;
}

/** Records the build folder's changed images; the summary of the newest one (empty when none changed). */
export function recordBuildSizes(buildDir: string, image?: string): string[] {
  try {
    const images = recordBuilds(buildDir, image);
    if (!images.length) return [];
    const newest = images.reduce((a, b) => (statSync(b).mtimeMs > statSync(a).mtimeMs ? b : a));
    return buildSummaryLines(imageHistory(newest));
  } catch {
    return [];
  }
}

/** Records a boot that ended with the guest's own status (not stopped, timed out or crashed). */
export function recordBootTimes(image: string, startedAt: number, firstOutputAt: number, endedAt: number, outcome: string): BootRecord | null {
  if (outcome !== 'success' && outcome !== 'failure') return null;
  const times: BootTimes = { firstLineMs: firstOutputAt ? firstOutputAt - startedAt : null, exitMs: endedAt - startedAt, outcome };
  try {
    const before = bootHistory(image);
    const previous = before[before.length - 1] ?? null;
    recordBoot(image, times);
    return { times, previous, line: bootLine(times, previous ?? undefined) };
  } catch {
    return { times, previous: null, line: bootLine(times) };
  }
}
