import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    // Playwright specs live in tests/e2e and run under Playwright, not vitest.
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Most files wait on something real (PostgreSQL, keychain, loopback servers, probe
    // intervals) more than they compute: two at a time on two cores took the suite
    // from 589 s to 346 s (426 s with a third process holding a core), all passing.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
