// UK_FULLVERSION and UK_CODENAME without make, when the core's version.mk is the plain list of
// assignments it has always been: its values, plus what support/scripts/gitsha1 prints. gitsha1 runs
// as make's $(shell) would run it, except when it is Unikraft's own script (by content) and no git
// repository can hold the core (no .git and no bare repository in the folder or above it, no GIT_*
// setting other than those for transport, identity and the user's tools): there `git rev-parse` finds nothing and the script prints nothing. Anything else answers undefined, and make.ts asks make.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CoreVersion, Env } from './make.js';
import { textHash } from '../textHash.js';
import { envChanges, noteFrameCommand, takeCheckedOutput, type Command } from '../commandOutputs.js';
import { runToFiles } from './runToFiles.js';

const NAMES = ['UK_VERSION', 'UK_SUBVERSION', 'UK_EXTRAVERSION', 'UK_CODENAME'];

/** version.mk's values, when every line is blank, a comment or `NAME = value` of the four names. */
export function plainVersionMk(text: string): Record<string, string> | undefined {
  const vals: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    // no $, \, # or trailing blanks in the value: make would expand, join or keep them
    const m = /^([A-Z_]+)[ \t]*:?=[ \t]*([^$\\#]*?)$/.exec(line);
    if (!m || !NAMES.includes(m[1]) || /[ \t\r]$/.test(m[2])) return undefined;
    vals[m[1]] = m[2];
  }
  return vals;
}

/**
 * support/scripts/gitsha1 as Unikraft has it, by its bytes' textHash (SHA-256 10f93856...40794564;
 * node:crypto would cost the menu's start its loading): prints only what git says.
 */
const KNOWN_GITSHA1 = '5f-1xbqc3t-1twl59z';

function isKnownGitsha1(file: string): boolean {
  try {
    return textHash(fs.readFileSync(file).toString('latin1')) === KNOWN_GITSHA1;
  } catch {
    return false;
  }
}

/**
 * GIT_* settings that cannot make git find a repository (TLS and ssh, who commits, editors and
 * pagers, the shell prompt's): common in users' environments, so they do not force running git.
 * Any other (GIT_DIR, GIT_CONFIG_*, GIT_TRACE, ...) runs gitsha1.
 */
const NOT_FOR_DISCOVERY = /^GIT_(SSL_\w+|SSH(_COMMAND|_VARIANT)?|ASKPASS|TERMINAL_PROMPT|EDITOR|SEQUENCE_EDITOR|PAGER|(AUTHOR|COMMITTER)_(NAME|EMAIL|DATE)|PS1_\w+|HTTP_USER_AGENT|HTTP_LOW_SPEED_(LIMIT|TIME)|PROXY_COMMAND)$/;

/** Could git find a repository for `dir` (a .git, or a bare repository, in it or above it)? */
function mayBeInGit(dir: string, env: Env): boolean {
  if (Object.keys(env).some((k) => k.startsWith('GIT_') && !NOT_FOR_DISCOVERY.test(k))) return true;
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return true;
    if (['HEAD', 'objects', 'refs'].every((f) => fs.existsSync(path.join(d, f)))) return true;
    if (path.dirname(d) === d) return false;
  }
}

/**
 * What make's `$(shell cd BASE; BASE/support/scripts/gitsha1)` gives: one line, newlines as spaces.
 * A run is noted for the kept frame (src/commandOutputs.ts), whose check may have run it already.
 */
function gitsha1(ukBase: string, env: Env): Promise<string | undefined> {
  const script = path.join(ukBase, 'support/scripts/gitsha1');
  if (isKnownGitsha1(script) && !mayBeInGit(ukBase, env)) return Promise.resolve('');
  const command: Command = { file: '/bin/sh', args: ['-c', `cd '${ukBase}'; '${script}'`], ...envChanges(process.env, env) };
  const line = (out: string | undefined) => {
    if (out === undefined) return undefined;
    noteFrameCommand({ ...command, out });
    return out.replace(/\n+$/, '').replace(/\n/g, ' ');
  };
  const earlier = takeCheckedOutput(command);
  if (earlier !== null) return Promise.resolve(line(earlier));
  return runToFiles(command.file, command.args, { env: env as NodeJS.ProcessEnv, encoding: 'latin1', timeout: 30_000 })
    .then((r) => line(r.status === 0 ? r.stdout : undefined));
}

/** The core's version as Unikraft's Makefile computes it, or undefined when make must say. */
export async function coreVersionFromFiles(ukBase: string, env: Env): Promise<CoreVersion | undefined> {
  if (/'/.test(ukBase)) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(path.join(ukBase, 'version.mk'), 'utf8');
  } catch {
    return undefined;
  }
  const v = plainVersionMk(text);
  // a value version.mk does not set could come from the environment: make's business
  if (!v || NAMES.some((n) => v[n] === undefined && env[n] !== undefined) || v.UK_VERSION === undefined || v.UK_SUBVERSION === undefined) return undefined;
  const sha = await gitsha1(ukBase, env);
  if (sha === undefined) return undefined;
  const base = `${v.UK_VERSION}.${v.UK_SUBVERSION}`;
  return { fullVersion: `${v.UK_EXTRAVERSION ? `${base}.${v.UK_EXTRAVERSION}` : base}${sha}`, codename: v.UK_CODENAME ?? '' };
}
