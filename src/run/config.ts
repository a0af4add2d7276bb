// What a boot needs from the configuration: architecture, image, how the guest reports its status.
// Values come from the Kconfig engine (the tree the menu edits, or one loaded from .config).
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { KconfigTree } from '../../kconfig/api.js';
import type { Project } from '../project/types.js';

/** Symbol values: y/n/m, numbers and strings (without quotes); undefined for unknown symbols. */
export interface ConfigValues {
  get(name: string): string | undefined;
}

export function treeValues(tree: KconfigTree): ConfigValues {
  return {
    get(name) {
      try {
        return tree.value(name);
      } catch {
        return undefined;
      }
    },
  };
}

export function mapValues(values: Record<string, string>): ConfigValues {
  return { get: (n) => values[n] };
}

export type GuestArch = 'x86_64' | 'arm64';

/** How the guest tells QEMU its exit status. */
export type StatusProtocol =
  /** the bundled example (KVM_DEBUG_EXIT): writes 0x10/0x11 to isa-debug-exit -> 33 success, 35 failure */
  | { kind: 'debug-exit'; iobase: string; iosize: string; success: number; failure: number }
  /** Unikraft's plat/kvm on QEMU/x86: ACPI off (0) or debug-exit 41 (83) on halt, 42 (85) on a crash */
  | { kind: 'unikraft-x86'; success: number[]; crash: number[] }
  /** power off only (arm64 PSCI): QEMU exits with 0 either way; the console tells */
  | { kind: 'poweroff' };

export interface RunConfig {
  arch: GuestArch;
  /** UK_NAME as make uses it for the image. */
  name: string;
  /** Image file names tried in the build folder, best first. */
  images: string[];
  /** The image to boot (the first candidate that exists, else the first). */
  image: string;
  /** KVM_VMM_QEMU / FIRECRACKER; undefined when the core has no VMM choice. */
  vmm?: 'qemu' | 'fc';
  status: StatusProtocol;
  /** Memory for the guest in MiB. */
  memoryMiB: number;
  /** LIBUKRANDOM is on (the x86 HWRNG limitation under emulation). */
  ukrandom: boolean;
  /** PLAT_KVM is on. */
  kvmPlatform: boolean;
  /** The platforms with an image: kvm (QEMU or Firecracker) and xen (PLAT_XEN). */
  platforms: Array<'kvm' | 'xen'>;
  /** The Xen image (plat/xen/Linker.uk: `<name>_xen-<arch>`, `.elf` on arm64), when PLAT_XEN is on. */
  xenImage?: string;
  /** Problems that stop a boot (no platform ukmenu can boot). */
  problems: string[];
}

const unquote = (s: string | undefined) => (s ?? '').replace(/^"(.*)"$/s, '$1').trim();

/**
 * The run configuration of a project from its configuration values. The image name is the one
 * Unikraft's plat/kvm/Linker.uk gives: `$(BUILD_DIR)/$(CONFIG_UK_NAME)_$(KVM_VMM)-$(CONFIG_UK_ARCH)`
 * with KVM_VMM = qemu / fc / kvm (and UK_IMAGE_NAME_OVERWRITE, when set, instead).
 */
export function runConfig(project: Project, values: ConfigValues, env: Record<string, string | undefined> = process.env): RunConfig {
  const y = (n: string) => values.get(n) === 'y';
  const problems: string[] = [];
  let arch: GuestArch;
  if (y('ARCH_ARM_64')) arch = 'arm64';
  else if (y('ARCH_X86_64')) arch = 'x86_64';
  else {
    const a = project.arch === 'arm64' ? 'arm64' : 'x86_64';
    arch = a;
    if (values.get('ARCH_X86_64') !== undefined || values.get('ARCH_ARM_64') !== undefined) {
      problems.push('the configuration selects neither x86_64 nor arm64; ukmenu boots those two only');
    }
  }
  const name = unquote(project.commandLine.N) || unquote(values.get('UK_NAME')) || path.basename(project.appDir);

  let vmm: RunConfig['vmm'];
  const hasVmmChoice = values.get('KVM_VMM_QEMU') !== undefined;
  if (y('KVM_VMM_FIRECRACKER')) vmm = 'fc';
  else if (y('KVM_VMM_QEMU')) vmm = 'qemu';
  const images: string[] = [];
  const overwrite = unquote(env.UK_IMAGE_NAME_OVERWRITE);
  if (overwrite) images.push(overwrite);
  if (vmm) images.push(`${name}_${vmm}-${arch}`);
  else if (hasVmmChoice) images.push(`${name}_kvm-${arch}`);
  else images.push(`${name}_qemu-${arch}`, `${name}_kvm-${arch}`);
  const paths = images.map((i) => path.join(project.buildDir, i));
  const image = paths.find((p) => existsSync(p)) ?? paths[0];

  const kvmPlatform = values.get('PLAT_KVM') === undefined ? true : y('PLAT_KVM');
  const platforms: RunConfig['platforms'] = kvmPlatform ? ['kvm'] : [];
  let xenImage: string | undefined;
  if (y('PLAT_XEN')) {
    platforms.push('xen');
    xenImage = path.join(project.buildDir, overwrite || `${name}_xen-${arch}${arch === 'arm64' ? '.elf' : ''}`);
  }
  // only Xen: that is the image to build and boot
  const bootImage = !kvmPlatform && xenImage ? xenImage : image;
  if (!platforms.length) problems.push('no platform ukmenu can boot is on: turn on PLAT_KVM ("KVM guest" under Platform Configuration) or PLAT_XEN');

  let status: StatusProtocol;
  if (arch === 'x86_64' && y('KVM_DEBUG_EXIT')) {
    const port = values.get('KVM_DEBUG_EXIT_IOPORT') || '0xf4';
    status = { kind: 'debug-exit', iobase: port, iosize: '0x04', success: 33, failure: 35 };
  } else if (arch === 'x86_64' && vmm === 'qemu') {
    // plat/common/x86/cpu_native.c: outw(0x501, 41 or 42) -> QEMU exits with 83 or 85
    status = { kind: 'unikraft-x86', success: [0, 83], crash: [85] };
  } else {
    status = { kind: 'poweroff' };
  }

  // memory: 64 MiB (what Unikraft's run scripts use), more when the configured heap needs it
  let memoryMiB = 64;
  const heapKiB = Number(values.get('LIBUKALLOC_HEAP_SIZE'));
  if (Number.isFinite(heapKiB) && heapKiB > 0) memoryMiB = Math.max(memoryMiB, Math.ceil(heapKiB / 1024) + 32);

  return { arch, name, images: paths, image: bootImage, vmm, status, memoryMiB, ukrandom: y('LIBUKRANDOM'), kvmPlatform, platforms, xenImage, problems };
}
