// The kernel command line as Unikraft 0.17 reads it (lib/ukboot/early_init.c, lib/uklibparam):
// the line is split into words (lib/ukargparse: whitespace, '…' and "…" quotes, \ escapes); argv[0]
// is the first word. With LIBUKLIBPARAM the words after argv[0] are scanned for "--": only when one
// is found *after at least one word* are the words before it parsed as library parameters and
// dropped; otherwise nothing is parsed and every word goes to main(). So library parameters need a
// "--" after them, and a line that starts with "--" hands "--" to the application.

export interface CmdlineInput {
  /** LIBUKLIBPARAM is on. */
  uklibparam: boolean;
  /** Library parameters (lib.param=value), in order. */
  libParams: string[];
  /** The application's arguments (argv[1..]). */
  appArgs: string[];
  /**
   * A first word to become argv[0], for VMMs that pass the line as it is (QEMU's arm64 -append,
   * Firecracker, Xen); QEMU's x86 multiboot loader puts the kernel's path first by itself.
   */
  argv0?: string;
  /** Always put "--" after the parameters (the VMM adds parameters of its own, as Firecracker adds virtio_mmio.device=). */
  vmmAddsParams?: boolean;
}

export interface Cmdline {
  /** The words, as the guest will split them. */
  words: string[];
  /** The line to hand to the VMM (words quoted for ukargparse). */
  line: string;
  /** What the user should know (parameters that cannot be passed, arguments the guest will misread). */
  notes: string[];
}

/** One word quoted so that ukargparse gives it back unchanged. */
export function quoteWord(w: string): string {
  if (w !== '' && !/[\s'"\\]/.test(w)) return w;
  if (!w.includes("'")) return `'${w}'`; // nothing is special inside '…'
  return `"${w.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The kernel command line for library parameters and application arguments. */
export function kernelCmdline(i: CmdlineInput): Cmdline {
  const notes: string[] = [];
  const words: string[] = [];
  if (i.argv0) words.push(i.argv0);
  if (i.appArgs.some((a) => a === '')) notes.push('an empty argument cannot be passed on the kernel command line: the guest will not see it');
  const app = i.appArgs.filter((a) => a !== '');
  if (!i.uklibparam) {
    if (i.libParams.length) {
      notes.push(`LIBUKLIBPARAM is off: the library parameters (${i.libParams.join(' ')}) would reach the application as arguments, so they are left out`);
    }
    words.push(...app);
  } else if (i.libParams.length || i.vmmAddsParams) {
    words.push(...i.libParams, '--', ...app);
  } else {
    words.push(...app);
    if (app.includes('--')) {
      notes.push('the arguments contain "--": with LIBUKLIBPARAM the guest takes the words before the first "--" as library parameters and drops them');
    }
  }
  return { words, line: words.map(quoteWord).join(' '), notes };
}
