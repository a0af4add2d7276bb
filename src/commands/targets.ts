// `ukmenu targets` and the global `--target NAME`: the application's targets (Kraftfile and
// defconfigs/), the chosen one's configuration file for every command (created when missing, as
// kraft creates it), and writing the configuration's changes back into the Kraftfile.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planWriteBack, valuesToRecord, type WriteBackPlan, type WriteBackScope } from '../project/kraftfileWriteBack.js';
import { parseKraftfile } from '../project/kraftfile.js';
import { UkmenuError } from '../project/errors.js';
import { configValues, createTargetConfig, ensureTargetConfig, listTargets, projectWithConfig, selectTarget, type AppTargets, type Target } from '../project/targets.js';
import type { Project } from '../project/types.js';
import type { KconfigTree } from '../../kconfig/api.js';
import { loadTree } from '../tree.js';

export const TARGETS_USAGE = `Usage: ukmenu [--target NAME] targets [--json] [--write-back [--all]]
  Lists the application's targets, one a line: the name --target takes, platform, architecture,
  where it comes from (the Kraftfile, defconfigs/FILE) and its configuration file; * marks the
  target chosen with --target.
  --write-back   record the chosen target's configuration in the Kraftfile: the values it does
                 not give yet go into the target's kconfig (prints the diff, then writes)
  --all          ... into unikraft.kconfig instead, for every target
`;

export interface TargetChoice {
  set: AppTargets;
  target: Target;
}

interface IO {
  env: Record<string, string | undefined>;
  stdout: (t: string) => void;
  stderr: (t: string) => void;
}

/** `--target NAME`: the target of the application in `appDir` (the message lists the known ones). */
export function chooseTarget(appDir: string, name: string): TargetChoice {
  const set = listTargets(appDir);
  return { set, target: selectTarget(set, name) };
}

/** The project on the target's configuration file; `create`: made first when it does not exist. */
export async function targetProject(project: Project, choice: TargetChoice, io: IO, create: boolean): Promise<Project> {
  const p = projectWithConfig(project, choice.target.configFile, `target ${choice.target.id} (${choice.target.source})`);
  if (create) await ensureTargetConfig(p, choice.set, choice.target, (t) => io.stderr(`ukmenu: note: ${t}\n`), { baseEnv: io.env });
  return p;
}

function listText(set: AppTargets, current?: Target): string {
  if (!set.targets.length) return `no targets in ${set.appDir} (no Kraftfile targets:, no defconfigs/)\n`;
  const w = (f: (t: Target) => string) => Math.max(...set.targets.map((t) => f(t).length));
  const wid = w((t) => t.id);
  const wpa = w((t) => `${t.plat}/${t.arch}`);
  const wsrc = w((t) => t.source);
  return set.targets.map((t) => `${t === current ? '*' : ' '} ${t.id.padEnd(wid)}  ${`${t.plat}/${t.arch}`.padEnd(wpa)}  ${t.source.padEnd(wsrc)}  ${path.relative(set.appDir, t.configFile)}\n`).join('');
}

