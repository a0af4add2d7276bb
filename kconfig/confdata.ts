// Reading and writing configuration files (scripts/kconfig/confdata.c): .config with conf's
// warnings, the minimal defconfig, and the auto.conf / C header / tristate outputs of syncconfig.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { binPath } from './lexer.js';
import {
  exprCalcValue, symCalcValue, symChoiceDefault, symClearAllValid, symGetStringDefault, symGetStringValue,
  symIsChangeable, symStringValid, symStringWithinRange,
} from './evaluate.js';
import type { Kconfig } from './kconfig.js';
import { menuGetPrompt, menuIsVisible } from './menu.js';
import { E, F, P, S_DEF_AUTO, S_DEF_USER, Sym, SymType, Tri, choiceOf, hasValue, isChoice, isChoiceValue, isOptional, triOr } from './model.js';

export class ConfReader {
  /** conf -s (and --syncconfig): no "using defaults found in" message. */
  silent = false;
  filename = '';
  lineno = 0;
  warnings = 0;
  /** Out-of-range values conf_read reset after its pass (what read them kept the old value). */
  readonly reset: Sym[] = [];
  constructor(private k: Kconfig) {}

  private warn(msg: string): void {
    this.k.out.stderr(`${this.filename}:${this.lineno}:warning: ${msg}\n`);
    this.warnings++;
  }


  /** zconf_fopen for .config files: as given, else under $srctree. */
  private read(name: string): Buffer | null {
    try {
      return fs.readFileSync(binPath(this.k.cwd, name));
    } catch {
      const srctree = this.k.getenv('srctree');
      if (name[0] !== '/' && srctree !== undefined) {
        try { return fs.readFileSync(binPath(this.k.cwd, `${srctree}/${name}`)); } catch { /* fallthrough */ }
      }
      return null;
    }
  }

  private setSymVal(sym: Sym, def: number, defFlags: number, p: string): boolean {
    switch (sym.type) {
      case SymType.TRISTATE:
        if (p[0] === 'm') { sym.def[def].tri = Tri.mod; sym.flags |= defFlags; return true; }
      // fall through
      case SymType.BOOLEAN:
        if (p[0] === 'y') { sym.def[def].tri = Tri.yes; sym.flags |= defFlags; return true; }
        if (p[0] === 'n') { sym.def[def].tri = Tri.no; sym.flags |= defFlags; return true; }
        if (def !== S_DEF_AUTO) this.warn(`symbol value '${p}' invalid for ${sym.name}`);
        return false;
      case SymType.STRING:
        if (def !== S_DEF_AUTO) {
          if (p[0] !== '"') return true; // C: break -> accepted without setting
          let out = '';
          let i = 1;
          let closed = false;
          for (; i < p.length; i++) {
            const c = p[i];
            if (c === '"') { closed = true; break; }
            if (c === '\\') { i++; if (i < p.length) out += p[i]; continue; }
            out += c;
          }
          if (!closed) {
            this.warn('invalid string found');
            return false;
          }
          p = out;
        }
      // fall through
      case SymType.INT: case SymType.HEX:
        if (symStringValid(sym, p)) {
          sym.def[def].val = p;
          sym.flags |= defFlags;
        } else {
          if (def !== S_DEF_AUTO) this.warn(`symbol value '${p}' invalid for ${sym.name}`);
          return false;
        }
        return true;
      default:
        return true;
    }
  }

