// explain() and wayOut() on small trees: where each dependency term comes from (depends on, an
// enclosing menu, if, visible if, a prompt's if), tristate limits, imply, ranges, string defaults,
// depth limits, and plans that make a symbol settable.
import { describe, expect, test } from 'vitest';
import { explain, previewChanges, wayOut, type Reason } from '../../kconfig/explain.js';
import { checkPlan, expectPlanWorks } from './plans.js';
import { smallTree } from './trees.js';

const TREE = `mainmenu "Explain test"

config MODULES
\tbool "Modules"
\tdefault y
\tmodules

config A
\tbool "A"

config V
\tbool "V"

config T
\ttristate "T"

config D
\tbool "D"

menu "M"
\tdepends on A
\tvisible if V

if T

config X
\ttristate "X"
\tdepends on D

endif

endmenu

config P
\tbool "P" if V
\tdefault y if A

config IMP
\tbool "Imp"
\timply Q

config Q
\ttristate "Q"
\tdepends on T

config N
\tint "N"
\trange 1 10
\tdefault 20

config S
\tstring "S"
\tdefault NAME_SRC

config NAME_SRC
\tstring
\tdefault "from source"
`;

const chain = (n: number) => {
  let k = '';
  for (let i = 1; i <= n; i++) k += `config C${i}\n\tbool "C${i}"\n${i < n ? `\tselect C${i + 1}\n` : ''}\n`;
  return k;
};

const flat = (rs: Reason[]): Reason[] => rs.flatMap((r) => [r, ...flat(r.children)]);
const origins = (ts: { text: string; value: string; origin: { kind: string; label: string | null } }[]) =>
  ts.map((t) => `${t.text}=${t.value} <${t.origin.kind}${t.origin.label !== null ? ` ${t.origin.label}` : ''}>`);

describe('dependency terms and where they come from', () => {
  test('enclosing menu, if block and the entry\'s own depends on', () => {
    const { tree } = smallTree(TREE, '');
    const e = explain(tree, 'X');
    expect(origins(e.dependsOn)).toEqual(['A=n <menu M>', 'T=n <if T>', 'D=n <depends on X>']);
    expect(e.dependsOn[1].origin.location).toEqual({ file: 'Kconfig', line: 24 });
    expect(e.limits[0].kind).toBe('dependency');
    expect(e.limits[0].text).toBe('unmet dependencies (Kconfig:26): A [=n], T [=n], D [=n]');
  });

  test('a menu\'s visible if and a prompt\'s if hide the prompt while the dependencies are met', () => {
    const { tree } = smallTree(TREE, 'CONFIG_A=y\nCONFIG_T=y\nCONFIG_D=y\n');
    const x = explain(tree, 'X');
    expect(x.visible).toBe('n');
    expect(x.limits[0].kind).toBe('hidden');
    expect(x.limits[0].text).toBe('the prompt is hidden: V [=n] (visible if)');
    expect(origins(x.limits[0].terms!.filter((t) => t.value === 'n'))).toEqual(['V=n <visible if M>']);
    const p = explain(tree, 'P');
    expect(p.limits[0].text).toBe('the prompt is hidden: V [=n] (prompt if)');
    // hidden: the default decides
    expect(p.because[0]).toMatchObject({ kind: 'default', decisive: true });
    expect(p.because[0].text).toBe('default y if A (Kconfig:36) gives y');
  });
});

describe('values', () => {
  test('a tristate limited to m by its dependencies; the user\'s y is capped', () => {
    const { tree } = smallTree(TREE, 'CONFIG_A=y\nCONFIG_V=y\nCONFIG_T=m\nCONFIG_D=y\nCONFIG_X=y\n');
    const e = explain(tree, 'X');
    expect(e.value).toBe('m');
    expect(e.because[0]).toMatchObject({ kind: 'user-capped', decisive: true });
    expect(e.because[0].text).toBe('the user set X to y, but its dependencies allow at most m');
    expect(origins(e.because[0].terms!)).toEqual(['T=m <if T>']);
    expect(e.limits.map((l) => l.text)).toEqual(['at most m: T [=m]']);
  });

  test('imply raises the default (capped by the dependencies)', () => {
    const { tree } = smallTree(TREE, 'CONFIG_IMP=y\nCONFIG_T=m\n');
    const e = explain(tree, 'Q');
    expect(e.value).toBe('m');
    const imp = e.because.find((r) => r.kind === 'imply')!;
    expect(imp).toMatchObject({ symbol: 'IMP', value: 'y', decisive: true });
    expect(imp.text).toBe('IMP [=y] implies Q');
    expect(imp.children[0]).toMatchObject({ kind: 'user' });
    expect(e.impliedBy).toEqual([{ symbol: 'IMP', value: 'y', expr: 'IMP [=y]' }]);
  });

  test('int clamped into its range; string default taken from another symbol', () => {
    const { tree } = smallTree(TREE, '');
    const n = explain(tree, 'N');
    expect(n.value).toBe('10');
    expect(n.because[0]).toMatchObject({ kind: 'range', decisive: true, text: '20 is outside the range 1..10, so it is clamped to 10' });
    const s = explain(tree, 'S');
    expect(s.because[0].text).toBe('default NAME_SRC (Kconfig:53) gives "from source"');
    expect(s.because[0].children[0].text).toBe('default "from source" (Kconfig:57) gives "from source"');
  });

  test('long select chains: depth and size limits, every level reached by default', () => {
    const { tree } = smallTree(chain(30), 'CONFIG_C1=y\n');
    const full = explain(tree, 'C30');
    expect(flat(full.because).filter((r) => r.kind === 'select').map((r) => r.symbol)).toEqual(
      Array.from({ length: 13 }, (_, i) => `C${29 - i}`));
    expect(flat(full.because).some((r) => r.kind === 'more')).toBe(true);
    const deep = explain(tree, 'C30', { maxDepth: 40 });
    expect(flat(deep.because).filter((r) => r.kind === 'select')).toHaveLength(29);
    expect(flat(deep.because.filter((r) => r.decisive)).at(-1)).toMatchObject({ kind: 'user', text: 'the user set C1 to y (in .config or in the menu)' });
    const small = explain(tree, 'C30', { maxDepth: 40, maxReasons: 5 });
    expect(flat(small.because).length).toBeLessThan(10);
  });

  test('unknown symbols are an error', () => {
    const { tree } = smallTree(TREE, '');
    expect(() => explain(tree, 'NOPE')).toThrow('unknown symbol NOPE');
    expect(() => wayOut(tree, 'NOPE', 'y')).toThrow('unknown symbol NOPE');
  });
});

