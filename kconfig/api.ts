// The engine's API for front ends: load a tree, read/write .config, browse the menu tree, inspect a
// symbol (value, visibility, assignable values, defaults, dependencies, who selects/implies it) and
// change values with incremental re-evaluation of only the symbols that depend on the change.
import { appendFileSync } from 'node:fs';
import { confWrite, confWriteDefconfig, ConfReader } from './confdata.js';
import { exprForEachSym, exprPrint, type PrintFn } from './expr.js';
import {
  exprCalcValue, gstrPrintExpr, symCalcValue, symGetRangeProp, symGetStringDefault, symGetStringValue,
  symGetType, symSetStringValue, symStringWithinRange, symTristateWithinRange, symTypeName,
} from './evaluate.js';
import { detectFlavor } from './conf.js';
import { Kconfig, binaryEnv, type Flavor } from './kconfig.js';
import { binPath } from './lexer.js';
import { loadKconfig } from './load.js';
import { menuGetPrompt, menuIsVisible } from './menu.js';
import { menuGetExtHelp } from './help.js';
import {
  E, Expr, F, KconfigExit, Menu, P, Sym, SymType, Tri, choiceMembers, choiceOf, hasValue, isChoice, isChoiceValue,
} from './model.js';

export type Value = string; // 'y' | 'm' | 'n' for bool/tristate, the text for int/hex/string
export type KindName = 'bool' | 'tristate' | 'int' | 'hex' | 'string' | 'unknown';

export interface Location { file: string; line: number }

export interface MenuNode {
  readonly id: number;
  readonly kind: 'menu' | 'config' | 'menuconfig' | 'choice' | 'comment' | 'if';
  readonly prompt: string | null;
  readonly symbol: string | null; // for choices: their name or null
  readonly location: Location;
  readonly help: string | null;
  readonly parent: MenuNode | null;
  readonly children: MenuNode[];
  /** Prompts of the enclosing menus, outermost first. */
  readonly path: string[];
}

export interface Condition {
  text: string;
  value: Value;
  /** The same expression with each symbol's current value, as conf prints it: `A [=y] && B [=n]`. */
  withValues: string;
}
export interface DefaultInfo { value: string; condition: Condition | null; active: boolean }
export interface ReverseDep { from: string; expr: string; value: Value }

export interface SymbolInfo {
  name: string;
  type: KindName;
  /** The type as the menu shows it: a tristate is a bool while MODULES is off or inside a y choice. */
  effectiveType: KindName;
  /** Lower bound forced by select ('n' when nothing selects it). */
  selectedLevel: Value;
  /** Upper bound from the prompt's visibility ('n' when the prompt is hidden). */
  visibleLevel: Value;
  value: Value;
  userValue: Value | null;
  visible: Value;
  changeable: boolean;
  /** What the user may set right now: tristates as y/m/n; for int/hex the range, for strings anything. */
  assignable: Value[];
  range: { min: string; max: string } | null;
  defaultValue: string;
  defaults: DefaultInfo[];
  dependsOn: Condition | null;
  selectedBy: ReverseDep[];
  impliedBy: ReverseDep[];
  selects: string[];
  implies: string[];
  locations: Location[];
  help: string | null;
  choice: string | null; // the choice's prompt if this is a choice member
  prompt: string | null;
}

export interface LoadOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  flavor?: Flavor;
  /** Told as each stage of the load ends (for start-up traces). */
  onStage?: (stage: string) => void;
}

export class KconfigError extends Error {
  constructor(public readonly messages: string, public readonly code: number) {
    super(messages.trim() || `Kconfig failed with exit code ${code}`);
  }
}

/** Engine strings are bytes (latin1); front ends get text. */
const txt = (s: string): string => (/[\x80-\xff]/.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s);
const bin = (s: string): string => (/[^\x00-\x7f]/.test(s) ? Buffer.from(s, 'utf8').toString('latin1') : s);

const KIND: Record<number, KindName> = {
  [SymType.BOOLEAN]: 'bool', [SymType.TRISTATE]: 'tristate', [SymType.INT]: 'int', [SymType.HEX]: 'hex',
  [SymType.STRING]: 'string', [SymType.UNKNOWN]: 'unknown',
};
const TRI = ['n', 'm', 'y'] as const;

export class KconfigTree {
  readonly root: MenuNode;
  private nodes: MenuNode[] = [];
  private nodeMenus: Menu[] = [];
  private dependents = new Map<Sym, Set<Sym>>();
  /** Messages (warnings) printed while loading and reading. */
  messages = '';

  /** How the tree's $(shell) commands were predicted and run while loading (null: none ran). */
  get shellStats(): import('./shell.js').ShellStats | null { return this.k.shellStats; }

