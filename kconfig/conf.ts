// Drop-in replacement for scripts/kconfig `conf`: same options, environment, files and exit codes.
import * as fsMod from 'node:fs';
import * as path from 'node:path';
import { confWrite, confWriteAutoconf, confWriteDefconfig, ConfReader } from './confdata.js';
import { setAllChoiceValues, symCalcValue, symClearAllValid, symGetType } from './evaluate.js';
import { Kconfig, binaryEnv, type Flavor, type Output } from './kconfig.js';
import { loadKconfig } from './load.js';
import { F, KconfigExit, SymType, Tri, choiceMembers, hasValue, isChoice, isChoiceValue } from './model.js';
import { GlibcRandom } from './random.js';
import { Questioner, type LineSource } from './interactive.js';
import { writeWhole } from './writeWhole.js';

export type { Flavor };

export interface ConfOptions {
  /** Environment seen by the Kconfig files and by conf itself (KCONFIG_CONFIG, srctree, CONFIG_, ...). */
  env?: Record<string, string | undefined>;
  /** Working directory: relative Kconfig/.config paths resolve against it, as for the C tool. */
  cwd?: string;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Which C kconfig to behave like; default: 'unikraft' when the top file is named Config.uk, else 'linux'. */
  flavor?: Flavor;
  /** Program name used in messages (argv[0]). */
  progname?: string;
  /** Answers for the interactive modes, one line per call (null = end of input). Default: none. */
  input?: LineSource;
  /** Whether stdin and stdout are terminals (conf then does not echo answers). */
  tty?: boolean;
}

type Mode =
  | 'oldaskconfig' | 'syncconfig' | 'oldconfig' | 'allnoconfig' | 'allyesconfig' | 'allmodconfig'
  | 'alldefconfig' | 'randconfig' | 'defconfig' | 'savedefconfig' | 'listnewconfig' | 'helpnewconfig'
  | 'olddefconfig' | 'yes2modconfig' | 'mod2yesconfig' | 'mod2noconfig';

const MODES_V52: Mode[] = ['oldaskconfig', 'oldconfig', 'syncconfig', 'defconfig', 'savedefconfig', 'allnoconfig',
  'allyesconfig', 'allmodconfig', 'alldefconfig', 'randconfig', 'listnewconfig', 'olddefconfig'];
const MODES_61: Mode[] = [...MODES_V52, 'helpnewconfig', 'yes2modconfig', 'mod2yesconfig', 'mod2noconfig'];

export function detectFlavor(kconfigFile: string, env: Record<string, string | undefined>): Flavor {
  const forced = env.UKMENU_KCONFIG_FLAVOR;
  if (forced === 'linux' || forced === 'unikraft') return forced;
  return /(^|\/)Config\.uk$/.test(kconfigFile) || env.UK_BASE !== undefined ? 'unikraft' : 'linux';
}

function textSink(cb: (text: string) => void): (s: string) => void {
  return (s) => cb(/[\x80-\xff]/.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s);
}

function writeBytes(fd: number, s: string): void {
  writeWhole(fd, Buffer.from(s, 'latin1'));
}

/**
 * Runs conf with `argv` (without the program name), e.g. ['-s', '--olddefconfig', 'Kconfig']. Returns the exit code.
 * The stdout/stderr callbacks get text (the bytes conf would print, decoded as UTF-8); without
 * callbacks the bytes go to file descriptors 1 and 2 unchanged.
 */
export function runConf(argv: string[], opts: ConfOptions = {}): number {
  const out: Output = {
    // The engine works on bytes held in latin1 strings: written out as bytes, given to callbacks as text.
    stdout: opts.stdout ? textSink(opts.stdout) : (s) => writeBytes(1, s),
    stderr: opts.stderr ? textSink(opts.stderr) : (s) => writeBytes(2, s),
  };
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const progname = opts.progname ?? 'conf';
  try {
    return confMain(argv, env, cwd, out, opts.flavor, progname, opts.input ?? (() => null), opts.tty ?? false);
  } catch (e) {
    if (e instanceof KconfigExit) return e.code;
    // I/O failures and the like: a message, not a stack trace (UKMENU_DEBUG=1 shows it)
    if (env.UKMENU_DEBUG) throw e;
    out.stderr(`${progname}: ${(e as Error).message ?? String(e)}\n`);
    return 1;
  }
}

