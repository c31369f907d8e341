import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Scale benchmarks are not tests: they run only when asked for (REDIS_BENCH=<alerts>).
    exclude: process.env.REDIS_BENCH ? ['**/node_modules/**'] : ['**/node_modules/**', 'test/bench/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
  },
});
