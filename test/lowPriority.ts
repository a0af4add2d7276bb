// setupFiles of vitest's `engine` lane (vitest.config.ts): its worker, and every process it starts
// (the C conf, kconfiglib, make, ukmenu), runs at the lowest priority (nice 19), on the CPU the
// `system` lane's builds and boots leave.
import os from 'node:os';

os.setPriority(19);