  private constructor(private k: Kconfig) {
    this.root = this.build(k.rootmenu, null, []);
    k.userValueChanged = (sym) => { this.k.setChanged(true); this.pending.push(sym); };
  }

  static load(file: string, opts: LoadOptions = {}): KconfigTree {
    const env = binaryEnv(opts.env ?? process.env);
    let messages = '';
    const out = { stdout: (s: string) => { messages += s; }, stderr: (s: string) => { messages += s; } };
    const k = new Kconfig(opts.flavor ?? detectFlavor(file, env), env, opts.cwd ?? process.cwd(), out);
    try {
      loadKconfig(k, file, opts.onStage);
    } catch (e) {
      if (e instanceof KconfigExit) throw new KconfigError(messages, e.code);
      throw e;
    }
    const tree = new KconfigTree(k);
    tree.messages = messages;
    // from now on, conf's messages (reading/writing .config) accumulate on the tree
    k.out = { stdout: (s: string) => { tree.messages += s; }, stderr: (s: string) => { tree.messages += s; } };
    return tree;
  }

  /** The Kconfig files the tree was read from (absolute paths, in conf's auto.conf.cmd order). */
  get files(): string[] {
    return this.k.fileList.map((f) => txt(binPath(this.k.cwd, f.name).toString('latin1')));
  }

  get title(): string { return txt(this.k.rootmenu.prompt?.text ?? 'Main menu'); }
  get configPath(): string { return this.k.getenv('KCONFIG_CONFIG') ?? '.config'; }

  /** Reads a .config (conf_read); returns conf's warnings. Missing file: defaults only. */
  readConfig(path?: string): { found: boolean; warnings: string } {
    const before = this.messages.length;
    const reader = new ConfReader(this.k);
    const found = reader.read_(path ?? null);
    // As mconf, the values are those of conf_read's own pass (no sym_clear_all_valid after it).
    // That pass's values predate what conf_read changed afterwards (the user flag of choices with
    // a visible member it did not read, out-of-range numbers it reset): C's pass after the first
    // change re-evaluates them and what read them. Nothing read: nothing is evaluated yet.
    this.stale = new Set();
    for (const s of found ? this.k.all() : []) if (isChoice(s)) this.stale.add(s);
    for (const s of reader.reset) {
      this.prepareChanges();
      this.stale.add(s);
      for (const d of this.dependents.get(s) ?? []) this.stale.add(d);
    }
    this.history = [];
    this.future = [];
    this.loadValues = this.snapshot();
    this.changedNames.clear();
    return { found, warnings: txt(this.messages.slice(before)) };
  }

  /**
   * Text appended to every minimal configuration written, or null: a front end's build system may
   * add lines of its own (Unikraft's `make savedefconfig` adds the architecture and image name).
   */
  minimalConfigTrailer: (() => string) | null = null;

  /** Writes the minimal configuration (what `conf --savedefconfig FILE` writes, then the trailer). */
  writeMinimalConfig(path: string): void {
    const before = this.messages.length;
    // a minimal copy leaves .config as it was: the unsaved state stays what it was
    const changed = this.k.confChanged;
    const rc = confWriteDefconfig(this.k, path);
    this.k.setChanged(changed);
    if (rc) throw new KconfigError(this.messages.slice(before) || `cannot write ${path}`, 1);
    if (this.minimalConfigTrailer) appendFileSync(binPath(this.k.cwd, path), this.minimalConfigTrailer());
  }

  /** Writes .config atomically, keeping the previous file as .config.old (conf_write). */
  writeConfig(path?: string): void {
    const before = this.messages.length;
    const rc = confWrite(this.k, path ?? null, true);
    if (rc) throw new KconfigError(this.messages.slice(before) || `cannot write ${path ?? this.configPath}`, 1);
  }

  get changed(): boolean { return this.k.confChanged; }

  private build(menu: Menu, parent: MenuNode | null, path: string[]): MenuNode {
    const sym = menu.sym;
    let kind: MenuNode['kind'];
    if (sym) kind = isChoice(sym) ? 'choice' : menu.prompt?.type === P.MENU ? 'menuconfig' : 'config';
    else if (menu.prompt?.type === P.COMMENT) kind = 'comment';
    else if (menu.prompt?.type === P.MENU) kind = 'menu';
    else kind = 'if';
    const node: MenuNode = {
      id: this.nodes.length, kind, prompt: menu.prompt?.text != null ? txt(menu.prompt.text) : null, symbol: sym?.name ?? null,
      location: { file: txt(menu.file.name), line: menu.lineno }, help: menu.help !== null ? txt(menu.help) : null, parent, children: [], path,
    };
    this.nodes.push(node);
    this.nodeMenus.push(menu);
    if (menu.list) {
      const childPath = menu === this.k.rootmenu ? [] : [...path, txt(menuGetPrompt(menu) ?? '')];
      for (let c: Menu | null = menu.list; c; c = c.next) node.children.push(this.build(c, node, childPath));
    }
    return node;
  }