function confMain(argv: string[], env: Record<string, string | undefined>, cwd: string, out: Output, flavorOpt: Flavor | undefined, progname: string, input: LineSource, ttyStdio: boolean): number {
  // getopt_long with GNU argument permutation: the first non-option is the Kconfig file.
  const positional: string[] = [];
  const opts: { mode: Mode; arg?: string }[] = [];
  let silent = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { positional.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('-') || a.length === 1) positional.push(a);
  }
  const kfile = positional[0];
  const flavor = flavorOpt ?? detectFlavor(kfile ?? '', env);
  const modes = flavor === 'linux' ? MODES_61 : MODES_V52;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const exact = ['help', 'silent', ...modes].filter((m) => m === name);
      const cands = exact.length ? exact : ['help', 'silent', ...modes].filter((m) => m.startsWith(name) && name.length > 0);
      if (flavor === 'unikraft' && (name === 'help' || name === 'silent') && !exact.length) cands.length = 0;
      if (cands.length !== 1) {
        if (cands.length > 1) out.stderr(`${progname}: option '${a}' is ambiguous\n`);
        else out.stderr(`${progname}: unrecognized option '${a}'\n`);
        if (flavor === 'unikraft') { usage(out, progname, flavor); return 1; }
        continue;
      }
      const m = cands[0];
      if (m === 'help') { usage(out, progname, flavor); return 1; }
      if (m === 'silent') { silent = true; continue; }
      const mode = m as Mode;
      let arg: string | undefined;
      // v5.2's --defconfig takes an optional argument (only as --defconfig=FILE)
      const needsArg = mode === 'savedefconfig' || (mode === 'defconfig' && flavor === 'linux');
      if (eq >= 0) arg = a.slice(eq + 1);
      else if (needsArg) {
        if (i + 1 >= argv.length) {
          out.stderr(`${progname}: option '--${mode}' requires an argument\n`);
          if (flavor === 'unikraft') { usage(out, progname, flavor); return 1; }
          continue;
        }
        arg = argv[++i];
        const pi = positional.indexOf(arg);
        if (pi >= 0) positional.splice(pi, 1);
      }
      opts.push({ mode, arg });
    } else if (a.startsWith('-') && a.length > 1) {
      for (const ch of a.slice(1)) {
        if (ch === 's') silent = true;
        else if (ch === 'h' && flavor === 'linux') { usage(out, progname, flavor); return 1; }
        else {
          out.stderr(`${progname}: invalid option -- '${ch}'\n`);
          if (flavor === 'unikraft') { usage(out, progname, flavor); return 1; }
        }
      }
    }
  }
  let mode: Mode = 'oldaskconfig';
  let defconfigFile: string | undefined;
  let syncKconfig = false;
  let rng: GlibcRandom | null = null;
  for (const o of opts) {
    mode = o.mode;
    if (mode === 'syncconfig') { silent = true; syncKconfig = true; }
    if (mode === 'defconfig' || mode === 'savedefconfig') defconfigFile = o.arg;
    if (mode === 'randconfig') rng = seedRandom(env, out, flavor);
  }
  const kconfigFile = positional[0];
  if (kconfigFile === undefined) {
    out.stderr(`${progname}: Kconfig file missing\n`);
    usage(out, progname, flavor);
    return 1;
  }
  const k = new Kconfig(flavor, binaryEnv(env), cwd, out);
  loadKconfig(k, kconfigFile);
  const reader = new ConfReader(k);
  reader.silent = silent;

  switch (mode) {
    case 'defconfig': {
      let file = defconfigFile;
      if (file === undefined) file = defaultConfName(k);
      if (!reader.read_(file)) {
        out.stderr(`***\n*** Can't find default configuration "${file}"!\n***\n`);
        return 1;
      }
      break;
    }
    case 'savedefconfig': case 'syncconfig': case 'oldaskconfig': case 'oldconfig': case 'listnewconfig':
    case 'helpnewconfig': case 'olddefconfig': case 'yes2modconfig': case 'mod2yesconfig': case 'mod2noconfig':
      reader.read_(null);
      break;
    case 'allnoconfig': case 'allyesconfig': case 'allmodconfig': case 'alldefconfig': case 'randconfig': {
      const name = env.KCONFIG_ALLCONFIG;
      if (name === undefined) break;
      if (name !== '' && name !== '1') {
        if (!reader.readSimple(name, 0)) {
          out.stderr(`*** Can't read seed configuration "${name}"!\n`);
          return 1;
        }
        break;
      }
      const def = { allnoconfig: 'allno.config', allyesconfig: 'allyes.config', allmodconfig: 'allmod.config',
        alldefconfig: 'alldef.config', randconfig: 'allrandom.config' }[mode];
      if (!reader.readSimple(def, 0) && !reader.readSimple('all.config', 0)) {
        out.stderr(`*** KCONFIG_ALLCONFIG set, but no "${def}" or "all.config" file found\n`);
        return 1;
      }
      break;
    }
    default:
  }
  if (!k.v52 && reader.warnings && env.KCONFIG_WERROR) return 1;
  let noConfWrite = false;
  if (syncKconfig) {
    const ns = env.KCONFIG_NOSILENTUPDATE;
    if (ns) {
      if (k.confChanged) {
        out.stderr('\n*** The configuration requires explicit update.\n\n');
        return 1;
      }
      noConfWrite = true;
    }
  }
  switch (mode) {
    case 'allnoconfig': setAllNewSymbols(k, 'no', null); break;
    case 'allyesconfig': setAllNewSymbols(k, 'yes', null); break;
    case 'allmodconfig': setAllNewSymbols(k, 'mod', null); break;
    case 'alldefconfig': case 'defconfig': setAllNewSymbols(k, 'default', null); break;
    case 'randconfig': while (setAllNewSymbols(k, 'random', rng)); break;
    case 'yes2modconfig': rewriteTristates(k, Tri.yes, Tri.mod); break;
    case 'mod2yesconfig': rewriteTristates(k, Tri.mod, Tri.yes); break;
    case 'mod2noconfig': rewriteTristates(k, Tri.mod, Tri.no); break;
    case 'oldaskconfig': case 'oldconfig': case 'listnewconfig': case 'helpnewconfig': case 'syncconfig':
      new Questioner(k, mode, input, ttyStdio).run();
      break;
    default:
  }
  if (!k.v52 && k.symWarnings && env.KCONFIG_WERROR) return 1;
  if (mode === 'savedefconfig') {
    if (confWriteDefconfig(k, defconfigFile ?? '')) {
      out.stderr(`n*** Error while saving defconfig to: ${defconfigFile}\n\n`);
      return 1;
    }
  } else if (mode !== 'listnewconfig' && mode !== 'helpnewconfig') {
    if (!noConfWrite && confWrite(k, null, silent)) {
      out.stderr('\n*** Error during writing of the configuration.\n\n');
      return 1;
    }
    if (confWriteAutoconf(k, reader, syncKconfig) && syncKconfig) {
      out.stderr('\n*** Error during sync of the configuration.\n\n');
      return 1;
    }
  }
  return 0;
}

