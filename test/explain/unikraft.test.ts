// explain() and wayOut() on Unikraft's real tree (the corpus: app-helloworld with musl and lwip):
// why LIBUKDEBUG is on and what selects it; unmet dependencies with where each term comes from;
// the facts agree with kconfiglib for every symbol on several configurations; every way-out plan
// found really gives the wanted value, in the engine and in the written .config.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { explain, wayOut, type Reason } from '../../kconfig/explain.js';
import { oracleFacts, ourFacts, uniqueLists } from './facts.js';
import { anotherValue, checkPlan, expectPlanWorks } from './plans.js';
import { CORPUS, GOLDEN, corpusEnv, kconfiglibSkipReason, tempDir, unikraftTree } from './trees.js';

const flat = (rs: Reason[]): Reason[] => rs.flatMap((r) => [r, ...flat(r.children)]);

describe('explain on the Unikraft tree', () => {
  const tree = unikraftTree();

  test('LIBUKDEBUG is on because libraries select it, down to the defaults and choices that turn those on', () => {
    const e = explain(tree, 'LIBUKDEBUG');
    expect(e.value).toBe('y');
    expect(e.changeable).toBe(false);
    const selects = e.because.filter((r) => r.kind === 'select');
    expect(selects.length).toBeGreaterThanOrEqual(5);
    expect(selects.every((r) => r.decisive && r.value === 'y')).toBe(true);
    expect(selects.map((r) => r.symbol)).toEqual(expect.arrayContaining(['LIBUKALLOC', 'LIBUKBOOT', 'LIBUKSCHED', 'LIBUKARGPARSE']));
    // its own default would also give y, but the selects decide
    const def = e.because.find((r) => r.kind === 'default')!;
    expect(def.text).toContain('default y if HAVE_LIBC || LIBNOLIBC');
    expect(def.terms!.map((t) => t.withValues)).toEqual(['HAVE_LIBC [=n] || LIBNOLIBC [=y]']);
    // recursively: LIBUKALLOC is selected by LIBUKALLOCBBUDDY, selected by the allocator choice's pick
    const alloc = selects.find((r) => r.symbol === 'LIBUKALLOC')!;
    const all = flat(alloc.children);
    expect(all.some((r) => r.kind === 'select' && r.symbol === 'LIBUKALLOCBBUDDY')).toBe(true);
    const pick = all.find((r) => r.kind === 'choice')!;
    expect(pick.text).toContain('LIBUKBOOT_INITBBUDDY is the selected member of the choice "Initialize memory allocator"');
    expect(pick.text).toContain("the choice's default");
    // every chain ends in a user value, a default or a choice (or points to where it was explained)
    const leaves = flat(e.because).filter((r) => r.children.length === 0);
    for (const l of leaves) expect(['default', 'no-default', 'user', 'choice', 'repeat', 'cycle', 'select', 'imply']).toContain(l.kind);
    expect(flat(e.because).some((r) => r.kind === 'repeat')).toBe(true);
    // what keeps it on
    expect(e.limits).toHaveLength(1);
    expect(e.limits[0].kind).toBe('forced');
    expect(e.limits[0].text).toMatch(/^LIBUKDEBUG is forced to y by select from LIBUKALLOC \[=y\], /);
    expect(e.selectedBy.filter((s) => s.value === 'y').map((s) => s.symbol).sort()).toEqual(
      ['LIBUKALLOC', 'LIBUKALLOCBBUDDY', 'LIBUKALLOCSTACK', 'LIBUKARGPARSE', 'LIBUKBOOT', 'LIBUKSCHED']);
  });

  test('a symbol under an `if` with an unmet `depends on`: each term, its value and where it comes from', () => {
    const e = explain(tree, 'LIBUKBOOT_ALLOCSTACK_PREMAP_ORDER');
    expect(e.visible).toBe('n');
    expect(e.dependsOn.map((t) => [t.text, t.value, t.origin.kind])).toEqual([
      ['LIBUKBOOT', 'y', 'if'],
      ['LIBUKBOOT_ALLOCSTACK', 'y', 'if'],
      ['LIBUKVMEM', 'n', 'depends on'],
    ]);
    expect(e.dependsOn[1].origin.location).toEqual({ file: 'unikraft/lib/ukboot/Config.uk', line: 201 });
    expect(e.limits[0].kind).toBe('dependency');
    expect(e.limits[0].text).toContain('LIBUKVMEM [=n]');
    // its default's condition includes the dependency
    expect(e.because[0].kind).toBe('no-default');
    expect(e.because[0].text).toBe("no default of LIBUKBOOT_ALLOCSTACK_PREMAP_ORDER applies, so it is ");
  });

  test('choice members: selected by the choice default, or another member picked', () => {
    const on = explain(tree, 'LIBUKBOOT_INITBBUDDY');
    expect(on.because[0].kind).toBe('choice');
    expect(on.because[0].text).toContain('the choice\'s default LIBUKBOOT_INITBBUDDY');
    const off = explain(tree, 'LIBUKBOOT_INITREGION');
    expect(off.because[0].text).toBe('LIBUKBOOT_INITBBUDDY is selected in the choice "Initialize memory allocator" instead');
    expect(off.dependsOn.map((t) => t.origin.kind)).toEqual(['choice']);
  });

  test('a user value that no longer holds, and string defaults from another symbol', () => {
    const dir = tempDir();
    const cfg = path.join(dir, '.config');
    fs.writeFileSync(cfg, 'CONFIG_LIBUKDEBUG=n\nCONFIG_LIBUKBOOT_ALLOCSTACK_PREMAP_ORDER=3\n');
    const t = unikraftTree(cfg);
    const e = explain(t, 'LIBUKDEBUG');
    expect(e.userValue).toBe('n');
    expect(e.because.find((r) => r.kind === 'user-overridden')?.text).toBe('the user set LIBUKDEBUG to n, but select raises it to y');
    const h = explain(t, 'LIBUKBOOT_ALLOCSTACK_PREMAP_ORDER');
    expect(h.because.find((r) => r.kind === 'user-ignored')?.text).toBe('the user value 3 does not count: the prompt of LIBUKBOOT_ALLOCSTACK_PREMAP_ORDER is hidden');
    const name = explain(t, 'UK_NAME');
    expect(name.because[0].text).toMatch(/^default UK_DEFNAME \(unikraft\/Config.uk:\d+\) gives "helloworld"$/);
    expect(name.because[0].children[0].kind).toBe('default');
  });
});

