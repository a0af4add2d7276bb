// The menu's `t` and `W` for an application with targets: the hooks that make their panels
// (components/controllers/target.ts), and the project the menu reopens on after a pick.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KconfigTree } from '../../kconfig/api.js';
import type { HookResult } from '../../components/panel.js';
import { listTargets, type AppTargets, type Target } from '../project/targets.js';
import type { Project } from '../project/types.js';
import { applyWriteBack, minimalConfigOf, targetProject, writeBackPlan, type TargetChoice } from './targets.js';
import type { WriteBackPlan, WriteBackScope } from '../project/kraftfileWriteBack.js';

export interface TargetMenuIO {
  stdout: (t: string) => void;
  stderr: (t: string) => void;
}

export interface TargetMenu {
  /** The target whose configuration is open (for the title bar). */
  target?: string;
  hooks: { onTarget?: (menu: { exit(): void }) => HookResult; onWriteBack?: () => HookResult };
  /** After the menu closed: the project on the picked target (its configuration created if new), or undefined when the user quit. */
  next(): Promise<Project | undefined>;
}

/** The target whose configuration file the project uses, if any. */
function currentTarget(set: AppTargets, project: Project): Target | undefined {
  return set.targets.find((t) => t.configFile === project.configFile);
}

export async function targetMenu(project: Project, tree: KconfigTree, env: Record<string, string | undefined>, io: TargetMenuIO): Promise<TargetMenu> {
  let set: AppTargets;
  try {
    set = listTargets(project.appDir);
  } catch (e) {
    io.stderr(`ukmenu: note: no targets for t and W: ${(e as Error).message}\n`);
    return { hooks: {}, next: async () => undefined };
  }
  if (!set.targets.length) return { hooks: {}, next: async () => undefined };
  const current = currentTarget(set, project);
  const [{ TargetPicker, WriteBackPanel }] = await Promise.all([import('../../components/controllers/target.js')]);
  let picked: Target | undefined;

  const onTarget = (menu: { exit(): void }) => {
    const fresh = listTargets(project.appDir);
    const now = currentTarget(fresh, project);
    return new TargetPicker(
      fresh.targets.map((t) => ({ id: t.id, detail: `${t.plat}/${t.arch}  ${t.source}  ${path.basename(t.configFile)}`, current: t.id === now?.id })),
      (id) => {
        // the current one too: the menu reopens on it (as after any pick), it never quits here
        picked = fresh.targets.find((x) => x.id === id)!;
        set = fresh;
        menu.exit();
      },
    );
  };

  const onWriteBack = () => {
    const fresh = listTargets(project.appDir);
    const target = currentTarget(fresh, project);
    const choice: TargetChoice | undefined = target && { set: fresh, target };
    const current = readFileSync(project.configFile, 'utf8');
    const plans = new Map<WriteBackScope, WriteBackPlan>();
    const plan = (scope: WriteBackScope) => {
      if (!choice) throw new Error(`the menu is on ${project.configFile}, not on a target's configuration: pick a Kraftfile target with t first`);
      if (!plans.has(scope)) plans.set(scope, writeBackPlan(choice, current, minimalConfigOf(tree), scope));
      return plans.get(scope)!;
    };
    return new WriteBackPanel({
      target: target?.id ?? path.basename(project.configFile),
      diff: (scope) => plan(scope).diff,
      write: (scope) => applyWriteBack(project, choice!, plan(scope), current, env),
    });
  };

  return {
    target: current?.id,
    hooks: { onTarget, onWriteBack },
    next: async () => (picked ? targetProject(project, { set, target: picked }, { env, ...io }, true) : undefined),
  };
}
