// Seeded generators of BROKEN inputs, to compare conf's diagnostics (stderr, exit code):
// - syntax errors and parse-time warnings injected into a valid generated tree,
// - dependency loops of every kind conf's checker follows (depends on, select, imply, default
//   value and condition, prompt condition, range condition, choice membership, inherited if/menu
//   dependencies, visible if), across files, several at once,
// - malformed .config files (bytes: NUL, invalid UTF-8, CR, very long lines) and conf's
//   environment errors (KCONFIG_WERROR, missing defconfig, missing KCONFIG_ALLCONFIG files).

import { generateTree, type GenTree } from './kconfig-gen.js';
import { generateConfig } from './config-gen.js';
import { Rng } from './prng.js';

export interface ErrorCase {
  seed: number;
  kind: string;
  files: Record<string, string>;
  top: string;
  env: Record<string, string>;
  /** Input .config (bytes), if any. */
  config?: Buffer;
  tree?: GenTree;
}

interface Mutation {
  name: string;
  apply(rng: Rng, lines: string[], file: string, files: Record<string, string[]>): boolean;
}

function findLines(lines: string[], re: RegExp): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => re.test(l) && out.push(i));
  return out;
}

const MUTATIONS: Mutation[] = [
  { name: 'unknown-statement', apply: (r, l) => (l.splice(r.int(0, l.length), 0, r.pick(['foo bar', 'configx FOO', 'bool "x"', 'enmenu'])), true) },
  { name: 'invalid-statement', apply: (r, l) => (l.splice(r.int(0, l.length), 0, r.pick(['"just a string"', '&& FOO', '= 5', '(', 'if'])), true) },
  {
    name: 'missing-end', apply: (r, l) => {
      const ends = findLines(l, /^(endmenu|endif|endchoice)\b/);
      if (!ends.length) return false;
      l.splice(r.pick(ends), 1);
      return true;
    },
  },
  { name: 'extra-end', apply: (r, l) => (l.splice(r.int(0, l.length), 0, r.pick(['endif', 'endmenu', 'endchoice'])), true) },
  {
    name: 'wrong-end', apply: (r, l) => {
      const ends = findLines(l, /^(endmenu|endif|endchoice)\b/);
      if (!ends.length) return false;
      const i = r.pick(ends);
      l[i] = l[i]!.startsWith('endif') ? 'endmenu' : 'endif';
      return true;
    },
  },
  {
    name: 'broken-expr', apply: (r, l) => {
      const deps = findLines(l, /^\s*depends on /);
      if (!deps.length) return false;
      const i = r.pick(deps);
      l[i] = l[i]!.replace(/\s*(\\)?$/, '') + r.pick([' &&', ' ||', ' = ', ' (', ' )', ' !', ' && && X']);
      return true;
    },
  },
  { name: 'config-without-name', apply: (r, l) => (l.splice(r.int(0, l.length), 0, 'config', '\tbool "x"'), true) },
  {
    name: 'unterminated-string', apply: (r, l) => {
      const p = findLines(l, /^\s*(bool|tristate|string|int|hex|prompt) ["']/);
      if (!p.length) return false;
      const i = r.pick(p);
      l[i] = l[i]!.replace(/["']([^"']*)$/, '$1').replace(/(["'])[^"']*$/, '$1unterminated');
      return true;
    },
  },
  { name: 'missing-source', apply: (r, l) => (l.splice(r.int(0, l.length), 0, `source "${r.pick(['does/not/exist', 'Kconfig.missing'])}"`), true) },
  {
    name: 'recursive-source', apply: (r, l, file) => {
      l.splice(r.int(0, l.length), 0, `source "${file}"`);
      return true;
    },
  },
  { name: 'error-if', apply: (r, l) => (l.splice(r.int(0, l.length), 0, '$(error-if,y,this is a fatal error)'), true) },
  { name: 'unterminated-macro', apply: (r, l) => (l.splice(r.int(0, l.length), 0, r.pick(['$(info,never closed', 'comment "$(v_rec"'])), true) },
  { name: 'macro-arg-count', apply: (r, l) => (l.splice(r.int(0, l.length), 0, r.pick(['$(info)', '$(info,a,b)', '$(warning-if,y)', '$(shell)', '$(filename,x)', '$(error-if,a,b,c)'])), true) },
  { name: 'recursive-variable', apply: (r, l) => (l.splice(r.int(0, l.length), 0, 'v_loop = $(v_loop)x', 'comment "$(v_loop)"'), true) },
  {
    name: 'assignment-after-help', apply: (r, l) => {
      const h = findLines(l, /^\s*help\s*$/);
      if (!h.length) return false;
      // after the help text: before the next line at column 0
      let i = r.pick(h) + 1;
      while (i < l.length && (l[i] === '' || /^\s/.test(l[i]!))) i++;
      l.splice(i, 0, 'v_after_help := x');
      return true;
    },
  },
  { name: 'unsupported-character', apply: (r, l) => (l.splice(r.int(0, l.length), 0, r.pick(['config @AT', '\tbool "x" ;', 'comment "c" %'])), true) },
  {
    name: 'warnings', apply: (r, l) => {
      const k = r.int(0, 11);
      const snippets = [
        ['config W_NOTYPE', '\tprompt "no type"'],
        ['choice', '\tbool', 'config W_CH', '\tbool "x"', 'endchoice'],
        ['menuconfig W_MC', '\tbool'],
        ['config W_TWICE', '\tbool "one"', '\tprompt "two"'],
        ['config W_HELP', '\tbool "x"', '\thelp', '', 'config W_AFTER', '\tbool'],
        ['config W_HELP2', '\tbool "x"', '\thelp', '\t  one', '\thelp', '\t  two'],
        ['config W_TYPE', '\tbool', 'config W_TYPE', '\tint'],
        ['config W_SEL', '\tint', '\tselect W_X', 'config W_RANGE', '\tbool', '\trange 1 2'],
        ['config W_NUM', '\tint', '\tdefault abc', '\tdefault 1 && 2'],
        ['choice', '\tbool "c"', '\tdefault W_OUT', 'config W_IN', '\tbool "in"', '\tdefault y', 'endchoice', 'config W_OUT', '\tbool'],
        ['config W_LEAD', '\tbool "  leading space"', 'comment " also"'],
        ['config W_MOD1', '\tbool', '\tmodules', 'config W_MOD2', '\tbool', '\tmodules'],
      ][k]!;
      l.splice(r.int(0, l.length), 0, ...snippets);
      return true;
    },
  },
  {
    name: 'block-across-files', apply: (r, l, file, files) => {
      const src = findLines(l, /^source "/);
      if (!src.length) return false;
      const i = r.pick(src);
      l.splice(i, 0, r.pick(['menu "opened here"', 'if y']));
      return true;
    },
  },
  { name: 'grammar-misplaced', apply: (r, l) => (l.splice(r.int(0, l.length), 0, ...r.pick([['config X_VIS', '\tvisible if y'], ['optional'], ['menu "m"', '\tselect FOO', 'endmenu'], ['mainmenu "late"'], ['choice', '\tbool "c"', 'menu "in choice"', 'endmenu', 'endchoice']])), true) },
];

/** A valid generated tree with one or two injected errors (or parse-time warnings). */
export function generateSyntaxErrorCase(seed: number): ErrorCase {
  const rng = new Rng(seed);
  const tree = generateTree(seed ^ 0x5a5a5a5a, { symbols: rng.int(3, 20), shellProbability: 0 });
  const files: Record<string, string[]> = {};
  for (const [f, c] of Object.entries(tree.files)) files[f] = c.replace(/\n$/, '').split('\n');
  const kinds: string[] = [];
  const n = rng.chance(0.2) ? 2 : 1;
  for (let k = 0; k < n; k++) {
    for (let tries = 0; tries < 20; tries++) {
      const m = rng.pick(MUTATIONS);
      const file = rng.pick(Object.keys(files));
      if (m.apply(rng, files[file]!, file, files)) {
        kinds.push(m.name);
        break;
      }
    }
  }
  const out: Record<string, string> = {};
  for (const [f, l] of Object.entries(files)) out[f] = l.join('\n') + (rng.chance(0.05) ? '' : '\n'); // sometimes no final newline
  return {
    seed, kind: 'syntax:' + kinds.join('+'), files: out, top: tree.top, env: tree.env, tree,
    config: Buffer.from(generateConfig(tree, seed + 1)),
  };
}

/** Small trees that contain one or more dependency loops. */
export function generateLoopCase(seed: number): ErrorCase {
  const r = new Rng(seed);
  const n = r.int(1, 5);
  const names = Array.from({ length: n + 2 }, (_, i) => `L${i}_${r.pick(['A', 'B', 'C', 'NET', 'FS'])}`);
  const extra = names.slice(n);
  const cyc = names.slice(0, n);
  const body = new Map<string, string[]>(); // symbol -> attribute lines
  for (const s of names) body.set(s, [`\t${r.pick(['bool', 'tristate'])} "${s.toLowerCase()}"`]);
  const wrap = new Map<string, { before: string[]; after: string[] }>();
  const kinds: string[] = [];
  // edge i: cyc[i] -> cyc[i+1] (cyc[n-1] -> cyc[0])
  for (let i = 0; i < n; i++) {
    const a = cyc[i]!;
    const b = cyc[(i + 1) % n]!;
    const kind = r.pick(['depends', 'select', 'imply', 'default', 'default-if', 'prompt-if', 'range-if', 'if-block', 'menu-depends', 'visible-if', 'def_bool']);
    kinds.push(kind);
    const L = body.get(a)!;
    switch (kind) {
      case 'depends': L.push(`\tdepends on ${b}${r.chance(0.3) ? ' || ' + r.pick(extra) : ''}`); break;
      case 'select': body.get(b)!.push(`\tselect ${a}${r.chance(0.3) ? ' if ' + r.pick(extra) : ''}`); break; // a's rev_dep contains b
      case 'imply': body.get(b)!.push(`\timply ${a}`); break;
      case 'default': L.push(`\tdefault ${b}`); break;
      case 'default-if': L.push(`\tdefault y if ${b}`); break;
      case 'prompt-if': L[0] = L[0]! + ` if ${b}`; break;
      case 'range-if': L[0] = '\tint "n"'; L.push(`\trange 0 10 if ${b} = 3`); break;
      case 'if-block': wrap.set(a, { before: [`if ${b}`], after: ['endif'] }); break;
      case 'menu-depends': wrap.set(a, { before: ['menu "wrapped"', `\tdepends on ${b}`], after: ['endmenu'] }); break;
      case 'visible-if': wrap.set(a, { before: ['menu "wrapped"', `\tvisible if ${b}`], after: ['endmenu'] }); break;
      case 'def_bool': L[0] = `\tdef_bool ${b}`; if (r.chance(0.5)) L.push(`\tprompt "p"`); break;
    }
  }
  // fix types for range loops: the target of "= 3" compare is fine with any type
  const lines: string[] = [];
  const files: Record<string, string> = {};
  const useChoice = r.chance(0.25) && n >= 2;
  const order = r.shuffle([...names]);
  let choiceOpen = false;
  const sub: string[] = [];
  for (const s of order) {
    const target = r.chance(0.2) ? sub : lines;
    const w = wrap.get(s);
    if (useChoice && s === cyc[0] && !w) {
      target.push('choice', '\tbool "loop choice"');
      choiceOpen = true;
      kinds.push('choice');
    }
    if (w) target.push(...w.before);
    target.push(`config ${s}`, ...body.get(s)!.filter((l) => !(choiceOpen && /^\t(default|select|imply|range)/.test(l))));
    if (w) target.push(...w.after);
    if (choiceOpen) {
      target.push('endchoice');
      choiceOpen = false;
    }
  }
  if (sub.length) {
    lines.push('source "loops/Kconfig.sub"');
    files['loops/Kconfig.sub'] = sub.join('\n') + '\n';
  }
  if (r.chance(0.3)) lines.unshift('config MODULES', '\tbool "modules"', '\tmodules', '');
  files['Kconfig'] = lines.join('\n') + '\n';
  return { seed, kind: 'loop:' + kinds.join(','), files, top: 'Kconfig', env: {}, config: Buffer.from(names.filter(() => r.chance(0.5)).map((s) => `CONFIG_${s}=y`).join('\n') + '\n') };
}

/** A valid tree with a malformed .config (raw bytes). */
export function generateBadConfigCase(seed: number): ErrorCase {
  const r = new Rng(seed);
  const tree = generateTree(seed ^ 0x3c3c3c3c, { symbols: r.int(3, 25), shellProbability: 0 });
  const base = generateConfig(tree, seed, { noise: 0.5 });
  const lines: Buffer[] = base.split('\n').map((l) => Buffer.from(l));
  const syms = tree.symbols.filter((s) => s.definitions > 0);
  const k = r.int(2, 8);
  const kinds: string[] = [];
  for (let i = 0; i < k; i++) {
    const s = syms.length ? r.pick(syms).name : 'X';
    const x = r.int(0, 7);
    let b: Buffer;
    switch (x) {
      case 0: b = Buffer.concat([Buffer.from(`CONFIG_${s}=y`), Buffer.from([0]), Buffer.from('after-nul')]); kinds.push('nul'); break;
      case 1: b = Buffer.from([0x67, 0xff, 0xfe, 0x80, 0x20, 0x78]); kinds.push('invalid-utf8'); break;
      case 2: b = Buffer.from(`CONFIG_${s}="${'x'.repeat(r.int(100, 9000))}"`); kinds.push('long-line'); break;
      case 3: b = Buffer.from(`garbage ${'y'.repeat(r.int(10, 5000))}`); kinds.push('long-garbage'); break;
      case 4: b = Buffer.from(`CONFIG_${s}=\r`); kinds.push('cr'); break;
      case 5: b = Buffer.from('\r'); kinds.push('lone-cr'); break;
      case 6: b = Buffer.from(`CONFIG_${s}=m\rCONFIG_${s}=y`); kinds.push('inner-cr'); break;
      default: b = Buffer.from(`\x1b[31mCONFIG_${s}=y`); kinds.push('escape'); break;
    }
    lines.splice(r.int(0, lines.length), 0, b);
  }
  const parts: Buffer[] = [];
  lines.forEach((l, i) => {
    parts.push(l);
    if (i < lines.length - 1) parts.push(Buffer.from('\n'));
  });
  if (r.chance(0.5)) parts.push(Buffer.from('\n'));
  return { seed, kind: 'config:' + kinds.join(','), files: tree.files, top: tree.top, env: tree.env, tree, config: Buffer.concat(parts) };
}
