// The parts of a boot plan the run view lets the user change, each as one line of text: what the
// line shows for the current choices, and the choices a typed line gives (or a UkmenuError).
import path from 'node:path';
import { UkmenuError } from '../project/errors.js';
import { quoteWord } from './args.js';
import { splitWords } from '../project/split-words.js';
import { formatNetworkMode, formatPort, parseNetworkMode, parsePort } from './network.js';
import type { RunChoices } from './plan.js';

export interface PlanField {
  key: string;
  label: string;
  hint: string;
  text(c: RunChoices): string;
  apply(c: RunChoices, text: string, appDir: string): RunChoices;
}

/** Kernel arguments as one line: library parameters, then -- and the application's arguments. */
export function argsText(c: RunChoices): string {
  const lib = c.libParams.map(quoteWord);
  if (!c.appArgs) return lib.join(' ');
  return [...lib, '--', ...c.appArgs.map(quoteWord)].join(' ');
}

export function applyArgsText(c: RunChoices, text: string): RunChoices {
  const words = splitWords(text);
  const dd = words.indexOf('--');
  if (dd < 0) return { ...c, libParams: words, appArgs: undefined };
  return { ...c, libParams: words.slice(0, dd), appArgs: words.slice(dd + 1) };
}

export const PLAN_FIELDS: PlanField[] = [
  {
    key: 'a', label: 'Kernel arguments',
    hint: 'library parameters, then -- and the application\'s arguments; nothing after --: the Kraftfile\'s cmd: is not used; no --: it is',
    text: argsText,
    apply: (c, t) => applyArgsText(c, t),
  },
  {
    key: 'f', label: 'Root filesystem',
    hint: 'a folder or a CPIO archive; empty: the Kraftfile\'s rootfs:, else the app\'s rootfs/ folder',
    text: (c) => c.rootfs?.path ?? '',
    apply: (c, t, appDir) => ({ ...c, rootfs: t.trim() ? { path: path.resolve(appDir, t.trim()), from: 'chosen in the run view' } : undefined }),
  },
  {
    key: 'p', label: 'Port forwards',
    hint: 'HOST:GUEST or HOST:GUEST/udp, separated by spaces (user-mode network)',
    text: (c) => c.ports.map(formatPort).join(' '),
    apply: (c, t) => ({ ...c, ports: t.split(/[\s,]+/).filter(Boolean).map(parsePort) }),
  },
  {
    key: 'n', label: 'Network',
    hint: 'user, bridge:NAME, tap:NAME or none; empty: user-mode when the image has a network card',
    text: (c) => (c.network ? formatNetworkMode(c.network) : ''),
    apply: (c, t) => ({ ...c, network: t.trim() ? parseNetworkMode(t.trim()) : undefined }),
  },
  {
    key: 'm', label: 'Memory (MiB)',
    hint: 'empty: 64 MiB, or more for a large configured heap',
    text: (c) => (c.memoryMiB ? String(c.memoryMiB) : ''),
    apply: (c, t) => {
      if (!t.trim()) return { ...c, memoryMiB: undefined };
      if (!/^\d+$/.test(t.trim()) || Number(t) === 0) throw new UkmenuError(`memory: a number of MiB, not "${t.trim()}"`);
      return { ...c, memoryMiB: Number(t) };
    },
  },
];
