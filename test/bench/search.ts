// `npm run bench`, search and why on the Linux 6.1 x86 tree (x86_64_defconfig): search latency per
// keystroke (queries typed one character at a time, 1 to 12 characters, as in the menu: the index
// kept between keystrokes), and the time to explain the deepest select chain of the configuration
// and to plan turning it off.
import * as path from 'node:path';
import { KconfigTree } from '../../kconfig/api.js';
import { explain, wayOut } from '../../kconfig/explain.js';
import { SearchIndex } from '../../src/search/index.js';
import { LINUX_TREE, linuxDefconfig, linuxEnv } from '../oracle/oracle.js';

const QUERIES = [
  'netfilter', 'usb_storage', 'debug info', 'kasan', 'CONFIG_BLK_DEV', 'ext4 encryption', 'virtio_net',
  'tcp congestion', 'kernel hacking', 'preempt', 'framebuffer', 'ipv6 tunnel', 'netfiltr', 'sched_mc',
  'printk time', 'hugetlb', 'bpf jit', 'nvme', 'e1000e', 'cgroup', 'kvm amd', 'sound hda', 'btrfs', 'selinux',
  'watchdog', 'i2c hid', 'numa', 'crypto sha256', 'wireguard', 'amdgpu',
];

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

export function benchSearchAndWhy(): void {
  const env = linuxEnv('x86', { KCONFIG_CONFIG: '/nonexistent/.config' });
  const tree = KconfigTree.load('Kconfig', { cwd: LINUX_TREE, env, flavor: 'linux' });
  tree.readConfig(path.join(LINUX_TREE, linuxDefconfig('x86')));

  let t0 = performance.now();
  const idx = new SearchIndex(tree).build();
  const build = performance.now() - t0;
  const all: number[] = [];
  const byLen: number[][] = Array.from({ length: 13 }, () => []);
  for (let round = 0; round < 3; round++) {
    for (const query of QUERIES) {
      for (let i = 1; i <= Math.min(12, query.length); i++) {
        const s = performance.now();
        idx.find(query.slice(0, i));
        const d = performance.now() - s;
        all.push(d);
        byLen[i].push(d);
      }
    }
  }
  console.log(`\nLinux x86 search (${idx.size} entries; index build + warm-up ${ms(build)}), ${all.length} keystrokes of ${QUERIES.length} queries x 3:`);
  console.log(`  per keystroke  p50 ${ms(q(all, 0.5))}, p95 ${ms(q(all, 0.95))}, max ${ms(q(all, 1))}   (target p95 <= 30 ms)`);
  console.log(`  p95 by query length: ${byLen.slice(1).map((xs, i) => `${i + 1}:${q(xs, 0.95).toFixed(1)}`).join(' ')}`);

  // the deepest chain of active selects in this configuration
  const depth = new Map<string, number>();
  const chain = (name: string, seen: Set<string>): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (seen.has(name)) return 0;
    seen.add(name);
    let d = 0;
    for (const s of explain(tree, name, { maxDepth: 0 }).selectedBy) if (s.value !== 'n') d = Math.max(d, 1 + chain(s.symbol, seen));
    seen.delete(name);
    depth.set(name, d);
    return d;
  };
  let deepest = '';
  for (const name of tree.symbolNames()) if (chain(name, new Set()) > (depth.get(deepest) ?? -1)) deepest = name;
  const times: number[] = [];
  let reasons = 0;
  for (let i = 0; i < 20; i++) {
    t0 = performance.now();
    const e = explain(tree, deepest);
    times.push(performance.now() - t0);
    const count = (rs: typeof e.because): number => rs.reduce((n, r) => n + 1 + count(r.children), 0);
    reasons = count(e.because);
  }
  t0 = performance.now();
  const plan = wayOut(tree, deepest, 'n');
  const planMs = performance.now() - t0;
  console.log(`Linux x86 why: deepest select chain ${deepest} (${depth.get(deepest)} levels, ${reasons} reasons in the tree): explain median ${ms(q(times, 0.5))}, max ${ms(q(times, 1))}`);
  console.log(`  way out (${deepest}=n): ${plan.ok ? `${plan.edits.length} edits, ${plan.changes.length} values change` : `none (${plan.problem})`}, ${ms(planMs)}`);
}