describe.skipIf(kconfiglibSkipReason() !== undefined)('facts agree with kconfiglib (Unikraft corpus)', () => {
  const configs = [null, 'alldefconfig.out.config', 'allyesconfig.out.config', 'allnoconfig.out.config',
    'case-01.in.config', 'case-04.in.config', 'case-07.in.config', 'case-12.in.config', 'case-17.in.config'];
  test.each(configs)('config %s: selected-by, implied-by and unmet dependencies of every symbol', (c) => {
    const file = c === null ? null : path.join(GOLDEN, c);
    const tree = unikraftTree(file ?? undefined);
    const oracle = oracleFacts('unikraft/Config.uk', file, CORPUS, corpusEnv(file ?? '/nonexistent/.config'));
    const names = tree.symbolNames();
    expect(Object.keys(oracle).sort()).toEqual([...names].sort());
    let selects = 0;
    let unmet = 0;
    const diffs: string[] = [];
    for (const name of names) {
      const ours = ourFacts(tree, name);
      const k = oracle[name];
      const same = (what: string, a: unknown, b: unknown) => {
        if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${name} ${what}: ours ${JSON.stringify(a)}, kconfiglib ${JSON.stringify(b)}`);
      };
      same('value', ours.value, k.value);
      same('selected by', ours.selectedBy, k.selectedBy);
      same('implied by', ours.impliedBy, k.impliedBy);
      same('dependency', ours.direct, k.direct);
      same('false terms', ours.falseTerms, uniqueLists(k.falseTerms));
      selects += ours.selectedBy.filter((s) => s[1] !== 'n').length;
      if (ours.direct === 'n') unmet++;
    }
    expect(diffs).toEqual([]);
    if (c !== 'allnoconfig.out.config') expect(selects).toBeGreaterThan(20);
    expect(unmet).toBeGreaterThan(50);
  });
});

describe('way out on the Unikraft tree', () => {
  test('turning LIBUKDEBUG off: turn off what selects it; the written .config has it off', () => {
    const tree = unikraftTree();
    const reader = unikraftTree();
    const plan = wayOut(tree, 'LIBUKDEBUG', 'n');
    expect(plan.ok).toBe(true);
    expect(plan.summary).toMatch(/^To turn LIBUKDEBUG off: .*turn off LIBUKALLOC \(currently y; it selects LIBUKDEBUG\).*, then set LIBUKDEBUG=n\.$/);
    expect(plan.edits.at(-1)).toEqual({ name: 'LIBUKDEBUG', value: 'n' });
    expect(plan.changes.find((c) => c.name === 'LIBUKDEBUG')).toEqual({ name: 'LIBUKDEBUG', from: 'y', to: 'n' });
    expect(plan.changes.length).toBeGreaterThan(plan.edits.length);
    const c = checkPlan(tree, reader, plan, tempDir());
    expectPlanWorks(c, plan, 'bool');
    // the plan left no trace
    expect(tree.value('LIBUKDEBUG')).toBe('y');
    expect(tree.canUndo).toBe(false);
  });

  test('making a symbol settable: turn on what it depends on first', () => {
    const tree = unikraftTree();
    const plan = wayOut(tree, 'LIBUKBOOT_ALLOCSTACK_PREMAP_ORDER', '4');
    expect(plan.ok).toBe(true);
    expect(plan.steps[0]).toMatchObject({ name: 'LIBUKVMEM', value: 'y', from: 'n', why: 'LIBUKBOOT_ALLOCSTACK_PREMAP_ORDER depends on it' });
    expect(plan.summary).toBe('To set LIBUKBOOT_ALLOCSTACK_PREMAP_ORDER to 4: turn on LIBUKVMEM (currently n; LIBUKBOOT_ALLOCSTACK_PREMAP_ORDER depends on it), then set LIBUKBOOT_ALLOCSTACK_PREMAP_ORDER=4.');
    expectPlanWorks(checkPlan(tree, unikraftTree(), plan, tempDir()), plan, 'int');
  });

  test('a choice member off: pick another member', () => {
    const tree = unikraftTree();
    const plan = wayOut(tree, 'LIBUKBOOT_INITSCHEDCOOP', 'n');
    expect(plan.ok).toBe(true);
    expect(plan.edits).toEqual([{ name: 'LIBUKBOOT_INITNOSCHED', value: 'y' }]);
    expectPlanWorks(checkPlan(tree, unikraftTree(), plan, tempDir()), plan, 'bool');
  });

  test('impossible: every architecture selects LIBISRLIB', () => {
    const tree = unikraftTree();
    const plan = wayOut(tree, 'LIBISRLIB', 'n');
    expect(plan.ok).toBe(false);
    expect(plan.problem).toMatch(/^no way to turn off LIBISRLIB was found \(LIBISRLIB is selected by ARCH_X86_64 \[=y\]\)/);
    expect(plan.edits).toEqual([]);
  });

  test('every plan found for every symbol of the tree (the other value, or a new int/hex/string) works for real', () => {
    const tree = unikraftTree();
    const reader = unikraftTree();
    const dir = tempDir();
    let ok = 0;
    let failed = 0;
    for (const name of tree.symbolNames()) {
      const info = tree.info(name);
      const want = anotherValue(info);
      if (want === undefined) continue;
      const plan = wayOut(tree, name, want);
      if (!plan.ok) { failed++; expect(plan.problem).toBeTruthy(); continue; }
      expectPlanWorks(checkPlan(tree, reader, plan, dir), plan, info.type);
      ok++;
    }
    console.log(`unikraft: ${ok} plans checked, ${failed} symbols without a plan`);
    expect(ok).toBeGreaterThan(500);
  });
});
