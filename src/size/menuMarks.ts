// The size marks the menu shows: a library's entry carries its size in the last build and the
// change since the build before; `?` on it shows the breakdown and which of its options were on.
// A library's entry is its symbol (LIBUKDEBUG builds libukdebug.o; PLAT_KVM builds libkvmplat.o);
// entries that are not a library of the build get nothing.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { MenuNode } from '../../kconfig/api.js';
import { historyPath, imageHistory, recordBuilds } from './history.js';
import type { LibrarySize, Measurement } from './measure.js';
import { formatBytes, formatChange } from './report.js';

export interface SizeLine {
  text: string;
  tone: 'head' | 'plain' | 'dim';
}

/** The object name the build gives a library symbol's library. */
export function libraryOfSymbol(symbol: string): string {
  const plat = /^PLAT_([A-Z0-9]+)$/.exec(symbol);
  return plat ? `lib${plat[1].toLowerCase()}plat` : symbol.toLowerCase();
}

/** How often the menu looks for a new build (the history file's time) at most. */
const RECHECK_MS = 1000;

export class LibrarySizes {
  private cur: Measurement | null = null;
  private prev: Measurement | null = null;
  private stamp = '';
  private checkedAt = 0;

  /** `image`: the image the configuration builds (it follows the architecture and platform). */
  constructor(private readonly image: () => string, private readonly now: () => number = Date.now) {
    // a build made by a plain `make` since the last record
    try {
      const img = image();
      recordBuilds(path.dirname(img), img);
    } catch {
      // no build folder yet
    }
  }

  private refresh(): void {
    const t = this.now();
    if (this.stamp && t - this.checkedAt < RECHECK_MS) return;
    this.checkedAt = t;
    let image: string;
    let stamp: string;
    try {
      image = this.image();
      stamp = `${image}:${statSync(historyPath(path.dirname(image))).mtimeMs}`;
    } catch {
      this.cur = this.prev = null;
      this.stamp = 'none';
      return;
    }
    if (stamp === this.stamp) return;
    this.stamp = stamp;
    const h = imageHistory(image);
    this.cur = h[h.length - 1] ?? null;
    this.prev = h[h.length - 2] ?? null;
  }

  private library(node: MenuNode): { lib: LibrarySize; before: number | null } | null {
    if (!node.symbol || node.kind === 'choice') return null;
    this.refresh();
    const name = libraryOfSymbol(node.symbol);
    const lib = this.cur?.libraries.find((l) => l.name === name);
    if (!lib) return null;
    const before = this.prev ? this.prev.libraries.find((l) => l.name === name)?.total ?? 0 : null;
    return { lib, before };
  }

  /** `12.4 KiB +1.2 KiB` for a library of the build, null for anything else. */
  mark(node: MenuNode): string | null {
    const l = this.library(node);
    if (!l) return null;
    const size = formatBytes(l.lib.total);
    if (l.before === null || l.before === l.lib.total) return size;
    return l.before === 0 ? `${size} new` : `${size} ${formatChange(l.lib.total - l.before)}`;
  }

  /** The `?` page's size part: the breakdown and the library's options that were on in the build. */
  infoLines(node: MenuNode): SizeLine[] {
    const l = this.library(node);
    if (!l || !this.cur || !node.symbol) return [];
    const { lib, before } = l;
    const out: SizeLine[] = [
      { text: '', tone: 'plain' },
      { text: `Size in the last build (${lib.name}.o)`, tone: 'head' },
      { text: `  text ${lib.text} · data ${lib.data} · bss ${lib.bss} · total ${lib.total} bytes (${formatBytes(lib.total)})`, tone: 'plain' },
    ];
    if (before !== null) {
      out.push({ text: before === lib.total ? '  unchanged since the previous build' : before === 0 ? '  not in the previous build' : `  ${formatChange(lib.total - before)} since the previous build (${formatBytes(before)})`, tone: 'plain' });
    }
    const own = new Set<string>();
    const walk = (n: MenuNode) => { if (n.symbol) own.add(n.symbol); n.children.forEach(walk); };
    walk(node);
    const on = this.cur.options.filter((o) => {
      const name = o.slice(0, o.indexOf('='));
      return name !== node.symbol && (own.has(name) || name.startsWith(`${node.symbol}_`));
    });
    out.push({ text: 'Its options that were on in that build', tone: 'head' });
    if (on.length) for (const o of on) out.push({ text: `  ${o}`, tone: 'plain' });
    else out.push({ text: '  (none)', tone: 'dim' });
    return out;
  }
}
