// setupFiles of vitest's `engine` lane (vitest.config.ts): its worker, and every process it starts
// (the C conf, kconfiglib, ukmenu), runs at a lower priority than the `system` lane's builds and
// boots, on the CPU they leave.
import os from 'node:os';

os.setPriority(19);
