// Search over a Kconfig tree, shared by the menu (`/`) and `ukmenu search`: symbol names (with or
// without a pasted `CONFIG_` prefix), prompts, menu paths and help texts, ranked so that names and
// prompts beat paths and help.
//
// The ranking is in tiers (lower score is better):
//   0.00-0.11  the whole query in the name or the prompt: exact, prefix, at a word start, anywhere
//   0.15-0.16  every word of the query in the name or the prompt
//   0.20-0.21  every part of the query (its runs of letters and of digits: `http2` is http + 2) in
//              the name or the prompt
//   0.30-0.50  fuzzy (typos) on the name or the prompt, only when the exact tiers find fewer than
//              50 entries: fuse.js's bitap, errors/length <= 0.25 (one word: name or prompt; several
//              words: the prompt)
//   0.45       every word found, some only in the menu path
//   0.50-0.55  every word found, some only in the help text
// Within a tier, shorter texts first, then definition order. Entries that can be set in the menu
// now come first: a hidden or prompt-less entry gets +1, so it follows the shown ones of its class
// (the tiers up to 0.21, which hold every part of the query, then the rest at +2); the exact name
// stays first even when hidden.
//
// Speed (the Linux tree has ~17,000 entries and 2.8 MB of help): the exact tiers are plain
// indexOf scans over lower-cased text; a query that extends the previous one rescans only the
// previous matches; a one-character query (the first keystroke: it matches nearly everything) is
// scored from bit masks of the characters each text holds (oneChar.ts). Fuzzy matching runs
// fuse.js only on the entries that can match at all: a pattern with k errors split into k+1
// pieces keeps one piece intact (pigeonhole), and keeps all but 2k of its bigrams (an error
// breaks at most two), so an entry whose name or prompt lacks them cannot match; the entries
// holding a piece are found by indexOf over all names (or prompts) joined in one string; of
// those, fuse.js sees only the ones its own recurrence accepts within k errors (typoFilter.ts).
import Fuse, { type FuseResult } from 'fuse.js';
import type { KconfigTree, KindName, MenuNode } from '../../kconfig/api.js';
import { symbolType } from '../../kconfig/explain.js';
import { OneCharIndex, charBit, isAlnum } from './oneChar.js';
import { TypoFilter } from './typoFilter.js';

/** An inclusive [start, end] range of matched characters (fuse.js's format). */
export type MatchRange = [number, number];
export type SearchField = 'name' | 'prompt' | 'path' | 'help';

export interface SearchResult {
  /** The menu node to jump to: the first definition that is shown now, else the first one. */
  id: number;
  /** Every menu node of this entry (a symbol defined in several places has several). */
  nodeIds: number[];
  kind: 'symbol' | 'menu' | 'choice';
  /** The symbol's name (null for menus and unnamed choices). */
  name: string | null;
  prompt: string | null;
  /** Declared type for symbols, null for menus and choices. */
  type: KindName | null;
  /** Current value; for a choice the selected member's name; null for menus. */
  value: string | null;
  /** Is (one of) its menu entries shown now? */
  visible: boolean;
  /** Prompts of the enclosing menus, outermost first (of the node `id`). */
  path: string[];
  /** Lower is better (0 = the exact name; +1 hidden or prompt-less, +2 a part of the query missing). */
  score: number;
  /** The field that decided the rank. */
  field: SearchField;
  /**
   * Matched characters per field, for highlighting: `name`/`prompt` index the name/prompt,
   * `path` indexes `path.join(' > ')`, `help` indexes the help text.
   */
  matches: Partial<Record<SearchField, MatchRange[]>>;
}

export interface SearchOptions {
  /** Most results returned (default 400). */
  limit?: number;
  /** Include entries whose menu entry is hidden now (default true; they come back with visible: false). */
  includeHidden?: boolean;
}

export interface SearchResults {
  /** The query as searched (trimmed, lower case, `CONFIG_` dropped). */
  query: string;
  /** How many entries matched (before the limit). */
  total: number;
  results: SearchResult[];
}

/** The separator used to join a path for matching and for `matches.path`. */
export const PATH_SEPARATOR = ' > ';

interface Entry {
  order: number;
  kind: SearchResult['kind'];
  nodes: MenuNode[];
  name: string | null;
  lname: string;
  prompt: string | null;
  lprompt: string;
  help: string;
  lhelp: string;
  pathText: string;
  lpath: string;
  /** How many menus enclose it. */
  depth: number;
}

