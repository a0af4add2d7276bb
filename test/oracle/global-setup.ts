// vitest globalSetup: builds the C conf oracle once, before the test workers start (they would
// otherwise each wait on build-oracle.sh's lock). Outside CI a missing linux-source only warns:
// the oracle tests then skip themselves with the reason. In CI it fails the run.
import { ensureOracle, isCI } from './oracle.js';

export default function setup(): void {
  const s = ensureOracle();
  if (s.ok) return;
  if (isCI) throw new Error(`C conf oracle unavailable in CI: ${s.reason}`);
  console.warn(`[oracle] C conf oracle unavailable, oracle tests will be skipped: ${s.reason}`);
}