  /** conf_read_simple: returns false when no file could be read. */
  readSimple(name: string | null, def: number): boolean {
    const k = this.k;
    let data: Buffer | null = null;
    if (name !== null) {
      data = this.read(name);
    } else {
      name = k.getenv('KCONFIG_CONFIG') ?? '.config';
      data = this.read(name);
      if (!data) {
        k.setChanged(true);
        const candidates: string[] = [];
        if (k.v52) {
          const dl = k.defconfigListSym;
          if (dl) {
            for (const prop of dl.props) {
              if (prop.type !== P.DEFAULT) continue;
              if (exprCalcValue(k, prop.visible.expr) === Tri.no || !prop.expr || prop.expr.type !== E.SYMBOL) continue;
              symCalcValue(k, prop.expr.left);
              candidates.push(symGetStringValue(k, prop.expr.left));
            }
          }
        } else {
          const env = k.getenv('KCONFIG_DEFCONFIG_LIST');
          if (env) candidates.push(...env.split(/\s+/).filter(Boolean));
        }
        for (const c of candidates) {
          data = this.read(c);
          if (data) {
            name = c;
            if (!this.silent) k.out.stdout(`#\n# using defaults found in ${c}\n#\n`);
            break;
          }
        }
        if (!data) return false;
      }
    }
    if (!data) return false;
    this.filename = name;
    this.lineno = 0;
    this.warnings = 0;
    const defFlags = F.DEF_USER << def;
    for (const sym of k.all()) {
      sym.flags |= F.CHANGED;
      sym.flags &= ~(defFlags | F.VALID);
      if (isChoice(sym)) sym.flags |= defFlags;
      sym.def[def].val = null;
      sym.def[def].tri = Tri.no;
    }
    const prefix = k.prefix;
    const warnUnknown = k.getenv('KCONFIG_WARN_UNKNOWN_SYMBOLS');
    const text = data.toString('latin1');
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      const hasNl = end >= 0;
      if (!hasNl) end = text.length;
      let line = text.slice(start, end);
      start = end + 1;
      this.lineno++;
      // C string functions see a line only up to a NUL byte (and then no newline to strip)
      const nul = line.indexOf('\0');
      if (nul >= 0) line = line.slice(0, nul);
      let symName: string;
      let val: string;
      if (line[0] === '#') {
        if (line[1] !== ' ') continue;
        const p = line.slice(2);
        if (!p.startsWith(prefix)) continue;
        const rest = p.slice(prefix.length);
        const sp = rest.indexOf(' ');
        if (sp < 0) continue;
        symName = rest.slice(0, sp);
        if (!rest.slice(sp + 1).startsWith('is not set')) continue;
        val = 'n';
      } else if (line.startsWith(prefix)) {
        const rest = line.slice(prefix.length);
        const eq = rest.indexOf('=');
        if (eq < 0) continue;
        symName = rest.slice(0, eq);
        val = rest.slice(eq + 1);
        if (hasNl && nul < 0 && val.endsWith('\r')) val = val.slice(0, -1);
      } else {
        // line[0] in C: '\n' for an empty line, NUL when the line starts with one
        const first = line.length ? line[0] : nul === 0 ? '\0' : '\n';
        if (first !== '\r' && first !== '\n') {
          const cut = line.search(/[\r\n]/);
          this.warn(`unexpected data: ${cut < 0 ? line : line.slice(0, cut)}`);
        }
        continue;
      }
      const sym = k.find(symName);
      if (!sym) {
        if (def === S_DEF_AUTO) this.touchDep(symName);
        else {
          if (warnUnknown && !k.v52) this.warn(`unknown symbol: ${symName}`);
          k.setChanged(true);
        }
        continue;
      }
      if (sym.flags & defFlags) this.warn(`override: reassigning to symbol ${sym.name}`);
      if (!this.setSymVal(sym, def, defFlags, val)) continue;
      if (isChoiceValue(sym)) {
        const cs = choiceOf(sym);
        switch (sym.def[def].tri) {
          case Tri.no: break;
          case Tri.mod:
            if (cs.def[def].tri === Tri.yes) {
              this.warn(`${sym.name} creates inconsistent choice state`);
              cs.flags &= ~defFlags;
            }
            break;
          case Tri.yes:
            if (cs.def[def].tri !== Tri.no) this.warn(`override: ${sym.name} changes choice state`);
            cs.def[def].val = sym;
            break;
        }
        cs.def[def].tri = triOr(cs.def[def].tri, sym.def[def].tri);
      }
    }
    return true;
  }

  depfilePrefix = '';
  /** conf_touch_dep: creates an empty file for the symbol; false when that fails (as open() would). */
  touchDep(name: string): boolean {
    const k = this.k;
    let file: string;
    if (k.v52) {
      let d = '';
      for (const c of name) d += c === '_' ? '/' : c.toLowerCase();
      file = `${this.depfilePrefix}${d}.h`;
    } else file = `${this.depfilePrefix}${name}`;
    const abs = path.resolve(k.cwd, file);
    try {
      fs.writeFileSync(abs, '');
      return true;
    } catch (e) {
      // v5.2 creates missing folders and tries again; 6.1 writes next to auto.conf only
      if (!k.v52 || (e as NodeJS.ErrnoException).code !== 'ENOENT') return false;
      try {
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        fs.writeFileSync(abs, '');
        return true;
      } catch {
        return false;
      }
    }
  }

  /** conf_read: returns false when no file could be read. */
  read_(name: string | null): boolean {
    const k = this.k;
    k.setChanged(false);
    if (!this.readSimple(name, S_DEF_USER)) {
      symCalcValue(k, k.modulesSym);
      return false;
    }
    symCalcValue(k, k.modulesSym);
    let unsaved = 0;
    for (const sym of k.all()) {
      symCalcValue(k, sym);
      if (isChoice(sym) || sym.flags & F.NO_WRITE) continue;
      if (hasValue(sym) && sym.flags & F.WRITE) {
        if (sym.type === SymType.BOOLEAN || sym.type === SymType.TRISTATE) {
          if (sym.def[S_DEF_USER].tri === sym.curr.tri) continue;
        } else if (sym.curr.val === sym.def[S_DEF_USER].val) continue;
      } else if (!hasValue(sym) && !(sym.flags & F.WRITE)) continue;
      unsaved++;
    }
    for (const sym of k.all()) {
      if (hasValue(sym) && !isChoiceValue(sym)) {
        if (sym.visible === Tri.no && !unsaved) sym.flags &= ~F.DEF_USER;
        if (sym.type === SymType.STRING || sym.type === SymType.INT || sym.type === SymType.HEX) {
          if (symStringWithinRange(k, sym, sym.def[S_DEF_USER].val)) continue;
          sym.flags &= ~(F.VALID | F.DEF_USER);
          this.reset.push(sym);
          unsaved++;
        }
      }
    }
    if (this.warnings || unsaved) k.setChanged(true);
    return true;
  }
}

