// Runs engine (kconfig/conf.ts runConf) jobs in a separate Node process, so that a test can use
// both cores for the engine: `node --import tsx test/linux/engine-runner.ts JOBS.json OUT.json [OUTPUTS.json]`
// (OUTPUTS.json: the shared command outputs, shared-shell.ts, taken at the start and kept at the end).
// JOBS.json: [{ argv, env, cwd, sharedShell }]; OUT.json: [{ code, stdout, stderr, threw?, ms, files }]
// (linux-cases.ts EngineRunnerResult): the files each run left in its cwd, read here (the cwd is then removed).
import * as fs from 'node:fs';
import { runConf } from '../../kconfig/conf.js';
import { snapshotDir } from '../oracle/oracle.js';
import type { EngineRunnerResult } from './linux-cases.js';
import { loadSharedOutputs, saveSharedOutputs, SHARED_SHELL_ENV, withSharedShell } from './shared-shell.js';

interface Job {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  sharedShell?: boolean;
}

const [jobFile, outFile, outputsFile] = process.argv.slice(2);
if (!jobFile || !outFile) {
  console.error('usage: engine-runner.ts JOBS.json OUT.json');
  process.exit(2);
}
const jobs = JSON.parse(fs.readFileSync(jobFile, 'utf8')) as Job[];
if (outputsFile) loadSharedOutputs(outputsFile);
/** The run folder's files, then the folder removed (here, not in the waiting test process). */
const files = (cwd: string) => {
  const out = [...snapshotDir(cwd)].map(([f, b]): [string, string] => [f, b.toString('base64')]);
  fs.rmSync(cwd, { recursive: true, force: true });
  return out;
};
const results = jobs.map((j): EngineRunnerResult => {
  let stdout = '';
  let stderr = '';
  const t0 = Date.now();
  try {
    const env = j.sharedShell ? { ...j.env, ...SHARED_SHELL_ENV } : j.env;
    const run = () => runConf(j.argv, { env, cwd: j.cwd, stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, flavor: 'linux' });
    const code = j.sharedShell ? withSharedShell(run) : run();
    const ms = Date.now() - t0;
    return { code, stdout, stderr, ms, files: files(j.cwd) };
  } catch (e) {
    const err = e as Error;
    return { code: -1, stdout, stderr, ms: Date.now() - t0, files: files(j.cwd), threw: `${err?.message ?? String(err)}\n${(err?.stack ?? '').split('\n').slice(1, 8).join('\n')}` };
  }
});
if (outputsFile) saveSharedOutputs(outputsFile);
fs.writeFileSync(outFile, JSON.stringify(results));
