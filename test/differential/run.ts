// Differential CLI: the engine (kconfig/conf.ts) vs the C conf of Linux 6.1 on generated cases.
//
//   npx tsx test/differential/run.ts --seed S --cases N          random valid trees, every mode
//   npx tsx test/differential/run.ts --errors --cases N          syntax errors, loops, bad .config
//   npx tsx test/differential/run.ts --case-seed X [--errors]    one case (seed from a report)
// Options: --modes a,b   only these modes        --details N   show N mismatch diffs (default 5)
//          --keep DIR    keep failing cases here  --engine c    self-check: C conf against itself
//          --chunk N     cases per C batch        --quiet       no progress lines
//          --rand-fixpoint-only   randconfig: only the fixpoint check, not byte-identical output
import { cConfEngine, formatReport, MODES, runDifferential, runErrorCases, runSingleCase, countMismatches, type DiffOptions, type Report } from './harness.js';
import { requireOracle } from '../oracle/oracle.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  const pre = process.argv.find((a) => a.startsWith(name + '='));
  return pre?.slice(name.length + 1);
}
const has = (name: string) => process.argv.includes(name);

async function main() {
  if (has('--help') || has('-h')) {
    console.log(
      'usage: npx tsx test/differential/run.ts [--seed S] [--cases N] [--errors] [--case-seed X] [--modes a,b]\n' +
        '       [--details N] [--keep DIR] [--engine c] [--chunk N] [--quiet] [--rand-fixpoint-only]\n' +
        `modes: ${MODES.join(' ')}`,
    );
    return;
  }
  requireOracle();
  const seed = Number(arg('--seed') ?? Math.floor(Math.random() * 2 ** 31));
  const cases = Number(arg('--cases') ?? 200);
  const errors = has('--errors');
  const modes = arg('--modes')?.split(',').filter(Boolean);
  const details = Number(arg('--details') ?? 5);
  const opts: DiffOptions = {
    seed,
    cases,
    modes,
    keepRoot: arg('--keep'),
    chunk: arg('--chunk') ? Number(arg('--chunk')) : undefined,
    engine: arg('--engine') === 'c' ? cConfEngine : undefined,
    randconfigExact: !has('--rand-fixpoint-only'),
    log: has('--quiet') ? undefined : (s) => process.stderr.write(s + '\n'),
  };
  let report: Report;
  let title: string;
  const caseSeed = arg('--case-seed');
  if (caseSeed !== undefined) {
    report = await runSingleCase(Number(caseSeed), errors, opts);
    title = `case seed ${caseSeed}${errors ? ' (error case)' : ''}`;
  } else if (errors) {
    report = await runErrorCases(opts);
    title = `error cases, seed ${seed}`;
  } else {
    report = await runDifferential(opts);
    title = `differential, seed ${seed}`;
  }
  console.log(formatReport(report, title, { details, modes: modes ?? [...report.runs.keys()] }));
  console.log(`\nre-run: npx tsx test/differential/run.ts ${caseSeed !== undefined ? `--case-seed ${caseSeed}` : `--seed ${seed} --cases ${cases}`}${errors ? ' --errors' : ''}${modes ? ` --modes ${modes.join(',')}` : ''}`);
  process.exitCode = countMismatches(report) ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
