// src/ttyBinding.ts and src/frameTerminal.ts: the first frame's terminal without Node's tty module.
// The binding answers as Node's tty module does; in a real pseudo-terminal (util-linux `script`)
// the frame's terminal has the terminal's size, is raw while a frame shows, and hands raw mode
// over to process.stdin when the menu takes the frame: its let-go gives cooked mode back, as
// before the frame (the original mode libuv keeps is the cooked one). The real program in tmux:
// test/tmux/last-frame.test.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tty from 'node:tty';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { requireOrSkip } from '../ci.js';
import { TTY_CLASSES } from '../../src/codeCache.js';
import { isTerminal, openTty } from '../../src/ttyBinding.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-frame-terminal-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the terminal binding', () => {
  test('isTerminal(fd) is tty.isatty(fd), for any fd; a handle on a file is refused', () => {
    const file = fs.openSync(path.join(dir, 'f'), 'w');
    try {
      for (const fd of [0, 1, 2, file, 99, -1, 1.5, 2 ** 31, Number.NaN]) expect(isTerminal(fd), String(fd)).toBe(tty.isatty(fd));
      expect(openTty(file)).toBeUndefined();
    } finally {
      fs.closeSync(file);
    }
  });

  test('what codeCache.ts hands chalk for `node:tty` has what Node\'s module has', () => {
    expect(['isatty', ...TTY_CLASSES].sort()).toEqual(Object.keys(tty).sort());
  });
});

describe('in a pseudo-terminal', () => {
  const haveScript = spawnSync('sh', ['-c', 'command -v script && command -v stty']).status === 0;
  test('the size; raw while the frame shows; raw mode handed to process.stdin, whose let-go is cooked again; a frame left: cooked', (ctx) => {
    if (requireOrSkip('util-linux script and stty', haveScript, ctx.skip)) return;
    const probe = path.join(dir, 'probe.mts');
    const report = path.join(dir, 'report');
    fs.writeFileSync(probe, `
      import { spawnSync } from 'node:child_process';
      import fs from 'node:fs';
      import { frameTerminal, onTerminal } from ${JSON.stringify(path.join(REPO, 'src/frameTerminal.ts'))};
      import { showFrame, takeShownFrame, leaveShownFrame } from ${JSON.stringify(path.join(REPO, 'src/frameOnScreen.ts'))};
      const mode = () => {
        const s = spawnSync('stty', ['-a'], { stdio: [0, 'pipe', 'ignore'], encoding: 'utf8' }).stdout;
        return (/(^|\\s)-icanon(\\s|$)/.test(s) ? 'raw' : 'cooked') + (/(^|\\s)-echo(\\s|$)/.test(s) ? ' unechoed' : ' echoed');
      };
      const out = [];
      const t = frameTerminal();
      out.push('terminal ' + onTerminal() + ' ' + t.stdout.isTTY + ' ' + t.stdout.columns + 'x' + t.stdout.rows + ' ' + (typeof t.finish));
      out.push('before: ' + mode());
      showFrame('FRAME\\n', t);
      out.push('shown: ' + mode());
      takeShownFrame();
      out.push('taken: ' + mode() + ', process.stdin raw ' + process.stdin.isRaw);
      process.stdin.setRawMode(false);
      out.push('let go: ' + mode());
      showFrame('AGAIN\\n', frameTerminal());
      out.push('shown again: ' + mode());
      leaveShownFrame();
      out.push('left: ' + mode());
      fs.writeFileSync(${JSON.stringify(report)}, out.join('\\n'));
      process.exit(0);
    `);
    const cmd = `stty rows 33 cols 77; ${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(probe)}`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: REPO, input: '', encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(fs.readFileSync(report, 'utf8').split('\n')).toEqual([
      'terminal true true 77x33 function', // (descriptors 0 and 1 themselves: not Node's streams)
      'before: cooked echoed',
      'shown: raw unechoed',
      'taken: raw unechoed, process.stdin raw true',
      'let go: cooked echoed',
      'shown again: raw unechoed',
      'left: cooked echoed',
    ]);
  });
});