export function escapeString(s: string): string {
  return '"' + s.replace(/["\\]/g, '\\$&') + '"';
}

function printSymbolDotconfig(k: Kconfig, sym: Sym): string {
  if (sym.type === SymType.UNKNOWN) return '';
  let val = symGetStringValue(k, sym);
  if ((sym.type === SymType.BOOLEAN || sym.type === SymType.TRISTATE) && val[0] === 'n')
    return `# ${k.prefix}${sym.name} is not set\n`;
  if (sym.type === SymType.STRING) val = escapeString(val);
  return `${k.prefix}${sym.name}=${val}\n`;
}

function heading(k: Kconfig, style: 'pound' | 'c'): string {
  const title = k.rootmenu.prompt!.text;
  if (style === 'pound') return `#\n# Automatically generated file; DO NOT EDIT.\n# ${title}\n#\n`;
  if (k.v52) return `/*\n *\n * Automatically generated file; DO NOT EDIT.\n * ${title}\n *\n */\n`;
  return `/*\n * Automatically generated file; DO NOT EDIT.\n * ${title}\n */\n`;
}

/** Writes `data` to `name` through a temporary file in the same folder (atomic replace). */
function writeAtomic(abs: string, data: string): void {
  const tmp = `${abs}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, 'latin1');
  fs.renameSync(tmp, abs);
}

export function confWrite(k: Kconfig, name: string | null, silent: boolean): number {
  if (name === null) name = k.getenv('KCONFIG_CONFIG') ?? '.config';
  if (!name) {
    k.out.stderr('config name is empty\n');
    return -1;
  }
  const abs = path.resolve(k.cwd, name);
  try {
    if (fs.statSync(abs).isDirectory()) {
      k.out.stderr(`${name}: Is a directory\n`);
      return -1;
    }
  } catch { /* does not exist */ }
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
  } catch {
    return -1;
  }
  let out = heading(k, 'pound');
  if (!k.confChanged) symClearAllValid(k);
  let needNewline = false;
  const written = new Set<Sym>();
  let menu = k.rootmenu.list;
  while (menu) {
    const sym = menu.sym;
    if (!sym) {
      if (menuIsVisible(k, menu)) {
        out += `\n#\n# ${menuGetPrompt(menu)}\n#\n`;
        needNewline = false;
      }
    } else if (!(sym.flags & F.CHOICE) && !written.has(sym)) {
      symCalcValue(k, sym);
      if (sym.flags & F.WRITE) {
        if (needNewline) { out += '\n'; needNewline = false; }
        // v5.2 clears SYMBOL_WRITE here and 6.1 sets SYMBOL_WRITTEN; either way a symbol defined
        // twice is written once. A set keeps the flags intact for later incremental writes.
        written.add(sym);
        out += printSymbolDotconfig(k, sym);
      }
    }
    if (menu.list) { menu = menu.list; continue; }
    if (k.v52) {
      if (menu.next) menu = menu.next;
      else {
        let m: typeof menu | null = menu;
        for (;;) {
          m = m.parent;
          if (!m) { menu = null; break; }
          if (!m.sym && menuIsVisible(k, m) && m !== k.rootmenu) {
            out += `# end of ${menuGetPrompt(m)}\n`;
            needNewline = true;
          }
          if (m.next) { menu = m.next; break; }
        }
      }
    } else {
      let m: typeof menu | null = menu;
      for (;;) {
        if (!m.sym && menuIsVisible(k, m) && m !== k.rootmenu && m.prompt!.type === P.MENU) {
          out += `# end of ${menuGetPrompt(m)}\n`;
          needNewline = true;
        }
        if (m.next) { menu = m.next; break; }
        m = m.parent;
        if (!m) { menu = null; break; }
      }
    }
  }
  const overwrite = k.getenv('KCONFIG_OVERWRITECONFIG');
  if (overwrite) {
    fs.writeFileSync(abs, out, 'latin1');
  } else {
    let same = false;
    try { same = fs.readFileSync(abs, 'latin1') === out; } catch { /* none */ }
    if (same) {
      if (!silent) k.out.stdout(`#\n# No change to ${name}\n#\n`);
      k.setChanged(false);
      return 0;
    }
    try { fs.renameSync(abs, `${abs}.old`); } catch { /* no previous file */ }
    try {
      writeAtomic(abs, out);
    } catch {
      return 1;
    }
  }
  if (!silent) k.out.stdout(`#\n# configuration written to ${name}\n#\n`);
  k.setChanged(false);
  return 0;
}