  private indexed = false;

  /**
   * Builds what changes need (who reads each symbol, and the evaluation order), once. Done on the
   * first change, not while loading: the menu's first frame needs neither (~15 ms of a Unikraft
   * tree's load); the menu calls this once its first frame is out.
   */
  prepareChanges(): void {
    if (this.indexed) return;
    this.indexed = true;
    this.buildDependents();
  }

  private buildDependents(): void {
    const add = (from: Sym, to: Sym) => {
      if (from.flags & F.CONST) return;
      let s = this.dependents.get(from);
      if (!s) this.dependents.set(from, (s = new Set()));
      s.add(to);
    };
    for (const sym of this.k.all()) {
      const reads = (e: Expr | null) => exprForEachSym(e, (s) => add(s, sym));
      reads(sym.dirDep.expr);
      reads(sym.revDep.expr);
      reads(sym.implied.expr);
      for (const p of sym.props) {
        // a select/imply condition is read by the target (through its revDep/implied), not by sym
        if (p.type === P.SELECT || p.type === P.IMPLY) continue;
        reads(p.visible.expr);
        if (p.type === P.DEFAULT || p.type === P.RANGE) reads(p.expr);
      }
      if (isChoice(sym)) for (const m of choiceMembers(sym)) { add(m, sym); add(sym, m); }
    }
    this.rankComponents();
  }

  /**
   * Strongly connected components (a choice and its members read each other) ranked so that every
   * symbol comes after what it reads: re-evaluating in rank order sees only fresh inputs.
   */
  private rankComponents(): void {
    const index = new Map<Sym, number>();
    const low = new Map<Sym, number>();
    const onStack = new Set<Sym>();
    const stack: Sym[] = [];
    const emitted: Sym[][] = [];
    let next = 0;
    const none = new Set<Sym>();
    for (const root of this.k.all()) {
      if (index.has(root)) continue;
      const work: [Sym, Iterator<Sym>][] = [[root, (this.dependents.get(root) ?? none).values()]];
      index.set(root, next); low.set(root, next); next++;
      stack.push(root); onStack.add(root);
      while (work.length) {
        const [v, it] = work[work.length - 1];
        const step = it.next();
        if (!step.done) {
          const w = step.value;
          if (!index.has(w)) {
            index.set(w, next); low.set(w, next); next++;
            stack.push(w); onStack.add(w);
            work.push([w, (this.dependents.get(w) ?? none).values()]);
          } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
          continue;
        }
        work.pop();
        if (work.length) {
          const u = work[work.length - 1][0];
          low.set(u, Math.min(low.get(u)!, low.get(v)!));
        }
        if (low.get(v) === index.get(v)) {
          const comp: Sym[] = [];
          let w: Sym;
          do { w = stack.pop()!; onStack.delete(w); comp.push(w); } while (w !== v);
          emitted.push(comp);
        }
      }
    }
    // Tarjan emits dependents before what they read; reversed, inputs come first.
    emitted.reverse().forEach((comp, rank) => {
      // a choice before its members: evaluated from a member, a choice in mode n or m marks members
      // for writing by their previous visibility, which conf's own passes never see stale
      comp.sort((a, b) => Number(isChoice(b)) - Number(isChoice(a)));
      for (const s of comp) { this.rank.set(s, rank); this.component.set(s, comp); }
      this.ranked.push(comp);
    });
  }

  /**
   * Symbols C's next full pass evaluates differently though nothing they read changed, evaluated
   * at the next change: choices whose DEF_USER flag the last evaluation cleared (sym_calc_choice
   * drops it when a member without a user value becomes visible), what conf_read left stale, a
   * symbol set to the value it had (C evaluates nothing then, but its user flag may be new).
   */
  private stale = new Set<Sym>();

  private noteChoiceFlag(choice: Sym, flagsBefore: number): void {
    if (!(flagsBefore & F.DEF_USER) || choice.flags & F.DEF_USER) return;
    this.stale.add(choice);
  }

  /** Keeps a symbol's evaluated state in every open try's journal, once per try. */
  private journal(s: Sym): void {
    for (const j of this.journals) if (!j.has(s)) j.set(s, saveEvaluation(s));
  }

  /**
   * Re-evaluate everything after each change, as C does (sym_clear_all_valid), instead of only what
   * depends on it: the reference the incremental way is tested against; slower on large trees.
   */
  fullEvaluation = false;

