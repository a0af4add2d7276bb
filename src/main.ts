// Entry point of the ukmenu program (bundled into dist/ukmenu.js by scripts/bundle.mjs).
import { main } from './cli.js';
import { traceStage } from './startTrace.js';
import { takeHostCcProbe } from './project/hostCcProbe.js';

traceStage('main module evaluated');
takeHostCcProbe(process.env); // before anything copies the environment

for (const s of [process.stdout, process.stderr]) s.on('error', () => {}); // e.g. EPIPE when piped into head

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  stdin: process.stdin,
  handleSignals: true,
});
