// Runs engine (kconfig/conf.ts runConf) jobs in a separate Node process, so that a test can use
// both cores for the engine: `node --import tsx test/linux/engine-runner.ts JOBS.json OUT.json`.
// JOBS.json: [{ argv, env, cwd }]; OUT.json: [{ code, stdout, stderr, threw?, ms }]. Output files
// stay in each job's cwd.
import * as fs from 'node:fs';
import { runConf } from '../../kconfig/conf.js';

interface Job {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

const [jobFile, outFile] = process.argv.slice(2);
if (!jobFile || !outFile) {
  console.error('usage: engine-runner.ts JOBS.json OUT.json');
  process.exit(2);
}
const jobs = JSON.parse(fs.readFileSync(jobFile, 'utf8')) as Job[];
const results = jobs.map((j) => {
  let stdout = '';
  let stderr = '';
  const t0 = Date.now();
  try {
    const code = runConf(j.argv, { env: j.env, cwd: j.cwd, stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, flavor: 'linux' });
    return { code, stdout, stderr, ms: Date.now() - t0 };
  } catch (e) {
    const err = e as Error;
    return { code: -1, stdout, stderr, ms: Date.now() - t0, threw: `${err?.message ?? String(err)}\n${(err?.stack ?? '').split('\n').slice(1, 8).join('\n')}` };
  }
});
fs.writeFileSync(outFile, JSON.stringify(results));