  private evaluateAllChanges(before: Map<string, Value>): ChangeMap {
    this.evaluateAll();
    const changes: ChangeMap = new Map();
    for (const [n, v] of this.snapshot()) if (before.get(n) !== v) changes.set(n, { from: before.get(n)!, to: v });
    return changes;
  }

  /**
   * A full re-evaluation (clearAllValid) in rank order, as `propagate` would (a choice before its
   * members), noting the choices whose user flag it cleared.
   */
  private evaluateAll(): void {
    this.prepareChanges();
    if (this.journals.length) for (const s of this.k.all()) this.journal(s);
    const flags = new Map<Sym, number>();
    for (const s of this.k.all()) if (isChoice(s)) flags.set(s, s.flags);
    this.stale = new Set();
    this.k.clearAllValid();
    for (const comp of this.ranked) for (const m of comp) symCalcValue(this.k, m);
    for (const [c, f] of flags) this.noteChoiceFlag(c, f);
  }

  private rank = new Map<Sym, number>();
  /** The components in rank order. */
  private ranked: Sym[][] = [];
  private component = new Map<Sym, Sym[]>();
  private pending: Sym[] = [];
  /** Components re-evaluated by the last change (for tests and benchmarks). */
  processed = 0;

  /**
   * Re-evaluates the symbols downstream of the changed ones in dependency order, stopping wherever
   * a value comes out unchanged. Returns the symbols whose value changed.
   */
  private propagate(start: Sym[]): Map<string, { from: Value; to: Value }> {
    this.prepareChanges();
    const k = this.k;
    const changes = new Map<string, { from: Value; to: Value }>();
    // C re-evaluates everything after each change: what is stale comes out differently this time
    // even though nothing it reads changed
    start = [...start, ...this.stale];
    this.stale = new Set();
    const heap = new RankHeap();
    const queued = new Set<Sym[]>();
    const enqueue = (s: Sym) => {
      const comp = this.component.get(s);
      if (!comp || queued.has(comp)) return;
      queued.add(comp);
      heap.push(this.rank.get(s)!, comp);
    };
    for (const s of start) enqueue(s);
    while (heap.size) {
      this.processed++;
      const comp = heap.pop();
      queued.delete(comp);
      const old = comp.map((m) => [m.curr.val, m.curr.tri, symGetStringValue(k, m), m.flags] as const);
      if (this.journals.length) for (const m of comp) this.journal(m);
      for (const m of comp) m.flags &= ~F.VALID;
      for (const m of comp) symCalcValue(k, m);
      comp.forEach((m, i) => { if (isChoice(m)) this.noteChoiceFlag(m, old[i][3]); });
      comp.forEach((m, i) => {
        if (m.curr.val === old[i][0] && m.curr.tri === old[i][1]) return;
        const now = symGetStringValue(k, m);
        if (m.name && !isChoice(m) && !(m.flags & F.CONST) && m.type !== SymType.UNKNOWN && now !== old[i][2]) {
          const prev = changes.get(m.name);
          changes.set(m.name, { from: prev ? prev.from : txt(old[i][2]), to: txt(now) });
        }
        // the component itself was just evaluated as a whole (evaluating a choice again would
        // see it without the user flag that evaluating it once clears, unlike conf)
        for (const d of this.dependents.get(m) ?? []) if (this.component.get(d) !== comp) enqueue(d);
      });
    }
    for (const [n, c] of changes) if (c.from === c.to) changes.delete(n);
    return changes;
  }

  private sym(name: string): Sym {
    const s = this.k.find(name);
    if (!s || s.type === SymType.UNKNOWN && !s.props.length) throw new Error(`unknown symbol ${name}`);
    return s;
  }

  /** All defined symbols in definition order. */
  symbolNames(): string[] {
    const seen = new Set<string>();
    for (const m of this.nodeMenus) if (m.sym?.name && !isChoice(m.sym)) seen.add(m.sym.name);
    return [...seen];
  }

  nodeById(id: number): MenuNode { return this.nodes[id]; }
  allNodes(): readonly MenuNode[] { return this.nodes; }

  /** Is this menu node shown (menu_is_visible)? */
  isVisible(node: MenuNode): boolean {
    const m = this.nodeMenus[node.id];
    if (m === this.k.rootmenu) return true;
    return menuIsVisible(this.k, m);
  }

  /** Current value of a node's symbol ('y'/'m'/'n' or text); for choices the selected member's name. */
  nodeValue(node: MenuNode): string | null {
    const sym = this.nodeMenus[node.id].sym;
    if (!sym) return null;
    symCalcValue(this.k, sym);
    if (isChoice(sym)) return (sym.curr.val as Sym | null)?.name ?? null;
    return txt(symGetStringValue(this.k, sym));
  }

