// `ukmenu why SYMBOL` and `ukmenu search QUERY`: the menu's explanations and search for scripts and
// CI, as text (search: one result a line, best first, the symbol name first) or JSON (--json).
// They work on a Unikraft application (the project's tree, as the menu loads it) and on any
// Kconfig tree (--kconfig FILE [--config FILE], with the caller's environment, as `ukmenu conf`).
import { KconfigError, KconfigTree } from '../../kconfig/api.js';
import { loadTree, type LoadedTree, type TreeSource } from '../tree.js';
import { explain, missingSymbol, missingTargets, wayOut, type Explanation, type MissingSymbol, type Reason, type Term, type WayOut } from '../../kconfig/explain.js';
import { UkmenuError } from '../project/index.js';
import { SearchIndex, type SearchResult } from '../search/index.js';

export interface InspectIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export { loadTree, type LoadedTree, type TreeSource } from '../tree.js';

function usage(message: string): UkmenuError {
  return new UkmenuError(message, ['run `ukmenu --help` for usage'], 2);
}

/** The symbol a user means: as typed, or without a pasted `CONFIG_` prefix. */
export function resolveSymbol(tree: KconfigTree, typed: string): string {
  const known = new Set(tree.symbolNames());
  if (known.has(typed)) return typed;
  const bare = typed.replace(/^CONFIG_/i, '');
  if (known.has(bare)) return bare;
  if (known.has(bare.toUpperCase())) return bare.toUpperCase();
  const close = new SearchIndex(tree).find(bare, { limit: 40 }).results
    .filter((r) => r.kind === 'symbol' && r.field === 'name').slice(0, 5).map((r) => r.name!);
  throw new UkmenuError(`unknown symbol ${typed}`, close.length ? [`did you mean: ${close.join(', ')}?`] : ['`ukmenu search WORDS` finds symbols by name, prompt and help'], 1);
}

// ---- why ----------------------------------------------------------------------------------------

export const WHY_USAGE = `Usage: ukmenu [OPTIONS] why SYMBOL [--to VALUE] [--json]
  Why SYMBOL has its value (user value, the default that applies, select, imply, choice), what
  keeps it from changing (unmet dependencies term by term, select), and the way out: the changes
  that give it the other value (bool/tristate) or VALUE (--to), with everything else they change.
  --to VALUE   the value wanted (default: n when it is on, y when it is off; none for int/hex/string)
  --json       the explanation and the plan as JSON
`;

export function whyCommand(loaded: LoadedTree, args: string[], io: InspectIO): number {
  let symbol: string | undefined;
  let to: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--to' || a.startsWith('--to=')) {
      if (a === '--to' && i + 1 >= args.length) throw usage('--to needs a value');
      to = a === '--to' ? args[++i] : a.slice(5);
    } else if (a === '-h' || a === '--help') { io.stdout(WHY_USAGE); return 0; }
    else if (a.startsWith('-') && a.length > 1) throw usage(`unknown option for why: ${a}`);
    else if (symbol === undefined) symbol = a;
    else throw usage(`why takes one symbol (got ${symbol} and ${a})`);
  }
  if (symbol === undefined) throw usage('why needs a symbol: ukmenu why SYMBOL');
  const { tree } = loaded;
  const missing = missingSymbol(tree, symbol) ?? missingSymbol(tree, symbol.replace(/^CONFIG_/i, ''));
  if (missing) {
    if (json) io.stdout(JSON.stringify({ config: loaded.configPath, configFound: loaded.found, missing }, null, 2) + '\n');
    else io.stdout(missingText(missing));
    return 0;
  }
  const name = resolveSymbol(tree, symbol);
  const e = explain(tree, name);
  let target = to;
  if (target === undefined && (e.type === 'bool' || e.type === 'tristate')) target = e.value === 'n' ? 'y' : 'n';
  const plan = target !== undefined ? wayOut(tree, name, target) : null;
  if (json) {
    io.stdout(JSON.stringify({ config: loaded.configPath, configFound: loaded.found, symbol: e, wayOut: plan }, null, 2) + '\n');
    return 0;
  }
  io.stdout(whyText(e, plan, missingTargets(tree, name)));
  return 0;
}