function defaultConfName(k: Kconfig): string {
  // v5.2: conf_get_default_confname(): arch/$(ARCH)/defconfig, preferring $srctree
  const arch = k.getenv('ARCH') ?? '';
  const name = `arch/${arch}/defconfig`;
  const srctree = k.getenv('srctree');
  if (srctree !== undefined) {
    const full = `${srctree}/${name}`;
    if (fsMod.existsSync(path.resolve(k.cwd, full))) return full;
  }
  return name;
}

function seedRandom(env: Record<string, string | undefined>, out: Output, flavor: Flavor): GlibcRandom {
  let seed: number | null = null;
  const s = env.KCONFIG_SEED;
  if (s) {
    const t = s.trim();
    let n: number;
    if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) n = parseInt(t, 16);
    else if (/^[+-]?0[0-7]*$/.test(t)) n = parseInt(t, 8);
    else if (/^[+-]?[1-9][0-9]*$/.test(t)) n = parseInt(t, 10);
    else n = NaN;
    if (!Number.isNaN(n) && /^\s*[+-]?(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(s)) seed = n >>> 0;
  }
  if (seed === null) {
    const now = Date.now();
    seed = ((Math.floor(now / 1000) + 1) * ((now % 1000) * 1000 + 1)) >>> 0;
  }
  const msg = `KCONFIG_SEED=0x${seed.toString(16).toUpperCase()}\n`;
  if (flavor === 'linux') out.stdout(msg);
  else out.stderr(msg);
  return new GlibcRandom(seed);
}