  value(name: string): Value {
    const s = this.sym(name);
    symCalcValue(this.k, s);
    return txt(symGetStringValue(this.k, s));
  }

  /** Every symbol's current value (for diffs). */
  snapshot(): Map<string, Value> {
    const m = new Map<string, Value>();
    for (const s of this.k.all()) {
      if (!s.name || s.flags & F.CONST || s.type === SymType.UNKNOWN || isChoice(s)) continue;
      symCalcValue(this.k, s);
      m.set(s.name, txt(symGetStringValue(this.k, s)));
    }
    return m;
  }

  /**
   * Sets a symbol as a user would (sym_set_string_value). Returns the symbols whose value changed,
   * or throws with the reason when the value is not allowed now.
   */
  set(name: string, value: Value): ChangeMap {
    return this.apply([{ name, value }]);
  }

  /** Several edits as one change (one undo step). On an error nothing is changed. */
  apply(edits: Edit[]): ChangeMap {
    const before = this.captureUser(edits);
    const changes = this.run(edits, before);
    this.history.push({ before, after: before.map((u) => snapUser(u.sym)) });
    this.future = [];
    return this.noteChanges(changes);
  }

  /** What `apply(edits)` would change, without changing anything; throws if an edit is not allowed. */
  preview(edits: Edit[]): ChangeMap {
    const { changes, token } = this.tryEdits(edits);
    const undo = this.rollback(token);
    for (const [n, c] of undo) if (!changes.has(n)) changes.set(n, { from: c.to, to: c.from });
    return changes;
  }

  /**
   * Hypothetical edits for planners (kconfig/explain.ts): applies `edits` without an undo step or
   * marking the tree changed, and returns a token for `rollback`. Throws (changing nothing) if an
   * edit is not allowed. Roll back in reverse order of the tries.
   */
  tryEdits(edits: Edit[]): { changes: ChangeMap; token: EditToken } {
    const changed = this.k.confChanged;
    const before = this.captureUser(edits);
    try {
      const mark = this.beginTry();
      return { changes: this.run(edits, before, mark), token: { before, changed, mark } };
    } finally {
      this.k.setChanged(changed);
    }
  }

  /** Undoes a `tryEdits`; returns what changed back. */
  rollback(token: EditToken): ChangeMap {
    const changes = this.undoTry(token.before, token.mark as TryMark);
    this.k.setChanged(token.changed);
    return changes;
  }

  /** The evaluated state of what each open try re-evaluated, as it was before (see `undoTry`). */
  private journals: Map<Sym, SymEvaluation>[] = [];

  private beginTry(): TryMark {
    const mark = {
      stale: new Set(this.stale), journal: new Map<Sym, SymEvaluation>(), changed: this.k.confChanged, modulesVal: this.k.modulesVal,
    };
    this.journals.push(mark.journal);
    return mark;
  }

  /**
   * Puts everything back as it was at `beginTry`: user values, and the evaluated state of what the
   * try re-evaluated. Not re-evaluated: a value C computed before a choice lost its user flag would
   * not come out again.
   */
  private undoTry(before: UserSnap[], mark: TryMark): ChangeMap {
    const k = this.k;
    this.endTry(mark);
    const reported = [...mark.journal.keys()].filter(reportable);
    const was = reported.map((s) => symGetStringValue(k, s));
    for (const [s, e] of mark.journal) restoreEvaluation(s, e);
    for (const u of before) {
      u.sym.def[0] = { val: u.val, tri: u.tri };
      u.sym.flags = (u.sym.flags & ~F.DEF_USER) | u.userFlag;
    }
    this.stale = new Set(mark.stale);
    k.modulesVal = mark.modulesVal;
    k.setChanged(mark.changed);
    const changes: ChangeMap = new Map();
    reported.forEach((s, i) => {
      const now = symGetStringValue(k, s);
      if (now !== was[i]) changes.set(txt(s.name!), { from: txt(was[i]), to: txt(now) });
    });
    return changes;
  }

  private endTry(mark: TryMark): void {
    this.journals = this.journals.filter((j) => j !== mark.journal);
  }

  get canUndo(): boolean { return this.history.length > 0; }
  get canRedo(): boolean { return this.future.length > 0; }

  /** Undoes the last change (with everything it set off); null when there is nothing to undo. */
  undo(): ChangeMap | null {
    const step = this.history.pop();
    if (!step) return null;
    this.future.push(step);
    return this.noteChanges(this.restore(step.before));
  }

  redo(): ChangeMap | null {
    const step = this.future.pop();
    if (!step) return null;
    this.history.push(step);
    return this.noteChanges(this.restore(step.after));
  }

