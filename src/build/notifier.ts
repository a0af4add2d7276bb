// Change notification for the build and run sessions: listeners (the views) hear of changes at most
// every `intervalMs` while output streams in (a compiler or a guest can print a lot), at once on demand.
export class ThrottledNotifier {
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs: number) {}

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  changed(now = false): void {
    if (now) {
      this.cancel();
      this.emit();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.emit();
    }, this.intervalMs);
  }

  /** Drops a pending notification and every listener. */
  dispose(): void {
    this.cancel();
    this.listeners.clear();
  }

  private cancel(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}
