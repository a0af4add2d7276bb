import { configDefaults, defineConfig } from 'vitest/config';

// Two lanes (projects), each one file at a time; `npm test` (scripts/test-lanes.mjs) runs them side
// by side, one vitest each, on the machine's two cores (CI's machine has 2; vitest itself puts all
// single-worker projects in one queue):
// - `system`: what runs real programs against the clock (make and gcc building the real core, QEMU
//   booting it with a guest timeout, tmux driving the real binary), at normal priority.
// - `engine`: the long comparisons with no clock (the engine against the C conf, kconfiglib, Ink,
//   make's own tree of the real app), at the lowest priority (test/lowPriority.ts): they take the
//   CPU the system lane leaves. One after the other, the two lanes took ~1000-1070 s here, side by
//   side ~675 s (README); two workers of one queue put a boot test at 78 s of its 120 s limit.
const ENGINE = [
  'test/{differential,explain,gen,engine,linux,oracle,golden,search}/**/*.test.{ts,tsx}',
  'test/robustness/{malformed-kconfig,eof-without-newline}.test.ts',
  'test/ui/{first-frame,fast-string-width,graphemes}.test.ts',
  'test/project/speed-app.test.ts',
];
const TESTS = ['test/**/*.test.ts', 'test/**/*.test.tsx'];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // bash started with a socket as stdin (Node's stdio pipes are socketpairs) and a SHLVL below 1
    // (npm's test script starts with 0) takes itself for a remote shell and reads ~/.bashrc: a
    // .bashrc that runs `pyenv init` made each bash of a Unikraft build (every $(shell) and recipe
    // line) take ~1 s here, the real-core build tests 5-7 times slower. Tests spawn make with this
    // environment or one with its own HOME.
    env: { SHLVL: '1' },
    // builds the C conf oracle and the Linux tree once, before the workers (fails in CI without them)
    globalSetup: ['test/oracle/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'system', include: TESTS, exclude: [...configDefaults.exclude, ...ENGINE], fileParallelism: false } },
      {
        extends: true,
        test: {
          name: 'engine', include: ENGINE, fileParallelism: false, setupFiles: ['test/lowPriority.ts'],
          // a test of this lane may wait for the CPU while a build takes both cores
          testTimeout: 600_000,
        },
      },
    ],
  },
});
