// UKMENU_TRACE=FILE appends the start-up's stage times (ms since the process started) to FILE: the
// figures the first-frame work (issue 14) is steered by, on the user's own machine and project.
import { appendFileSync } from 'node:fs';

const file = process.env.UKMENU_TRACE;

/** Notes that the start-up reached `stage`. */
export function traceStage(stage: string): void {
  if (file) appendFileSync(file, `${performance.now().toFixed(1).padStart(7)} ${stage}\n`);
}
