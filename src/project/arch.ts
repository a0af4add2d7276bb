// Architecture names exactly as Unikraft's Makefile derives them (HOSTARCH, CONFIG_UK_ARCH, UK_FAMILY).
import { textHash } from '../textHash.js';
import * as fs from 'node:fs';
import { cachedAnswer, findOnPath, storeAnswer } from './queryCache.js';
import { discardProbe, markHostCcKnown, probedOutput } from './hostCcProbe.js';
import { traceStage } from '../startTrace.js';
import { runToFiles } from './runToFiles.js';

type Sed = [RegExp, string, RegExp?];

// The `sed -e` chain the Makefile applies to gcc's "Target:" triple and to ARCH. Each `s/a/b/`
// replaces the first match only; the `/arm64/! s/arm.*/arm/` line is the only addressed one.
const ARCH_SEDS: Sed[] = [
  [/i.86/, 'x86'],
  [/sun4u/, 'sparc64'],
  [/arm64.*/, 'arm64'],
  [/aarch64.*/, 'arm64'],
  [/arm.*/, 'arm', /arm64/],
  [/sa110/, 'arm'],
  [/ppc64/, 'powerpc64'],
  [/ppc/, 'powerpc'],
  [/macppc/, 'powerpc'],
  [/sh.*/, 'sh'],
];

function applySeds(value: string, seds: Sed[]): string {
  let v = value;
  for (const [re, to, unless] of seds) {
    if (unless && unless.test(v)) continue;
    v = v.replace(re, to);
  }
  return v;
}

/** HOSTARCH from the text of `gcc -v` (its `Target:` line), as the Makefile's sed does it. */
export function hostArchFromGccVersion(text: string): string {
  for (const line of text.split('\n')) {
    const m = /^Target: ([^-]*)/.exec(line);
    if (m) return applySeds(m[1], ARCH_SEDS);
  }
  return '';
}

/** CONFIG_UK_ARCH from ARCH or HOSTARCH: drop everything from the first "-", then the same chain. */
export function normalizeArch(arch: string): string {
  return applySeds(arch.replace(/-.*/, ''), ARCH_SEDS);
}

/** UK_FAMILY from CONFIG_UK_ARCH. */
export function archFamily(arch: string): string {
  return applySeds(arch.replace(/-.*/, ''), [
    [/x86.*/, 'x86'],
    [/sparc64/, 'sparc'],
    [/arm.*/, 'arm'],
    [/powerpc.*/, 'powerpc'],
    [/sh.*/, 'sh'],
  ]);
}

/** `ukarch_str2cfg` of arch/Makefile.rules: x86_64 -> CONFIG_ARCH_X86_64, arm64 -> CONFIG_ARCH_ARM_64, arm -> CONFIG_ARCH_ARM_32. */
export function archConfigSymbol(arch: string): string {
  return 'CONFIG_ARCH_' + arch.replace(/arm64/g, 'ARM_64').replace(/arm/g, 'ARM_32').toUpperCase();
}

function nodeHostArch(): string {
  switch (process.arch) {
    case 'x64': return 'x86_64';
    case 'arm64': return 'arm64';
    case 'arm': return 'arm';
    case 'ia32': return 'x86';
    default: return process.arch;
  }
}

/**
 * The key under which the compiler's answer is kept between runs, or undefined when it must run: a
 * compiled gcc prints the target it was built for, so the binary itself (where the PATH finds it,
 * what that resolves to, inode, size, modification and change times) is the key. A script (a
 * wrapper that could print anything), a program not found, or UKMENU_ASK_MAKE=1 always runs.
 */
export function hostCompilerKey(cc: string, env: Record<string, string | undefined>): string | undefined {
  if (env.UKMENU_ASK_MAKE === '1') return undefined;
  const found = findOnPath(cc, env);
  if (!found.includes('/')) return undefined;
  try {
    const real = fs.realpathSync(found);
    const st = fs.statSync(real);
    const head = Buffer.alloc(4);
    const fd = fs.openSync(real, 'r');
    try {
      fs.readSync(fd, head, 0, 4, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (!st.isFile() || head.toString('latin1') !== '\x7fELF') return undefined;
    return textHash(JSON.stringify(['$(HOSTCC) -v', cc, found, real, st.dev, st.ino, st.size, st.mtimeMs, st.ctimeMs]));
  } catch {
    return undefined;
  }
}

/**
 * HOSTARCH as the Makefile computes it: `LC_ALL=C $(HOSTCC) -v` (HOSTCC from the environment, else gcc).
 * Falls back to Node's idea of the machine when there is no compiler. The answer of a compiled
 * compiler is kept between runs (hostCompilerKey): gcc then does not run on every open.
 */
export async function detectHostArch(env: Record<string, string | undefined>): Promise<string> {
  const cc = env.HOSTCC && env.HOSTCC.trim() !== '' ? env.HOSTCC.trim() : 'gcc';
  const key = hostCompilerKey(cc, env);
  const kept = key ? cachedAnswer<{ hostArch?: unknown }>(key, env) : undefined;
  if (typeof kept?.hostArch === 'string' && kept.hostArch !== '') {
    traceStage(`${cc} -v: its answer kept`);
    discardProbe();
    if (cc === 'gcc') markHostCcKnown(env);
    return kept.hostArch;
  }
  // asked by bin/ukmenu before Node started (hostCcProbe.ts), else here: node's child_process, not
  // execa (this is on the start-up path of every app command), with files (runToFiles.ts)
  let all = await probedOutput(cc, env);
  traceStage(all !== undefined ? 'gcc -v: the answer of bin/ukmenu\'s probe' : `${cc} -v: run`);
  if (all === undefined) {
    const run = await runToFiles(cc, ['-v'], { env: { ...env, LC_ALL: 'C' } as NodeJS.ProcessEnv, timeout: 10_000, encoding: 'utf8' });
    all = `${run.stdout}${run.stderr}`;
  }
  const arch = hostArchFromGccVersion(all);
  if (arch === '') return nodeHostArch();
  if (key) {
    storeAnswer(key, { hostArch: arch }, env);
    if (cc === 'gcc') markHostCcKnown(env);
  }
  return arch;
}