export function confWriteDefconfig(k: Kconfig, filename: string): number {
  let out = '';
  symClearAllValid(k);
  // conf clears SYMBOL_WRITE so that a symbol defined twice is looked at once; a set does the same
  // and leaves the flags right for later writes (the API writes several times per load)
  const seen = new Set<Sym>();
  let menu = k.rootmenu.list;
  while (menu) {
    const sym = menu.sym;
    let skip = false;
    if (sym === null) {
      if (!menuIsVisible(k, menu)) skip = true;
    } else if (!isChoice(sym)) {
      symCalcValue(k, sym);
      if (!(sym.flags & F.WRITE) || seen.has(sym)) skip = true;
      else {
        seen.add(sym);
        if (!symIsChangeable(sym)) skip = true;
        else if (symGetStringValue(k, sym) === symGetStringDefault(k, sym)) skip = true;
        else if (isChoiceValue(sym)) {
          const cs = choiceOf(sym);
          const ds = symChoiceDefault(k, cs);
          if (!isOptional(cs) && sym === ds && sym.type === SymType.BOOLEAN && sym.curr.tri === Tri.yes) skip = true;
        }
        if (!skip) out += printSymbolDotconfig(k, sym);
      }
    }
    if (menu.list) menu = menu.list;
    else if (menu.next) menu = menu.next;
    else {
      let m: typeof menu | null = menu;
      menu = null;
      while ((m = m!.parent)) {
        if (m.next) { menu = m.next; break; }
      }
    }
  }
  try {
    fs.writeFileSync(binPath(k.cwd, filename), out, 'latin1');
  } catch {
    return 1;
  }
  return 0;
}

function autoconfCmd(k: Kconfig, autoconfName: string): string {
  let out = 'deps_config := \\\n';
  const files = k.fileList;
  if (k.v52) {
    files.forEach((f, i) => { out += i < files.length - 1 ? `\t${f.name} \\\n` : `\t${f.name}\n`; });
    out += `\n${autoconfName}: \\\n\t$(deps_config)\n\n`;
  } else {
    for (const f of files) out += `\t${f.name} \\\n`;
    out += `\n${autoconfName}: $(deps_config)\n\n`;
  }
  for (const [name, value] of k.envRefs) out += `ifneq "$(${name})" "${value}"\n${autoconfName}: FORCE\nendif\n`;
  out += '\n$(deps_config): ;\n';
  return out;
}

function touchDeps(k: Kconfig, reader: ConfReader, autoconfName: string): boolean {
  if (k.v52) reader.depfilePrefix = 'include/config/';
  else {
    const slash = autoconfName.lastIndexOf('/');
    reader.depfilePrefix = slash >= 0 ? autoconfName.slice(0, slash + 1) : '';
  }
  reader.readSimple(autoconfName, S_DEF_AUTO);
  symCalcValue(k, k.modulesSym);
  for (const sym of k.all()) {
    symCalcValue(k, sym);
    if (sym.flags & F.NO_WRITE || !sym.name) continue;
    if (sym.flags & F.WRITE) {
      if (sym.flags & F.DEF_AUTO) {
        if (sym.type === SymType.BOOLEAN || sym.type === SymType.TRISTATE) {
          if (sym.curr.tri === sym.def[S_DEF_AUTO].tri) continue;
        } else if (sym.type === SymType.STRING || sym.type === SymType.HEX || sym.type === SymType.INT) {
          if (symGetStringValue(k, sym) === sym.def[S_DEF_AUTO].val) continue;
        }
      } else if ((sym.type === SymType.BOOLEAN || sym.type === SymType.TRISTATE) && sym.curr.tri === Tri.no) continue;
    } else if (!(sym.flags & F.DEF_AUTO)) continue;
    if (!reader.touchDep(sym.name)) return false;
  }
  return true;
}