const NAME_TIER = [0, 0.02, 0.05, 0.09];
const PROMPT_TIER = [0.01, 0.02, 0.05, 0.09];
const WORDS_TIER = 0.15;
const PARTS_TIER = 0.2;
/** Tiers below this hold every part of the query in the name or prompt. */
const PARTS_CLASS = 0.25;
const HIDDEN_OFFSET = 1;
const PARTIAL_OFFSET = 2;
const FUZZY_TIER = 0.3;
const PATH_TIER = 0.45;
const HELP_TIER = [0.5, 0.55];
const FUZZY_THRESHOLD = 0.25;
const DEFAULT_LIMIT = 400;
/** Typos are looked for only when the exact tiers find fewer entries than this. */
const FUZZY_BELOW = 50;

export interface Query {
  phrase: string;
  nameQ: string;
  words: string[];
  /** The runs of letters and of digits of the words, when they differ from the words (else empty). */
  parts: string[];
}

/** Lower case, trimmed, `CONFIG_` dropped from each word; null for an empty query. */
export function normalizeQuery(raw: string): Query | null {
  const words = raw.trim().toLowerCase().split(/\s+/).filter(Boolean)
    .map((w) => (w.startsWith('config_') && w.length > 7 ? w.slice(7) : w));
  if (!words.length) return null;
  const parts = [...new Set(words.flatMap((w) => w.match(/[a-z]+|[0-9]+/g) ?? []))];
  const same = parts.length === words.length && parts.every((p, i) => p === words[i]);
  return { phrase: words.join(' '), nameQ: words.join('_'), words, parts: same ? [] : parts };
}

const isWordCharName = (c: number) => c !== 95; // anything but '_' continues a word in a name

/**
 * How `q` occurs in `text`: 0 equal, 1 prefix, 2 at a word start, 3 elsewhere, -1 not at all.
 * `at` receives the position used.
 */
function occurs(text: string, q: string, name: boolean, at: { pos: number }): number {
  if (text === q) { at.pos = 0; return 0; }
  let pos = text.indexOf(q);
  if (pos < 0) return -1;
  if (pos === 0) { at.pos = 0; return 1; }
  const first = pos;
  while (pos >= 0) {
    const c = text.charCodeAt(pos - 1);
    if (name ? !isWordCharName(c) : !isAlnum(c)) { at.pos = pos; return 2; }
    pos = text.indexOf(q, pos + 1);
  }
  at.pos = first;
  return 3;
}

/** The whole query's tier from how it occurs in the name and in the prompt (occurs(); -1: in neither). */
function wholeQueryScore(e: Entry, nameO: number, promptO: number, nameQLen: number, phraseLen: number): number {
  if (nameO === 0) return 0;
  let best = nameO > 0 ? wholeScore(NAME_TIER[nameO], e, e.lname.length, nameQLen) : -1;
  if (promptO >= 0) {
    const score = wholeScore(PROMPT_TIER[promptO], e, e.lprompt.length, phraseLen);
    if (best < 0 || score < best) best = score;
  }
  return best;
}

const lengthPenalty = (textLen: number, qLen: number) => Math.min(0.0099, Math.max(0, textLen - qLen) * 0.0002);

/**
 * The whole query in a name or prompt: how it occurs, then how deep the entry sits (a library
 * before the options of a submenu: `random` finds "ukrandom: Random number generation" before
 * "Processor-generated randomness"), then the text's length. Stays within the occurrence's tier.
 */
const wholeScore = (tier: number, e: Entry, textLen: number, qLen: number) =>
  tier + Math.min(9, e.depth) * 0.001 + lengthPenalty(textLen, qLen) / 10;

interface Hit {
  e: Entry;
  score: number;
  field: SearchField;
  matches: Partial<Record<SearchField, MatchRange[]>>;
}

export class SearchIndex {
  private entries: Entry[] | null = null;
  /** The previous query's exact matches, rescanned when the next query extends it. */
  private last: { phrase: string; hits: Entry[] } | null = null;
  private running: { cancelled: boolean } | null = null;
  /** Made on the first one-character query (build() makes it). */
  private oneChar: OneCharIndex | null = null;

  constructor(readonly tree: KconfigTree) {}