  /** Symbols whose value differs from the value they had when the configuration was read. */
  changedSinceLoad(): Set<string> {
    return new Set(this.changedNames);
  }

  private history: { before: UserSnap[]; after: UserSnap[] }[] = [];
  private future: { before: UserSnap[]; after: UserSnap[] }[] = [];
  private loadValues = new Map<string, Value>();
  private changedNames = new Set<string>();

  private noteChanges(changes: ChangeMap): ChangeMap {
    for (const [n, c] of changes) {
      if (this.loadValues.get(n) === c.to) this.changedNames.delete(n);
      else this.changedNames.add(n);
    }
    return changes;
  }

  /** The user-value state an edit can touch: the symbol, and for a choice member its choice and siblings. */
  private captureUser(edits: Edit[]): UserSnap[] {
    const syms = new Set<Sym>();
    for (const e of edits) {
      const s = e.node ? this.choiceSym(e.node) : this.sym(e.name);
      syms.add(s);
      const choice = isChoiceValue(s) ? choiceOf(s) : isChoice(s) ? s : null;
      if (choice) {
        syms.add(choice);
        for (const m of choiceMembers(choice)) syms.add(m);
      }
    }
    return [...syms].map(snapUser);
  }

  /** Applies edits; on an error restores `before` and rethrows. */
  private run(edits: Edit[], before: UserSnap[], tryMark?: TryMark): ChangeMap {
    const mark = tryMark ?? this.beginTry();
    // before setting changes them: open tries must get back the user values too
    for (const u of before) this.journal(u.sym);
    const all: ChangeMap = new Map();
    try {
      for (const e of edits) {
        const s = e.node ? this.choiceSym(e.node) : this.sym(e.name);
        mergeChanges(all, this.setSym(s, e.value));
      }
    } catch (err) {
      this.undoTry(before, mark);
      throw err;
    }
    // a real change needs no way back (a try keeps its mark until `rollback`)
    if (!tryMark) this.endTry(mark);
    return all;
  }

  /** Puts user values back (undo, redo) and re-evaluates what depends on them. */
  private restore(snaps: UserSnap[]): ChangeMap {
    const k = this.k;
    const touchesModules = this.fullEvaluation || snaps.some((u) => u.sym === k.modulesSym);
    const before = touchesModules ? this.snapshot() : null;
    for (const u of snaps) {
      u.sym.def[0] = { val: u.val, tri: u.tri };
      u.sym.flags = (u.sym.flags & ~F.DEF_USER) | u.userFlag;
    }
    k.setChanged(true);
    if (before) return this.evaluateAllChanges(before);
    this.processed = 0;
    return this.propagate(snaps.map((u) => u.sym));
  }

  /** A choice node's state: its mode (y, or m/n for tristate and optional choices) and selected member. */
  choiceState(node: MenuNode): { mode: Value; selected: string | null; optional: boolean; assignableModes: Value[] } {
    const sym = this.choiceSym(node);
    const k = this.k;
    symCalcValue(k, sym);
    const modes = ([Tri.no, Tri.mod, Tri.yes] as Tri[])
      .filter((t) => t === sym.curr.tri || symTristateWithinRange(k, sym, t)).map((t) => TRI[t]);
    return {
      mode: TRI[sym.curr.tri], selected: (sym.curr.val as Sym | null)?.name ?? null,
      optional: (sym.flags & F.OPTIONAL) !== 0, assignableModes: modes,
    };
  }

  /** Sets a choice's mode (what mconf toggles on `[ ]`/`< >` choices); members are set with `set`. */
  setChoiceMode(node: MenuNode, mode: Value): ChangeMap {
    return this.apply([{ name: '', value: mode, node }]);
  }

  private choiceSym(node: MenuNode): Sym {
    const sym = this.nodeMenus[node.id]?.sym;
    if (!sym || !isChoice(sym)) throw new Error(`${node.prompt ?? 'node'} is not a choice`);
    return sym;
  }

  private setSym(s: Sym, value: Value): Map<string, { from: Value; to: Value }> {
    if (typeof value !== 'string') throw new Error(`no value given for ${s.name ?? 'the choice'}`);
    const k = this.k;
    symCalcValue(k, s);
    this.pending = [];
    const full = s === k.modulesSym || this.fullEvaluation;
    // MODULES changes the type of every tristate: compare everything.
    const before = full ? this.snapshot() : null;
    if (!symSetStringValue(k, s, bin(value))) {
      this.pending = [];
      throw new Error(this.whyNotAssignable(s, value));
    }
    if (!this.pending.length) {
      // the value stays: C re-evaluates nothing now (no sym_clear_all_valid), but the symbol (and
      // its choice) may have gained the user flag, which C's next pass evaluates it with
      this.stale.add(s);
      if (isChoiceValue(s)) this.stale.add(choiceOf(s));
      return new Map();
    }
    if (before) return this.evaluateAllChanges(before);
    const start = this.pending;
    this.pending = [];
    this.processed = 0;
    return this.propagate(start);
  }

