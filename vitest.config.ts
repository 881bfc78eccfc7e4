import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Integration tests open many sockets and spawn the CLI: separate processes keep them apart.
    pool: 'forks',
    // Most files wait on sockets and child processes, not the CPU: two at once on the 2-vCPU CI
    // machines took the suite from 238 s to 170 s (vitest's default there is one).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
  },
});
