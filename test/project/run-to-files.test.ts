// src/project/runToFiles.ts, which runs the start-up's programs (make's queries, gitsha1, gcc -v)
// with files for their input and output: the same status and output as child_process.execFile
// gives, a missing program and the timeout, nothing left behind; and no pipe socket, whose closing
// reads process.stderr (and so loads Node's tty module before the menu's first frame).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runToFiles } from '../../src/project/runToFiles.js';

const env = { PATH: process.env.PATH, LC_ALL: 'C' };
const SCRIPT = 'cat; printf "out\\351 \\n"; echo "err $1" >&2; exit $2';

function viaExecFile(args: string[], input: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('/bin/sh', args, { env, encoding: 'latin1' }, (err, stdout, stderr) => {
      const code = (err as { code?: unknown } | null)?.code;
      resolve({ status: err ? (typeof code === 'number' ? code : null) : 0, stdout, stderr });
    });
    child.stdin!.on('error', () => {}); // (a script that reads nothing)
    child.stdin!.end(input);
  });
}

/** Counts reads of process.stderr while `f` runs (and until its promise settles). */
async function stderrReads(f: () => Promise<unknown>): Promise<number> {
  const own = Object.getOwnPropertyDescriptor(process, 'stderr')!;
  let reads = 0;
  Object.defineProperty(process, 'stderr', { configurable: true, enumerable: true, get() { reads++; return own.get ? own.get.call(process) : own.value; } });
  try {
    await f();
    await new Promise((r) => setTimeout(r, 50)); // the sockets' close comes after the exit
  } finally {
    Object.defineProperty(process, 'stderr', own);
  }
  return reads;
}

describe('runToFiles', () => {
  test('gives the status, stdout and stderr execFile gives, with the input on stdin (latin1 bytes as they are)', async () => {
    for (const [word, status] of [['a', '0'], ['b', '3'], ['c', '255']]) {
      const args = ['-c', SCRIPT, 'sh', word, status];
      const input = `line one\nzwei ${word}\n`;
      const mine = await runToFiles('/bin/sh', args, { env, input, timeout: 30_000, encoding: 'latin1' });
      expect(mine.error).toBeUndefined();
      expect({ status: mine.status, stdout: mine.stdout, stderr: mine.stderr }).toEqual(await viaExecFile(args, input));
      expect(mine.stdout).toBe(`${input}out\xe9 \n`);
    }
  });

  test('in a folder of its own (cwd), and with an empty stdin when given none', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-run-cwd-'));
    try {
      const r = await runToFiles('/bin/sh', ['-c', 'pwd; wc -c'], { cwd: dir, env, timeout: 30_000, encoding: 'utf8' });
      expect(r.stdout.split('\n').map((l) => l.trim())).toEqual([fs.realpathSync(dir), '0', '']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a missing program: ENOENT and no status; past the timeout: killed, no status', async () => {
    const missing = await runToFiles('/nonexistent/make', [], { env, timeout: 30_000, encoding: 'utf8' });
    expect(missing.error?.code).toBe('ENOENT');
    expect(missing.status).toBeNull();
    const slow = await runToFiles('/bin/sh', ['-c', 'echo started; exec sleep 30'], { env, timeout: 300, encoding: 'utf8' });
    expect(slow.status).toBeNull(); // (sleep would have ended with 0)
    expect(slow.stdout).toBe('started\n');
  });

  test('leaves no file behind; reads process.stderr never, where execFile\'s pipes do as they close', async () => {
    const before = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('ukmenu-run-'));
    let folder: string[] = [];
    expect(await stderrReads(async () => {
      await runToFiles('/bin/sh', ['-c', 'echo x; echo y >&2'], { env, input: 'z', timeout: 30_000, encoding: 'utf8' });
      folder = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('ukmenu-run-') && !before.includes(n));
    })).toBe(0);
    expect(await stderrReads(() => viaExecFile(['-c', 'echo x'], ''))).toBeGreaterThan(0); // (the check sees reads)
    // one folder for the process (removed as it exits), empty between runs
    for (const f of folder) expect(fs.readdirSync(path.join(os.tmpdir(), f))).toEqual([]);
  });
});
