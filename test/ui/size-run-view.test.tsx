// The run view's boot times: the bundled example built with the real make and booted twice in the
// real QEMU; the view shows each boot's time to the first console line and to the exit, the second
// against the first, as recorded in the build folder.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import React from 'react';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { RunView } from '../../components/build/RunView.js';
import { findProgram } from '../../src/build/tools.js';
import { discoverProject } from '../../src/project/index.js';
import { loadWorkspace, prepareRun } from '../../src/run/workspace.js';
import { bootHistory } from '../../src/size/history.js';
import { requireOrSkip } from '../ci.js';
import { REPO, show, ukmenu } from '../run/ukmenu-process.js';

const roots: string[] = [];
afterAll(() => { for (const r of roots) rmSync(r, { recursive: true, force: true }); });
afterEach(() => cleanup());

const skip = requireOrSkip('make, gcc and qemu-system-x86_64', ['make', 'gcc', 'qemu-system-x86_64'].every((p) => !!findProgram(p)));
const secs = (ms: number | null) => `${((ms ?? 0) / 1000).toFixed(2)} s`;

describe.skipIf(skip)('the run view', () => {
  test('each boot: the time to the first console line and to the exit; the next against the previous', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-sizerun-'));
    roots.push(root);
    const app = path.join(root, 'helloworld');
    const src = path.join(REPO, 'examples', 'helloworld');
    const skipped = new Set(['build', '.config', '.config.old'].map((f) => path.join(src, f)));
    cpSync(src, app, { recursive: true, filter: (s) => !skipped.has(s) });
    const r = ukmenu(app, ['conf', '--defconfig', 'defconfigs/qemu-x86_64']);
    expect(r.status, show('ukmenu conf', r)).toBe(0);
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.MAKEFLAGS;
    delete env.MAKELEVEL;
    // the example's core starts ukmenu for its configuration step (the copy is outside the repository)
    const m = spawnSync('make', ['-C', app, `UKMENU=${process.execPath} ${path.join(REPO, 'bin', 'ukmenu.js')}`], { env, encoding: 'utf8', timeout: 600_000 });
    expect(m.status, `${m.stdout}${m.stderr}`).toBe(0);

    const ws = loadWorkspace(await discoverProject({ app, env }), env);
    const frames: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { session } = await prepareRun(ws, { timeoutMs: 120_000 });
      await session.start();
      const h = render(<RunView session={session} notes={[]} width={130} height={40} scroll={0} offerFix={false} />);
      frames.push(h.lastFrame() ?? '');
      h.unmount();
      session.dispose();
    }
    const boots = bootHistory(path.join(app, 'build', 'helloworld_qemu-x86_64'));
    expect(boots).toHaveLength(2);
    expect(frames[0]).toContain('Hello world!');
    expect(frames[0]).toMatch(new RegExp(`^boot: first console line ${secs(boots[0].firstLineMs)} · exit ${secs(boots[0].exitMs)}$`, 'm'));
    expect(frames[1]).toContain(`boot: first console line ${secs(boots[1].firstLineMs)} (was ${secs(boots[0].firstLineMs)}) · exit ${secs(boots[1].exitMs)} (was ${secs(boots[0].exitMs)})`);
  }, 900_000);
});