  private whyNotAssignable(s: Sym, value: string): string {
    const k = this.k;
    if (s.visible === Tri.no) return `${s.name} cannot be changed: its prompt is not visible (depends on ${gstrPrintExpr(k, s.dirDep.expr)})`;
    if (s.type === SymType.BOOLEAN || s.type === SymType.TRISTATE) {
      if (s.revDep.tri >= s.visible) return `${s.name} is forced by select: ${gstrPrintExpr(k, s.revDep.expr)}`;
      return `${s.name} cannot be set to ${value} now`;
    }
    const r = symGetRangeProp(k, s);
    if (r) return `${value} is not a valid ${KIND[s.type]} in ${symGetStringValue(k, r.expr!.left)}..${symGetStringValue(k, r.expr!.right)} for ${s.name}`;
    return `${JSON.stringify(value)} is not a valid ${KIND[s.type]} for ${s.name}`;
  }

  info(name: string): SymbolInfo {
    const k = this.k;
    const s = this.sym(name);
    symCalcValue(k, s);
    const type = KIND[s.type];
    let assignable: Value[] = [];
    if (s.type === SymType.BOOLEAN || s.type === SymType.TRISTATE) {
      assignable = ([Tri.no, Tri.mod, Tri.yes] as Tri[])
        .filter((t) => symGetType(k, s) !== SymType.BOOLEAN || t !== Tri.mod)
        .filter((t) => t === s.curr.tri || symTristateWithinRange(k, s, t)).map((t) => TRI[t]);
      if (s.visible === Tri.no || s.revDep.tri >= s.visible) assignable = [];
    } else if (s.visible !== Tri.no) assignable = ['*'];
    const rp = s.type === SymType.INT || s.type === SymType.HEX ? symGetRangeProp(k, s) : null;
    const cond = (e: Expr | null): Condition | null =>
      e ? { text: printExpr(e), value: TRI[exprCalcValue(k, e)], withValues: gstrPrintExpr(k, e) } : null;
    const defaults: DefaultInfo[] = [];
    let activeFound = false;
    for (const p of s.props) {
      if (p.type !== P.DEFAULT) continue;
      const c = p.visible.expr;
      const on = exprCalcValue(k, c) !== Tri.no;
      defaults.push({ value: printExpr(p.expr), condition: cond(c), active: on && !activeFound });
      if (on) activeFound = true;
    }
    const rev = (e: Expr | null): ReverseDep[] => {
      const out: ReverseDep[] = [];
      const walk = (x: Expr) => {
        if (x.type === E.OR) { walk(x.left); walk(x.right); return; }
        const from = x.type === E.AND && x.left.type === E.SYMBOL ? (x.left.left as Sym).name ?? '' :
          x.type === E.SYMBOL ? (x.left as Sym).name ?? '' : '';
        out.push({ from, expr: gstrPrintExpr(k, x), value: TRI[exprCalcValue(k, x)] });
      };
      if (e) walk(e);
      return out;
    };
    const menus = s.props.filter((p) => p.type === P.SYMBOL).map((p) => p.menu);
    const prompt = s.props.find((p) => p.type === P.PROMPT || p.type === P.MENU)?.text ?? null;
    return decodeInfo({
      name: s.name!, type, effectiveType: KIND[symGetType(k, s)], selectedLevel: TRI[s.revDep.tri], visibleLevel: TRI[s.visible],
      value: symGetStringValue(k, s),
      userValue: hasValue(s) ? (s.type === SymType.BOOLEAN || s.type === SymType.TRISTATE ? TRI[s.def[0].tri] : s.def[0].val) : null,
      visible: TRI[s.visible], changeable: s.visible > s.revDep.tri, assignable,
      range: rp ? { min: symGetStringValue(k, rp.expr!.left), max: symGetStringValue(k, rp.expr!.right) } : null,
      defaultValue: symGetStringDefault(k, s), defaults,
      dependsOn: cond(s.dirDep.expr),
      selectedBy: rev(s.revDep.expr).filter((r) => r.from !== '' && r.from !== s.name),
      impliedBy: rev(s.implied.expr),
      selects: s.props.filter((p) => p.type === P.SELECT).map((p) => (p.expr!.left as Sym).name!),
      implies: s.props.filter((p) => p.type === P.IMPLY).map((p) => (p.expr!.left as Sym).name!),
      locations: menus.map((m) => ({ file: m.file.name, line: m.lineno })),
      help: menus.map((m) => m.help).find((h) => h !== null) ?? null,
      choice: isChoiceValue(s) ? (choiceOf(s).props.find((p) => p.type === P.PROMPT)?.text ?? '<choice>') : null,
      prompt,
    });
  }

