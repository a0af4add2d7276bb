// The engine (kconfig/conf.ts, in-process) against Linux 6.1's C conf on random generated Kconfig
// trees and .config files, in every conf mode; plus broken inputs (syntax errors, dependency loops,
// malformed .config). Byte-identical .config/auto.conf/autoconf.h/rustc_cfg/auto.conf.cmd/dep
// files/savedefconfig output, stdout, stderr and exit codes. randconfig: byte-identical too (the
// engine emulates glibc's rand(); UKMENU_DIFF_RANDCONFIG=fixpoint drops that), and the C conf's
// olddefconfig must leave the engine's output unchanged whenever it leaves C's own unchanged.
//
// UKMENU_DIFF_SEED   seed (default: random, printed)
// UKMENU_DIFF_CASES  number of valid cases (default 3000 within a 150 s budget; an explicit value
//                    has no time budget); UKMENU_DIFF_ERROR_CASES (default 2000, 25 s budget)
// Iterate with: npx tsx test/differential/run.ts --seed S --cases N [--modes m] [--errors]
import { beforeAll, describe, expect, it } from 'vitest';
import { oracleSkipReason, requireOracle } from '../oracle/oracle.js';
import {
  cConfEngine, countMismatches, formatReport, MODES, modeFailure, runDifferential, runErrorCases, type Report,
} from './harness.js';

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
      deadlineMs: explicitCases ? undefined : 150_000,
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

  it('ran enough cases', () => {
    // Only informative unless something stopped the run: the time budget bounds CI time.
    if (report.stopped) console.log(`[differential] ${report.stopped}`);
    expect(report.cases).toBeGreaterThan(0);
    void rerun;
  });
});

describe.skipIf(!!skip)(title(`errors vs C conf: syntax errors, loops, malformed .config (seed ${seed})`), () => {
  let report: Report;
  beforeAll(async () => {
    requireOracle();
    report = await runErrorCases({ seed, cases: errorCases, deadlineMs: explicitErrors ? undefined : 25_000, stopWhenAllThrow: true });
    console.log(formatReport(report, `error cases, seed ${seed}`, { details: 0 }));
  }, 600_000);

  it('the engine never throws (errors are reported, not thrown)', () => {
    const lines = [...report.thrown].map(([msg, t]) => `${t.count}x ${msg} (first: case seed ${t.first.seed} ${t.first.kind ?? ''}, ${t.first.mode})\n${t.stack ?? ''}`);
    expect(report.thrown.size, `engine exceptions (seed ${seed}):\n${lines.join('\n')}`).toBe(0);
  });

  it.each(['olddefconfig', 'allnoconfig', 'syncconfig', 'savedefconfig', 'defconfig'])('%s: same diagnostics, exit code and files', (mode) => {
    const msg = modeFailure(report, mode, seed, `npx tsx test/differential/run.ts --errors --seed ${seed} --cases ${report.cases}`);
    expect(msg === undefined, msg ?? '').toBe(true);
  });
});
