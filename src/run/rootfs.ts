// Which root filesystem the image mounts (from its .config), where it comes from (--rootfs, the
// Kraftfile's rootfs:, the app's rootfs/ folder) and whether this configuration can mount it.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { UkmenuError } from '../project/errors.js';
import type { ConfigValues } from './config.js';

export type RootfsNeed =
  /** an initrd (CPIO) handed to the VMM; `symbol` is the option that asks for it */
  | { kind: 'initrd'; symbol: string }
  /** a folder shared over virtio-9p with this mount tag */
  | { kind: '9p'; tag: string; symbol: string }
  /** a CPIO archive linked into the image: nothing to pass */
  | { kind: 'embedded'; symbol: string; archive: string }
  | { kind: 'none' };

const unquote = (s: string | undefined) => (s ?? '').replace(/^"(.*)"$/s, '$1');

/** The root filesystem the configuration mounts at boot (lib/vfscore/Config.uk of 0.17, and the older LIBVFSCORE_ROOTFS). */
export function rootfsNeed(values: ConfigValues): RootfsNeed {
  const y = (n: string) => values.get(n) === 'y';
  if (!y('LIBVFSCORE')) return { kind: 'none' };
  if (y('LIBVFSCORE_AUTOMOUNT_CI')) {
    if (y('LIBVFSCORE_AUTOMOUNT_CI_INITRD')) return { kind: 'initrd', symbol: 'LIBVFSCORE_AUTOMOUNT_CI_INITRD' };
    if (y('LIBVFSCORE_AUTOMOUNT_CI_9PFS')) return { kind: '9p', tag: unquote(values.get('LIBVFSCORE_AUTOMOUNT_CI_9PFS_TAG')) || 'fs0', symbol: 'LIBVFSCORE_AUTOMOUNT_CI_9PFS' };
    if (y('LIBVFSCORE_AUTOMOUNT_CI_EINITRD')) return { kind: 'embedded', symbol: 'LIBVFSCORE_AUTOMOUNT_CI_EINITRD', archive: unquote(values.get('LIBVFSCORE_AUTOMOUNT_EINITRD_PATH')) };
    if (y('LIBVFSCORE_AUTOMOUNT_CI_CUSTOM')) {
      // the custom table's entries: a 9pfs volume or an extract of initrd0
      for (let i = 0; i < 4; i++) {
        const drv = unquote(values.get(`LIBVFSCORE_AUTOMOUNT_CI${i}_DRIVER`));
        const dev = unquote(values.get(`LIBVFSCORE_AUTOMOUNT_CI${i}_DEV`));
        if (drv === '9pfs') return { kind: '9p', tag: dev || 'fs0', symbol: `LIBVFSCORE_AUTOMOUNT_CI${i}_DRIVER` };
        if (drv === 'extract' && dev === 'initrd0') return { kind: 'initrd', symbol: `LIBVFSCORE_AUTOMOUNT_CI${i}_DEV` };
      }
    }
  }
  if (y('LIBVFSCORE_AUTOMOUNT_UP') && y('LIBVFSCORE_AUTOMOUNT_FB')) {
    if (y('LIBVFSCORE_AUTOMOUNT_FB_INITRD') || y('LIBVFSCORE_AUTOMOUNT_FB_INITRD_EXTRACT')) return { kind: 'initrd', symbol: 'LIBVFSCORE_AUTOMOUNT_FB_INITRD' };
    if (y('LIBVFSCORE_AUTOMOUNT_FB_9PFS')) return { kind: '9p', tag: unquote(values.get('LIBVFSCORE_AUTOMOUNT_FB_9PFS_TAG')) || 'fs0', symbol: 'LIBVFSCORE_AUTOMOUNT_FB_9PFS' };
    if (y('LIBVFSCORE_AUTOMOUNT_FB_EINITRD') || y('LIBVFSCORE_AUTOMOUNT_FB_EINITRD_EXTRACT')) {
      return { kind: 'embedded', symbol: 'LIBVFSCORE_AUTOMOUNT_FB_EINITRD', archive: unquote(values.get('LIBVFSCORE_AUTOMOUNT_EINITRD_PATH')) };
    }
  }
  // cores before the automount rework (≤ 0.13): LIBVFSCORE_AUTOMOUNT_ROOTFS with LIBVFSCORE_ROOTFS / ROOTDEV
  const old = unquote(values.get('LIBVFSCORE_ROOTFS'));
  if (y('LIBVFSCORE_AUTOMOUNT_ROOTFS') || old) {
    if (old === 'initrd' || y('LIBVFSCORE_ROOTFS_INITRD')) return { kind: 'initrd', symbol: 'LIBVFSCORE_ROOTFS' };
    if (old === '9pfs' || y('LIBVFSCORE_ROOTFS_9PFS')) return { kind: '9p', tag: unquote(values.get('LIBVFSCORE_ROOTDEV')) || 'fs0', symbol: 'LIBVFSCORE_ROOTFS' };
  }
  return { kind: 'none' };
}

