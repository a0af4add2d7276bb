// The `xl` domain configuration of a Xen image (xl.cfg(5): name, kernel, memory, vcpus, extra,
// ramdisk, vif, p9), written beside the image for `xl create -c FILE`.
import type { NetworkMode } from './network.js';

export interface XenInput {
  name: string;
  kernel: string;
  arch: 'x86_64' | 'arm64';
  memoryMiB: number;
  cmdline: string;
  ramdisk?: string;
  ninep?: { tag: string; path: string };
  network: NetworkMode;
}

/** xl.cfg string: single quotes, a quote or backslash escaped. */
const str = (s: string) => `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;

export function xlConfig(i: XenInput): string {
  const lines = [
    `name = ${str(i.name)}`,
    // Unikraft's x86_64 Xen platform is a PV guest; arm64 guests have one kind only
    ...(i.arch === 'x86_64' ? [`type = 'pv'`] : []),
    `kernel = ${str(i.kernel)}`,
    `memory = ${i.memoryMiB}`,
    'vcpus = 1',
    `extra = ${str(i.cmdline)}`,
  ];
  if (i.ramdisk) lines.push(`ramdisk = ${str(i.ramdisk)}`);
  if (i.ninep) lines.push(`p9 = [ ${str(`tag=${i.ninep.tag},security_model=none,path=${i.ninep.path}`)} ]`);
  if (i.network.kind === 'bridge') lines.push(`vif = [ ${str(`bridge=${i.network.bridge}`)} ]`);
  lines.push(`on_poweroff = 'destroy'`, `on_crash = 'destroy'`, `on_reboot = 'destroy'`);
  return lines.join('\n') + '\n';
}