  /** Builds the index now (otherwise on the first search), and warms up the search code. */
  build(): this {
    this.all();
    for (const q of ['a', 'co', 'con', 'cnfig', 'x y']) this.find(q, { limit: 20 });
    this.last = null;
    return this;
  }

  get size(): number { return this.all().length; }

  private joined: Partial<Record<'name' | 'prompt', JoinedTexts>> = {};

  /** Every entry's name or prompt in one string, to find the entries holding a piece at once. */
  private texts(field: 'name' | 'prompt'): JoinedTexts {
    return (this.joined[field] ??= new JoinedTexts(this.all().map((e) => (field === 'name' ? e.lname : e.lprompt))));
  }

  private all(): Entry[] {
    if (this.entries) return this.entries;
    const entries: Entry[] = [];
    const bySymbol = new Map<string, Entry>();
    for (const n of this.tree.allNodes()) {
      if (n.parent === null) continue;
      const isSym = n.symbol !== null && (n.kind === 'config' || n.kind === 'menuconfig');
      const isMenu = (n.kind === 'menu' || n.kind === 'choice') && n.prompt !== null;
      if (!isSym && !isMenu) continue;
      if (isSym) {
        const prev = bySymbol.get(n.symbol!);
        if (prev) {
          prev.nodes.push(n);
          if (prev.prompt === null && n.prompt !== null) { prev.prompt = n.prompt; prev.lprompt = n.prompt.toLowerCase(); }
          if (n.help && !prev.help.includes(n.help)) { prev.help += (prev.help ? '\n' : '') + n.help; prev.lhelp = prev.help.toLowerCase(); }
          continue;
        }
      }
      const name = isSym ? n.symbol! : null;
      const pathText = n.path.join(PATH_SEPARATOR);
      const e: Entry = {
        order: entries.length, kind: isSym ? 'symbol' : n.kind === 'choice' ? 'choice' : 'menu', nodes: [n],
        name, lname: name?.toLowerCase() ?? '', prompt: n.prompt, lprompt: n.prompt?.toLowerCase() ?? '',
        help: n.help ?? '', lhelp: (n.help ?? '').toLowerCase(), pathText, lpath: pathText.toLowerCase(), depth: n.path.length,
      };
      entries.push(e);
      if (name) bySymbol.set(name, e);
    }
    this.entries = entries;
    return entries;
  }

  /** Searches; the best match first. */
  find(rawQuery: string, opts: SearchOptions = {}): SearchResults {
    const q = normalizeQuery(rawQuery);
    if (!q) return { query: '', total: 0, results: [] };
    const all = this.all();
    const scan = this.last && q.phrase.startsWith(this.last.phrase) ? this.last.hits : all;
    // scores only (no allocation per entry); the details are computed for the results returned
    const keys = new Float64Array(scan.length);
    const exactHits: Entry[] = [];
    const at = { pos: 0 };
    let n = 0;
    const bit = q.phrase.length === 1 ? charBit(q.phrase) : -1;
    for (const e of scan) {
      const s = bit >= 0 ? this.oneCharScore(e, q.phrase, bit) : this.exactScore(e, q, at);
      if (s < 0) continue;
      keys[n++] = sortKey(classScore(s), e.order);
      exactHits.push(e);
    }
    this.last = { phrase: q.phrase, hits: exactHits };
    const fuzzy = new Map<number, Hit>();
    if (n < FUZZY_BELOW) {
      const matched = new Uint8Array(all.length);
      for (const e of exactHits) matched[e.order] = 1;
      for (const h of this.fuzzy(all, q, matched)) fuzzy.set(h.e.order, h);
    }
    const sorted = new Float64Array(n + fuzzy.size);
    sorted.set(keys.subarray(0, n));
    let j = n;
    for (const h of fuzzy.values()) sorted[j++] = sortKey(classScore(h.score), h.e.order);
    sorted.sort();
    const limit = opts.limit ?? DEFAULT_LIMIT;
    const results: SearchResult[] = [];
    const take = (e: Entry) => results.push(this.result(fuzzy.get(e.order) ?? this.exact(e, q, at)!));
    if (!(opts.includeHidden ?? true)) {
      let total = 0;
      for (const key of sorted) {
        const e = all[key % ORDER_SPAN];
        if (!this.settable(e)) continue;
        total++;
        if (results.length < limit) take(e);
      }
      return { query: q.phrase, total, results };
    }
    // Within each class the shown entries go first. Visibility is evaluated in rank order only
    // until the limit is reached (on Linux a one-letter query matches thousands of entries).
    let hidden: Entry[] = [];
    let partial = false;
    const flush = () => {
      for (const e of hidden) if (results.length < limit) take(e);
      hidden = [];
    };
    for (const key of sorted) {
      if (results.length >= limit) break;
      const e = all[key % ORDER_SPAN];
      const score = Math.floor(key / ORDER_SPAN);
      if (!partial && score >= PARTIAL_OFFSET * 1e6) { flush(); partial = true; }
      if (score === 0 || this.settable(e)) take(e);
      else hidden.push(e);
    }
    flush();
    return { query: q.phrase, total: sorted.length, results };
  }

