// src/cacheFolder.ts's writeQuietly with a limit: the folder keeps the most recently written files,
// the others go; without a limit nothing is removed; a folder it cannot prune still gets the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { writeQuietly } from '../../src/cacheFolder.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-cache-folder-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes files 0..n-1 into `folder`, each a second older than the next. */
function fill(folder: string, n: number) {
  fs.mkdirSync(folder, { recursive: true });
  for (let i = 0; i < n; i++) {
    const f = path.join(folder, `${i}.json`);
    fs.writeFileSync(f, `${i}`);
    const t = new Date(Date.UTC(2026, 0, 1) + i * 1000);
    fs.utimesSync(f, t, t);
  }
}

test('with a limit, the least recently written files go; the new one stays', () => {
  const folder = path.join(dir, 'limited');
  fill(folder, 12);
  fs.utimesSync(path.join(folder, '0.json'), new Date(), new Date()); // the oldest, just used again
  writeQuietly(path.join(folder, 'new.json'), 'new', 10);
  expect(fs.readdirSync(folder).sort()).toEqual(['0.json', 'new.json', ...[4, 5, 6, 7, 8, 9, 10, 11].map((i) => `${i}.json`)].sort());
  expect(fs.readFileSync(path.join(folder, 'new.json'), 'utf8')).toBe('new');
});

test('without a limit, or under it, nothing is removed', () => {
  const folder = path.join(dir, 'unlimited');
  fill(folder, 12);
  writeQuietly(path.join(folder, 'new.json'), 'new');
  writeQuietly(path.join(folder, 'other.json'), 'other', 20);
  expect(fs.readdirSync(folder)).toHaveLength(14);
});
