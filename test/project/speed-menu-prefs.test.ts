// The menu's preferences read without conf for the first frame (src/menuPrefs.ts) against conf
// itself (components/prefs.ts confPrefs, the `conf` package) in the same config folder: the same
// values read, the same file written after changes and created after an open, and conf reading
// first a file that is not plain JSON.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { confPrefs } from '../../components/prefs.js';
import { menuPrefs, prefsFile } from '../../src/menuPrefs.js';

const saved = process.env.XDG_CONFIG_HOME;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-prefs-'));
let n = 0;
beforeEach(() => { process.env.XDG_CONFIG_HOME = path.join(root, `xdg-${n++}`); });
afterAll(() => {
  if (saved === undefined) delete process.env.XDG_CONFIG_HOME; else process.env.XDG_CONFIG_HOME = saved;
  fs.rmSync(root, { recursive: true, force: true });
});

const fileText = () => fs.readFileSync(prefsFile()!, 'utf8');

describe.skipIf(process.platform !== 'linux')('menu preferences without conf = conf', () => {
  it('reads what conf wrote, in the file conf uses', async () => {
    const byConf = await confPrefs();
    byConf.set({ showNames: true, theme: 'mono', lastSearches: ['uk', 'net'] });
    expect(fs.existsSync(prefsFile()!)).toBe(true);
    expect(menuPrefs()!.get()).toEqual((await confPrefs()).get());
    expect(menuPrefs()!.get().showNames).toBe(true);
  });

  it('creates the file and writes changes as conf does', async () => {
    const fast = menuPrefs()!;
    fast.get(); // the menu's first frame
    fast.loadSoon(); // conf loads after it
    fast.set({ showAll: true });
    fast.set({ recentConfigs: ['/a/.config'] });
    await fast.written();
    const mine = fileText();
    // the same first open and changes through conf alone, in a fresh folder
    process.env.XDG_CONFIG_HOME = path.join(root, `xdg-${n++}`);
    const byConf = await confPrefs();
    byConf.set({ showAll: true });
    byConf.set({ recentConfigs: ['/a/.config'] });
    expect(mine).toBe(fileText());

    process.env.XDG_CONFIG_HOME = path.join(root, `xdg-${n++}`);
    const opened1 = menuPrefs()!;
    opened1.get(); // only opened
    await opened1.written();
    const opened = fileText();
    process.env.XDG_CONFIG_HOME = path.join(root, `xdg-${n++}`);
    await confPrefs();
    expect(opened).toBe(fileText());
  });

  it('leaves a file that is not JSON to conf', async () => {
    fs.mkdirSync(path.dirname(prefsFile()!), { recursive: true });
    fs.writeFileSync(prefsFile()!, '{ not json');
    expect(menuPrefs()).toBeUndefined();
  });
});
