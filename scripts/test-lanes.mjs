// `npm test`'s vitest part: the two lanes of vitest.config.ts (`system`, `engine`) side by side, one
// vitest process each (vitest runs every single-worker project in one queue, one file at a time).
// Each line is printed as it comes, led by its lane's name; arguments go to both (a file filter
// that leaves a lane empty is no failure; with no arguments an empty lane fails, as a pattern of
// vitest.config.ts that matches nothing would). Exit status: the first failing lane's, else 0.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import path from 'node:path';

const vitest = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const LANES = ['system', 'engine'];
const args = process.argv.slice(2);
const started = Date.now();

const runs = LANES.map((lane) => new Promise((resolve) => {
  const child = spawn(process.execPath, [vitest, 'run', '--project', lane, ...(args.length ? ['--passWithNoTests', ...args] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lead = `[${lane}]`.padEnd(9);
  for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
    createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => to.write(`${lead}${line}\n`));
  }
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => child.kill(signal));
  child.on('error', (e) => { process.stderr.write(`${lead}cannot start vitest: ${e.message}\n`); resolve({ lane, code: 1 }); });
  child.on('close', (code, signal) => resolve({ lane, code: code ?? (signal ? 1 : 0), secs: (Date.now() - started) / 1000 }));
}));

const results = await Promise.all(runs);
for (const r of results) {
  process.stdout.write(`${r.lane}: ${r.code === 0 ? 'passed' : `failed (exit ${r.code})`}${r.secs === undefined ? '' : `, ended after ${r.secs.toFixed(0)} s`}\n`);
}
process.exitCode = results.find((r) => r.code !== 0)?.code ?? 0;