function setAllNewSymbols(k: Kconfig, mode: 'default' | 'yes' | 'mod' | 'no' | 'random', rng: GlibcRandom | null): boolean {
  let pby = 50, pty = 33, ptm = 33;
  if (mode === 'random') {
    const env = k.getenv('KCONFIG_PROBABILITY');
    const p: number[] = [];
    let rest = env ?? '';
    while (rest) {
      const m = /^\s*([+-]?\d*)/.exec(rest)!;
      const tmp = m[1] === '' || m[1] === '+' || m[1] === '-' ? 0 : parseInt(m[1], 10);
      if (tmp < 0 || tmp > 100) {
        k.out.stderr('KCONFIG_PROBABILITY: Numerical result out of range\n');
        throw new KconfigExit(1);
      }
      p.push(tmp);
      rest = rest.slice(m[0].length);
      rest = rest[0] === ':' ? rest.slice(1) : rest;
      if (p.length >= 3 || m[0].length === 0) break;
    }
    if (p.length === 1) { pby = p[0]; ptm = Math.trunc(pby / 2); pty = pby - ptm; }
    else if (p.length === 2) { pty = p[0]; ptm = p[1]; pby = pty + ptm; }
    else if (p.length === 3) { pby = p[0]; pty = p[1]; ptm = p[2]; }
    if (pty + ptm > 100) {
      k.out.stderr('KCONFIG_PROBABILITY: Numerical result out of range\n');
      throw new KconfigExit(1);
    }
  }
  let hasChanged = false;
  for (const sym of k.all()) {
    if (hasValue(sym) || sym.flags & F.VALID) continue;
    const t = symGetType(k, sym);
    if (t !== SymType.BOOLEAN && t !== SymType.TRISTATE) continue;
    hasChanged = true;
    switch (mode) {
      case 'yes': sym.def[0].tri = Tri.yes; break;
      case 'mod': sym.def[0].tri = Tri.mod; break;
      case 'no': sym.def[0].tri = sym.flags & F.ALLNOCONFIG_Y ? Tri.yes : Tri.no; break;
      case 'random': {
        sym.def[0].tri = Tri.no;
        const cnt = rng!.next() % 100;
        if (sym.type === SymType.TRISTATE) {
          if (cnt < pty) sym.def[0].tri = Tri.yes;
          else if (cnt < pty + ptm) sym.def[0].tri = Tri.mod;
        } else if (cnt < pby) sym.def[0].tri = Tri.yes;
        break;
      }
      default:
        continue;
    }
    if (!(isChoice(sym) && mode === 'random')) sym.flags |= F.DEF_USER;
  }
  symClearAllValid(k);
  if (mode !== 'random') {
    for (const cs of k.all()) {
      if ((isChoice(cs) && !hasValue(cs)) || isChoiceValue(cs)) cs.flags |= F.NEED_SET_CHOICE_VALUES;
    }
  }
  for (const cs of k.all()) {
    if (hasValue(cs) || !isChoice(cs)) continue;
    symCalcValue(k, cs);
    if (mode === 'random') {
      const r = randomizeChoice(cs, rng!);
      hasChanged = k.v52 ? r : hasChanged || r;
    } else {
      setAllChoiceValues(cs);
      hasChanged = true;
    }
  }
  return hasChanged;
}

