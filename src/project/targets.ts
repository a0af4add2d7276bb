// The targets of an application: each target of its Kraftfile (kraft's `plat/arch` shorthand or
// objects) and each file in its defconfigs/ folder. Each keeps a configuration file of its own where
// kraft keeps it (unikraft/target/target.go, ConfigFilename: `.config.<name>_<plat>-<arch>` in the
// Kraftfile's folder), created when missing exactly as kraft does: `make defconfig` on the merged
// Kconfig lines (unikraft/app/application.go, Configure).
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engineConfRunner, runProjectConf, type ConfRunner } from './conf.js';
import { UkmenuError } from './errors.js';
import { defconfigLine, loadKraftfile, type Kraftfile, type KraftTarget } from './kraftfile.js';
import { isFile } from './paths.js';
import type { Project } from './types.js';

export interface Target {
  /** What `--target` takes and `ukmenu targets` prints first: the name, made unique when names repeat. */
  id: string;
  name: string;
  plat: string;
  arch: string;
  /** Where it comes from: the Kraftfile's name (Kraftfile, kraft.yaml) or `defconfigs/FILE`. */
  source: string;
  /** Its own configuration file (absolute). */
  configFile: string;
  /** The Kraftfile target, or the defconfig file it starts from. */
  kraft?: KraftTarget;
  defconfig?: string;
}

export interface AppTargets {
  appDir: string;
  kraftfile?: Kraftfile;
  targets: Target[];
}

/** The Kconfig symbols kraft turns on for a platform (unikraft/plat/platform.go, KConfig). */
export function platformSymbols(plat: string): string[] {
  switch (plat) {
    case 'fc': case 'firecracker': return ['CONFIG_PLAT_KVM', 'CONFIG_KVM_VMM_FIRECRACKER'];
    case 'qemu': case 'kvm': return ['CONFIG_PLAT_KVM', 'CONFIG_KVM_VMM_QEMU'];
    case 'xen': return ['CONFIG_PLAT_XEN'];
    case 'linuxu': return ['CONFIG_PLAT_LINUXU'];
    default: return [];
  }
}

/** The Kconfig symbol for an architecture (unikraft/arch/architecture.go, KConfig). */
export function architectureSymbol(arch: string): string | undefined {
  return ({ x86_64: 'CONFIG_ARCH_X86_64', arm: 'CONFIG_ARCH_ARM_32', arm64: 'CONFIG_ARCH_ARM_64' } as Record<string, string>)[arch];
}

/** Platform and architecture named by a defconfig's lines (without an arch line: the host's, as the arch choice's default). */
function platArchOfDefconfig(text: string, hostArch: string): { plat: string; arch: string } {
  const on = (s: string) => new RegExp(`^CONFIG_${s}=y\\s*$`, 'm').test(text);
  const arch = on('ARCH_X86_64') ? 'x86_64' : on('ARCH_ARM_64') ? 'arm64' : on('ARCH_ARM_32') ? 'arm' : hostArch;
  const plat = on('PLAT_XEN') ? 'xen' : on('KVM_VMM_FIRECRACKER') ? 'fc' : on('PLAT_KVM') ? 'qemu' : on('PLAT_LINUXU') ? 'linuxu' : '?';
  return { plat, arch };
}

const HOST_ARCH: Record<string, string> = { x64: 'x86_64', arm64: 'arm64', arm: 'arm' };

/** The app's targets: its Kraftfile's, then its defconfigs/ files. A broken Kraftfile throws (file:line:col). */
export function listTargets(appDir: string, hostArch = HOST_ARCH[process.arch] ?? 'x86_64'): AppTargets {
  const kraftfile = loadKraftfile(appDir);
  const targets: Target[] = [];
  if (kraftfile) {
    for (const t of kraftfile.targets) {
      const kernel = `${t.name}_${t.plat}-${t.arch}`;
      targets.push({ id: t.name, name: t.name, plat: t.plat, arch: t.arch, source: path.basename(kraftfile.file), configFile: path.join(path.dirname(kraftfile.file), `.config.${kernel}`), kraft: t });
    }
  }
  const dir = path.join(appDir, 'defconfigs');
  let files: string[] = [];
  try { files = readdirSync(dir).filter((f) => isFile(path.join(dir, f))).sort(); } catch { /* none */ }
  for (const f of files) {
    const file = path.join(dir, f);
    const { plat, arch } = platArchOfDefconfig(readFileSync(file, 'utf8'), hostArch);
    targets.push({ id: f, name: f, plat, arch, source: `defconfigs/${f}`, configFile: path.join(appDir, `.config.${f}`), defconfig: file });
  }
  // ids repeat when targets share a name (kraft's default name is the app's): plat/arch, then the kernel name
  const count = (ids: string[], id: string) => ids.filter((x) => x === id).length;
  let ids = targets.map((t) => t.id);
  targets.forEach((t) => { if (count(ids, t.id) > 1) t.id = t.defconfig ? `defconfigs/${t.name}` : `${t.plat}/${t.arch}`; });
  ids = targets.map((t) => t.id);
  targets.forEach((t) => { if (count(ids, t.id) > 1) t.id = path.basename(t.configFile).slice('.config.'.length); });
  return { appDir, kraftfile, targets };
}