/**
 * Why a 9p root cannot be mounted by this image, or null: it needs the virtio 9p driver and a
 * virtio transport QEMU offers for the architecture (PCI; on arm64 also MMIO).
 */
export function ninePProblem(values: ConfigValues, arch: string): string | null {
  const y = (n: string) => values.get(n) === 'y';
  if (!y('LIBVIRTIO_9P')) return 'the configuration mounts its root filesystem over 9p but has no virtio 9p driver: turn on LIBVIRTIO_9P (Drivers > Virtio > Virtio 9P device)';
  const pci = y('LIBVIRTIO_PCI') && y('LIBUKBUS_PCI');
  if (!pci && !(arch === 'arm64' && y('LIBVIRTIO_MMIO'))) {
    return 'the configuration mounts its root filesystem over 9p but has no PCI bus for the virtio 9p device: turn on LIBUKBUS_PCI and LIBVIRTIO_PCI';
  }
  return null;
}

/** Where the root filesystem comes from. */
export interface RootfsSource {
  path: string;
  kind: 'folder' | 'cpio';
  /** "--rootfs", "Kraftfile rootfs: (FILE)", "the app's rootfs/ folder", "preferences". */
  from: string;
}

function isCpio(file: string): boolean {
  const b = Buffer.alloc(6);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, b, 0, 6, 0) === 6 && (b.toString('ascii') === '070701' || b.toString('ascii') === '070702');
  } finally {
    closeSync(fd);
  }
}

/** Checks a given root filesystem path: an existing folder, or a CPIO newc archive. */
export function checkRootfs(p: string, from: string): RootfsSource {
  if (!existsSync(p)) throw new UkmenuError(`the root filesystem ${p} (${from}) does not exist`, ['fix: give a folder or a CPIO archive with --rootfs PATH']);
  if (statSync(p).isDirectory()) return { path: p, kind: 'folder', from };
  if (/^Dockerfile/i.test(path.basename(p))) {
    throw new UkmenuError(`the root filesystem ${p} (${from}) is a Dockerfile, which ukmenu does not build`, ['fix: build it into a folder (e.g. docker export), then --rootfs FOLDER']);
  }
  if (!isCpio(p)) throw new UkmenuError(`the root filesystem ${p} (${from}) is neither a folder nor a CPIO newc archive`, ['fix: give a folder (ukmenu archives it) or a file made with cpio -H newc']);
  return { path: p, kind: 'cpio', from };
}

/** The first of --rootfs (or a remembered choice), the Kraftfile's rootfs: (or its root volume), the app's rootfs/ folder. */
export function findRootfs(o: { explicit?: { path: string; from: string }; kraftfile?: { path: string; from: string }; appDir: string }): RootfsSource | null {
  if (o.explicit) return checkRootfs(o.explicit.path, o.explicit.from);
  if (o.kraftfile) return checkRootfs(o.kraftfile.path, o.kraftfile.from);
  const dir = path.join(o.appDir, 'rootfs');
  if (existsSync(dir) && statSync(dir).isDirectory()) return { path: dir, kind: 'folder', from: "the app's rootfs/ folder" };
  return null;
}
