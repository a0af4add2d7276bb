// Linux 6.1's own Kconfig tree (Debian's linux-source), ARCH=x86 and ARCH=arm64: the engine and the
// C conf, same environment (oracle.ts linuxEnv: what the kernel Makefile exports to conf), must
// write byte-identical files, stdout and stderr: olddefconfig from an empty .config and from no
// .config (KCONFIG_DEFCONFIG_LIST), --defconfig arch/.../defconfig, allnoconfig, allyesconfig,
// allmodconfig, savedefconfig and syncconfig of the defconfig result, and olddefconfig of
// UKMENU_LINUX_PERTURBED (default 20) perturbed copies of the defconfig result per arch
// (seed UKMENU_LINUX_SEED, default random, printed). The tree's $(shell,...) probes run once per
// environment on each side for the runs that share it (test/oracle/oracle.ts shareParse,
// shared-shell.ts); the engine's base runs run them with its own helpers.
import { beforeAll, describe, expect, it } from 'vitest';
import { oracleSkipReason, requireOracle, type LinuxArch } from '../oracle/oracle.js';
import { baseRuns, compareSides, defconfigResult, derivedRuns, LINUX_ALARMS, runC, runEngineAll, type LinuxRun, type SideResult } from './linux-cases.js';

const skip = oracleSkipReason();
const ARCHES: LinuxArch[] = ['x86', 'arm64'];
const seed = Number(process.env.UKMENU_LINUX_SEED ?? Math.floor(Math.random() * 2 ** 31));
const perturbed = Number(process.env.UKMENU_LINUX_PERTURBED ?? 20);

interface Outcome {
  run: LinuxRun;
  c: SideResult;
  e: SideResult;
  diffs: string[];
}

const outcomes = new Map<string, Outcome>(); // `${arch}: ${name}`

describe.skipIf(!!skip)(skip ? `Linux 6.1 tree (skipped: ${skip})` : `Linux 6.1 tree: engine vs C conf (perturbation seed ${seed})`, () => {
  beforeAll(async () => {
    requireOracle();
    const t0 = Date.now();
    // 1. C conf on everything that does not depend on an earlier result (both arches at once), in
    //    the background while the engine works through the same runs
    const base = ARCHES.flatMap((a) => baseRuns(a));
    const cBaseP = runC(base);
    cBaseP.catch(() => undefined);
    const eBase = await runEngineAll(base);
    const cBase = await cBaseP;
    const t1 = Date.now();
    // 2. the same on the runs derived from the C defconfig result
    const derived = ARCHES.flatMap((a) => {
      const k = base.findIndex((r) => r.arch === a && r.name.startsWith('defconfig'));
      return derivedRuns(a, defconfigResult(cBase[k]!), perturbed, seed);
    });
    const cDerivedP = runC(derived, 1);
    cDerivedP.catch(() => undefined);
    const eDerived = await runEngineAll(derived);
    const cDerived = await cDerivedP;
    const all: Array<[LinuxRun, SideResult, SideResult]> = [
      ...base.map((r, i) => [r, cBase[i]!, eBase[i]!] as [LinuxRun, SideResult, SideResult]),
      ...derived.map((r, i) => [r, cDerived[i]!, eDerived[i]!] as [LinuxRun, SideResult, SideResult]),
    ];
    for (const [run, c, e] of all) outcomes.set(`${run.arch}: ${run.name}`, { run, c, e, diffs: compareSides(c, e) });
    const cMs = all.reduce((s, [, c]) => s + c.ms, 0);
    const eMs = all.reduce((s, [, , e]) => s + e.ms, 0);
    const retried = all.filter(([, c]) => c.retried).length;
    if (retried) console.log(`[linux] ${retried} C conf runs hit the ${LINUX_ALARMS.alarm} s alarm and were run again alone; ${all.filter(([, c]) => c.timedOut).length} timed out again`);
    console.log(`[linux] ${all.length} runs in ${((Date.now() - t0) / 1000).toFixed(0)} s; per run: C conf ~${(cMs / all.length / 1000).toFixed(2)} s, engine ${(eMs / all.length / 1000).toFixed(2)} s (two engine processes); base runs ${((t1 - t0) / 1000).toFixed(0)} s, runs on the defconfig result ${((Date.now() - t1) / 1000).toFixed(0)} s`);
  }, 2_400_000); // generous: on a busy 2-core machine each side's run takes several times longer

  for (const arch of ARCHES) {
    describe(`ARCH=${arch}`, () => {
      const names = [...baseRuns(arch), ...derivedRuns(arch, '', 0, 0)].map((r) => r.name);
      it.each(names)('%s', (name) => {
        const o = outcomes.get(`${arch}: ${name}`);
        expect(o, 'not run').toBeDefined();
        expect(o!.c.timedOut, o!.diffs[0]).toBeFalsy();
        expect(o!.c.code, `the C conf itself failed (${o!.c.code}):\n${o!.c.stderr}`).toBe(0);
        expect(o!.diffs.length === 0, `ARCH=${arch} ${name}: engine differs from the C conf\n${o!.diffs.join('\n\n')}`).toBe(true);
      });

      it(`olddefconfig of ${perturbed} perturbed copies of the defconfig result`, () => {
        const failing: string[] = [];
        let n = 0;
        for (const [key, o] of outcomes) {
          if (!key.startsWith(`${arch}: perturbed`)) continue;
          n++;
          if (o.diffs.length) failing.push(`── ${key}\n${o.diffs.join('\n\n')}`);
        }
        expect(n).toBe(perturbed);
        expect(failing.length, `${failing.length} of ${n} perturbed runs differ (seed ${seed}; re-run with UKMENU_LINUX_SEED=${seed}):\n${failing.slice(0, 3).join('\n\n')}`).toBe(0);
      });
    });
  }
});