function randomizeChoice(cs: import('./model.js').Sym, rng: GlibcRandom): boolean {
  if (cs.curr.tri !== Tri.yes) return false;
  const members = [...choiceMembers(cs)];
  const def = rng.next() % members.length;
  members.forEach((s, i) => {
    if (i === def) { s.def[0].tri = Tri.yes; cs.def[0].val = s; } else s.def[0].tri = Tri.no;
    s.flags |= F.DEF_USER;
    s.flags &= ~F.VALID;
  });
  cs.flags |= F.DEF_USER;
  cs.flags &= ~F.VALID;
  return true;
}

function rewriteTristates(k: Kconfig, from: Tri, to: Tri): void {
  for (const sym of k.all()) {
    if (symGetType(k, sym) === SymType.TRISTATE && sym.def[0].tri === from) sym.def[0].tri = to;
  }
  symClearAllValid(k);
}

// conf's --help text of each version; the mode lines they share are listed once.
const MODE_HELP: [string, string][] = [
  ['--listnewconfig', 'List new options'],
  ['--helpnewconfig', 'List new options and help text'],
  ['--oldaskconfig', 'Start a new configuration using a line-oriented program'],
  ['--oldconfig', 'Update a configuration using a provided .config as base'],
  ['--syncconfig', 'Similar to oldconfig but generates configuration in\n                          include/{generated/,config/}'],
  ['--olddefconfig', 'Same as oldconfig but sets new symbols to their default value'],
  ['--defconfig <file>', 'New config with default defined in <file>'],
  ['--savedefconfig <file>', 'Save the minimal current configuration to <file>'],
  ['--allnoconfig', 'New config where all options are answered with no'],
  ['--allyesconfig', 'New config where all options are answered with yes'],
  ['--allmodconfig', 'New config where all options are answered with mod'],
  ['--alldefconfig', 'New config with all symbols set to default'],
  ['--randconfig', 'New config with random answer to all options'],
  ['--yes2modconfig', 'Change answers from yes to mod if possible'],
  ['--mod2yesconfig', 'Change answers from mod to yes if possible'],
  ['--mod2noconfig', 'Change answers from mod to no if possible'],
];
const ONLY_61 = new Set(['--helpnewconfig', '--yes2modconfig', '--mod2yesconfig', '--mod2noconfig']);

function usage(out: Output, progname: string, flavor: Flavor): void {
  const lines = MODE_HELP
    .filter(([opt]) => flavor === 'linux' || !ONLY_61.has(opt))
    .map(([opt, text]) => `  ${opt.padEnd(24)}${text}\n`).join('');
  if (flavor === 'unikraft') {
    out.stdout(`Usage: ${progname} [-s] [option] <kconfig-file>\n[option] is _one_ of the following:\n${lines}`);
    return;
  }
  out.stdout(`Usage: ${progname} [options] <kconfig-file>\n\nGeneric options:\n` +
    '  -h, --help              Print this message and exit.\n' +
    '  -s, --silent            Do not print log.\n\nMode options:\n' + lines +
    '  (If none of the above is given, --oldaskconfig is the default)\n');
}

export { Kconfig };
