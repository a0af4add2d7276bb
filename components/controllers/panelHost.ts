// Shows a full-screen Panel (the build and run views, components/panel.ts) in place of the menu:
// keys go to the panel first; unhandled Esc/q/Ctrl-C close it once it is closable, and the panel is
// disposed. `b`/`r` start here: save, call the hook, show what it returns.
import type { Key } from 'ink';
import { actionOf, PANEL_KEYS } from '../bindings.js';
import { isPanel, type HookResult, type Panel } from '../panel.js';
import type { MenuSession } from '../session.js';
import type { ViewController, ViewDeps } from './view.js';

export class PanelHost implements ViewController {
  readonly kind = 'panel';
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: ViewDeps, readonly panel: Panel) {
    this.unsubscribe = panel.subscribe(() => { if (deps.nav.top() === this) deps.nav.notify(); });
  }

  acceptsText(): boolean { return false; }
  hints() { return []; }

  onKey(input: string, key: Key): boolean {
    let handled = false;
    try {
      handled = this.panel.onKey(input, key);
    } catch (e) {
      this.deps.session.setStatus(`${this.panel.title}: ${(e as Error).message}`, 'error');
    }
    if (handled) return true;
    if (actionOf(PANEL_KEYS, input, key) === 'close' && this.panel.closable) { this.deps.nav.toMenu(); return true; }
    return false;
  }

  /** Off the stack (closed by the user, or the menu quits): stop what it runs. */
  closed(): void {
    this.unsubscribe();
    // a build may have changed nothing, but a run's "turn LIBUKRANDOM off" may have: redraw
    this.deps.session.changedAll();
    try { this.panel.dispose(); } catch (e) { this.deps.session.setStatus(`${this.panel.title}: ${(e as Error).message}`, 'error'); }
  }
}

/** Runs the `b` or `r` hook after saving; a Panel is shown, a promise reported when it settles. */
export class HookRunner {
  private busy = false;

  constructor(private readonly session: MenuSession, private readonly show: (p: Panel) => void, private readonly notify: () => void) {}

  run(what: 'build' | 'run', fn?: () => HookResult): void {
    const s = this.session;
    if (!fn) { s.setStatus(`${what} is not available here`, 'error'); return; }
    if (this.busy) { s.setStatus(`Still busy with the last ${what}`, 'error'); return; }
    if (s.dirty && !s.save()) return;
    const Label = what === 'build' ? 'Build' : 'Run';
    let result: HookResult;
    try {
      result = fn();
    } catch (e) {
      s.setStatus(`${Label} failed: ${(e as Error).message}`, 'error');
      return;
    }
    if (isPanel(result)) { this.show(result); return; }
    if (!result || typeof (result as Promise<void>).then !== 'function') { s.setStatus(`${Label} started`, 'ok'); return; }
    this.busy = true;
    s.setStatus(what === 'build' ? 'Building…' : 'Running…', 'info');
    (result as Promise<void>).then(
      () => { this.busy = false; s.setStatus(`${Label} finished`, 'ok'); this.notify(); },
      (e: unknown) => { this.busy = false; s.setStatus(`${Label} failed: ${e instanceof Error ? e.message : String(e)}`, 'error'); this.notify(); },
    );
  }
}
