import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
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
  },
});
