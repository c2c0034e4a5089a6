import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['__tests__/global-setup.ts'],
    // Tests exercise the parser, not yesterday's results; the cache has its own test.
    env: { HEADSUP_CACHE: 'off' },
  },
});
