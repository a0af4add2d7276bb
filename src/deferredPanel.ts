// The menu's `b` and `r` panels come from modules the first frame does not need (the build view,
// execa, the run view and its preferences: about as much code as the menu itself). They load when
// first asked for; meanwhile this stand-in shows "Loading…" under the same title and becomes the
// real panel (same keys, same rendering) when it arrives.
import type { HookResult, Panel } from '../components/panel.js';

// The stand-in's texts (React elements) load with it, not with this module: the menu's first frame
// is out before React and Ink load (components/firstFrame.ts). By the time a stand-in exists, the
// menu runs on them, so they are there a turn later.
let texts: typeof import('../components/loadingText.js') | undefined;
let textsLoading: Promise<unknown> | undefined;

/** Shows "Loading…" under `title` until `panel` arrives, then is that panel. */
export class LoadingPanel implements Panel {
  private real: Panel | null = null;
  private failed: string | null = null;
  private disposed = false;
  /** The listeners, each with its subscription to the real panel once there is one. */
  private readonly listeners = new Map<() => void, (() => void) | undefined>();

  /** The real panel's title once it is there. */
  get title(): string {
    return this.real?.title ?? this.waitingTitle;
  }

  constructor(private readonly waitingTitle: string, panel: Promise<Panel>) {
    if (!texts) void (textsLoading ??= import('../components/loadingText.js').then((m) => { texts = m; })).then(() => this.notify());
    panel.then(
      (p) => {
        if (this.disposed) { p.dispose(); return; }
        this.real = p;
        for (const l of this.listeners.keys()) this.listeners.set(l, p.subscribe(l));
        this.notify();
      },
      (e: unknown) => { this.failed = e instanceof Error ? e.message : String(e); this.notify(); },
    );
  }

  private notify(): void {
    for (const l of this.listeners.keys()) l();
  }

  get closable(): boolean {
    return this.real ? this.real.closable : true;
  }

  render(size: { columns: number; rows: number }) {
    if (this.real) return this.real.render(size);
    if (!texts) return null;
    return this.failed !== null ? texts.unavailableText(this.waitingTitle, this.failed) : texts.loadingText();
  }

  onKey(...args: Parameters<Panel['onKey']>): boolean {
    return this.real ? this.real.onKey(...args) : false;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.set(listener, this.real?.subscribe(listener));
    return () => {
      this.listeners.get(listener)?.();
      this.listeners.delete(listener);
    };
  }

  dispose(): void {
    this.disposed = true;
    for (const off of this.listeners.values()) off?.();
    this.listeners.clear();
    this.real?.dispose();
  }
}

/**
 * A hook that makes its panel from modules loaded on the first call (`load` runs once, shared by
 * the hooks given the same loader): the panel itself once they are there, a stand-in titled
 * `title()` until then.
 */
export function whenLoaded<M>(load: () => Promise<M>, title: () => string, make: (m: M) => Panel): () => HookResult {
  return () => {
    const m = loaded.get(load) as M | undefined;
    if (m !== undefined) return make(m);
    let p = loading.get(load) as Promise<M> | undefined;
    if (!p) {
      p = load();
      loading.set(load, p);
      p.then((x) => { loaded.set(load, x); }, () => { loading.delete(load); });
    }
    return new LoadingPanel(title(), p.then(make));
  };
}

const loading = new WeakMap<object, Promise<unknown>>();
const loaded = new WeakMap<object, unknown>();