/** `ukmenu why X` for a symbol that is selected or implied but defined by no Kconfig file. */
export function missingText(m: MissingSymbol): string {
  const by = (verb: string, xs: MissingSymbol['selectedBy']) => (xs.length ? `  ${verb} by: ${xs.map((x) => `${x.symbol} [=${x.value}]`).join(', ')}\n` : '');
  return `${m.message}\n${by('selected', m.selectedBy)}${by('implied', m.impliedBy)}`;
}

/** A value in the way-out list: an empty one is no value (a hidden int/hex/string is not written). */
const changeValue = (v: string): string => (v === '' ? '(no value)' : v);

const termLine = (t: Term): string => {
  const o = t.origin;
  const from = o.kind === 'depends on' ? `depends on${o.location ? `, ${o.location.file}:${o.location.line}` : ''}`
    : o.kind === 'menu' ? `menu ${JSON.stringify(o.label)}${o.location ? `, ${o.location.file}:${o.location.line}` : ''}`
    : o.kind === 'if' ? `if ${o.label}${o.location ? `, ${o.location.file}:${o.location.line}` : ''}`
    : o.kind === 'choice' ? `choice${o.label ? ` ${JSON.stringify(o.label)}` : ''}`
    : o.kind === 'visible if' ? `visible if of menu ${JSON.stringify(o.label)}`
    : o.kind === 'prompt if' ? 'the prompt\'s if' : 'condition';
  return `${t.withValues}${t.value === 'n' ? '   [unmet]' : t.value === 'm' ? '   [m]' : ''}   (${from})`;
};

function reasonLines(rs: Reason[], indent: string, out: string[]): void {
  for (const r of rs) {
    out.push(`${indent}${r.decisive ? '*' : '-'} ${r.text}`);
    const shown = (r.terms ?? []).filter((t) => r.kind !== 'select' && r.kind !== 'imply' || t.value !== 'y' || r.terms!.length <= 3);
    for (const t of shown) out.push(`${indent}    ${termLine(t)}`);
    reasonLines(r.children, `${indent}    `, out);
  }
}

/** The text of `ukmenu why`; `missing`: what it selects or implies that nothing defines. */
export function whyText(e: Explanation, plan: WayOut | null, missing: MissingSymbol[] = []): string {
  const out: string[] = [];
  const v = e.type === 'string' ? JSON.stringify(e.value) : e.value;
  out.push(`${e.name} = ${v}   (${e.type}${e.prompt ? `, "${e.prompt}"` : ', no prompt'})`);
  for (const d of e.definitions) out.push(`  defined at ${d.location.file}:${d.location.line}${d.path.length ? `   menu: ${d.path.join(' > ')}` : ''}`);
  if (e.userValue !== null) out.push(`  user value: ${e.type === 'string' ? JSON.stringify(e.userValue) : e.userValue}`);
  out.push('');
  out.push(`Why ${v}:`);
  reasonLines(e.because, '  ', out);
  if (e.dependsOn.length) {
    const unmet = e.dependsOn.filter((t) => t.value === 'n').length;
    out.push('');
    out.push(`Depends on (${unmet ? `unmet: ${unmet} of ${e.dependsOn.length} term${e.dependsOn.length === 1 ? '' : 's'} false` : 'met'}):`);
    for (const t of e.dependsOn) out.push(`  ${t.value === 'n' ? '✗' : '✓'} ${termLine(t)}`);
  }
  if (missing.length) {
    out.push('');
    for (const m of missing) out.push(`It ${m.selectedBy.some((x) => x.symbol === e.name) ? 'selects' : 'implies'} ${m.name}: ${m.message}`);
  }
  out.push('');
  if (e.limits.length) {
    out.push('What keeps it from changing:');
    for (const l of e.limits) out.push(`  ${l.text}`);
  } else out.push('Nothing keeps it from changing: it can be set in the menu or in .config.');
  if (plan) {
    out.push('');
    out.push(`Way out (${e.name}=${plan.wanted}):`);
    if (!plan.ok) out.push(`  ${plan.problem ?? plan.summary}`);
    else {
      out.push(`  ${plan.summary}`);
      for (const st of plan.steps) out.push(`    set ${st.name}=${st.value}   (now ${st.from}; ${st.why})`);
      const others = plan.changes.filter((c) => !plan.steps.some((st) => st.name === c.name));
      if (others.length) {
        out.push(`  This also changes ${others.length} other value${others.length === 1 ? '' : 's'}:`);
        for (const c of others) out.push(`    ${c.name}: ${changeValue(c.from)} -> ${changeValue(c.to)}`);
      }
    }
  }
  return out.join('\n') + '\n';
}

