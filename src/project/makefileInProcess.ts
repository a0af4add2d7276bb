// The app Makefile's answer (make.ts, queryAppMakefile) worked out in process for Makefiles written
// the way Unikraft's apps write theirs (app-helloworld's and the others' template):
//
//     UK_ROOT ?= $(PWD)/workdir/unikraft
//     LIBS := $(UK_LIBS)/musl:$(UK_LIBS)/lwip
//     all:
//     	@$(MAKE) -C $(UK_ROOT) A=$(PWD) L=$(LIBS) O=$(UK_BUILD)
//     $(MAKECMDGOALS):
//     	@$(MAKE) -C $(UK_ROOT) A=$(PWD) L=$(LIBS) O=$(UK_BUILD) $(MAKECMDGOALS)
//
// On a first open, make is the longest wait before the tree can load (~50 ms here: starting it
// from Node, reading the Makefile with its built-in rules). Only this much of make's language is
// read: assignments with =, :=, ::= and ?= of plain values and $(NAME) references to variables the
// Makefile, the command line or the environment define; rules for named targets or
// $(MAKECMDGOALS) whose recipe lines are $(MAKE) calls with words free of anything the shell would
// read differently; comments on lines of their own; .PHONY. Anything else (functions, includes,
// conditionals, line continuations, other special variables, a variable make would define itself)
// answers null and make is asked. test/project/makefile-in-process.test.ts compares both on
// generated Makefiles and environments.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMakeArgs, type AppMakefileInfo, type Env, type MakefileVar } from './make.js';