describe('way out', () => {
  test('making X settable: A, T and D first, then X; it works in the engine and the written .config', () => {
    const t = smallTree(TREE, 'CONFIG_V=y\n');
    const plan = wayOut(t.tree, 'X', 'y');
    expect(plan.ok).toBe(true);
    expect(plan.edits).toEqual([{ name: 'A', value: 'y' }, { name: 'T', value: 'y' }, { name: 'D', value: 'y' }, { name: 'X', value: 'y' }]);
    expect(plan.steps.map((s) => s.why)).toEqual(['X depends on it', 'X depends on it', 'X depends on it', 'the goal: X=y']);
    expect(plan.summary).toBe('To turn X on: turn on A (currently n; X depends on it), turn on T (currently n; X depends on it), turn on D (currently n; X depends on it), then set X=y.');
    expectPlanWorks(checkPlan(t.tree, smallTree(TREE).tree, plan, t.dir), plan, 'tristate');
    // m: T=m is enough
    const m = wayOut(t.tree, 'X', 'm');
    expect(m.ok).toBe(true);
    expect(m.edits.find((x) => x.name === 'T')).toEqual({ name: 'T', value: 'm' });
  });

  test('the visible if of the menu: turn V on', () => {
    const t = smallTree(TREE, 'CONFIG_A=y\nCONFIG_T=y\nCONFIG_D=y\n');
    const plan = wayOut(t.tree, 'X', 'm');
    expect(plan.edits).toEqual([{ name: 'V', value: 'y' }, { name: 'X', value: 'm' }]);
    expectPlanWorks(checkPlan(t.tree, smallTree(TREE).tree, plan, t.dir), plan, 'tristate');
  });

  test('off when implied: the user value wins over imply', () => {
    const t = smallTree(TREE, 'CONFIG_IMP=y\nCONFIG_T=y\n');
    const plan = wayOut(t.tree, 'Q', 'n');
    expect(plan.edits).toEqual([{ name: 'Q', value: 'n' }]);
    expectPlanWorks(checkPlan(t.tree, smallTree(TREE).tree, plan, t.dir), plan, 'tristate');
  });

  test('off at the root of a select chain; values that cannot be had', () => {
    const t = smallTree(chain(6), 'CONFIG_C1=y\n');
    const plan = wayOut(t.tree, 'C6', 'n');
    // C2..C6 have no default: off once nothing selects them
    expect(plan.edits).toEqual([{ name: 'C1', value: 'n' }]);
    expect(plan.changes.map((c) => c.name)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6']);
    expectPlanWorks(checkPlan(t.tree, smallTree(chain(6)).tree, plan, t.dir), plan, 'bool');
    const { tree } = smallTree(TREE, '');
    expect(wayOut(tree, 'A', 'm')).toMatchObject({ ok: false, problem: 'A is a bool: y or n' });
    expect(wayOut(tree, 'A', 'x')).toMatchObject({ ok: false, problem: 'x is not a value for a bool (y, m or n)' });
    expect(wayOut(tree, 'NAME_SRC', 'z')).toMatchObject({ ok: false, problem: 'no way to set to "z" NAME_SRC was found: NAME_SRC has no prompt: it cannot be set' });
    expect(wayOut(tree, 'A', 'n')).toMatchObject({ ok: true, edits: [], summary: 'A is already n.' });
  });

  test('previewChanges lists what an edit would change, and changes nothing', () => {
    const { tree } = smallTree(TREE, 'CONFIG_V=y\nCONFIG_T=y\nCONFIG_D=y\n');
    expect(previewChanges(tree, [{ name: 'A', value: 'y' }])).toEqual([
      { name: 'A', from: 'n', to: 'y' }, { name: 'P', from: 'n', to: 'y' }, { name: 'X', from: '', to: 'n' },
    ].filter((c) => c.name !== 'X'));
    expect(tree.value('A')).toBe('n');
    expect(() => previewChanges(tree, [{ name: 'N', value: '99' }])).toThrow(/99 is not a valid int in 1..10/);
  });
});
