// How the explanations read where a user sees them: the details panel, `?` (info), `w` (why view)
// and `ukmenu why`. Choice members name their choice by its prompt and the real unmet term, a
// symbol selected but defined nowhere says which library to add, and the small slips of issue 16
// (a repeated first reason, a dangling "turn it off to change it:", a default's condition value
// reading as the default, empty values in the way out, met terms under "unmet").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { KconfigTree } from '../../kconfig/api.js';
import { explain, wayOut } from '../../kconfig/explain.js';
import { whyCommand, whyText } from '../../src/commands/inspect.js';
import { detailLines } from '../../components/details.js';
import { infoLines } from '../../components/info.js';
import { whyLines } from '../../components/why.js';
import { whyRoots } from '../../components/whyTree.js';
import { GOLDEN, tempDir, unikraftTree } from './trees.js';

const nodeOf = (tree: KconfigTree, name: string) => tree.allNodes().find((n) => n.symbol === name && n.kind !== 'choice')!;
const texts = (ls: { text: string }[]) => ls.map((l) => l.text);

function whyCli(tree: KconfigTree, args: string[]): string {
  let out = '';
  whyCommand({ tree, configPath: '.config', found: true, warnings: '' }, args, { stdout: (t) => { out += t; }, stderr: (t) => { out += t; } });
  return out;
}


describe('choice members explain themselves by the choice\'s prompt and the real unmet term', () => {
  // qemu-x86_64: LIBUKSP is off, so its choices are hidden and no member is selected
  const tree = unikraftTree(path.join(GOLDEN, 'defconfig-qemu-x86_64.out.config'));

  test.each(['STACKPROTECTOR_REGULAR', 'LIBUKSP_VALUE_RANDOM'])('%s: panel, ?, w and ukmenu why', (name) => {
    const label = name === 'STACKPROTECTOR_REGULAR' ? 'Stack protector level' : 'Canary Value';
    const panel = texts(detailLines(tree, nodeOf(tree, name), 6));
    const info = texts(infoLines(tree, nodeOf(tree, name)));
    const w = whyRoots(tree, name).roots.map((r) => r.text);
    const cli = whyCli(tree, [name]);
    for (const [where, text] of [['panel', panel.join('\n')], ['?', info.join('\n')], ['w', w.join('\n')], ['why', cli]]) {
      expect(text, where).not.toContain('<choice>');
      expect(text, where).toContain(`"${label}"`);
      expect(text, where).toContain('LIBUKSP [=n]');
    }
    // none is selected: the panel must not say another member is
    expect(panel.join('\n')).not.toMatch(/Another member/);
    expect(panel[1]).toBe(`The choice "${label}" is hidden (LIBUKSP [=n]), so none of its members is selected.`);
    expect(cli).toContain(`the choice "${label}" [=n] (hidden: LIBUKSP [=n])`);
  });

  test('a visible choice: the member that is picked instead, by name', () => {
    const t = unikraftTree(path.join(GOLDEN, 'allyesconfig.out.config'));
    const sel = explain(t, 'LIBUKSP_VALUE_RANDOM').value === 'y' ? 'LIBUKSP_VALUE_CONSTANT' : 'LIBUKSP_VALUE_RANDOM';
    const panel = texts(detailLines(t, nodeOf(t, sel), 6));
    expect(panel[1]).toMatch(/^[A-Z_]+ is selected in the choice "Canary Value" instead\.$/);
  });
});

const NGINX = `mainmenu "nginx test"

config HAVE_NW_STACK
\tbool

config LIBLWIP
\tbool "lwip - Lightweight TCP/IP stack"
\tselect HAVE_NW_STACK

if LIBLWIP
config LWIP_TCP_MSS
\tint "Maximum segment size (bytes)"
\tdefault 1460
config LWIP_DEBUG
\tbool "Debug messages"
\tdefault n if !HAVE_NW_STACK
\tdefault n if LIBLWIP
\tdefault y
endif

menuconfig LIBNGINX
\tbool "libnginx - a HTTP and reverse proxy"
\tdefault y
\tselect LIBLWIP

if LIBNGINX
config LIBNGINX_HTTP_SSL
\tbool "SSL module (https)"
\tdefault y
\tselect LIBOPENSSL
\tselect LIBSSL

config LIBNGINX_MAIL
\tbool "Mail proxy"

config LIBNGINX_MAIL_SSL
\tbool "Mail SSL"
\tdepends on LIBNGINX_MAIL
endif
`;

