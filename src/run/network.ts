// The guest's network: port forwards (-p HOST:GUEST[/udp]), the mode (QEMU user-mode networking,
// an existing bridge, none), the card the image drives, and the address handed to the core.
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { UkmenuError } from '../project/errors.js';
import type { ConfigValues } from './config.js';

export interface PortForward {
  host: number;
  guest: number;
  proto: 'tcp' | 'udp';
}

export type NetworkMode = { kind: 'user' } | { kind: 'bridge'; bridge: string } | { kind: 'tap'; tap: string } | { kind: 'none' };

/** QEMU's user-mode network (slirp): the guest's address, the gateway and the DNS server it offers. */
export const USER_NET = { cidr: '10.0.2.15/24', address: '10.0.2.15', mask: '255.255.255.0', gateway: '10.0.2.2', dns: '10.0.2.3' } as const;

const PORT_SPEC = /^(\d{1,5}):(\d{1,5})(?:\/(tcp|udp))?$/;

/** `-p HOST:GUEST[/udp]`; a clear error (exit 2) for anything else. */
export function parsePort(spec: string): PortForward {
  const m = PORT_SPEC.exec(spec.trim());
  const bad = (why: string) => new UkmenuError(`-p ${spec}: ${why}`, ['expected HOST:GUEST[/tcp|/udp], e.g. -p 8080:80 or -p 5353:53/udp'], 2);
  if (!m) throw bad('not a port forward');
  const host = Number(m[1]);
  const guest = Number(m[2]);
  for (const [what, n] of [['host', host], ['guest', guest]] as const) {
    if (n < 1 || n > 65535) throw bad(`the ${what} port ${n} is not between 1 and 65535`);
  }
  return { host, guest, proto: (m[3] as 'tcp' | 'udp' | undefined) ?? 'tcp' };
}

export const formatPort = (p: PortForward) => `${p.host}:${p.guest}${p.proto === 'udp' ? '/udp' : ''}`;

/** `--network user|bridge:NAME|tap:NAME|none`. */
export function parseNetworkMode(spec: string): NetworkMode {
  if (spec === 'user' || spec === 'none') return { kind: spec };
  const m = /^(bridge|tap):([A-Za-z0-9_.-]{1,15})$/.exec(spec);
  if (m) return m[1] === 'bridge' ? { kind: 'bridge', bridge: m[2] } : { kind: 'tap', tap: m[2] };
  throw new UkmenuError(`--network ${spec}: expected user, bridge:NAME (an existing bridge), tap:NAME (an existing tap device) or none`, [], 2);
}

export const formatNetworkMode = (n: NetworkMode) => (n.kind === 'bridge' ? `bridge:${n.bridge}` : n.kind === 'tap' ? `tap:${n.tap}` : n.kind);

/** The network card the image drives, or null (no uknetdev or no virtio-net driver). */
export function networkCard(values: ConfigValues): { device: string; bus: 'pci' | 'mmio' } | null {
  const y = (n: string) => values.get(n) === 'y';
  if (!y('LIBUKNETDEV') || !y('LIBVIRTIO_NET')) return null;
  return y('LIBVIRTIO_PCI') ? { device: 'virtio-net-pci', bus: 'pci' } : { device: 'virtio-net-device', bus: 'mmio' };
}

export interface GuestAddress {
  /** Library parameters that give the guest its address. */
  params: string[];
  /** Said when no parameter applies. */
  note?: string;
}

/**
 * How the core takes the guest's IPv4 address: `netdev.ip=CIDR:GW:DNS` (LIBUKNETDEV_EINFO_LIBPARAM,
 * lib/uknetdev/netdev.c), the `netdev.ipv4_*` parameters of cores older than that option, or nothing
 * (the network stack configures itself, e.g. lwip with DHCP).
 */
export function guestAddress(values: ConfigValues, mode: NetworkMode): GuestAddress {
  if (mode.kind !== 'user') {
    return { params: [], note: mode.kind === 'none' ? undefined : `on ${formatNetworkMode(mode)} the address comes from that network (DHCP); give one with -a netdev.ip=CIDR:GW:DNS` };
  }
  const einfo = values.get('LIBUKNETDEV_EINFO_LIBPARAM');
  if (einfo === 'y') return { params: [`netdev.ip=${USER_NET.cidr}:${USER_NET.gateway}:${USER_NET.dns}`] };
  if (einfo === undefined && values.get('LIBUKLIBPARAM') === 'y') {
    return { params: [`netdev.ipv4_addr=${USER_NET.address}`, `netdev.ipv4_subnet_mask=${USER_NET.mask}`, `netdev.ipv4_gw_addr=${USER_NET.gateway}`] };
  }
  return {
    params: [],
    note: einfo === 'n'
      ? 'LIBUKNETDEV_EINFO_LIBPARAM is off: no address is passed; the network stack must configure itself (e.g. lwip with DHCP, which QEMU\'s user network answers)'
      : 'LIBUKLIBPARAM is off: no address can be passed; the network stack must configure itself (e.g. DHCP)',
  };
}

/** QEMU's -netdev/-device arguments for a mode, a card and forwards. */
export function qemuNetworkArgs(mode: NetworkMode, card: { device: string }, ports: PortForward[]): string[] {
  if (mode.kind === 'none') return [];
  const netdev = mode.kind === 'bridge' ? `bridge,id=net0,br=${mode.bridge}`
    : mode.kind === 'tap' ? `tap,id=net0,ifname=${mode.tap},script=no,downscript=no`
      : ['user', 'id=net0', ...ports.map((p) => `hostfwd=${p.proto}::${p.host}-:${p.guest}`)].join(',');
  return ['-netdev', netdev, '-device', `${card.device},netdev=net0`];
}

/** Whether a host port can be bound (by QEMU's forward) right now. */
function portFree(p: PortForward): Promise<boolean> {
  return new Promise((resolve) => {
    if (p.proto === 'udp') {
      const s = createSocket('udp4');
      s.once('error', () => { s.close(); resolve(false); });
      s.bind(p.host, () => s.close(() => resolve(true)));
      return;
    }
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port: p.host, host: '0.0.0.0', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** Throws (exit 1, before any VM starts) when a forwarded host port is taken. */
export async function checkPortsFree(ports: PortForward[]): Promise<void> {
  const taken: PortForward[] = [];
  for (const p of ports) if (!(await portFree(p))) taken.push(p);
  if (taken.length) {
    const list = taken.map((p) => `${p.host}/${p.proto}`).join(', ');
    throw new UkmenuError(`host port ${list} ${taken.length === 1 ? 'is' : 'are'} already in use; the VM was not started`, [
      `fix: choose another host port (-p OTHER:${taken[0].guest}) or stop what listens there (ss -ltnup | grep ${taken[0].host})`,
    ]);
  }
}
