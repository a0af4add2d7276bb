// components/firstFrame.ts writes the menu's first frame without React and Ink: it must be the very
// text Ink writes (renderFirstFrame: App rendered by Ink on a stand-in terminal), byte for byte,
// whenever it gives one. The menu runs Ink with components/inkCache.ts's Output.get; here every frame
// is also made by Ink's own, and any difference fails the test: the reference is stock Ink. Compared on the Unikraft corpus, the bundled example's kinds of entries and
// random trees with random .config files, at many sizes, in every theme and colour depth, with
// names shown, hidden entries shown, load warnings and unsaved states.
import { afterAll, expect, test } from 'vitest';
import path from 'node:path';

process.env.FORCE_COLOR = '1';
// Ink in CI mode (is-in-ci, read as Ink loads) writes no frame until it exits, and firstFrameText
// then writes none either (checked below): the comparison is of Ink's terminal mode
const ci = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
afterAll(() => { for (const [k, v] of Object.entries(ci)) if (v !== undefined) process.env[k] = v; });
const { default: chalk } = await import('../../node_modules/chalk/source/index.js');
const { firstFrameText } = await import('../../components/firstFrame.js');
const { MenuController, renderFirstFrame } = await import('../../components/index.js');
const { memoryPrefs } = await import('../../components/prefs.js');
const { KconfigTree } = await import('../../kconfig/api.js');
const { BASIC, KINDS, TRISTATE } = await import('./fixtures.js');
const { smallTree, tempDir, unikraftTree } = await import('./helpers.js');
const { generateTree } = await import('../gen/kconfig-gen.js');
const { generateConfig } = await import('../gen/config-gen.js');
const fs = await import('node:fs');
const { compareWithInk } = await import('../../components/inkCache.js');

const inkDiffs: string[] = [];
let inkFrames = 0;
const restoreInk = await compareWithInk((ink, ours) => inkDiffs.push(`Ink:\n${ink}\ninkCache.ts:\n${ours}`), () => inkFrames++);
afterAll(() => {
  restoreInk();
  expect(inkFrames).toBeGreaterThan(400); // every frame compared went through both
  expect(inkDiffs.slice(0, 1)).toEqual([]);
});

type Opts = Parameters<typeof renderFirstFrame>[0];
const level = chalk.level;
afterAll(() => { chalk.level = level; });

let same = 0;
let unsure = 0;
/** Ours and Ink's first frame of the menu `opts` opens, on a terminal of this size. */
async function compare(opts: Opts, columns: number, rows: number, what: string): Promise<void> {
  const ours = firstFrameText(new MenuController({ ...opts, env: {} }), { columns, rows, env: {} });
  const ink = await renderFirstFrame(opts, { columns, rows });
  if (ours === undefined) { unsure++; return; }
  expect(ours, `${what} at ${columns}x${rows}`).toBe(ink);
  same++;
}

const SIZES: [number, number][] = [[80, 24], [100, 30], [120, 40], [60, 16], [200, 60], [61, 17], [132, 21], [81, 35]];

test('the same text as Ink on the Unikraft corpus and the kinds of entries, at every size, theme and colour depth', async () => {
  const trees = [unikraftTree(), smallTree(KINDS), smallTree(BASIC), smallTree(TRISTATE, 'save')];
  for (const depth of [0, 1, 3] as const) {
    chalk.level = depth;
    for (const [i, t] of trees.entries()) {
      for (const [columns, rows] of SIZES) {
        for (const prefs of [{}, { showNames: true }, { showAll: true, theme: 'contrast' as const }, { theme: 'mono' as const, showNames: true }]) {
          const opts: Opts = { tree: t.tree, configPath: t.configPath, title: t.tree.title, app: 'app', prefs: memoryPrefs(prefs) };
          await compare(opts, columns, rows, `tree ${i}, colour depth ${depth}, ${JSON.stringify(prefs)}`);
        }
      }
    }
  }
  expect(unsure).toBe(0);
  expect(same).toBe(3 * 4 * SIZES.length * 4);
});

test('the same text as Ink with a target, a new file and unsaved values; none with load warnings (they open in the pager)', async () => {
  chalk.level = 2;
  unsure = 0;
  const u = unikraftTree();
  await compare({ tree: u.tree, configPath: u.configPath, title: u.tree.title, app: 'helloworld', target: 'qemu/x86_64', prefs: memoryPrefs() }, 100, 30, 'a target');
  const k = smallTree(KINDS, 'CONFIG_BOOL_A=y\n');
  await compare({ tree: k.tree, configPath: path.join(k.dir, 'deep/er/and/deeper/folders/for/a/long/path/.config'), prefs: memoryPrefs() }, 70, 20, 'a long path');
  expect(unsure).toBe(0);
  const warned = { tree: u.tree, configPath: u.configPath, loadWarnings: '.config:3: warning: ignoring unknown symbol FOO\n', prefs: memoryPrefs() };
  expect(firstFrameText(new MenuController({ ...warned, env: {} }), { columns: 100, rows: 30, env: {} })).toBeUndefined();
  expect(await renderFirstFrame(warned, { columns: 100, rows: 30 })).toContain('was read with warnings');
  // Ink's CI and screen-reader modes
  for (const env of [{ CI: 'true' }, { CONTINUOUS_INTEGRATION: '1' }, { INK_SCREEN_READER: 'true' }]) {
    expect(firstFrameText(new MenuController({ tree: u.tree, configPath: u.configPath, prefs: memoryPrefs(), env: {} }), { columns: 100, rows: 30, env })).toBeUndefined();
  }
  // too small a terminal: Ink's message, not the menu; no text of ours
  expect(firstFrameText(new MenuController({ tree: u.tree, configPath: u.configPath, prefs: memoryPrefs(), env: {} }), { columns: 59, rows: 30, env: {} })).toBeUndefined();
});

test('random trees with random .config files', async () => {
  chalk.level = 1;
  unsure = 0;
  same = 0;
  let n = 0;
  for (let seed = 1; n < 40 && seed < 400; seed++) {
    const g = generateTree(seed);
    const dir = tempDir();
    for (const [f, text] of Object.entries(g.files)) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), text);
    }
    const configPath = path.join(dir, '.config');
    fs.writeFileSync(configPath, generateConfig(g, seed));
    let tree;
    try {
      tree = KconfigTree.load(g.top, { cwd: dir, flavor: 'linux', env: { ...g.env, KCONFIG_CONFIG: configPath } });
    } catch {
      continue; // a tree conf rejects too
    }
    tree.readConfig(configPath); // (its warnings would open the pager first: see above)
    const [columns, rows] = SIZES[seed % SIZES.length];
    await compare({ tree, configPath, prefs: memoryPrefs({ showNames: seed % 3 === 0, showAll: seed % 4 === 0 }) }, columns, rows, `random tree ${seed}`);
    n++;
  }
  expect(n).toBe(40);
  expect(same).toBeGreaterThan(30); // the rest: .config warnings (the pager first), or a character of unsure width
});
