// The boot plan: what the image needs (root filesystem, arguments, network, VMM) worked out from
// its .config, the app (Kraftfile, rootfs/) and the user's choices; shown by --print and the run
// view before anything starts, then made real (archive and VMM files written) by writePlanFiles.
import { childProcess } from '../../kconfig/childProcess.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findProgram } from '../build/tools.js';
import { UkmenuError } from '../project/errors.js';
import type { Project } from '../project/types.js';
import { kernelCmdline, type Cmdline } from './args.js';
import type { ConfigValues, RunConfig } from './config.js';
import { writeCpioOf } from './cpio.js';
import { firecrackerArgs, firecrackerConfig } from './firecracker.js';
import { loadKraftfile } from '../project/kraftfile.js';
import { rootVolume } from './root-volume.js';
import { formatNetworkMode, formatPort, guestAddress, networkCard, qemuNetworkArgs, type GuestAddress, type NetworkMode, type PortForward } from './network.js';
import { qemuCommand, shellLine, type Accel, type QemuCommand } from './qemu.js';
import { findRootfs, ninePProblem, rootfsNeed, type RootfsNeed, type RootfsSource } from './rootfs.js';
import { xlConfig } from './xen.js';

/** What the user chose (command line, run view, remembered preferences). */
export interface RunChoices {
  rootfs?: { path: string; from: string };
  ports: PortForward[];
  network?: NetworkMode;
  memoryMiB?: number;
  /** Library parameters (-a), placed before "--". */
  libParams: string[];
  /** The application's arguments (after --); undefined: the Kraftfile's cmd:. */
  appArgs?: string[];
  plat?: 'kvm' | 'xen';
  /** More QEMU arguments (--qemu-arg). */
  qemuArgs: string[];
}

export const NO_CHOICES: RunChoices = { ports: [], libParams: [], qemuArgs: [] };

export type Vmm = 'qemu' | 'firecracker' | 'xen';

export interface PlanFile {
  path: string;
  what: string;
  /** Contents (VMM configurations); undefined for the initrd archive, made from `from`. */
  text?: string;
  from?: string;
}

export interface BootPlan {
  vmm: Vmm;
  plat: 'kvm' | 'xen';
  arch: RunConfig['arch'];
  image: string;
  memoryMiB: number;
  rootfs: { need: RootfsNeed; source: RootfsSource | null; /** the file handed to the VMM as initrd */ initrd?: string };
  args: { app: string[]; appFrom: string; libParams: string[]; cmdline: Cmdline };
  network: { mode: NetworkMode; card: { device: string } | null; ports: PortForward[]; address: GuestAddress | null };
  command: QemuCommand;
  files: PlanFile[];
  /** Why the VMM cannot run here (then the command is printed, not run). */
  missing: string[];
  notes: string[];
}

export interface PlanInput {
  project: Project;
  values: ConfigValues;
  rc: RunConfig;
  accel: Accel;
  env: Record<string, string | undefined>;
}

function chooseVmm(rc: RunConfig, plat: 'kvm' | 'xen' | undefined, notes: string[]): { vmm: Vmm; plat: 'kvm' | 'xen' } {
  const has = (p: 'kvm' | 'xen') => rc.platforms.includes(p);
  if (plat && !has(plat)) {
    throw new UkmenuError(`--plat ${plat}: the configuration has no ${plat === 'xen' ? 'Xen (PLAT_XEN)' : 'KVM (PLAT_KVM)'} image`, [`it builds: ${rc.platforms.join(', ') || 'none'}`], 2);
  }
  const p = plat ?? (has('kvm') ? 'kvm' : 'xen');
  if (!plat && rc.platforms.length > 1) notes.push(`the build also makes a ${p === 'kvm' ? 'Xen' : 'KVM'} image: choose it with --plat ${p === 'kvm' ? 'xen' : 'kvm'} (P in the run view)`);
  if (p === 'xen') return { vmm: 'xen', plat: p };
  return { vmm: rc.vmm === 'fc' ? 'firecracker' : 'qemu', plat: p };
}