  /** The score that orders results: the tier's, behind the shown entries when hidden or prompt-less. */
  private rank(e: Entry, score: number): number {
    return score === 0 || this.settable(e) ? classScore(score) : classScore(score) + HIDDEN_OFFSET;
  }

  /** Shown in the menu now with a prompt (a prompt-less entry is never shown). */
  private settable(e: Entry): boolean {
    for (const node of e.nodes) if (this.tree.isVisible(node)) return true;
    return false;
  }

  /** The exact tiers' score for one entry, or -1 (no allocation). */
  private exactScore(e: Entry, q: Query, at: { pos: number }): number {
    const nameO = e.lname ? occurs(e.lname, q.nameQ, true, at) : -1;
    if (nameO === 0) return 0;
    const best = wholeQueryScore(e, nameO, e.lprompt ? occurs(e.lprompt, q.phrase, false, at) : -1, q.nameQ.length, q.phrase.length);
    if (best >= 0) return best;
    let worst = 0;
    for (const w of q.words) {
      if (e.lname && e.lname.includes(w)) continue;
      if (e.lprompt && e.lprompt.includes(w)) continue;
      if (e.lpath.includes(w)) { if (worst < 1) worst = 1; continue; }
      const o = e.lhelp ? occurs(e.lhelp, w, false, at) : -1;
      if (o < 0) { worst = 4; break; }
      const lvl = o <= 2 ? 2 : 3;
      if (worst < lvl) worst = lvl;
    }
    if (worst === 0) return WORDS_TIER + lengthPenalty((e.lname || e.lprompt).length, q.phrase.length) / 2;
    if (q.parts.length && q.parts.every((p) => e.lname.includes(p) || e.lprompt.includes(p))) return partsScore(e, q);
    return worst === 4 ? -1 : worst === 1 ? PATH_TIER : HELP_TIER[worst - 2];
  }

  /** exactScore for a one-character query `c` (charBit `bit`), from the index's masks. */
  private oneCharScore(e: Entry, c: string, bit: number): number {
    const o = this.oneChar ??= new OneCharIndex(this.all());
    const i = e.order;
    const nameO = o.nameOccurs(i, c, bit);
    if (nameO === 0) return 0;
    const best = wholeQueryScore(e, nameO, o.promptOccurs(i, c, bit), 1, 1);
    if (best >= 0) return best;
    if (o.pathHas(i, bit)) return PATH_TIER;
    const h = o.helpOccurs(i, c, bit);
    return h < 0 ? -1 : HELP_TIER[h <= 2 ? 0 : 1];
  }

