// Architecture names exactly as Unikraft's Makefile derives them (HOSTARCH, CONFIG_UK_ARCH, UK_FAMILY).
import { execFile } from 'node:child_process';

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
 * HOSTARCH as the Makefile computes it: `LC_ALL=C $(HOSTCC) -v` (HOSTCC from the environment, else gcc).
 * Falls back to Node's idea of the machine when there is no compiler.
 */
export async function detectHostArch(env: Record<string, string | undefined>): Promise<string> {
  const cc = env.HOSTCC && env.HOSTCC.trim() !== '' ? env.HOSTCC.trim() : 'gcc';
  // node's child_process, not execa: this is on the start-up path of every app command
  const all = await new Promise<string>((resolve) => {
    execFile(cc, ['-v'], { env: { ...env, LC_ALL: 'C' } as NodeJS.ProcessEnv, timeout: 10_000, encoding: 'utf8' }, (_err, stdout, stderr) => resolve(`${stdout ?? ''}${stderr ?? ''}`));
  });
  const arch = hostArchFromGccVersion(all);
  return arch !== '' ? arch : nodeHostArch();
}