interface Variable extends MakefileVar {
  /** Recursive ones are expanded where they are used. */
  recursive: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Characters the shell hands over unchanged in a word (no quotes, expansions, globs, operators). */
const SHELL_PLAIN = /^[A-Za-z0-9_./:=,@%+-]*$/;

/** How many Makefiles were answered here (tests check the fast path really ran). */
export const makefileStats = { answered: 0 };

class Unsure extends Error {}
const unsure = (): never => { throw new Unsure(); };

/** The Makefile's answer, or null when make must be asked. */
export function appMakefileInProcess(o: {
  appDir: string;
  makefile: string;
  varNames: string[];
  overrides: Record<string, string>;
  goal?: string | null;
  /** The environment make gets (make.ts's makeEnv, PWD included). */
  env: Env;
}): AppMakefileInfo | null {
  // make's default goal (null) follows rules this does not read (the first target, special ones)
  const goal = o.goal === undefined ? 'menuconfig' : o.goal;
  if (goal === null || !NAME.test(goal)) return null;
  // a file of the goal's name: make may take the goal as up to date and run nothing
  if (existsSync(path.join(o.appDir, goal))) return null;
  let text: string;
  try {
    text = readFileSync(o.makefile, 'latin1');
  } catch {
    return null;
  }
  try {
    const info = answer(text, goal, o);
    makefileStats.answered++;
    return info;
  } catch (e) {
    if (e instanceof Unsure) return null;
    throw e;
  }
}

function answer(text: string, goal: string, o: { makefile: string; varNames: string[]; overrides: Record<string, string>; env: Env }): AppMakefileInfo {
  const vars = new Map<string, Variable>();
  // the environment's and the command line's variables are expanded where they are used, as make does
  // (and passed on to the $(MAKE) calls: make expands each one then, see below)
  const exported: string[] = [];
  for (const [k, v] of Object.entries(o.env)) {
    if (v === undefined || !NAME.test(k)) continue;
    if (/^MAKE|^MFLAGS$|^SHELL$|^CURDIR$|^VPATH$|^GPATH$|^SUFFIXES$/.test(k)) {
      if (v.includes('$')) unsure();
      continue;
    }
    vars.set(k, { origin: 'environment', value: v, recursive: true });
    exported.push(k);
  }
  for (const [k, v] of Object.entries(o.overrides)) {
    if (!NAME.test(k)) unsure();
    vars.set(k, { origin: 'command line', value: v, recursive: true });
    exported.push(k);
  }
  vars.set('MAKECMDGOALS', { origin: 'default', value: goal, recursive: false });

  const expand = (s: string, depth = 0): string => {
    if (depth > 50) unsure(); // a variable that refers to itself: make says so
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c !== '$') { out += c; continue; }
      const open = s[i + 1];
      const close = open === '(' ? ')' : open === '{' ? '}' : undefined;
      if (!close) unsure(); // $$, $@, $X: not read here
      const end = s.indexOf(close!, i + 2);
      if (end < 0) unsure();
      const name = s.slice(i + 2, end);
      if (!NAME.test(name)) unsure(); // functions, nested references
      const v = vars.get(name);
      if (!v) unsure(); // undefined here, but make may define it itself (CC, SHELL, CURDIR, ...)
      out += v!.recursive ? expand(v!.value, depth + 1) : v!.value;
      i = end;
    }
    return out;
  };

  /** The recipe of each target, in order (a target given twice: make's warning, not read here). */
  const recipes = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const raw of text.split('\n')) {
    if (raw.endsWith('\\') || raw.includes('\r')) unsure();
    if (raw.startsWith('\t')) {
      if (!current) { if (raw.trim() === '') continue; unsure(); }
      current!.push(raw.slice(1));
      continue;
    }
    const line = raw.trim();
    if (line === '' || raw.startsWith('#')) continue; // blank, or a comment line
    if (line.includes('#')) unsure(); // an indented comment, or one after something
    const assign = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*(\?=|::=|:=|=)(.*)$/.exec(raw);
    if (assign) {
      current = undefined;
      const [, name, op] = assign;
      const value = assign[3].replace(/^[ \t]+/, ''); // make drops the blanks after the operator only
      if (name.startsWith('MAKE') || name === 'SHELL' || name === 'MAKECMDGOALS') unsure();
      const had = vars.get(name);
      if (had?.origin === 'command line') continue; // the command line wins over the file
      if (op === '?=') {
        if (had) continue;
        vars.set(name, { origin: 'file', value, recursive: true });
      } else if (op === '=') vars.set(name, { origin: 'file', value, recursive: true });
      else vars.set(name, { origin: 'file', value: expand(value), recursive: false });
      continue;
    }
    const rule = /^([^:=#]+):([^=]*)$/.exec(line);
    if (!rule) unsure();
    const targets = rule![1].trim();
    const prereqs = rule![2].trim();
    if (targets === '.PHONY') { current = undefined; continue; }
    if (prereqs !== '' || targets.includes(';')) unsure();
    const names = targets === '$(MAKECMDGOALS)' || targets === '${MAKECMDGOALS}' ? [goal] : targets.split(/[ \t]+/);
    // a rule for a makefile: make would remake it first
    for (const n of names) if (!NAME.test(n) || recipes.has(n) || ['Makefile', 'makefile', 'GNUmakefile'].includes(n)) unsure();
    current = [];
    for (const n of names) recipes.set(n, current);
  }

  const recipe = recipes.get(goal);
  if (!recipe) unsure(); // no rule: make looks further (implicit rules), or fails
  const info: AppMakefileInfo = { makefile: o.makefile, vars: {}, calls: [] };
  // running a recipe's command, make expands every exported variable for its environment (one
  // that refers to itself stops make there)
  if (recipe!.length) for (const name of exported) { const v = vars.get(name)!; if (v.recursive) expand(v.value); }
  for (const line of recipe!) {
    const m = /^[@+-]*[ \t]*\$[({]MAKE[)}]((?:[ \t].*)?)$/.exec(line);
    if (!m) unsure(); // with -n make only prints other lines; their text is not read here
    const words = expand(m![1]).split(/[ \t]+/).filter((w) => w !== '');
    if (!words.every((w) => SHELL_PLAIN.test(w))) unsure();
    info.calls.push(parseMakeArgs(words));
  }
  for (const name of o.varNames) {
    const v = vars.get(name);
    if (v) info.vars[name] = { origin: v.origin, value: v.recursive ? expand(v.value) : v.value };
  }
  return info;
}
