// The programs a build and a boot need, and what to install when one is missing.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { UkmenuError } from '../project/errors.js';

export type Env = Record<string, string | undefined>;

/** Debian packages of the programs ukmenu starts (or that make starts for a build). */
const DEBIAN: Record<string, string> = {
  make: 'make',
  gcc: 'gcc',
  cc: 'gcc',
  objcopy: 'binutils',
  ld: 'binutils',
  'aarch64-linux-gnu-gcc': 'gcc-aarch64-linux-gnu',
  'aarch64-linux-gnu-objcopy': 'binutils-aarch64-linux-gnu',
  'aarch64-linux-gnu-ld': 'binutils-aarch64-linux-gnu',
  'x86_64-linux-gnu-gcc': 'gcc-x86-64-linux-gnu',
  'x86_64-linux-gnu-objcopy': 'binutils-x86-64-linux-gnu',
  'x86_64-linux-gnu-ld': 'binutils-x86-64-linux-gnu',
  'qemu-system-x86_64': 'qemu-system-x86',
  'qemu-system-aarch64': 'qemu-system-arm',
};

/** The Debian package that provides `program`, if ukmenu knows it. */
export function debianPackage(program: string): string | undefined {
  return DEBIAN[path.basename(program)];
}

/** Finds `program` like the shell does (a name on PATH, or a path); undefined when it is not there. */
export function findProgram(program: string, env: Env = process.env): string | undefined {
  const executable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (program.includes('/')) return executable(program) ? program : undefined;
  for (const dir of (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':')) {
    const p = path.join(dir === '' ? '.' : dir, program);
    if (executable(p)) return p;
  }
  return undefined;
}

export interface ToolNeed {
  program: string;
  /** What it is for, in a few words ("the build", "arm64 images (cross compiler)"). */
  why: string;
}

/** The error for missing programs: which ones, what for, and the apt-get line that installs them. */
export function missingToolsError(missing: ToolNeed[]): UkmenuError {
  const pkgs = [...new Set(missing.map((m) => debianPackage(m.program)).filter((p): p is string => !!p))];
  const names = missing.map((m) => m.program);
  const lines = missing.map((m) => {
    const pkg = debianPackage(m.program);
    return `${m.program}: needed for ${m.why}${pkg ? ` (Debian/Ubuntu package ${pkg})` : ''}`;
  });
  if (pkgs.length) lines.push(`fix: apt-get install ${pkgs.join(' ')}`);
  else lines.push('fix: install it, or put it on PATH');
  return new UkmenuError(`${names.length === 1 ? `${names[0]} is` : `${names.join(', ')} are`} not installed (or not on PATH)`, lines);
}

/** Throws missingToolsError for the programs of `needs` that are not found. */
export function requireTools(needs: ToolNeed[], env: Env = process.env): void {
  const missing = needs.filter((n) => !findProgram(n.program, env));
  if (missing.length) throw missingToolsError(missing);
}
