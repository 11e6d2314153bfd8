import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Finds (or starts) the PostgreSQL server the store suites use.
    globalSetup: ['./tests/helpers/postgres-setup.ts'],
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI: keep parallelism modest so integration tests do not starve.
    pool: 'forks',
    maxWorkers: 2,
  },
});
