// The QEMU command line for a run configuration, and whether KVM really works on this machine.
import { closeSync, openSync } from 'node:fs';
import { execa } from 'execa';
import type { GuestArch, RunConfig } from './config.js';

export type Env = Record<string, string | undefined>;

export function qemuBinary(arch: GuestArch): string {
  return arch === 'arm64' ? 'qemu-system-aarch64' : 'qemu-system-x86_64';
}

export interface Accel {
  kvm: boolean;
  /** Why (for the user): "KVM", "emulation: /dev/kvm cannot be opened (EACCES)", ... */
  reason: string;
}

export interface QemuOptions {
  accel: Accel;
  /** Memory in MiB (default: the run configuration's). */
  memoryMiB?: number;
  /** Kernel command line (-append). */
  append?: string;
  /** More QEMU arguments, appended as given. */
  extra?: string[];
  /** The image (default: the run configuration's). */
  image?: string;
}

export interface QemuCommand {
  program: string;
  args: string[];
}

export function qemuCommand(rc: RunConfig, o: QemuOptions): QemuCommand {
  const program = qemuBinary(rc.arch);
  const args: string[] = [];
  if (rc.arch === 'arm64') args.push('-machine', 'virt');
  if (o.accel.kvm) args.push('-accel', 'kvm', '-cpu', 'host');
  else args.push('-cpu', 'max');
  args.push('-m', `${o.memoryMiB ?? rc.memoryMiB}M`, '-kernel', o.image ?? rc.image, '-nographic', '-no-reboot');
  if (o.append !== undefined && o.append !== '') args.push('-append', o.append);
  if (rc.status.kind === 'debug-exit') args.push('-device', `isa-debug-exit,iobase=${rc.status.iobase},iosize=${rc.status.iosize}`);
  else if (rc.status.kind === 'unikraft-x86') args.push('-device', 'isa-debug-exit');
  args.push(...(o.extra ?? []));
  return { program, args };
}

export function hostArch(): GuestArch | string {
  return process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'arm64' : process.arch;
}

const probeCache = new Map<string, Promise<Accel>>();

/**
 * Whether KVM can run a guest of `arch` here: the guest must be of the host's architecture,
 * /dev/kvm must open read-write, and QEMU must get a vCPU running with it (a /dev/kvm that opens is
 * not enough: nested setups abort on the first MSR write). UKMENU_KVM=0/1 forces the answer.
 */
export function detectAccel(arch: GuestArch, env: Env = process.env): Promise<Accel> {
  const forced = env.UKMENU_KVM;
  if (forced === '0' || forced === 'no' || forced === 'false') return Promise.resolve({ kvm: false, reason: 'emulation (UKMENU_KVM=0)' });
  const key = `${arch}:${forced ?? ''}`;
  let p = probeCache.get(key);
  if (!p) {
    p = probe(arch, env, forced === '1' || forced === 'yes' || forced === 'true');
    probeCache.set(key, p);
  }
  return p;
}

async function probe(arch: GuestArch, env: Env, force: boolean): Promise<Accel> {
  const host = hostArch();
  if (host !== arch) return { kvm: false, reason: `emulation (an ${arch} guest on an ${host} machine)` };
  try {
    closeSync(openSync('/dev/kvm', 'r+'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    const hint = code === 'ENOENT' ? 'no /dev/kvm' : code === 'EACCES' ? '/dev/kvm: permission denied (join the kvm group)' : `/dev/kvm: ${code}`;
    return { kvm: false, reason: `emulation (${hint})` };
  }
  if (force) return { kvm: true, reason: 'KVM (UKMENU_KVM=1)' };
  // Start a VM with KVM running the firmware for a moment, then ask QEMU to quit.
  const args = [...(arch === 'arm64' ? ['-machine', 'virt'] : []), '-accel', 'kvm', '-cpu', 'host', '-m', '16M',
    '-nodefaults', '-display', 'none', '-no-reboot', '-monitor', 'stdio'];
  const child = execa(qemuBinary(arch), args, { env, extendEnv: false, reject: false, stdin: 'pipe', all: true, timeout: 10_000, detached: true });
  child.stdin?.on('error', () => {});
  const timer = setTimeout(() => child.stdin?.end('info status\nquit\n'), 400);
  const r = await child;
  clearTimeout(timer);
  const out = String(r.all ?? '');
  if ((r as { code?: string }).code === 'ENOENT') return { kvm: false, reason: `emulation (${qemuBinary(arch)} not found)` };
  if (r.exitCode === 0 && /VM status: running/.test(out)) return { kvm: true, reason: 'KVM' };
  // QEMU's messages may follow the monitor's prompt on the same line
  const lines = out.split('\n').map((l) => l.replace(/^(\(qemu\)\s*)+/, '').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trim())
    .filter((l) => l !== '' && !/^QEMU \d/.test(l));
  const why = lines.find((l) => /error/i.test(l)) ?? lines.find((l) => /kvm|fail/i.test(l));
  return { kvm: false, reason: `emulation (KVM does not work here${why ? `: ${why.replace(/^qemu-system-\w+: /, '')}` : ''})` };
}

/** Shell words for display and copying. */
export function shellLine(program: string, args: string[]): string {
  const q = (v: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
  return [program, ...args].map(q).join(' ');
}