  /** The exact tiers for one entry. */
  private exact(e: Entry, q: Query, at: { pos: number }): Hit | null {
    // the whole query in the name or the prompt
    let best: Hit | null = null;
    if (e.lname) {
      const o = occurs(e.lname, q.nameQ, true, at);
      if (o >= 0) {
        best = {
          e, score: o === 0 ? 0 : wholeScore(NAME_TIER[o], e, e.lname.length, q.nameQ.length), field: 'name',
          matches: { name: [[at.pos, at.pos + q.nameQ.length - 1]] },
        };
        if (o === 0) return best;
      }
    }
    if (e.lprompt) {
      const o = occurs(e.lprompt, q.phrase, false, at);
      if (o >= 0) {
        const score = wholeScore(PROMPT_TIER[o], e, e.lprompt.length, q.phrase.length);
        const range: MatchRange = [at.pos, at.pos + q.phrase.length - 1];
        if (!best || score < best.score) best = { e, score, field: 'prompt', matches: { ...best?.matches, prompt: [range] } };
        else best.matches.prompt = [range];
      }
    }
    if (best) return best;
    // every word somewhere: name/prompt, then path, then help
    const matches: Partial<Record<SearchField, MatchRange[]>> = {};
    const add = (f: SearchField, pos: number, len: number) => { (matches[f] ??= []).push([pos, pos + len - 1]); };
    let worst = 0;
    for (const w of q.words) {
      let p = e.lname ? e.lname.indexOf(w) : -1;
      if (p >= 0) { add('name', p, w.length); continue; }
      p = e.lprompt ? e.lprompt.indexOf(w) : -1;
      if (p >= 0) { add('prompt', p, w.length); continue; }
      p = e.lpath.indexOf(w);
      if (p >= 0) { add('path', p, w.length); worst = Math.max(worst, 1); continue; }
      const o = e.lhelp ? occurs(e.lhelp, w, false, at) : -1;
      if (o < 0) { worst = 4; break; }
      add('help', at.pos, w.length);
      worst = Math.max(worst, o <= 2 ? 2 : 3);
    }
    if (worst > 0 && q.parts.length && q.parts.every((p) => e.lname.includes(p) || e.lprompt.includes(p))) {
      const parts: Partial<Record<SearchField, MatchRange[]>> = {};
      for (const p of q.parts) {
        const f: SearchField = e.lname.includes(p) ? 'name' : 'prompt';
        const pos = (f === 'name' ? e.lname : e.lprompt).indexOf(p);
        (parts[f] ??= []).push([pos, pos + p.length - 1]);
      }
      return { e, score: partsScore(e, q), field: parts.name ? 'name' : 'prompt', matches: parts };
    }
    if (worst === 4) return null;
    const field: SearchField = worst === 0 ? (matches.name ? 'name' : 'prompt') : worst === 1 ? 'path' : 'help';
    const score = worst === 0 ? WORDS_TIER + lengthPenalty((e.lname || e.lprompt).length, q.phrase.length) / 2
      : worst === 1 ? PATH_TIER : HELP_TIER[worst - 2];
    return { e, score, field, matches };
  }

  /** Typo-tolerant matches on names and prompts (entries not matched exactly). */
  private fuzzy(all: Entry[], q: Query, matched: Uint8Array): Hit[] {
    const out = new Map<Entry, Hit>();
    const run = (field: 'name' | 'prompt', pattern: string) => {
      const k = Math.floor(FUZZY_THRESHOLD * pattern.length + 1e-9);
      if (k === 0 || pattern.length > 32) return;
      const pieces = splitPieces(pattern, k + 1);
      const bigrams = Array.from({ length: pattern.length - 1 }, (_, i) => pattern.slice(i, i + 2));
      // each error breaks at most two of the pattern's bigrams: a match keeps the others
      const needBigrams = bigrams.length - 2 * k;
      const typo = new TypoFilter(pattern, k);
      const cands: Entry[] = [];
      for (const order of this.texts(field).containing(pieces)) {
        const e = all[order];
        const text = field === 'name' ? e.lname : e.lprompt;
        if (matched[order] || (needBigrams > 0 && !hasBigrams(text, bigrams, needBigrams)) || !typo.mayMatch(text)) continue;
        cands.push(e);
      }
      if (!cands.length) return;
      const fuse = new Fuse(cands.map((e) => (field === 'name' ? e.lname : e.lprompt)), {
        threshold: FUZZY_THRESHOLD, ignoreLocation: true, includeScore: true, includeMatches: true,
        isCaseSensitive: true, shouldSort: false, minMatchCharLength: 2,
      });
      for (const r of fuse.search(pattern) as FuseResult<string>[]) {
        const e = cands[r.refIndex];
        // names are remembered by their beginning: a match that keeps the first letter ranks first
        const sameStart = r.item.charCodeAt(0) === pattern.charCodeAt(0) ? 0 : 0.02;
        const score = FUZZY_TIER + 0.8 * (r.score ?? FUZZY_THRESHOLD) + sameStart + lengthPenalty(r.item.length, pattern.length) / 10;
        const ranges = (r.matches?.[0]?.indices ?? []).map(([a, b]) => [a, b] as MatchRange);
        const prev = out.get(e);
        if (prev && prev.score <= score) { prev.matches[field] = ranges; continue; }
        out.set(e, { e, score, field, matches: { ...prev?.matches, [field]: ranges } });
      }
    };
    if (q.words.length === 1) run('name', q.nameQ);
    run('prompt', q.phrase);
    return [...out.values()];
  }

