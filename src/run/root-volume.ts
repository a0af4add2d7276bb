// Which of the Kraftfile's `volumes:` holds the root filesystem a configuration mounts.
import type { KraftVolume } from '../project/kraftfile.js';

/** The volume that holds the root filesystem: mounted at /, or named as the 9p tag. */
export function rootVolume(volumes: KraftVolume[] | undefined, tag?: string): KraftVolume | undefined {
  return volumes?.find((v) => v.dest === '/') ?? (tag ? volumes?.find((v) => v.name === tag) : undefined);
}
