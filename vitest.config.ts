import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // builds the C conf oracle and the Linux tree once, before the workers (fails in CI without them)
    globalSetup: ['test/oracle/global-setup.ts'],
  },
});