function cHeaderLine(k: Kconfig, sym: Sym): string {
  let val = symGetStringValue(k, sym);
  let suffix = '';
  let prefix = '';
  switch (sym.type) {
    case SymType.BOOLEAN: case SymType.TRISTATE:
      if (val[0] === 'n') return '';
      if (val[0] === 'm') suffix = '_MODULE';
      val = '1';
      break;
    case SymType.HEX:
      if (val[0] !== '0' || (val[1] !== 'x' && val[1] !== 'X')) prefix = '0x';
      break;
    case SymType.STRING:
      val = escapeString(val);
      break;
    case SymType.UNKNOWN:
      return '';
    default:
  }
  return `#define ${k.prefix}${sym.name}${suffix} ${prefix}${val}\n`;
}

function autoconfLine(k: Kconfig, sym: Sym): string {
  if (sym.type === SymType.UNKNOWN) return '';
  const val = symGetStringValue(k, sym);
  if ((sym.type === SymType.BOOLEAN || sym.type === SymType.TRISTATE) && val[0] === 'n') return '';
  // v5.2 escapes strings in auto.conf; 6.1 writes them raw.
  return `${k.prefix}${sym.name}=${sym.type === SymType.STRING && k.v52 ? escapeString(val) : val}\n`;
}

function rustcLine(k: Kconfig, sym: Sym): string {
  if (sym.type === SymType.UNKNOWN) return '';
  let val = symGetStringValue(k, sym);
  let out = '';
  if (sym.type === SymType.BOOLEAN || sym.type === SymType.TRISTATE) {
    if (val[0] === 'n') return '';
    out += `--cfg=${k.prefix}${sym.name}\n`;
  } else if (sym.type === SymType.HEX && (val[0] !== '0' || (val[1] !== 'x' && val[1] !== 'X'))) val = '0x' + val;
  return out + `--cfg=${k.prefix}${sym.name}=${escapeString(val)}\n`;
}

export function confWriteAutoconf(k: Kconfig, reader: ConfReader, overwrite: boolean): number {
  const autoconfName = k.getenv('KCONFIG_AUTOCONFIG') ?? 'include/config/auto.conf';
  const abs = (p: string) => path.resolve(k.cwd, p);
  if (!overwrite && fs.existsSync(abs(autoconfName))) return 0;
  const write = (file: string, data: string) => {
    fs.mkdirSync(path.dirname(abs(file)), { recursive: true });
    writeAtomic(abs(file), data);
  };
  if (k.v52) {
    symClearAllValid(k);
    write('include/config/auto.conf.cmd', autoconfCmd(k, autoconfName));
    if (!touchDeps(k, reader, autoconfName)) return 1;
    let conf = heading(k, 'pound');
    let tri = heading(k, 'pound');
    let h = heading(k, 'c');
    for (const sym of k.all()) {
      symCalcValue(k, sym);
      if (!(sym.flags & F.WRITE) || !sym.name) continue;
      conf += autoconfLine(k, sym);
      if (sym.type === SymType.TRISTATE) {
        const v = symGetStringValue(k, sym);
        if (v[0] !== 'n') tri += `${k.prefix}${sym.name}=${v.toUpperCase()}\n`;
      }
      h += cHeaderLine(k, sym);
    }
    write(k.getenv('KCONFIG_AUTOHEADER') ?? 'include/generated/autoconf.h', h);
    write(k.getenv('KCONFIG_TRISTATE') ?? 'include/config/tristate.conf', tri);
    write(autoconfName, conf);
    return 0;
  }
  write(`${autoconfName}.cmd`, autoconfCmd(k, autoconfName));
  if (!touchDeps(k, reader, autoconfName)) return 1;
  for (const sym of k.all()) symCalcValue(k, sym);
  const emit = (style: 'pound' | 'c' | null, line: (s: Sym) => string) => {
    let out = style ? heading(k, style) : '';
    for (const sym of k.all()) if (sym.flags & F.WRITE && sym.name) out += line(sym);
    return out;
  };
  write(k.getenv('KCONFIG_AUTOHEADER') ?? 'include/generated/autoconf.h', emit('c', (s) => cHeaderLine(k, s)));
  write(k.getenv('KCONFIG_RUSTCCFG') ?? 'include/generated/rustc_cfg', emit(null, (s) => rustcLine(k, s)));
  write(autoconfName, emit('pound', (s) => autoconfLine(k, s)));
  return 0;
}
