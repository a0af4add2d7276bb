// UKMENU_TRACE=FILE appends the start-up's stages to FILE: ms since the process started, the CPU
// ms it used by then (all threads), of which in the kernel, and its page faults: the figures the
// first-frame work (issue 14) is steered by, on the user's own machine and project. (On a virtual
// machine a page fault can cost ~10 µs: the ~8,000 of a first frame are a good part of it.)
import { appendFileSync } from 'node:fs';

const file = process.env.UKMENU_TRACE;

/** Notes that the start-up reached `stage`. */
export function traceStage(stage: string): void {
  if (!file) return;
  const use = process.resourceUsage();
  const ms = (us: number) => (us / 1000).toFixed(0);
  appendFileSync(file, `${performance.now().toFixed(1).padStart(7)} ${ms(use.userCPUTime + use.systemCPUTime).padStart(5)} cpu ${ms(use.systemCPUTime).padStart(4)} sys ${String(use.minorPageFault).padStart(6)} faults  ${stage}\n`);
}

// and each pause of the garbage collector, when it started and how long it took (ms)
if (file) {
  void import('node:perf_hooks').then(({ PerformanceObserver }) => new PerformanceObserver((list) => {
    for (const e of list.getEntries()) appendFileSync(file, `${e.startTime.toFixed(1).padStart(7)} gc ${e.duration.toFixed(1)} ms\n`);
  }).observe({ entryTypes: ['gc'] }));
}