/** The boot plan; throws a UkmenuError (one clear sentence) when the image cannot be booted as asked. */
export function bootPlan(i: PlanInput, c: RunChoices): BootPlan {
  const { rc, values, project } = i;
  const notes: string[] = [];
  if (rc.problems.length) throw new UkmenuError('cannot boot this configuration', rc.problems);
  const { vmm, plat } = chooseVmm(rc, c.plat, notes);
  const image = plat === 'xen' ? rc.xenImage! : rc.image;
  const memoryMiB = c.memoryMiB ?? rc.memoryMiB;

  // Kraftfile: rootfs: and cmd:
  const kraft = loadKraftfile(project.appDir);
  const kf = kraft?.file;
  const kfName = kf ? path.relative(project.appDir, kf) || kf : '';

  // root filesystem
  const need = rootfsNeed(values);
  let source: RootfsSource | null = null;
  let initrd: string | undefined;
  const files: PlanFile[] = [];
  if (need.kind === 'initrd' || need.kind === '9p') {
    if (need.kind === '9p') {
      const p = ninePProblem(values, rc.arch);
      if (p) throw new UkmenuError(p, [`it is asked for by ${need.symbol}`]);
      if (vmm === 'firecracker') throw new UkmenuError(`Firecracker has no 9p device, and the configuration mounts its root filesystem over 9p (${need.symbol})`, ['fix: use an initrd (LIBVFSCORE_AUTOMOUNT_CI_INITRD) or QEMU (KVM_VMM_QEMU)']);
    }
    const volume = rootVolume(kraft?.volumes, need.kind === '9p' ? need.tag : undefined);
    const fromKraft = kraft?.rootfs ? { path: kraft.rootfs, from: `rootfs: in ${kfName}` }
      : volume ? { path: volume.source, from: `volumes: in ${kfName}` } : undefined;
    source = findRootfs({ explicit: c.rootfs, kraftfile: fromKraft, appDir: project.appDir });
    if (!source) {
      throw new UkmenuError(`the configuration mounts its root filesystem from ${need.kind === '9p' ? `a 9p share (tag "${need.tag}")` : 'an initrd'} (${need.symbol}), but there is none`, [
        `looked for: --rootfs, rootfs: in a Kraftfile, the folder ${path.join(project.appDir, 'rootfs')}`,
        'fix: ukmenu run --rootfs FOLDER (or a CPIO archive for an initrd)',
      ]);
    }
    if (need.kind === '9p' && source.kind !== 'folder') {
      throw new UkmenuError(`a 9p share needs a folder, and ${source.path} (${source.from}) is a CPIO archive`, ['fix: give the folder with --rootfs, or configure an initrd (LIBVFSCORE_AUTOMOUNT_CI_INITRD)']);
    }
    if (need.kind === 'initrd') {
      if (source.kind === 'cpio') initrd = source.path;
      else {
        initrd = path.join(project.buildDir, `${rc.name}-initrd.cpio`);
        files.push({ path: initrd, what: 'initrd (CPIO newc)', from: source.path });
      }
    }
  } else if (need.kind === 'embedded') {
    notes.push(`the initrd is linked into the image (${need.symbol}${need.archive ? `: ${need.archive}` : ''}): nothing to pass`);
  }
  if (need.kind !== 'initrd' && need.kind !== '9p' && c.rootfs) notes.push(`the image mounts no root filesystem from the VMM; --rootfs ${c.rootfs.path} is not used`);

  // network
  const card = networkCard(values);
  let mode: NetworkMode = c.network ?? (card ? (vmm === 'qemu' ? { kind: 'user' } : { kind: 'none' }) : { kind: 'none' });
  if (!card && mode.kind !== 'none') {
    if (c.network) notes.push(`the image has no network driver (LIBUKNETDEV and LIBVIRTIO_NET): --network ${formatNetworkMode(mode)} is not used`);
    mode = { kind: 'none' };
  }
  if (vmm !== 'qemu' && mode.kind === 'user') {
    notes.push(`${vmm === 'firecracker' ? 'Firecracker' : 'Xen'} has no user-mode network: no network interface (give one with --network ${vmm === 'firecracker' ? 'tap:NAME' : 'bridge:NAME'})`);
    mode = { kind: 'none' };
  }
  if (c.ports.length && mode.kind !== 'user') notes.push(`port forwards (-p) need the user-mode network; ${c.ports.map(formatPort).join(' ')} not used`);
  const ports = mode.kind === 'user' ? c.ports : [];
  const address = mode.kind === 'none' ? null : guestAddress(values, mode);
  if (address?.note) notes.push(address.note);

  // arguments
  let app = c.appArgs ?? [];
  let appFrom = c.appArgs ? 'the command line (after --)' : 'none';
  if (!c.appArgs && kraft?.cmd) { app = kraft.cmd; appFrom = `cmd: in ${kfName}`; }
  const libParams = [...(address?.params ?? []), ...c.libParams];
  // a core without uklibparam at all (not Unikraft's, e.g. the bundled example): the words as given,
  // in Unikraft's order (parameters, then -- and the arguments)
  const known = values.get('LIBUKLIBPARAM') !== undefined;
  const cmdline = kernelCmdline({
    uklibparam: values.get('LIBUKLIBPARAM') === 'y',
    libParams: known ? libParams : [],
    appArgs: known ? app : [...libParams, ...(app.length ? ['--', ...app] : [])],
    // QEMU's x86 multiboot loader puts the kernel's path first; the others pass the line as it is
    argv0: vmm === 'qemu' && rc.arch === 'x86_64' ? undefined : rc.name,
    vmmAddsParams: vmm === 'firecracker' && mode.kind !== 'none' && values.get('LIBVIRTIO_MMIO') === 'y',
  });
  notes.push(...cmdline.notes);

  // the VMM
  const missing: string[] = [];
  let command: QemuCommand;
  if (vmm === 'qemu') {
    const extra: string[] = [];
    if (initrd) extra.push('-initrd', initrd);
    if (need.kind === '9p' && source) {
      const dev = values.get('LIBVIRTIO_PCI') === 'y' ? 'virtio-9p-pci' : 'virtio-9p-device';
      extra.push('-fsdev', `local,id=rootfs,path=${source.path},security_model=none`, '-device', `${dev},fsdev=rootfs,mount_tag=${need.tag}`);
    }
    if (card) extra.push(...qemuNetworkArgs(mode, card, ports));
    command = qemuCommand(rc, { accel: i.accel, memoryMiB, append: cmdline.line, image, extra: [...extra, ...c.qemuArgs] });
  } else if (vmm === 'firecracker') {
    const file = `${image}.firecracker.json`;
    const cfg = firecrackerConfig({ kernel: image, bootArgs: cmdline.line, initrd, memoryMiB, network: mode, tap: mode.kind === 'tap' ? mode.tap : undefined });
    files.push({ path: file, what: 'Firecracker VM configuration', text: JSON.stringify(cfg, null, 2) + '\n' });
    command = { program: 'firecracker', args: firecrackerArgs(file) };
    if (!findProgram('firecracker', i.env)) missing.push('firecracker is not on PATH (get it from github.com/firecracker-microvm/firecracker/releases)');
    if (!i.accel.kvm) missing.push(`Firecracker needs KVM, and here it is ${i.accel.reason}`);
    if (c.qemuArgs.length) notes.push('--qemu-arg is for QEMU; not used with Firecracker');
  } else {
    const file = `${image}.xl.cfg`;
    const text = xlConfig({ name: rc.name, kernel: image, arch: rc.arch, memoryMiB, cmdline: cmdline.line, ramdisk: initrd, ninep: need.kind === '9p' && source ? { tag: need.tag, path: source.path } : undefined, network: mode });
    files.push({ path: file, what: 'xl domain configuration', text });
    command = { program: 'xl', args: ['create', '-c', file] };
    const xl = findProgram('xl', i.env);
    if (!xl) missing.push('xl is not on PATH (Xen\'s tools: Debian xen-utils), and this machine must run as Xen\'s dom0');
    else {
      // xl is there: does it reach a running Xen (dom0)?
      const r = childProcess().spawnSync(xl, ['info'], { encoding: 'utf8', timeout: 10_000, env: i.env as NodeJS.ProcessEnv });
      if (r.status !== 0) missing.push(`\`xl info\` fails here (not Xen's dom0?): ${(r.stderr || r.error?.message || '').trim().split('\n')[0]}`);
    }
  }
  return { vmm, plat, arch: rc.arch, image, memoryMiB, rootfs: { need, source, initrd }, args: { app, appFrom, libParams, cmdline }, network: { mode, card, ports, address }, command, files, missing, notes };
}

