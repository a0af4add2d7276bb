// The menu's `t` and `W` (targetMenu.ts) without reading the Kraftfile before the first frame when
// the menu is on no target. A target's configuration is `.config.<kernel>` (or `.config.<defconfig>`);
// on any other file there is no current target to show in the title, and the targets are read
// (the yaml package and the parse: ~15 ms of a first frame here) once the frame is out, for the
// keys that need them.
import path from 'node:path';
import { readdirSync } from 'node:fs';
import type { KconfigTree } from '../../kconfig/api.js';
import { isPanel, type HookResult } from '../../components/panel.js';
import { LoadingPanel } from '../deferredPanel.js';
import { findKraftfile } from '../project/kraftfileFind.js';
import type { Project } from '../project/types.js';
import type { TargetMenu, TargetMenuIO } from './targetMenu.js';

/** The message the menu gives for t and W when an application has no targets. */
const NO_TARGETS = "this application has no targets (a Kraftfile's targets:, defconfigs/)";

/** Could the application have targets (a Kraftfile, or files in defconfigs/)? */
function mayHaveTargets(appDir: string): boolean {
  if (findKraftfile(appDir)) return true;
  try {
    return readdirSync(path.join(appDir, 'defconfigs')).length > 0;
  } catch {
    return false;
  }
}

export async function deferredTargetMenu(project: Project, tree: KconfigTree, env: Record<string, string | undefined>, io: TargetMenuIO): Promise<TargetMenu & { preload(): void }> {
  const load = (o: TargetMenuIO) => import('./targetMenu.js').then((m) => m.targetMenu(project, tree, env, o));
  if (path.basename(project.configFile).startsWith('.config.')) {
    const now = await load(io);
    return { ...now, preload: () => {} };
  }
  // read while the menu is on the screen: what it would print (a Kraftfile it cannot read) is the
  // answer to t and W instead
  let said = '';
  const quiet: TargetMenuIO = { stdout: (t) => { said += t; }, stderr: (t) => { said += t; } };
  if (!mayHaveTargets(project.appDir)) return { hooks: {}, next: async () => undefined, preload: () => {} };
  let loaded: TargetMenu | undefined;
  let failed: Error | undefined;
  let loading: Promise<void> | undefined;
  const preload = () => {
    loading ??= load(quiet).then((m) => { loaded = m; }, (e: Error) => { failed = e; });
  };
  /** What the loaded menu's hook gives (an error when there is none). */
  const call = (title: string, run: (m: TargetMenu) => HookResult | undefined): HookResult => {
    const now = (): HookResult => {
      if (failed) throw new Error(`no targets: ${failed.message}`);
      const r = run(loaded!);
      if (r === undefined) throw new Error(said.trim().replace(/^ukmenu: note: /, '') || NO_TARGETS);
      return r;
    };
    preload();
    if (loaded || failed) return now();
    // pressed before the targets were read: a stand-in until they are
    return new LoadingPanel(title, loading!.then(() => {
      const r = now();
      if (!isPanel(r)) throw new Error(NO_TARGETS);
      return r;
    }));
  };
  return {
    hooks: {
      onTarget: (menu: { exit(): void }) => call('Targets', (m) => m.hooks.onTarget?.(menu)),
      onWriteBack: () => call('Write back', (m) => m.hooks.onWriteBack?.()),
    },
    next: async () => loaded?.next(),
    preload,
  };
}
