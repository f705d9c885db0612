import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration files each start their own embedded stack (Java, S3 server); two at a time suits 2 cores.
    maxWorkers: 2,
    pool: 'forks',
    // Warnings from deliberately failing departments would drown the test report.
    env: { LOG_LEVEL: 'error' },
  },
});
