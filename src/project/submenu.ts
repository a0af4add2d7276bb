// Unikraft's support/build/config-submenu.sh, done in process. The core's Config.uk files call it
// nine times while the tree loads; each run is a bash loop forking readlink per library (over a
// second on a busy machine). For a script whose content ukmenu knows (by its bytes' textHash), this produces
// exactly what the script would: the same file in the build folder (removed and written anew), the
// same stdout and stderr. Anything unusual (another script version, an option it does not handle,
// a shell word it does not parse for certain, a locale whose sort order it cannot reproduce) answers
// null, and the real script runs. test/project/speed-submenu.test.ts compares both.
import { childProcess } from '../../kconfig/childProcess.js';
import { textHash } from '../textHash.js';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * config-submenu.sh versions whose behaviour this file reproduces, by the textHash of the script's
 * bytes (node:crypto would cost the menu's start its loading).
 */
const KNOWN_SCRIPTS = new Set([
  // unikraft 0.14.0 (2023) to at least 0.17.0-89 (support/build/config-submenu.sh; SHA-256 8036c9d1...5f9cd)
  '2sv-7kmg7d-beizpo',
]);

const SCRIPT_NAME = 'config-submenu.sh';

/** How many calls were answered in process (tests check the fast path really ran), and the files they wrote. */
export const submenuStats = { answered: 0, written: new Set<string>() };

/**
 * Splits a command into words as /bin/sh would, for the plain forms the Config.uk lines use: bare
 * words of safe characters, '...' and "..." without expansions. undefined for anything else.
 */
export function plainShellWords(cmd: string): string[] | undefined {
  const words: string[] = [];
  let i = 0;
  while (i < cmd.length) {
    while (cmd[i] === ' ' || cmd[i] === '\t') i++;
    if (i >= cmd.length) break;
    let word = '';
    while (i < cmd.length && cmd[i] !== ' ' && cmd[i] !== '\t') {
      const c = cmd[i];
      if (c === "'") {
        const end = cmd.indexOf("'", i + 1);
        if (end < 0) return undefined;
        word += cmd.slice(i + 1, end);
        i = end + 1;
      } else if (c === '"') {
        const end = cmd.indexOf('"', i + 1);
        if (end < 0) return undefined;
        const inner = cmd.slice(i + 1, end);
        if (/[$`\\!]/.test(inner)) return undefined;
        word += inner;
        i = end + 1;
      } else if (/[A-Za-z0-9_./,:+@%-]/.test(c)) {
        word += c;
        i++;
      } else return undefined;
    }
    words.push(word);
  }
  return words;
}

const scriptHashes = new Map<string, { mtimeMs: number; size: number; known: boolean }>();

/** Is the file a config-submenu.sh ukmenu knows, runnable as the shell would run it? */
function isKnownScript(file: string): boolean {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    return false;
  }
  const seen = scriptHashes.get(file);
  if (seen && seen.mtimeMs === st.mtimeMs && seen.size === st.size) return seen.known;
  let known = false;
  try {
    known = KNOWN_SCRIPTS.has(textHash(fs.readFileSync(file).toString('latin1')));
  } catch { /* unreadable: the real script */ }
  scriptHashes.set(file, { mtimeMs: st.mtimeMs, size: st.size, known });
  return known;
}

const bashFound = new Map<string, boolean>();

/** Is bash on the PATH the script's `#!/usr/bin/env bash` searches? (looked up once per PATH) */
function bashOnPath(env: Record<string, string | undefined>): boolean {
  const key = env.PATH ?? '';
  let found = bashFound.get(key);
  if (found === undefined) {
    found = fs.existsSync('/usr/bin/env') && key.split(':').some((dir) => {
      try {
        fs.accessSync(path.join(dir === '' ? '.' : dir, 'bash'), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
    bashFound.set(key, found);
  }
  return found;
}

const C_LOCALES = ['', 'C', 'POSIX', 'C.UTF-8', 'C.utf8'];

/** The locale settings of the environment, as bash reads them at start. */
const localeVars = (env: Record<string, string | undefined>) =>
  Object.entries(env).filter(([k, v]) => (k === 'LANG' || k.startsWith('LC_')) && v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));

const startWarnings = new Map<string, string>();

/**
 * What bash writes on stderr when it starts in this environment ("bash: warning: setlocale: LC_ALL:
 * cannot change locale (...)" for a locale not installed): the script's first message. Asked of bash
 * once per locale setting; nothing to ask in the C locale.
 */
function bashStartWarning(env: Record<string, string | undefined>): string | undefined {
  const vars = localeVars(env);
  if (vars.every(([, v]) => C_LOCALES.includes(v!))) return '';
  const key = JSON.stringify(vars);
  let w = startWarnings.get(key);
  if (w === undefined) {
    const r = childProcess().spawnSync('bash', ['-c', ':'], { env: env as NodeJS.ProcessEnv, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) return undefined;
    startWarnings.set(key, (w = r.stderr));
  }
  return w;
}

/** Does bash sort these names (its glob results, by strcoll) in byte order in the environment's locale? */
function sortsAsBytes(names: string[], env: Record<string, string | undefined>): boolean {
  const locale = env.LC_ALL || env.LC_COLLATE || env.LANG || '';
  if (C_LOCALES.includes(locale)) return true;
  // in other locales punctuation and case weigh differently; plain lower-case names and digits do not
  return names.every((n) => /^[a-z0-9]+$/.test(n));
}

/** The entries of `dir` in the order bash's `"$dir"/*` gives them in this locale (one bash, no loop). */
function bashGlobOrder(dir: string, cwd: string, env: Record<string, string | undefined>): string[] | undefined {
  const r = childProcess().spawnSync('bash', ['-c', 'for P in "$1"/*; do printf "%s\\0" "${P##*/}"; done', 'bash', dir], {
    cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  });
  if (r.status !== 0 || typeof r.stdout !== 'string') return undefined;
  return r.stdout.split('\0').slice(0, -1);
}

/** `${X%/}`: one trailing slash removed. */
const stripSlash = (s: string) => (s.endsWith('/') ? s.slice(0, -1) : s);

interface Options {
  paths: string[];
  excludes: string[];
  title?: string;
  out?: string;
  quiet: boolean;
  /** Paths of `paths` that are a folder's plain (not linked) subfolder, with that folder: their realpath is the folder's joined with the name. */
  inFolder: Map<string, string>;
}

/** A path as the shell hands it to the kernel from `cwd` (no lexical clean-up of `..`). */
const absIn = (cwd: string, p: string) => (p.startsWith('/') ? p : `${cwd}/${p}`);

/** getopts ":hqt:l:r:c:e:o:" as the script reads its arguments; undefined where it would print usage or fail. */
function parseOptions(args: string[], cwd: string, env: Record<string, string | undefined>): Options | undefined {
  const o: Options = { paths: [], excludes: [], quiet: false, inFolder: new Map() };
  const abs = (p: string) => absIn(cwd, p);
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === 'q') { o.quiet = true; continue; }
      if (!'tlrceo'.includes(c)) return undefined; // -h, unknown options: usage
      let arg: string;
      if (j + 1 < a.length) arg = a.slice(j + 1);
      else if (i + 1 < args.length) arg = args[++i];
      else return undefined; // a missing argument
      j = a.length;
      if (c === 't') o.title = arg;
      else if (c === 'o') o.out = arg;
      else if (c === 'l') o.paths.push(stripSlash(arg));
      else if (c === 'c' || c === 'e') {
        // `for P in ${OPTARG}` with IFS=':': split, then pathname expansion of each field
        if (/[*?[]/.test(arg)) return undefined;
        const fields = arg.split(':');
        if (fields.length && fields[fields.length - 1] === '') fields.pop();
        for (const f of fields) if (f !== '') (c === 'c' ? o.paths : o.excludes).push(stripSlash(f));
      } else if (c === 'r' && arg !== '') {
        const dir = stripSlash(arg);
        let entries: fs.Dirent[];
        try {
          entries = fs.readdirSync(abs(dir === '' ? '/' : dir), { withFileTypes: true }).filter((e) => !e.name.startsWith('.'));
        } catch {
          entries = [];
        }
        // [ -d "$P" ] follows symbolic links: a plain folder needs no stat, anything else is asked
        let dirs = entries.length === 0
          ? ['*'].filter((n) => isDir(abs(`${dir}/${n}`))) // no match: the pattern stays as it is
          : entries.filter((e) => e.isDirectory() || (!e.isFile() && isDir(abs(`${dir}/${e.name}`)))).map((e) => e.name);
        if (sortsAsBytes(dirs, env)) dirs.sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
        else {
          // a locale's collation: bash itself says the order
          const order = bashGlobOrder(dir === '' ? '' : dir, cwd, env);
          if (!order) return undefined;
          dirs = order.filter((n) => dirs.includes(n));
        }
        const plain = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
        for (const n of dirs) {
          o.paths.push(`${dir}/${n}`);
          if (plain.has(n)) o.inFolder.set(`${dir}/${n}`, dir === '' ? '/' : dir);
        }
      }
    }
  }
  o.paths.push(...args.slice(i));
  return o;
}

/** A text as the engine holds command output: its UTF-8 bytes, one char each. */
const asLatin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

// stat without an exception for a missing path (most library folders lack something): cheaper
const isDir = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
const isFile = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;

/**
 * What running `cmd` with /bin/sh in `cwd` prints (stdout, stderr) when it is a known
 * config-submenu.sh call, after doing what the script does to the output file; null otherwise.
 */
export function runSubmenuInProcess(cmd: string, cwd: string, env: Record<string, string | undefined>): { out: string; err: string } | null {
  // the engine hands commands and takes outputs as latin1 (bytes); ukmenu handles ASCII ones
  if (process.platform !== 'linux' || env.UKMENU_SUBMENU === 'script' || /[^\x00-\x7f]/.test(cmd)) return null;
  const words = plainShellWords(cmd);
  if (!words || words.length === 0 || path.basename(words[0]) !== SCRIPT_NAME || !words[0].includes('/')) return null;
  const abs = (p: string) => absIn(cwd, p);
  if (!isKnownScript(abs(words[0])) || !bashOnPath(env)) return null;
  const o = parseOptions(words.slice(1), cwd, env);
  if (!o) return null;
  // not a regular file: the script fails (exit 2); its message is the real script's to give
  const outStat = o.out !== undefined && o.out !== '' ? fs.statSync(abs(o.out), { throwIfNoEntry: false }) : undefined;
  if (outStat && !outStat.isFile()) return null;
  const warning = bashStartWarning(env);
  if (warning === undefined) return null;
  let body = '';
  let err = warning;
  const libs: string[] = [];
  /** Config.uk files that are no links (lstat): when in a plain subfolder, no realpath of their own. */
  const regular = new Set<string>();
  for (const p of o.paths) {
    const config = abs(`${p}/Config.uk`);
    const isRegular = fs.lstatSync(config, { throwIfNoEntry: false })?.isFile() ?? false;
    if (isRegular) regular.add(p);
    else if (!isFile(config)) {
      if (!o.quiet) err += `Could not find "Config.uk" under "${p}". Skipping...\n`;
      continue;
    }
    if (o.excludes.includes(p)) {
      if (!o.quiet) err += `Skipping excluded "${p}"...\n`;
      body += `# Skipped excluded "${p}"\n`;
      continue;
    }
    libs.push(p);
  }
  if (o.title !== undefined) body += `menu "${o.title}"\n`;
  // realpath(3), as readlink -f: one per folder of libraries (~120 in the core's lib/: ~2 ms less)
  const realFolders = new Map<string, string>();
  const realConfig = (l: string): string => {
    const folder = regular.has(l) ? o.inFolder.get(l) : undefined;
    if (folder === undefined) return fs.realpathSync.native(abs(`${l}/Config.uk`));
    let real = realFolders.get(folder);
    if (real === undefined) realFolders.set(folder, real = fs.realpathSync.native(abs(folder)));
    return `${real === '/' ? '' : real}/${l.slice(l.lastIndexOf('/') + 1)}/Config.uk`;
  };
  for (const l of libs) body += `source "${realConfig(l)}"\n`;
  if (o.title !== undefined) body += 'endmenu\n';
  submenuStats.answered++;
  if (o.out === undefined || o.out === '') return { out: asLatin1(body), err: asLatin1(err) };
  const file = abs(o.out);
  try {
    if (outStat) fs.unlinkSync(file); // [ -f "$ARG_OUT" ] && rm -f "$ARG_OUT"
    fs.writeFileSync(file, `# Auto generated file. DO NOT EDIT\n${body}`);
  } catch {
    return null; // cannot write there: the real script says why
  }
  const written = fs.realpathSync.native(file);
  submenuStats.written.add(written);
  return { out: asLatin1(`${written}\n`), err: asLatin1(err) };
}
