// components/inkCache.ts replaces Ink's Output.get with a cached one: the text must be the same as
// Ink's, byte for byte, for every kind of frame the menu draws (colours, inverse, dim, wide rows).
// Colours are forced on before Ink (and chalk) load, so the comparison covers the escape codes.
import { afterAll, expect, test } from 'vitest';

process.env.FORCE_COLOR = '1';
const { cleanup } = await import('ink-testing-library');
const { compareWithInk, fastGet, installInkCache, verifyInkCache } = await import('../../components/inkCache.js');
const { memoryPrefs } = await import('../../components/prefs.js');
const { BASIC, KINDS } = await import('./fixtures.js');
const { KEY, renderMenu, smallTree, unikraftTree } = await import('./helpers.js');

const diffs: { ink: string; ours: string }[] = [];
let frames = 0;
let coloured = 0;
const restore = await compareWithInk((ink, ours) => diffs.push({ ink, ours }), (out) => {
  frames++;
  // eslint-disable-next-line no-control-regex
  if (/\x1b\[3\dm/.test(out)) coloured++;
});
afterAll(() => { restore(); cleanup(); });

test('the same frames as Ink: menu, names, show all, search, info, why, preview, dialogs', async () => {
  const h = renderMenu(smallTree(KINDS), { prefs: memoryPrefs() }, { width: 90, height: 30 });
  await h.press('c', 'z', KEY.down, ' ', 'j', 'j', '?', KEY.esc, 'w', KEY.right, KEY.esc, 'p', KEY.esc);
  await h.press('/');
  await h.type('tri');
  await h.press(KEY.tab, KEY.down, 'y', KEY.esc, 'T', 'q');
  const u = renderMenu(unikraftTree(), { prefs: memoryPrefs({ showNames: true }) }, { width: 120, height: 40 });
  await u.press(KEY.down, KEY.down, KEY.down, KEY.enter, KEY.pageDown, 'w', KEY.esc, 'o', KEY.esc);
  const b = renderMenu(smallTree(BASIC), {}, { width: 60, height: 16 });
  await b.press(KEY.end, KEY.enter, KEY.down, KEY.enter, KEY.ctrlU);
  await b.type('9');
  expect(frames).toBeGreaterThan(20);
  expect(coloured).toBeGreaterThan(5);
  expect(diffs.length, diffs[0] ? `Ink:\n${diffs[0].ink}\nours:\n${diffs[0].ours}` : '').toBe(0);
});

test("installed without the probe (it runs after the first frame); a probe that differs from Ink's puts Ink's own back", async () => {
  expect(await installInkCache()).toBe(true);
  const Output = ((await import('../../node_modules/ink/build/output.js')) as unknown as { default: { prototype: { get: unknown } } }).default;
  restore(); // compareWithInk's wrapper off: the installed get is the fast one
  expect(Output.prototype.get).toBe(fastGet);
  expect(verifyInkCache()).toBe(true);
  expect(Output.prototype.get).toBe(fastGet);
  // an Ink whose frames would differ: the check fails and Ink's own get is back
  const other = function (this: unknown) { const r = fastGet.call(this); return { ...r, output: `${r.output}!` }; };
  expect(verifyInkCache(other)).toBe(false);
  expect(Output.prototype.get).not.toBe(fastGet);
});
