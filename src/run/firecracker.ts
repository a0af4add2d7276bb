// Firecracker's VM configuration (the JSON that `firecracker --no-api --config-file FILE` reads:
// boot-source, machine-config, network-interfaces), written beside the image.
import type { NetworkMode } from './network.js';

export interface FirecrackerInput {
  kernel: string;
  bootArgs: string;
  initrd?: string;
  memoryMiB: number;
  network: NetworkMode;
  /** The tap device for a network interface (Firecracker has no user-mode network). */
  tap?: string;
}

export interface FirecrackerConfig {
  'boot-source': { kernel_image_path: string; boot_args: string; initrd_path?: string };
  'machine-config': { vcpu_count: number; mem_size_mib: number; smt: boolean };
  'network-interfaces': Array<{ iface_id: string; guest_mac: string; host_dev_name: string }>;
  drives: never[];
}

/** A locally administered MAC address (the 02: prefix), the same for every boot. */
export const FC_GUEST_MAC = '02:fc:00:00:00:01';

export function firecrackerConfig(i: FirecrackerInput): FirecrackerConfig {
  const boot: FirecrackerConfig['boot-source'] = { kernel_image_path: i.kernel, boot_args: i.bootArgs };
  if (i.initrd) boot.initrd_path = i.initrd;
  const nets = i.network.kind === 'none' || !i.tap ? [] : [{ iface_id: 'net0', guest_mac: FC_GUEST_MAC, host_dev_name: i.tap }];
  return {
    'boot-source': boot,
    'machine-config': { vcpu_count: 1, mem_size_mib: i.memoryMiB, smt: false },
    'network-interfaces': nets,
    drives: [],
  };
}

export function firecrackerArgs(configFile: string): string[] {
  return ['--no-api', '--config-file', configFile];
}
