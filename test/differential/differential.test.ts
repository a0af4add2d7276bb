// The engine (kconfig/conf.ts, in-process) against Linux 6.1's C conf on random generated Kconfig
// trees and .config files, in every conf mode; plus broken inputs (syntax errors, dependency loops,
// malformed .config). Byte-identical .config/auto.conf/autoconf.h/rustc_cfg/auto.conf.cmd/dep
// files/savedefconfig output, stdout, stderr and exit codes. randconfig: byte-identical too (the
// engine emulates glibc's rand(); UKMENU_DIFF_RANDCONFIG=fixpoint drops that), and the C conf's
// olddefconfig must leave the engine's output unchanged whenever it leaves C's own unchanged.
//
// A "no difference" counts only with enough evidence (harness.ts coverageFailure, per mode): at
// least MIN_COMPARED runs compared, the C conf succeeding in a known share of them (a reference
// that fails everywhere, e.g. a tree it cannot find, would agree with an engine that fails the
// same way), and few runs killed (endless loops, reference timeouts, C crashes). The time budget
// stops a run only after the minimum number of cases, so a busy machine still meets these.
//
// UKMENU_DIFF_SEED   seed (default: random, printed)
// UKMENU_DIFF_CASES  number of valid cases (default 3000 within a 60 s budget, at least 150 cases;
//                    an explicit value has no time budget); UKMENU_DIFF_ERROR_CASES (default 2000,
//                    25 s budget, at least 600)
// Iterate with: npx tsx test/differential/run.ts --seed S --cases N [--modes m] [--errors]
import { beforeAll, describe, expect, it } from 'vitest';
import { oracleSkipReason, requireOracle } from '../oracle/oracle.js';
import {
  cConfEngine, countMismatches, coverageFailure, formatReport, MODES, modeFailure, runDifferential, runErrorCases, type Coverage, type Report,
} from './harness.js';

// Measured (seed 12345, 200 valid cases): the C conf exits 0 in 79-95% of a mode's runs, syncconfig
// loops in 12.5% (its dialog with stdin at EOF); error cases: 10-60% exit 0.
const VALID: Coverage = { minCompared: 100, minOkRate: 0.6, maxKilledRate: 0.2 };
const ERRORS: Coverage = { minCompared: 80, minOkRate: 0.05, maxKilledRate: 0.1 };
const ERROR_MODES = ['olddefconfig', 'allnoconfig', 'syncconfig', 'savedefconfig', 'defconfig'];

const skip = oracleSkipReason();
const seed = Number(process.env.UKMENU_DIFF_SEED ?? Math.floor(Math.random() * 2 ** 31));
const explicitCases = process.env.UKMENU_DIFF_CASES !== undefined;
const cases = Number(process.env.UKMENU_DIFF_CASES ?? 3000);
const explicitErrors = process.env.UKMENU_DIFF_ERROR_CASES !== undefined;
const errorCases = Number(process.env.UKMENU_DIFF_ERROR_CASES ?? 2000);
const title = (s: string) => (skip ? `${s} (skipped: ${skip})` : s);

describe.skipIf(!!skip)(title(`harness self-check: the C conf against itself (seed ${seed})`), () => {
  it('finds no difference where there is none', async () => {
    requireOracle();
    const r = await runDifferential({ seed, cases: 15, engine: cConfEngine });
    const n = countMismatches(r);
    expect(n, formatReport(r, 'C conf vs C conf', { details: 3 })).toBe(0);
  }, 120_000);
});

describe.skipIf(!!skip)(title(`differential vs C conf on generated trees (seed ${seed})`), () => {
  let report: Report;
  const rerun = `UKMENU_DIFF_SEED=${seed} npx vitest run test/differential  |  npx tsx test/differential/run.ts --seed ${seed} --cases ${cases}`;

  beforeAll(async () => {
    requireOracle();
    report = await runDifferential({
      seed,
      cases,
      deadlineMs: explicitCases ? undefined : 60_000,
      minCases: Math.min(cases, 150),
      // chunks of 50: a busy machine stops at the minimum (150, not the next multiple of 100) and an
      // idle one overshoots the budget by at most a smaller chunk
      chunk: 50,
      stopWhenAllThrow: true,
      randconfigExact: process.env.UKMENU_DIFF_RANDCONFIG !== 'fixpoint',
    });
    console.log(formatReport(report, `differential, seed ${seed}`, { details: 0, modes: MODES }));
  }, 900_000);

  it('the engine never throws', () => {
    const lines = [...report.thrown].map(([msg, t]) => `${t.count}x ${msg} (first: case seed ${t.first.seed}, ${t.first.mode})\n${t.stack ?? ''}`);
    expect(report.thrown.size, `engine exceptions (seed ${seed}):\n${lines.join('\n')}`).toBe(0);
  });

  it.each(MODES)('%s: identical to the C conf', (mode) => {
    const msg = modeFailure(report, mode, seed, `npx tsx test/differential/run.ts --seed ${seed} --cases ${report.cases}`);
    expect(msg === undefined, msg ?? '').toBe(true);
  });

  it.each(MODES)('%s: enough runs compared, the reference succeeding, few killed', (mode) => {
    if (report.stopped) console.log(`[differential] ${report.stopped}`);
    const msg = coverageFailure(report, mode, explicitCases && cases < 150 ? { ...VALID, minCompared: 0 } : VALID);
    expect(msg === undefined, `${msg} (seed ${seed}; re-run: ${rerun})`).toBe(true);
  });
});

describe.skipIf(!!skip)(title(`errors vs C conf: syntax errors, loops, malformed .config (seed ${seed})`), () => {
  let report: Report;
  beforeAll(async () => {
    requireOracle();
    report = await runErrorCases({ seed, cases: errorCases, deadlineMs: explicitErrors ? undefined : 25_000, minCases: Math.min(errorCases, 600), stopWhenAllThrow: true });
    console.log(formatReport(report, `error cases, seed ${seed}`, { details: 0 }));
  }, 600_000);

  it('the engine never throws (errors are reported, not thrown)', () => {
    const lines = [...report.thrown].map(([msg, t]) => `${t.count}x ${msg} (first: case seed ${t.first.seed} ${t.first.kind ?? ''}, ${t.first.mode})\n${t.stack ?? ''}`);
    expect(report.thrown.size, `engine exceptions (seed ${seed}):\n${lines.join('\n')}`).toBe(0);
  });

  it.each(ERROR_MODES)('%s: enough runs compared, the reference ending normally, few killed', (mode) => {
    const msg = coverageFailure(report, mode, explicitErrors && errorCases < 600 ? { ...ERRORS, minCompared: 0 } : ERRORS);
    expect(msg === undefined, `${msg} (seed ${seed})`).toBe(true);
  });

  it.each(ERROR_MODES)('%s: same diagnostics, exit code and files', (mode) => {
    const msg = modeFailure(report, mode, seed, `npx tsx test/differential/run.ts --errors --seed ${seed} --cases ${report.cases}`);
    expect(msg === undefined, msg ?? '').toBe(true);
  });
});
