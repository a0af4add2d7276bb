// The one rule for tests that need a program, a tree or a terminal this machine may not have:
// outside CI they skip with the reason; in CI (CI=true, as CI services set it) a missing piece is
// a failure, never a skip, since .ci/run installs everything the tests use.

/** Whether the tests run in CI: CI set to anything but empty, "false", "0" or "no". */
export const inCI = !['', 'false', '0', 'no'].includes((process.env.CI ?? '').trim().toLowerCase());

/**
 * Returns true when the caller should skip because `what` is not `available` (outside CI); in CI
 * throws instead. `skip` (a test context's skip) is called with the reason before returning true.
 * In a collection-time `describe.skipIf(requireOrSkip(...))` the throw fails the whole file.
 */
export function requireOrSkip(what: string, available: boolean, skip?: (note: string) => void): boolean {
  if (available) return false;
  if (inCI) throw new Error(`CI must provide ${what} (.ci/run installs it); a missing one fails the tests`);
  const note = `needs ${what}`;
  skip?.(note);
  return true;
}
