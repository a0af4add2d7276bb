// Trees for the explain/search tests: the Unikraft corpus (../shared/corpora/unikraft, with the
// environment its README gives), small Kconfig files in temp folders, and .config helpers.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KconfigTree } from '../../kconfig/api.js';
import { isCI } from '../oracle/oracle.js';
import { kconfiglibMissing } from './facts.js';

export const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpora/unikraft');
export const GOLDEN = path.join(CORPUS, 'golden');

export function tempDir(prefix = 'ukmenu-explain-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The corpus README's environment (conf runs in the corpus folder). */
import { corpusEnv } from '../fixtures/corpus.js';
export { corpusEnv };

/** The Unikraft corpus with `config` read (default: none, the defaults). */
export function unikraftTree(config?: string): KconfigTree {
  const file = config ?? path.join(tempDir(), '.config');
  const tree = KconfigTree.load('unikraft/Config.uk', { cwd: CORPUS, env: corpusEnv(file) });
  tree.readConfig(file);
  return tree;
}

/** A Kconfig text in a temp folder, loaded with the Linux flavour, with an optional .config. */
export function smallTree(kconfig: string, dotconfig?: string): { tree: KconfigTree; dir: string; configPath: string } {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'Kconfig'), kconfig);
  const configPath = path.join(dir, '.config');
  if (dotconfig !== undefined) fs.writeFileSync(configPath, dotconfig);
  const tree = KconfigTree.load('Kconfig', { cwd: dir, flavor: 'linux', env: { KCONFIG_CONFIG: configPath } });
  tree.readConfig(configPath);
  return { tree, dir, configPath };
}

/** The values a .config gives explicitly: `CONFIG_X=v` and `# CONFIG_X is not set` (n). */
export function parseConfig(text: string, prefix = 'CONFIG_'): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const not = new RegExp(`^# ${prefix}([A-Za-z0-9_]+) is not set$`).exec(line);
    if (not) { m.set(not[1], 'n'); continue; }
    const set = new RegExp(`^${prefix}([A-Za-z0-9_]+)=(.*)$`).exec(line);
    if (!set) continue;
    m.set(set[1], unquote(set[2]));
  }
  return m;
}

/** A .config value as conf_read takes it: a string's quotes dropped, `\\x` read as `x`. */
function unquote(v: string): string {
  if (!v.startsWith('"')) return v;
  const end = /^"((?:[^"\\]|\\.)*)"/.exec(v);
  return (end ? end[1] : v.slice(1)).replace(/\\(.)/g, '$1');
}

/**
 * Why kconfiglib tests must not run here (undefined: run them). In CI a missing kconfiglib is a
 * failure, not a skip: the tests run and fail loudly.
 */
export function kconfiglibSkipReason(): string | undefined {
  const missing = kconfiglibMissing();
  if (!missing || isCI) return undefined;
  return missing;
}

/** Deterministic pseudo-random numbers for sampling symbols. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) & 0x7fffffff) / 0x7fffffff;
}