/** The target asked for by `--target` (its id, name, plat/arch, kernel name or defconfigs/FILE). */
export function selectTarget(set: AppTargets, wanted: string): Target {
  // the id first, then the name, then plat/arch (a Kraftfile target before a defconfig), then the rest
  const tiers: ((t: Target) => boolean)[] = [
    (t) => t.id === wanted,
    (t) => t.name === wanted,
    (t) => !!t.kraft && `${t.plat}/${t.arch}` === wanted,
    (t) => `${t.plat}/${t.arch}` === wanted,
    (t) => path.basename(t.configFile) === `.config.${wanted}` || (!!t.defconfig && t.source === wanted),
  ];
  let hits: Target[] = [];
  for (const tier of tiers) if ((hits = set.targets.filter(tier)).length) break;
  if (hits.length === 1) return hits[0];
  const known = set.targets.map((t) => `  ${t.id}  (${t.plat}/${t.arch}, ${t.source})`);
  if (!set.targets.length) {
    throw new UkmenuError(`unknown target "${wanted}": the application in ${set.appDir} has no targets`, [
      'targets come from the Kraftfile\'s targets: list and the files in defconfigs/',
    ]);
  }
  throw new UkmenuError(`${hits.length ? 'ambiguous' : 'unknown'} target "${wanted}"; the known targets are:`, [...known, 'fix: ukmenu --target ID (the first column of `ukmenu targets`)'], 2);
}

/** The symbol kraft turns on for a library it lists (unikraft/lib/library.go, KConfig): CONFIG_LIB<NAME>. */
export function librarySymbol(name: string): string {
  const n = name.toUpperCase();
  return `CONFIG_${n.startsWith('LIB') ? n : `LIB${n}`}`;
}

/**
 * The lines kraft hands to `make defconfig` for a Kraftfile target: the `unikraft` kconfig, each
 * library's in file order with the library's own symbol turned on, the target's, then its
 * platform's and architecture's symbols; a later value of a symbol replaces an earlier one (kraft
 * merges them in a map) and moves it last.
 */
export function mergedKconfig(kraftfile: Kraftfile, target: KraftTarget): Map<string, string> {
  const merged = new Map<string, string>();
  const put = (key: string, value: string) => { merged.delete(key); merged.set(key, value); };
  for (const v of kraftfile.unikraft.values) put(v.key, v.value);
  for (const lib of kraftfile.libraries) {
    for (const v of lib.kconfig.values) put(v.key, v.value);
    put(librarySymbol(lib.name), 'y');
  }
  for (const v of target.kconfig.values) put(v.key, v.value);
  for (const s of platformSymbols(target.plat)) put(s, 'y');
  const a = architectureSymbol(target.arch);
  if (a) put(a, 'y');
  return merged;
}

/** The defconfig a target's configuration starts from. */
export function targetDefconfig(set: AppTargets, target: Target): string {
  if (target.defconfig) return readFileSync(target.defconfig, 'utf8');
  return [...mergedKconfig(set.kraftfile!, target.kraft!)].map(([k, v]) => `${defconfigLine(k, v)}\n`).join('');
}

/** Where each merged line comes from (file:line), for conf's messages about them. */
function mergedSources(kraftfile: Kraftfile, target: KraftTarget): string[] {
  const from = new Map<string, string>();
  const note = (vals: { key: string; line: number }[]) => vals.forEach((v) => { from.delete(v.key); from.set(v.key, `${kraftfile.file}:${v.line}`); });
  note(kraftfile.unikraft.values);
  kraftfile.libraries.forEach((l) => note([...l.kconfig.values, { key: librarySymbol(l.name), line: l.line }]));
  note(target.kconfig.values);
  return [...mergedKconfig(kraftfile, target).keys()].map((k) => from.get(k) ?? `${kraftfile.file}:${target.line} (target ${target.plat}/${target.arch})`);
}

