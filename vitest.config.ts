import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration files each start their own embedded stack (Java, S3 server); two at a time suits 2 cores.
    maxWorkers: 2,
    pool: 'forks',
    // A page waits on the embedded stack; with two stacks and Chromium on 2 cores the 1 s default flakes.
    expect: { poll: { timeout: 10_000 } },
    // Warnings from deliberately failing departments would drown the test report.
    env: { LOG_LEVEL: 'error' },
  },
});