  private result(h: Hit): SearchResult {
    const e = h.e;
    const tree = this.tree;
    const shown = e.nodes.find((n) => tree.isVisible(n));
    const node = shown ?? e.nodes[0];
    let value: string | null = null;
    if (e.kind === 'symbol') value = tree.value(e.name!);
    else if (e.kind === 'choice') value = tree.nodeValue(node);
    return {
      id: node.id, nodeIds: e.nodes.map((n) => n.id), kind: e.kind, name: e.name, prompt: e.prompt,
      type: e.kind === 'symbol' ? symbolType(tree, e.name!) : null, value, visible: shown !== undefined,
      path: node.path, score: this.rank(e, h.score), field: h.field, matches: h.matches,
    };
  }

  // ---- the menu's original interface (components/search.ts) --------------------------------------

  /** All results at once (ids of menu nodes with scores). */
  searchSync(query: string): SearchResult[] {
    return this.find(query).results;
  }

  /** Same as searchSync (the index is fast enough that there is no separate quick pass). */
  quick(query: string): SearchResult[] {
    return this.searchSync(query);
  }

  /** Calls `onResult` with the final results (synchronously). */
  search(query: string, onResult: (hits: SearchResult[], done: boolean) => void): void {
    this.cancel();
    onResult(this.searchSync(query), true);
  }

  cancel(): void {
    if (this.running) this.running.cancelled = true;
    this.running = null;
  }
}

/** The menu's name for the results it lists. */
export type SearchHit = SearchResult;

/** A tier's score moved behind every entry that holds each part of the query, when it misses one. */
const classScore = (score: number) => (score < PARTS_CLASS ? score : score + PARTIAL_OFFSET);
const partsScore = (e: Entry, q: Query) => PARTS_TIER + lengthPenalty((e.lname || e.lprompt).length, q.phrase.length) / 2;

/** Entries are numbered below this; a sort key packs the score above it. */
const ORDER_SPAN = 2 ** 20;
const sortKey = (score: number, order: number) => Math.round(score * 1e6) * ORDER_SPAN + order;

/**
 * Texts joined by NUL into one string: the entries that contain any of some pieces are found with
 * one indexOf run per piece over the whole string (no per-entry work for the entries without them).
 */
class JoinedTexts {
  private readonly all: string;
  /** Where each text starts in `all`, and its end (one more than the texts). */
  private readonly starts: Int32Array;

  constructor(texts: string[]) {
    this.starts = new Int32Array(texts.length + 1);
    let at = 0;
    texts.forEach((t, i) => { this.starts[i] = at; at += t.length + 1; });
    this.starts[texts.length] = at;
    this.all = texts.join('\0') + '\0';
  }

  /** The indexes of the texts that contain at least one of `pieces`, ascending. */
  containing(pieces: string[]): number[] {
    const hit = new Uint8Array(this.starts.length);
    const out: number[] = [];
    for (const p of pieces) {
      for (let pos = this.all.indexOf(p); pos >= 0;) {
        const i = this.textAt(pos);
        if (!hit[i]) { hit[i] = 1; out.push(i); }
        pos = this.all.indexOf(p, this.starts[i + 1]);
      }
    }
    return pieces.length > 1 ? out.sort((a, b) => a - b) : out;
  }

  /** The text holding position `pos` (binary search over the starts). */
  private textAt(pos: number): number {
    let lo = 0;
    let hi = this.starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Does `text` contain at least `need` of `bigrams` (counted by position in the pattern)? */
function hasBigrams(text: string, bigrams: string[], need: number): boolean {
  let found = 0;
  for (let i = 0; i < bigrams.length; i++) {
    if (text.includes(bigrams[i]) && ++found >= need) return true;
    if (found + bigrams.length - 1 - i < need) return false;
  }
  return false;
}

/** Splits `s` into `n` contiguous pieces of (nearly) equal length. */
function splitPieces(s: string, n: number): string[] {
  const out: string[] = [];
  const base = Math.floor(s.length / n);
  let extra = s.length % n;
  let i = 0;
  for (let j = 0; j < n; j++) {
    const len = base + (extra > 0 ? 1 : 0);
    if (extra > 0) extra--;
    out.push(s.slice(i, i + len));
    i += len;
  }
  return out.filter((p) => p.length > 0);
}

export function nodeLabel(n: MenuNode): string {
  return n.prompt ?? n.symbol ?? '';
}
