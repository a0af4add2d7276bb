// One tmux session running a command, for tests of the real program in a real terminal: keys go in
// with send-keys, the screen comes back with capture-pane.
import { execFileSync } from 'node:child_process';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Pane {
  constructor(private readonly socket: string, readonly session: string) {}

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Starts `script` (sh) in `cwd` with exactly `env`, on a terminal of the given size. */
  start(script: string, cwd: string, env: Record<string, string>, width = 100, height = 30): this {
    this.tmux('new-session', '-d', '-s', this.session, '-c', cwd, '-x', String(width), '-y', String(height),
      'env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), 'sh', '-c', script);
    return this;
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.session);
  }

  /** Polls until the screen contains `want` (generous: a busy machine); returns the screen. */
  async shows(want: string | RegExp, timeoutMs = 60_000): Promise<string> {
    let s = '';
    for (const t0 = Date.now(); Date.now() - t0 < timeoutMs; await pause(20)) {
      s = this.screen();
      if (typeof want === 'string' ? s.includes(want) : want.test(s)) return s;
    }
    throw new Error(`${String(want)} never showed; the screen:\n${s}`);
  }

  /** Sends tmux key names, at once. */
  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.session, ...keys);
  }

  kill(): void {
    try { this.tmux('kill-session', '-t', this.session); } catch { /* gone */ }
  }
}
