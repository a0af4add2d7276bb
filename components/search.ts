// Search over every entry (symbol name, prompt, help, menu path) with fuse.js. The index is built
// lazily on the first search. Fuse's bitap scoring costs ~100-400 ms over the 17,000 entries of the
// Linux tree, so big trees are searched in slices between key presses (setImmediate), after an
// instant substring pass that gives results while the fuzzy pass runs. Fuse's scores depend only
// on the item, so slices are merged by score.
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { KconfigTree, MenuNode } from '../kconfig/api.js';

export interface SearchItem {
  id: number;
  name: string;
  prompt: string;
  help: string;
  path: string;
  /** lower-cased name and prompt for the substring pass */
  lname: string;
  lprompt: string;
}

export interface SearchHit {
  id: number;
  score: number;
}

const FUSE_OPTIONS: IFuseOptions<SearchItem> = {
  keys: [
    { name: 'name', weight: 4 },
    { name: 'prompt', weight: 4 },
    { name: 'path', weight: 1 },
    { name: 'help', weight: 0.6 },
  ],
  threshold: 0.34,
  ignoreLocation: true,
  includeScore: true,
  shouldSort: false,
};

/** Items searched in one go before yielding to the event loop. */
const SLICE = 400;
/** Trees up to this many items are searched synchronously. */
const SYNC_LIMIT = 2500;
const MAX_HITS = 400;

export class SearchIndex {
  private items: SearchItem[] | null = null;
  private slices: (Fuse<SearchItem> | null)[] = [];
  private running: { cancelled: boolean } | null = null;

  constructor(private tree: KconfigTree) {}

  /** The entries searched: symbols (each definition with its menu path), menus and choices. */
  private all(): SearchItem[] {
    if (this.items) return this.items;
    const items: SearchItem[] = [];
    for (const n of this.tree.allNodes()) {
      if (n.parent === null) continue;
      const isSym = n.symbol !== null && (n.kind === 'config' || n.kind === 'menuconfig');
      const isMenu = (n.kind === 'menu' || n.kind === 'choice') && n.prompt !== null;
      if (!isSym && !isMenu) continue;
      const name = n.kind === 'choice' ? '' : n.symbol ?? '';
      const prompt = n.prompt ?? '';
      items.push({
        id: n.id, name, prompt, help: (n.help ?? '').slice(0, 600), path: n.path.join(' > '),
        lname: name.toLowerCase(), lprompt: prompt.toLowerCase(),
      });
    }
    this.items = items;
    this.slices = new Array(Math.ceil(items.length / SLICE)).fill(null);
    return items;
  }

  get size(): number { return this.all().length; }

  private slice(i: number): Fuse<SearchItem> {
    let f = this.slices[i];
    if (!f) {
      f = new Fuse(this.items!.slice(i * SLICE, (i + 1) * SLICE), FUSE_OPTIONS);
      this.slices[i] = f;
    }
    return f;
  }

  /** Instant pass: case-insensitive substring matches on name and prompt. */
  quick(query: string): SearchHit[] {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const tokens = q.split(/\s+/);
    const hits: SearchHit[] = [];
    for (const it of this.all()) {
      const s = quickScore(it, q, tokens);
      if (s !== null) hits.push({ id: it.id, score: s });
    }
    return rank(hits);
  }

  private fuzzySlice(i: number, query: string, quick: Map<number, number>, into: Map<number, number>): void {
    for (const r of this.slice(i).search(query)) {
      const id = r.item.id;
      let s = r.score ?? 1;
      const q = quick.get(id);
      if (q !== undefined) s = Math.min(s, q);
      into.set(id, s);
    }
  }

  /** Full search, synchronously (used for small trees and tests). */
  searchSync(query: string): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    const quick = new Map(this.quick(q).map((h) => [h.id, h.score]));
    const all = new Map(quick);
    for (let i = 0; i < this.slices.length; i++) this.fuzzySlice(i, q, quick, all);
    return rank([...all].map(([id, score]) => ({ id, score })));
  }

  /**
   * Searches; calls `onResult` with the substring pass at once (big trees) and with the final
   * results when the fuzzy pass is done. A new search cancels the previous one.
   */
  search(query: string, onResult: (hits: SearchHit[], done: boolean) => void): void {
    if (this.running) this.running.cancelled = true;
    this.running = null;
    const q = query.trim();
    if (!q) { onResult([], true); return; }
    if (this.all().length <= SYNC_LIMIT) { onResult(this.searchSync(q), true); return; }
    const quickHits = this.quick(q);
    onResult(quickHits, false);
    const quick = new Map(quickHits.map((h) => [h.id, h.score]));
    const acc = new Map(quick);
    const run = { cancelled: false };
    this.running = run;
    let i = 0;
    const step = () => {
      if (run.cancelled) return;
      const t0 = performance.now();
      while (i < this.slices.length && performance.now() - t0 < 12) this.fuzzySlice(i++, q, quick, acc);
      if (i < this.slices.length) { setImmediate(step); return; }
      this.running = null;
      onResult(rank([...acc].map(([id, score]) => ({ id, score }))), true);
    };
    setImmediate(step);
  }

  cancel(): void {
    if (this.running) this.running.cancelled = true;
    this.running = null;
  }
}

function quickScore(it: SearchItem, q: string, tokens: string[]): number | null {
  if (it.lname === q) return 0;
  if (it.lname.startsWith(q)) return 0.02 + 0.001 * (it.lname.length - q.length);
  if (it.lprompt === q) return 0.03;
  if (it.lprompt.startsWith(q)) return 0.06;
  if (it.lname.includes(q)) return 0.1;
  if (it.lprompt.includes(q)) return 0.12;
  if (tokens.length > 1 && tokens.every((t) => it.lname.includes(t) || it.lprompt.includes(t))) return 0.15;
  return null;
}

function rank(hits: SearchHit[]): SearchHit[] {
  hits.sort((a, b) => a.score - b.score || a.id - b.id);
  return hits.length > MAX_HITS ? hits.slice(0, MAX_HITS) : hits;
}

export function nodeLabel(n: MenuNode): string {
  return n.prompt ?? n.symbol ?? '';
}