/** The tree's minimal configuration: conf's savedefconfig lines, without the Makefile's trailer (host arch, UK_NAME). */
export function minimalConfigOf(tree: KconfigTree): string {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-minimal-'));
  const trailer = tree.minimalConfigTrailer;
  tree.minimalConfigTrailer = null;
  try {
    const file = path.join(tmp, 'defconfig');
    tree.writeMinimalConfig(file);
    return readFileSync(file, 'utf8');
  } finally {
    tree.minimalConfigTrailer = trailer;
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The values of a configuration file and of its minimal configuration, read through the project's tree. */
function currentAndMinimal(project: Project, env: Record<string, string | undefined>): { current: string; minimal: string } {
  const { tree } = loadTree({ kind: 'project', project, baseEnv: env });
  return { current: readFileSync(project.configFile, 'utf8'), minimal: minimalConfigOf(tree) };
}

/** What recording `current` (a .config text, with its minimal configuration) in the Kraftfile changes. */
export function writeBackPlan(choice: TargetChoice, current: string, minimal: string, scope: WriteBackScope): WriteBackPlan {
  const { set, target } = choice;
  if (!set.kraftfile || !target.kraft) {
    throw new UkmenuError(`target ${target.id} comes from ${target.source}, not from a Kraftfile: nothing to write back`, [
      'fix: save its minimal configuration over it instead (the menu\'s d, or ukmenu conf --savedefconfig FILE)',
    ]);
  }
  return planWriteBack(set.kraftfile, target.kraft, valuesToRecord(set.kraftfile, target.kraft, current, minimal), scope);
}

/**
 * Writes the plan, after checking the Kraftfile did not change meanwhile; then re-reads it and
 * creates the target's configuration from it into a temporary file: the symbols where that differs
 * from `current` (none when the write-back is exact).
 */
export async function applyWriteBack(project: Project, choice: TargetChoice, plan: WriteBackPlan, current: string, env: Record<string, string | undefined>): Promise<string[]> {
  if (readFileSync(plan.file, 'utf8') !== plan.before) throw new UkmenuError(`${plan.file} changed since the diff was made; nothing written`, ['fix: look at it again (W in the menu, or run the command again)']);
  writeFileSync(plan.file, plan.after);
  const again = parseKraftfile(plan.file, plan.after, path.basename(choice.set.appDir));
  const set: AppTargets = { ...choice.set, kraftfile: again };
  const target: Target = { ...choice.target, kraft: again.targets.find((t) => t.index === choice.target.kraft!.index) ?? choice.target.kraft };
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-writeback-'));
  try {
    const out = path.join(tmp, 'config');
    await createTargetConfig(project, set, target, { out, baseEnv: env });
    const made = configValues(readFileSync(out, 'utf8'));
    const want = configValues(current);
    const keys = new Set([...made.keys(), ...want.keys()]);
    return [...keys].filter((k) => made.get(k) !== want.get(k)).map((k) => `${k}: the Kraftfile gives ${made.get(k) ?? '(nothing)'}, the configuration has ${want.get(k) ?? '(nothing)'}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** `ukmenu targets [--json] [--write-back [--all]]`. `project` is given (discovered) only for --write-back. */
export async function targetsCommand(args: string[], appDir: string, choice: TargetChoice | undefined, io: IO, project?: () => Promise<Project>): Promise<number> {
  let json = false;
  let writeBack = false;
  let all = false;
  for (const a of args) {
    if (a === '--json') json = true;
    else if (a === '--write-back') writeBack = true;
    else if (a === '--all') all = true;
    else if (a === '-h' || a === '--help') { io.stdout(TARGETS_USAGE); return 0; }
    else throw new UkmenuError(`unknown argument for targets: ${a}`, ['run `ukmenu targets --help` for usage'], 2);
  }
  if (!writeBack) {
    const set = choice?.set ?? listTargets(appDir);
    const current = choice?.target;
    if (json) {
      io.stdout(JSON.stringify(set.targets.map((t) => ({ id: t.id, name: t.name, platform: t.plat, architecture: t.arch, source: t.source, configFile: t.configFile, current: t === current })), null, 2) + '\n');
    } else io.stdout(listText(set, current));
    return 0;
  }
  if (!choice) throw new UkmenuError('targets --write-back needs the target: ukmenu --target NAME targets --write-back', [], 2);
  const p = await targetProject(await project!(), choice, io, true);
  const { current, minimal } = currentAndMinimal(p, io.env);
  const plan = writeBackPlan(choice, current, minimal, all ? 'all' : 'target');
  if (!plan.diff) { io.stdout(`${plan.file} already gives this configuration: nothing to write\n`); return 0; }
  io.stdout(plan.diff);
  const off = await applyWriteBack(p, choice, plan, current, io.env);
  io.stderr(`ukmenu: wrote ${plan.file} (${plan.edits.length} value${plan.edits.length === 1 ? '' : 's'})\n`);
  for (const o of off) io.stderr(`ukmenu: note: ${o}\n`);
  return 0;
}
