// UKMENU_TRACE=FILE appends the start-up's stages to FILE: ms since the process started, and the CPU
// ms it used by then (all threads): the figures the first-frame work (issue 14) is steered by, on
// the user's own machine and project.
import { appendFileSync } from 'node:fs';

const file = process.env.UKMENU_TRACE;

/** Notes that the start-up reached `stage`. */
export function traceStage(stage: string): void {
  if (!file) return;
  const cpu = process.cpuUsage();
  appendFileSync(file, `${performance.now().toFixed(1).padStart(7)} ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(5)} cpu  ${stage}\n`);
}