/** Writes the plan's files (the initrd archive only when its folder changed); says what was done. */
export function writePlanFiles(plan: BootPlan): string[] {
  const done: string[] = [];
  for (const f of plan.files) {
    mkdirSync(path.dirname(f.path), { recursive: true });
    if (f.from) {
      const r = writeCpioOf(f.from, f.path);
      done.push(r.rebuilt ? `wrote ${f.path} (${f.what}, ${r.entries} entries from ${f.from})` : `${f.path} is up to date with ${f.from}`);
      if (r.skipped.length) done.push(`left out of the archive (not files, folders or links): ${r.skipped.join(', ')}`);
    } else {
      writeFileSync(f.path, f.text ?? '');
      done.push(`wrote ${f.path} (${f.what})`);
    }
  }
  return done;
}

/** The plan as text lines (for --print and the run view). */
export function planLines(p: BootPlan): string[] {
  const vmmName = { qemu: 'QEMU', firecracker: 'Firecracker', xen: 'Xen (xl)' }[p.vmm];
  const rf = p.rootfs;
  const rootfs = rf.need.kind === 'none' ? 'none'
    : rf.need.kind === 'embedded' ? `embedded initrd (${rf.need.symbol})`
      : `${rf.need.kind === '9p' ? `9p share, tag "${rf.need.tag}"` : 'initrd'} (${rf.need.symbol}) from ${rf.source?.path} (${rf.source?.from})${rf.initrd && rf.initrd !== rf.source?.path ? ` → ${rf.initrd}` : ''}`;
  const net = p.network.mode.kind === 'none' ? (p.network.card ? 'none' : 'none (no network driver in the image)')
    : `${formatNetworkMode(p.network.mode)}, ${p.network.card?.device}${p.network.ports.length ? `, ports ${p.network.ports.map(formatPort).join(' ')}` : ''}${p.network.address?.params.length ? `, ${p.network.address.params.join(' ')}` : ''}`;
  const lines = [
    `vmm:      ${vmmName} (${p.plat}, ${p.arch}), ${p.memoryMiB} MiB`,
    `image:    ${p.image}`,
    `rootfs:   ${rootfs}`,
    `args:     ${p.args.app.length ? p.args.app.map((a) => JSON.stringify(a)).join(' ') : '(none)'} (from ${p.args.appFrom})`,
    `params:   ${p.args.libParams.length ? p.args.libParams.join(' ') : '(none)'}`,
    `cmdline:  ${p.args.cmdline.line || '(empty)'}`,
    `network:  ${net}`,
  ];
  for (const f of p.files) lines.push(`file:     ${f.path} (${f.what})`);
  lines.push(`command:  ${shellLine(p.command.program, p.command.args)}`);
  for (const m of p.missing) lines.push(`missing:  ${m}`);
  for (const n of p.notes) lines.push(`note:     ${n}`);
  return lines;
}
