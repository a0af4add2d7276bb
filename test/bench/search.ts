// `npm run bench`, search and why on the Linux 6.1 x86 tree (x86_64_defconfig): search latency per
// keystroke (queries typed one character at a time, 1 to 12 characters, as in the menu: the index
// kept between keystrokes), wall and CPU time with the garbage collector's share and the load
// average, and as a ratio to a fixed piece of plain work timed in the same run (a busy machine
// slows both); and the time to explain the deepest select chain of the configuration and to plan
// turning it off.
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
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

/** A fixed amount of plain work, timed between keystrokes: what this machine gives right now. */
function referenceWork(texts: string[]): number {
  const t0 = performance.now();
  let n = 0;
  for (let round = 0; round < 4; round++) for (const t of texts) if (t.includes('qz') || t.indexOf('_') > 3) n++;
  return n >= 0 ? performance.now() - t0 : 0;
}

export function benchSearchAndWhy(): void {
  const env = linuxEnv('x86', { KCONFIG_CONFIG: '/nonexistent/.config' });
  const tree = KconfigTree.load('Kconfig', { cwd: LINUX_TREE, env, flavor: 'linux' });
  tree.readConfig(path.join(LINUX_TREE, linuxDefconfig('x86')));

  let t0 = performance.now();
  const idx = new SearchIndex(tree).build();
  const build = performance.now() - t0;
  const texts = tree.allNodes().map((n) => `${n.symbol ?? ''} ${n.prompt ?? ''} ${n.help ?? ''}`.toLowerCase());
  const wall: number[] = [];
  const cpu: number[] = [];
  const ref: number[] = [];
  const byLen: number[][] = Array.from({ length: 13 }, () => []);
  // garbage collection while the keystrokes run (each pause, as V8 records it)
  const gc = new v8.GCProfiler();
  gc.start();
  const load = os.loadavg()[0];
  const started = performance.now();
  for (let round = 0; round < 3; round++) {
    for (const query of QUERIES) {
      ref.push(referenceWork(texts));
      for (let i = 1; i <= Math.min(12, query.length); i++) {
        const c0 = process.cpuUsage();
        const s = performance.now();
        idx.find(query.slice(0, i));
        const d = performance.now() - s;
        const c = process.cpuUsage(c0);
        wall.push(d);
        cpu.push((c.user + c.system) / 1000);
        byLen[i].push(d);
      }
    }
  }
  const searching = wall.reduce((a, b) => a + b, 0);
  const pauses = gc.stop()?.statistics ?? [];
  const gcMs = pauses.reduce((sum, p) => sum + p.cost, 0) / 1000;
  console.log(`\nLinux x86 search (${idx.size} entries; index build + warm-up ${ms(build)}), ${wall.length} keystrokes of ${QUERIES.length} queries x 3, load average ${load.toFixed(1)} on ${os.cpus().length} CPUs:`);
  console.log(`  per keystroke  wall p50 ${ms(q(wall, 0.5))}, p95 ${ms(q(wall, 0.95))}, max ${ms(q(wall, 1))}   (target p95 <= 30 ms)`);
  console.log(`                 CPU  p50 ${ms(q(cpu, 0.5))}, p95 ${ms(q(cpu, 0.95))}; GC ${ms(gcMs)} (${pauses.length} pauses) in ${ms(performance.now() - started)} (searching ${ms(searching)})`);
  console.log(`  p95 wall by query length: ${byLen.slice(1).map((xs, i) => `${i + 1}:${q(xs, 0.95).toFixed(1)}`).join(' ')}`);
  console.log(`  reference work (4 plain scans of every entry's text, timed between queries) median ${ms(q(ref, 0.5))}: keystroke p95 = ${(q(wall, 0.95) / q(ref, 0.5)).toFixed(2)} x that`);

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
