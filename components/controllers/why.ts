// Why (w): the reasons for a symbol's value as a tree the user expands and collapses, and the way
// out towards another value (y/n/m pick the target, a previews every change and applies them).
import type { Key } from 'ink';
import { actionOf, hintsOf, WHY_KEYS } from '../bindings.js';
import type { Line } from '../why.js';
import { defaultWanted, planFor, whyRoots, type Plan, type WhyNode } from '../whyTree.js';
import { clampTop } from './scroll.js';
import type { ViewController, ViewDeps } from './view.js';

export interface WhyRow { node: WhyNode; depth: number; key: string; open: boolean }

export class WhyController implements ViewController {
  readonly kind = 'why';
  roots: WhyNode[] = [];
  summary = '';
  open = new Set<string>();
  cursor = 0;
  top = 0;
  /** The way out towards `wanted` (y/n/m pick another target). */
  wanted: string | null = null;
  plan: Plan | null = null;
  private kids = new Map<string, WhyNode[]>();

  constructor(private readonly deps: ViewDeps, readonly name: string, public intro: Line[] = []) {
    this.explain();
  }

  acceptsText(): boolean { return false; }
  hints() { return hintsOf(WHY_KEYS); }

  /** Computes the reasons, opening the first level of those that decide or limit the value. */
  private explain(): void {
    const tree = this.deps.session.tree;
    const { roots, summary } = whyRoots(tree, this.name);
    this.roots = roots;
    this.summary = summary;
    this.open = new Set();
    for (const r of roots) if (r.kids && (r.tone === 'ok' || r.tone === 'bad' || r.tone === 'warn')) this.open.add(`/${r.id}`);
    this.kids.clear();
    this.cursor = 0;
    this.top = 0;
    this.wanted = defaultWanted(tree, this.name);
    this.plan = planFor(tree, this.name, this.wanted);
  }

  /** After the way out was applied: explain the new value. */
  valuesChanged(): void {
    this.intro = [];
    this.explain();
  }

  /** The visible rows of the tree. */
  rows(): WhyRow[] {
    const out: WhyRow[] = [];
    const walk = (nodes: WhyNode[], depth: number, prefix: string) => {
      for (const n of nodes) {
        const key = `${prefix}/${n.id}`;
        const open = !!n.kids && this.open.has(key);
        out.push({ node: n, depth, key, open });
        if (open && depth < 30) {
          let kids = this.kids.get(key);
          if (!kids) { kids = n.kids!(); this.kids.set(key, kids); }
          walk(kids, depth + 1, key);
        }
      }
    };
    walk(this.roots, 0, '');
    return out;
  }

  /** Lines under the tree for the way out. */
  get planLines(): number {
    if (!this.plan) return 0;
    return 1 + Math.min(4, this.plan.steps.length) + (this.plan.steps.length > 4 ? 1 : 0) + (this.plan.ok ? 0 : 1);
  }

  get listHeight(): number {
    return Math.max(3, this.deps.session.bodyHeight - 3 - this.planLines - this.intro.length);
  }

  onKey(input: string, key: Key): boolean {
    const { session: s, nav } = this.deps;
    const rows = this.rows();
    const h = this.listHeight;
    const go = (c: number) => {
      this.cursor = Math.max(0, Math.min(rows.length - 1, c));
      this.top = clampTop(this.top, this.cursor, rows.length, h);
    };
    const cur = rows[this.cursor];
    switch (actionOf(WHY_KEYS, input, key)) {
      case 'up': go(this.cursor - 1); return true;
      case 'down': go(this.cursor + 1); return true;
      case 'pageUp': go(this.cursor - (h - 1)); return true;
      case 'pageDown': go(this.cursor + (h - 1)); return true;
      case 'first': go(0); return true;
      case 'last': go(rows.length - 1); return true;
      case 'open':
        if (cur?.node.kids) this.open = new Set(this.open).add(cur.key);
        return true;
      case 'toggle':
        if (cur?.node.kids) {
          const open = new Set(this.open);
          if (open.has(cur.key)) open.delete(cur.key); else open.add(cur.key);
          this.open = open;
        }
        return true;
      case 'collapse': {
        if (cur?.open) { const open = new Set(this.open); open.delete(cur.key); this.open = open; return true; }
        const parentKey = cur?.key.slice(0, cur.key.lastIndexOf('/'));
        const i = rows.findIndex((r) => r.key === parentKey);
        if (i >= 0) go(i);
        return true;
      }
      case 'expandAll': // everything below the cursor, two levels
        if (!cur) return true;
        this.open = new Set(this.open).add(cur.key);
        for (const r of this.rows()) if (r.key.startsWith(cur.key + '/') && r.depth <= cur.depth + 2 && r.node.kids) this.open.add(r.key);
        return true;
      case 'target':
        if (this.wanted === null) { s.setStatus(`${this.name} is not a bool or tristate: edit its value in the menu`, 'info'); return true; }
        this.wanted = input;
        this.plan = planFor(s.tree, this.name, input);
        return true;
      case 'apply': {
        const plan = this.plan;
        if (!plan) { s.setStatus('No way out to offer for this symbol', 'error'); return true; }
        if (!plan.edits.length) { s.setStatus(plan.ok ? `${this.name} is already ${plan.wanted}` : plan.problem ?? plan.summary, plan.ok ? 'info' : 'error'); return true; }
        const goal = `${plan.wanted === 'n' ? 'turn' : 'set'} ${this.name} ${plan.wanted === 'n' ? 'off' : `to ${plan.wanted}`}`;
        nav.openPreview(`Way out: ${goal}`, plan.edits, `Applied the way out: ${goal}`);
        return true;
      }
      case 'info': {
        const node = s.tree.allNodes().find((n) => n.symbol === this.name && n.kind !== 'choice');
        if (node) nav.openInfo(node);
        return true;
      }
      case 'close': nav.back(); return true;
      default: return false;
    }
  }
}
