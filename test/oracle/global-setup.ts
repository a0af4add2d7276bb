// vitest globalSetup (vitest.config.ts): builds the C conf oracle and extracts the Linux tree once,
// before the test workers start (they would otherwise each wait on build-oracle.sh's lock).
// Outside CI a missing linux-source only warns: the oracle tests then skip with the reason. In CI
// it fails the run (test/ci.ts).
import { requireOrSkip } from '../ci.js';
import { ensureOracle } from './oracle.js';

export default function setup(): void {
  const s = ensureOracle();
  if (requireOrSkip(`the C conf oracle (${s.ok ? '' : s.reason})`, s.ok)) {
    console.warn(`[oracle] C conf oracle unavailable, oracle tests will be skipped: ${s.ok ? '' : s.reason}`);
  }
}