// ---- search -------------------------------------------------------------------------------------

export const SEARCH_USAGE = `Usage: ukmenu [OPTIONS] search QUERY... [--limit N] [--visible] [--json]
  Fuzzy search over symbol names (with or without CONFIG_), prompts, menu paths and help texts;
  one result a line, best first: NAME, value, type, prompt, menu path (hidden entries marked).
  Menus and choices are listed as \`menu "Prompt"\` and \`choice "Prompt"\`. Exit code 1 when
  nothing matches.
  --limit N    at most N results (default 50; 0: all)
  --visible    only entries shown in the menu now
  --json       the results as JSON (with the matched character ranges)
`;

export function searchCommand(loaded: LoadedTree, args: string[], io: InspectIO): number {
  const words: string[] = [];
  let limit = 50;
  let json = false;
  let visible = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--visible') visible = true;
    else if (a === '--limit' || a.startsWith('--limit=')) {
      const v = a === '--limit' ? args[++i] : a.slice(8);
      if (v === undefined || !/^\d+$/.test(v)) throw usage('--limit needs a number');
      limit = Number(v);
    } else if (a === '-h' || a === '--help') { io.stdout(SEARCH_USAGE); return 0; }
    else if (a === '--') { words.push(...args.slice(i + 1)); break; }
    else if (a.startsWith('-') && a.length > 1) throw usage(`unknown option for search: ${a}`);
    else words.push(a);
  }
  const query = words.join(' ');
  if (!query.trim()) throw usage('search needs a query: ukmenu search WORDS');
  const r = new SearchIndex(loaded.tree).find(query, { limit: limit === 0 ? Number.MAX_SAFE_INTEGER : limit, includeHidden: !visible });
  if (json) {
    io.stdout(JSON.stringify({ query: r.query, total: r.total, results: r.results }, null, 2) + '\n');
    return r.total ? 0 : 1;
  }
  io.stdout(r.results.map(searchLine).join(''));
  if (!r.total) io.stderr(`ukmenu: nothing matches "${query}"\n`);
  else if (r.total > r.results.length) io.stderr(`ukmenu: ${r.total - r.results.length} more (--limit 0 shows all)\n`);
  return r.total ? 0 : 1;
}

/** One line of `ukmenu search`. */
export function searchLine(r: SearchResult): string {
  const where = r.path.length ? r.path.join(' > ') : '(main menu)';
  const hidden = r.visible ? '' : '   [hidden]';
  if (r.kind !== 'symbol') {
    const sel = r.kind === 'choice' && r.value ? `  = ${r.value}` : '';
    return `${r.kind} ${JSON.stringify(r.prompt ?? '')}${sel}   ${where}${hidden}\n`;
  }
  const v = r.type === 'string' ? JSON.stringify(r.value) : r.value;
  return `${r.name}  = ${v}  ${r.type}  ${r.prompt !== null ? JSON.stringify(r.prompt) : '(no prompt)'}   ${where}${hidden}\n`;
}

/** Loads the tree for why/search, turning a broken tree into conf's message and exit code. */
export function loadForInspect(src: TreeSource, io: InspectIO): LoadedTree | number {
  try {
    const t = loadTree(src);
    if (t.warnings) io.stderr(t.warnings.endsWith('\n') ? t.warnings : `${t.warnings}\n`);
    if (!t.found) io.stderr(`ukmenu: note: ${t.configPath} does not exist: showing the defaults\n`);
    return t;
  } catch (e) {
    if (e instanceof KconfigError) {
      io.stderr(e.messages.endsWith('\n') ? e.messages : `${e.messages}\n`);
      return e.code;
    }
    throw e;
  }
}