  /** conf's help text for a node (what `?` shows in conf and mconf). */
  helpText(node: MenuNode): string {
    return txt(menuGetExtHelp(this.k, this.nodeMenus[node.id]));
  }

  /** Checks a value without applying it. */
  isAssignable(name: string, value: Value): boolean {
    const s = this.sym(name);
    symCalcValue(this.k, s);
    return symStringWithinRange(this.k, s, bin(value));
  }
}

function decodeInfo(i: SymbolInfo): SymbolInfo {
  // Nearly always ASCII: decode only when some text has bytes beyond it.
  const json = JSON.stringify(i);
  return /[\x80-\xff]/.test(json) ? (JSON.parse(txt(json)) as SymbolInfo) : i;
}

function printExpr(e: Expr | null): string {
  let s = '';
  const fn: PrintFn = (_sym, str) => { s += str; };
  exprPrint(e, fn, E.NONE);
  return s;
}

export { symTypeName };

export type ChangeMap = Map<string, { from: Value; to: Value }>;

/** A value to set: on a symbol by name, or on a choice node (its mode: y/m/n). */
export interface Edit { name: string; value: Value; node?: MenuNode }

interface UserSnap { sym: Sym; val: unknown; tri: Tri; userFlag: number }
/** Opaque: what `tryEdits` needs to roll back. */
export interface EditToken { readonly before: UserSnap[]; readonly changed: boolean; readonly mark: unknown }
/** What a try puts back: the stale set, the evaluated state it changed, conf's changed flag, MODULES. */
interface TryMark { stale: Set<Sym>; journal: Map<Sym, SymEvaluation>; changed: boolean; modulesVal: Tri }

/** What evaluating a symbol writes into it (sym_calc_value and sym_calc_visibility). */
interface SymEvaluation {
  curr: { val: unknown; tri: Tri }; def: { val: unknown; tri: Tri }; flags: number; visible: Tri;
  dir: Tri; rev: Tri; implied: Tri; props: Tri[];
}
const saveEvaluation = (s: Sym): SymEvaluation => ({
  curr: { ...s.curr }, def: { ...s.def[0] }, flags: s.flags, visible: s.visible,
  dir: s.dirDep.tri, rev: s.revDep.tri, implied: s.implied.tri, props: s.props.map((p) => p.visible.tri),
});
function restoreEvaluation(s: Sym, e: SymEvaluation): void {
  s.curr = { ...e.curr };
  s.def[0] = { ...e.def };
  s.flags = e.flags;
  s.visible = e.visible;
  s.dirDep.tri = e.dir;
  s.revDep.tri = e.rev;
  s.implied.tri = e.implied;
  s.props.forEach((p, i) => { p.visible.tri = e.props[i]; });
}
/** A symbol whose value changes are reported (what `snapshot` lists). */
const reportable = (s: Sym): boolean => !!s.name && !(s.flags & F.CONST) && s.type !== SymType.UNKNOWN && !isChoice(s);
const snapUser = (sym: Sym): UserSnap => ({ sym, val: sym.def[0].val, tri: sym.def[0].tri, userFlag: sym.flags & F.DEF_USER });

function mergeChanges(into: ChangeMap, more: ChangeMap): void {
  for (const [n, c] of more) {
    const prev = into.get(n);
    if (!prev) into.set(n, c);
    else if (prev.from === c.to) into.delete(n);
    else into.set(n, { from: prev.from, to: c.to });
  }
}

/** Min-heap of components keyed by evaluation rank. */
class RankHeap {
  private keys: number[] = [];
  private vals: Sym[][] = [];
  get size(): number { return this.keys.length; }
  push(key: number, val: Sym[]): void {
    const ks = this.keys, vs = this.vals;
    let i = ks.length;
    ks.push(key); vs.push(val);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (ks[p] <= key) break;
      ks[i] = ks[p]; vs[i] = vs[p]; i = p;
    }
    ks[i] = key; vs[i] = val;
  }
  pop(): Sym[] {
    const ks = this.keys, vs = this.vals;
    const top = vs[0];
    const k = ks.pop()!, v = vs.pop()!;
    if (ks.length) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= ks.length) break;
        if (c + 1 < ks.length && ks[c + 1] < ks[c]) c++;
        if (ks[c] >= k) break;
        ks[i] = ks[c]; vs[i] = vs[c]; i = c;
      }
      ks[i] = k; vs[i] = v;
    }
    return top;
  }
}
