// What the measurements say, as text and as the JSON of `ukmenu size`: the libraries largest first,
// the change between the last two builds, and boot times against the previous boot.
import path from 'node:path';
import type { BootTimes, LibrarySize, Measurement } from './measure.js';

export interface SizeJson {
  image: { path: string; bytes: number };
  libraries: { name: string; text: number; data: number; bss: number; total: number }[];
}

export interface LibraryChange {
  name: string;
  before: number;
  after: number;
  change: number;
}

/** Bytes as people read them: 178 B, 12.4 KiB, 1.2 MiB. */
export function formatBytes(n: number): string {
  const a = Math.abs(n);
  if (a < 1024) return `${n} B`;
  if (a < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** A change with its sign: +12.4 KiB, -96 B. */
export const formatChange = (d: number): string => (d > 0 ? '+' : d < 0 ? '-' : '±') + formatBytes(Math.abs(d));

export function sizeJson(m: Measurement): SizeJson {
  return {
    image: { path: m.image.path, bytes: m.image.bytes },
    libraries: m.libraries.map((l) => ({ name: l.name, text: l.text, data: l.data, bss: l.bss, total: l.total })),
  };
}

/** Every library of either build, largest first; `before` is 0 for an added one, `after` 0 for a removed one. */
export function libraryChanges(before: Measurement, after: Measurement): LibraryChange[] {
  const b = new Map(before.libraries.map((l) => [l.name, l.total]));
  const a = new Map(after.libraries.map((l) => [l.name, l.total]));
  const names = [...new Set([...a.keys(), ...b.keys()])];
  return names
    .map((name) => ({ name, before: b.get(name) ?? 0, after: a.get(name) ?? 0, change: (a.get(name) ?? 0) - (b.get(name) ?? 0) }))
    .sort((x, y) => Math.max(y.after, y.before) - Math.max(x.after, x.before) || x.name.localeCompare(y.name));
}

export function sizeText(m: Measurement, cwd = process.cwd()): string {
  const w = Math.max(7, ...m.libraries.map((l) => l.name.length));
  const num = (n: number) => String(n).padStart(8);
  const lines = [`${'library'.padEnd(w)}  ${'text'.padStart(8)} ${'data'.padStart(8)} ${'bss'.padStart(8)} ${'total'.padStart(8)}`];
  for (const l of m.libraries) lines.push(`${l.name.padEnd(w)}  ${num(l.text)} ${num(l.data)} ${num(l.bss)} ${num(l.total)}  ${formatBytes(l.total)}`);
  lines.push(`image ${path.relative(cwd, m.image.path) || m.image.path}: ${m.image.bytes} bytes (${formatBytes(m.image.bytes)})`);
  return lines.join('\n') + '\n';
}

export function diffText(changes: LibraryChange[], before: Measurement, after: Measurement): string {
  const w = Math.max(7, ...changes.map((c) => c.name.length));
  const lines = changes.map((c) => `${c.name.padEnd(w)}  ${String(c.before).padStart(8)} -> ${String(c.after).padStart(8)}  ${c.change === 0 ? '' : formatChange(c.change)}${c.before === 0 ? ' (added)' : c.after === 0 ? ' (removed)' : ''}`);
  lines.push(`image: ${before.image.bytes} -> ${after.image.bytes} bytes${after.image.bytes !== before.image.bytes ? ` (${formatChange(after.image.bytes - before.image.bytes)})` : ''}`);
  return lines.join('\n') + '\n';
}

/** What changed, in words: libukdebug +12.4 KiB, libuksched added (8.0 KiB). */
export function changeWords(changes: LibraryChange[]): string[] {
  return changes
    .filter((c) => c.change !== 0)
    .sort((x, y) => Math.abs(y.change) - Math.abs(x.change))
    .map((c) => (c.before === 0 ? `${c.name} added (${formatBytes(c.after)})` : c.after === 0 ? `${c.name} removed (-${formatBytes(c.before)})` : `${c.name} ${formatChange(c.change)}`));
}

/** The build's summary: the image, its largest libraries and what changed since the previous build. */
export function buildSummaryLines(history: Measurement[], largest = 5): string[] {
  const cur = history[history.length - 1];
  if (!cur) return [];
  const prev = history[history.length - 2];
  const top = cur.libraries.slice(0, largest).map((l: LibrarySize) => `${l.name} ${formatBytes(l.total)}`);
  const lines = [`image ${formatBytes(cur.image.bytes)}${prev && prev.image.bytes !== cur.image.bytes ? ` (${formatChange(cur.image.bytes - prev.image.bytes)})` : ''}${top.length ? ` · largest: ${top.join(', ')}` : ' (no library objects libNAME.o in the build folder)'}`];
  if (prev) {
    const words = changeWords(libraryChanges(prev, cur));
    lines.push(words.length ? `changed since the previous build: ${words.join(', ')}` : 'no library changed size since the previous build');
  }
  return lines;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Boot times against the previous boot: first line 0.41 s (was 0.45 s) · exit 1.23 s (was 1.30 s). */
export function bootLine(cur: BootTimes, prev?: BootTimes): string {
  const was = (a: number | null | undefined) => (a === null || a === undefined ? '' : ` (was ${secs(a)})`);
  const first = cur.firstLineMs === null ? 'no console output' : `first console line ${secs(cur.firstLineMs)}${was(prev?.firstLineMs)}`;
  return `boot: ${first} · exit ${secs(cur.exitMs)}${was(prev?.exitMs)}`;
}
