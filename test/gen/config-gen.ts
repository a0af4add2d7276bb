// Seeded generator of input .config files for a generated Kconfig tree: valid and invalid values
// (m for bool, out-of-range and malformed ints, hex with/without 0x, decimal in hex, strings with
// escapes, unquoted and unterminated strings), values for symbols whose dependencies are unmet,
// choice conflicts, duplicates, unknown symbols, comments, garbage lines, CRLF line ends and a
// missing final newline.

import type { GenSymbol, GenTree } from './kconfig-gen.js';
import { Rng } from './prng.js';

export interface ConfigGenOptions {
  /** The symbol prefix (conf's CONFIG_ environment variable); default "CONFIG_". */
  prefix?: string;
  /** Probability that a given symbol gets a line (default: random per file). */
  density?: number;
  /** Probability of an invalid or odd line (default: random per file, 0..0.35). */
  noise?: number;
}

const STRINGS = ['', 'hello', 'a b c', 'with "quotes"', 'back\\slash', 'ünïcødé', 'x=1', '$(NOT_EXPANDED)', '#hash', 'tab\there'];

function escapeConfString(s: string): string {
  return '"' + s.replace(/["\\]/g, (c) => '\\' + c) + '"';
}

function validValue(rng: Rng, s: GenSymbol): string {
  switch (s.type) {
    case 'bool':
      return rng.pick(['y', 'n', 'y']);
    case 'tristate':
      return rng.pick(['y', 'm', 'n']);
    case 'string':
      return escapeConfString(rng.pick(STRINGS));
    case 'int': {
      if (s.ranges.length && rng.chance(0.7)) {
        const [lo, hi] = rng.pick(s.ranges);
        if (lo <= hi) {
          const span = hi - lo;
          const off = span > 0n ? BigInt(rng.int(0, Number(span > 1000n ? 1000n : span))) : 0n;
          return String(lo + off);
        }
      }
      return String(rng.pick([0, 1, 2, 5, 10, 42, 64, 100, 1000, -1, -7, 65535]));
    }
    case 'hex': {
      if (s.ranges.length && rng.chance(0.7)) {
        const [lo, hi] = rng.pick(s.ranges);
        if (lo <= hi) {
          const span = hi - lo;
          const off = span > 0n ? BigInt(rng.int(0, Number(span > 4096n ? 4096n : span))) : 0n;
          return '0x' + (lo + off).toString(16);
        }
      }
      return rng.pick(['0x0', '0x10', '0xff', '0x1000', '0xdeadbeef', '0x7']);
    }
  }
}

function oddValue(rng: Rng, s: GenSymbol): string {
  switch (s.type) {
    case 'bool':
      return rng.pick(['m', 'yes', 'no', 'Y', 'N', '1', '0', '', '"y"', 'y # comment', 'maybe', ' y']);
    case 'tristate':
      return rng.pick(['mod', 'M', 'Y', '1', '', '"m"', 'yes', 'x', 'm ']);
    case 'string':
      return rng.pick([
        'unquoted', '"unterminated', '"trailing"garbage', '"esc\\"aped"', '"back\\\\slash"', '""', '"a\\b"',
        '"ends with backslash\\"', "'single'", '"dollar $5"', '"x" "y"', '',
      ]);
    case 'int': {
      const out: string[] = ['+5', '007', '0x10', '-0', '', '12abc', ' 5', '5 ', '--1', '99999999999999999999', '-9223372036854775808', '1e3', '00', '-'];
      for (const [lo, hi] of s.ranges) out.push(String(lo - 1n), String(hi + 1n), String(hi + 1000n));
      return rng.pick(out);
    }
    case 'hex': {
      const out: string[] = ['1f', '0X1F', '10', '0x', '0xZZ', '-0x5', 'ff ', '0x0000ff', '0xffffffffffffffffffff', 'x10', '', '0x-1', '00'];
      for (const [lo, hi] of s.ranges) out.push('0x' + (hi + 1n).toString(16), (hi + 16n).toString(16), lo > 0n ? '0x' + (lo - 1n).toString(16) : '0x0');
      return rng.pick(out);
    }
  }
}

/** A random .config for `tree`. */
export function generateConfig(tree: GenTree, seed: number, opts: ConfigGenOptions = {}): string {
  const rng = new Rng(seed);
  const P = opts.prefix ?? 'CONFIG_';
  const density = opts.density ?? rng.pick([0.1, 0.3, 0.5, 0.8, 1]);
  const noise = opts.noise ?? rng.pick([0, 0.05, 0.1, 0.2, 0.35]);
  const lines: string[] = [];
  const syms = tree.symbols.filter((s) => !s.isModules || rng.chance(0.8));
  const modules = tree.symbols.find((s) => s.isModules);
  if (modules && rng.chance(0.7)) lines.push(`${P}${modules.name}=${rng.pick(['y', 'y', 'n', 'm'])}`);

  if (rng.chance(0.3)) lines.push('#', '# Automatically generated file; DO NOT EDIT.', '# Main menu', '#');
  const order = rng.chance(0.7) ? syms : rng.shuffle([...syms]);
  for (const s of order) {
    if (!rng.chance(density)) continue;
    const odd = rng.chance(noise);
    if (s.type === 'bool' || s.type === 'tristate') {
      if (!odd && rng.chance(0.35)) {
        lines.push(`# ${P}${s.name} is not set`);
        continue;
      }
    } else if (odd && rng.chance(0.1)) {
      lines.push(`# ${P}${s.name} is not set`); // "n" for a non-bool symbol: invalid
      continue;
    }
    lines.push(`${P}${s.name}=${odd ? oddValue(rng, s) : validValue(rng, s)}`);
    if (rng.chance(noise * 0.3)) {
      // duplicate: "override: reassigning to symbol"
      lines.push(`${P}${s.name}=${rng.chance(0.5) ? validValue(rng, s) : oddValue(rng, s)}`);
    }
  }

  // choice states
  for (const c of tree.choices) {
    if (!rng.chance(0.5) || c.members.length === 0) continue;
    const k = rng.int(0, 4);
    const m = () => rng.pick(c.members);
    if (k === 0) lines.push(`${P}${m()}=y`);
    else if (k === 1) lines.push(`${P}${m()}=y`, `${P}${m()}=y`); // "changes choice state"
    else if (k === 2) lines.push(`${P}${m()}=m`, `${P}${m()}=m`);
    else if (k === 3) lines.push(`${P}${m()}=m`, `${P}${m()}=y`); // "creates inconsistent choice state"
    else for (const x of c.members) lines.push(`# ${P}${x} is not set`);
  }

  // extra lines: unknown symbols, comments, garbage
  const extras = rng.int(0, Math.round(noise * 12));
  for (let i = 0; i < extras; i++) {
    const x = rng.int(0, 15);
    const s = syms.length ? rng.pick(syms) : undefined;
    let line: string;
    switch (x) {
      case 0: line = `${P}UNKNOWN_SYM_${i}=y`; break;
      case 1: line = `# ${P}UNKNOWN_${i} is not set`; break;
      case 2: line = rng.pick(['# just a comment', '#', '# CONFIG', '#no space']); break;
      case 3: line = rng.pick(['garbage line', 'FOO=y', 'config FOO', '=y', '\t', ' ']); break;
      case 4: line = s ? ` ${P}${s.name}=y` : 'x'; break; // leading space: unexpected data
      case 5: line = s ? `${P}${s.name}` : ''; break; // no '=': ignored
      case 6: line = s ? `#${P}${s.name} is not set` : '#'; break; // no space: ignored
      case 7: line = s ? `# ${P}${s.name} is not setting` : '#'; break; // "is not set" prefix matches
      case 8: line = s ? `# ${P}${s.name}  is not set` : '#'; break;
      case 9: line = s ? `${P}${s.name}=${validValue(rng, s)}\r` : '\r'; break; // CRLF
      case 10: line = `${P}=y`; break;
      case 11: line = ''; break;
      case 12: line = s ? `${P}${s.name.toLowerCase()}=y` : 'x'; break; // case matters
      case 13: line = P === 'CONFIG_' ? `OTHER_${s?.name ?? 'X'}=y` : `CONFIG_${s?.name ?? 'X'}=y`; break;
      case 14: line = s ? `${P}${s.name}=${oddValue(rng, s)}` : ''; break;
      default: line = s ? `# ${P}${s.name} is not set # trailing` : ''; break;
    }
    lines.splice(rng.int(0, lines.length), 0, line);
  }
  let text = lines.join('\n');
  if (lines.length && rng.chance(0.9)) text += '\n';
  return text;
}
