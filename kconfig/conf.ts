// Drop-in replacement for Linux/Unikraft scripts/kconfig `conf` (contract; implementation in progress).
export type Flavor = 'unikraft' | 'linux';

export interface ConfOptions {
  /** Environment seen by the Kconfig files and by conf itself (KCONFIG_CONFIG, srctree, CONFIG_, ...). */
  env?: Record<string, string | undefined>;
  /** Working directory: relative Kconfig/.config paths resolve against it, as for the C tool. */
  cwd?: string;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Which C kconfig to behave like; default: 'unikraft' when the top file is named Config.uk, else 'linux'. */
  flavor?: Flavor;
}

/** Runs conf with `argv` (without the program name), e.g. ['-s', '--olddefconfig', 'Kconfig']. Returns the exit code. */
export function runConf(argv: string[], opts: ConfOptions = {}): number {
  void argv; void opts;
  throw new Error('runConf: not implemented yet');
}
