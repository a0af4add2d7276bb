// The run view's choices remembered per application (root filesystem, arguments, library
// parameters, ports, network, memory, platform), kept with `conf` in ukmenu's config folder
// (run.json beside the menu's preferences). Tests pass `cwd`, or use the memory store.
import Conf from 'conf';
import { parseNetworkMode, parsePort, formatNetworkMode, formatPort } from './network.js';
import { NO_CHOICES, type RunChoices } from './plan.js';

/** What is stored for one app: plain JSON values, re-parsed (and dropped when malformed) on load. */
export interface RunPrefs {
  rootfs?: string;
  appArgs?: string[];
  libParams?: string[];
  ports?: string[];
  network?: string;
  memoryMiB?: number;
  plat?: 'kvm' | 'xen';
}

export interface RunPrefStore {
  get(appDir: string): RunPrefs;
  set(appDir: string, p: RunPrefs): void;
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : undefined);

/** The choices a stored record gives; anything malformed is left out. */
export function choicesFromPrefs(p: RunPrefs): RunChoices {
  const c: RunChoices = { ...NO_CHOICES, ports: [], libParams: strings(p.libParams) ?? [], qemuArgs: [] };
  if (typeof p.rootfs === 'string' && p.rootfs) c.rootfs = { path: p.rootfs, from: 'remembered for this app' };
  const args = strings(p.appArgs);
  if (args) c.appArgs = args;
  for (const s of strings(p.ports) ?? []) {
    try { c.ports.push(parsePort(s)); } catch { /* dropped */ }
  }
  if (typeof p.network === 'string') {
    try { c.network = parseNetworkMode(p.network); } catch { /* dropped */ }
  }
  if (typeof p.memoryMiB === 'number' && Number.isInteger(p.memoryMiB) && p.memoryMiB > 0) c.memoryMiB = p.memoryMiB;
  if (p.plat === 'kvm' || p.plat === 'xen') c.plat = p.plat;
  return c;
}

export function prefsFromChoices(c: RunChoices): RunPrefs {
  const p: RunPrefs = {};
  if (c.rootfs) p.rootfs = c.rootfs.path;
  if (c.appArgs) p.appArgs = c.appArgs;
  if (c.libParams.length) p.libParams = c.libParams;
  if (c.ports.length) p.ports = c.ports.map(formatPort);
  if (c.network) p.network = formatNetworkMode(c.network);
  if (c.memoryMiB) p.memoryMiB = c.memoryMiB;
  if (c.plat) p.plat = c.plat;
  return p;
}

export function memoryRunPrefs(): RunPrefStore {
  const m = new Map<string, RunPrefs>();
  return { get: (a) => m.get(a) ?? {}, set: (a, p) => { m.set(a, p); } };
}

/** Persisted with `conf`; falls back to memory when the file cannot be used (read-only home). */
export function confRunPrefs(opts: { cwd?: string } = {}): RunPrefStore {
  let store: Conf<{ apps: Record<string, RunPrefs> }>;
  try {
    store = new Conf({ projectName: 'ukmenu', configName: 'run', ...(opts.cwd ? { cwd: opts.cwd } : {}), defaults: { apps: {} }, clearInvalidConfig: true, accessPropertiesByDotNotation: false });
  } catch {
    return memoryRunPrefs();
  }
  const fallback = memoryRunPrefs();
  return {
    get: (a) => {
      const apps = store.get('apps');
      return (apps && typeof apps === 'object' && apps[a]) || fallback.get(a);
    },
    set: (a, p) => {
      fallback.set(a, p);
      try {
        store.set('apps', { ...store.get('apps'), [a]: p });
      } catch {
        // read-only config folder: remembered for this session only
      }
    },
  };
}