function nginxTree(): KconfigTree {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'Config.uk'), NGINX);
  const config = path.join(dir, '.config');
  const tree = KconfigTree.load('Config.uk', { cwd: dir, flavor: 'unikraft', env: { KCONFIG_CONFIG: config, CONFIG_: 'CONFIG_' } });
  tree.readConfig(config);
  return tree;
}

describe('a symbol selected but defined by no library', () => {
  const tree = nginxTree();
  const message = 'LIBOPENSSL is not defined by any library here — add the library that provides it (e.g. lib-openssl) to L= or the Kraftfile';

  test('ukmenu why LIBOPENSSL says so, with what selects it', () => {
    expect(whyCli(tree, ['LIBOPENSSL'])).toBe(`${message}\n  selected by: LIBNGINX_HTTP_SSL [=y]\n`);
    expect(whyCli(tree, ['CONFIG_LIBSSL'])).toContain('LIBSSL is not defined by any library here — add the library that provides it (e.g. lib-ssl)');
  });

  test('the panel, ? and why on the selecting entry name it', () => {
    expect(texts(infoLines(tree, nodeOf(tree, 'LIBNGINX_HTTP_SSL'))).join('\n')).toContain(message);
    expect(texts(whyLines(tree, 'LIBNGINX_HTTP_SSL')).join('\n')).toContain(message);
    expect(whyCli(tree, ['LIBNGINX_HTTP_SSL'])).toContain(`It selects LIBOPENSSL: ${message}`);
    expect(texts(detailLines(tree, nodeOf(tree, 'LIBNGINX_HTTP_SSL'), 6))).toContain(message);
  });
});

describe('small slips', () => {
  const tree = nginxTree();

  test('the why view\'s header does not repeat its first reason', () => {
    for (const name of ['LIBLWIP', 'LWIP_DEBUG', 'LIBNGINX_MAIL_SSL', 'HAVE_NW_STACK']) {
      const { roots, summary } = whyRoots(tree, name);
      expect(summary, name).not.toBe(roots[0].text);
      expect(summary.startsWith(`${name} = `), name).toBe(true);
    }
  });

  test('forced by select: the panel\'s line is a whole sentence, not "turn it off to change it:"', () => {
    const panel = texts(detailLines(tree, nodeOf(tree, 'LIBLWIP'), 6));
    const line = panel.find((l) => l.startsWith('It is forced to y'))!;
    expect(line).toBe('It is forced to y by select from LIBNGINX [=y]: turn it off to change it.');
    expect(panel.some((l) => /:\s*$/.test(l))).toBe(false);
  });

  test('a default\'s condition value is not read as the default', () => {
    const info = texts(infoLines(tree, nodeOf(tree, 'LWIP_DEBUG')));
    const active = info.find((l) => l.includes('→ default'))!;
    expect(active).toBe('  → default n if LIBLWIP [=y]   (condition = y)');
    expect(info.join('\n')).not.toMatch(/default n if .*\[= y\]/);
    expect(texts(whyLines(tree, 'LWIP_DEBUG')).join('\n')).not.toMatch(/default n if .*\[=y\]$/m);
  });

  test('the way out lists no empty value', () => {
    const text = whyText(explain(tree, 'LIBLWIP'), wayOut(tree, 'LIBLWIP', 'n'));
    expect(text).toContain('LWIP_TCP_MSS: 1460 -> (no value)');
    expect(text).not.toMatch(/-> $/m);
  });

  test('why LIBNGINX_MAIL_SSL does not list the met LIBNGINX as unmet', () => {
    const text = whyCli(tree, ['LIBNGINX_MAIL_SSL']);
    expect(text).toContain('Depends on (unmet: 1 of 2 terms false):');
    expect(text).toMatch(/^ {2}✓ LIBNGINX \[=y\]/m);
    expect(text).toMatch(/^ {2}✗ LIBNGINX_MAIL \[=n\]/m);
  });
});