/** The project with another configuration file (C=): UK_CONFIG and KCONFIG_CONFIG follow it. */
export function projectWithConfig(project: Project, configFile: string, origin?: string): Project {
  return {
    ...project,
    configFile,
    env: { ...project.env, KCONFIG_CONFIG: configFile, UK_CONFIG: configFile },
    origins: origin ? { ...project.origins, configFile: origin } : project.origins,
  };
}

/** Values of a .config or defconfig text: key → value after `=` ('n' for "is not set"). */
export function configValues(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const set = /^([A-Za-z0-9_]+)=(.*)$/.exec(line);
    if (set) { out.set(set[1], set[2]); continue; }
    const unset = /^# ([A-Za-z0-9_]+) is not set$/.exec(line);
    if (unset) out.set(unset[1], 'n');
  }
  return out;
}

export interface CreateOptions {
  runner?: ConfRunner;
  baseEnv?: Record<string, string | undefined>;
  /** Where the configuration goes (default: the target's configFile). */
  out?: string;
}

/**
 * Creates a target's configuration: conf --defconfig on the target's lines, as `make defconfig`
 * with UK_DEFCONFIG does, into a temporary file renamed into place only when conf succeeded without
 * a warning. Returns the requested values the configuration does not have (a dependency is off, a
 * symbol unknown): kraft writes such configurations too, so they are reported, not refused.
 */
export async function createTargetConfig(project: Project, set: AppTargets, target: Target, o: CreateOptions = {}): Promise<string[]> {
  const out = o.out ?? target.configFile;
  const lines = targetDefconfig(set, target);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-target-'));
  const defconfig = target.defconfig ?? path.join(tmp, 'defconfig');
  const staged = path.join(tmp, 'config');
  try {
    if (!target.defconfig) writeFileSync(defconfig, lines);
    let messages = '';
    const rc = await runProjectConf(projectWithConfig(project, staged), [`--defconfig=${defconfig}`], {
      runner: o.runner ?? engineConfRunner,
      stdout: () => {},
      stderr: (t) => { messages += t; },
      baseEnv: o.baseEnv,
    });
    if (rc !== 0 || messages.trim() !== '' || !existsSync(staged)) {
      throw new UkmenuError(`the values of target ${target.id} do not resolve (${target.source}); nothing was written`, [
        ...located(messages, defconfig, target.kraft && set.kraftfile ? mergedSources(set.kraftfile, target.kraft) : undefined),
        `fix: correct the kconfig values in ${target.defconfig ?? set.kraftfile?.file}`,
      ]);
    }
    renameOrCopy(staged, out);
    const got = configValues(readFileSync(out, 'utf8'));
    const unmet: string[] = [];
    for (const [k, v] of configValues(lines)) {
      const has = got.get(k);
      if (has === undefined && v !== 'n') unmet.push(`${k}=${v} was asked for; the configuration has no such line (an unknown symbol, or one without a prompt here)`);
      else if (has !== undefined && has !== v) unmet.push(`${k}=${v} was asked for; the configuration has ${has === 'n' ? 'it off' : `${k}=${has}`}`);
    }
    return unmet;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** conf's messages, with the merged file's lines turned into the Kraftfile lines they come from. */
function located(messages: string, defconfig: string, sources?: string[]): string[] {
  return messages.trimEnd().split('\n').filter((l) => l !== '').map((l) => {
    if (!sources || !l.startsWith(`${defconfig}:`)) return l;
    return l.replace(/^[^:]+:(\d+):/, (_m, n: string) => `${sources[Number(n) - 1] ?? defconfig}:`);
  });
}

function renameOrCopy(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    // another file system: write a sibling, then rename it (the old file is never half written)
    const side = `${to}.ukmenu-new`;
    writeFileSync(side, readFileSync(from));
    renameSync(side, to);
  }
}

/** Creates the target's configuration when it does not exist yet; its notes go to `note`. */
export async function ensureTargetConfig(project: Project, set: AppTargets, target: Target, note: (text: string) => void, o: CreateOptions = {}): Promise<void> {
  if (existsSync(target.configFile)) return;
  const unmet = await createTargetConfig(project, set, target, o);
  note(`created ${target.configFile} for target ${target.id} (make defconfig on ${target.source}'s values)`);
  for (const u of unmet) note(`  ${u}`);
}
