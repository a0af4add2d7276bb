// Entry point of the ukmenu program (bundled into dist/ukmenu.js by scripts/bundle.mjs).
import { main } from './cli.js';
import { traceStage } from './startTrace.js';
import { takeHostCcProbe } from './project/hostCcProbe.js';
import { whenMade } from './stdioMade.js';

traceStage('main module evaluated');
takeHostCcProbe(process.env); // before anything copies the environment

// quiet on write errors (EPIPE when piped into head), from when Node makes them: not at once, as
// the menu's first frame is written before (src/frameTerminal.ts)
for (const name of ['stdout', 'stderr'] as const) whenMade(name, (s) => s.on('error', () => {}));

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  get stdin() { return process.stdin; },
  handleSignals: true,
});
