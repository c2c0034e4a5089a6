import { defineConfig } from 'vitest/config';

// HEADSUP_TEST_SCALE multiplies the differential suites' case counts (see __tests__/helpers/random.ts): their time too.
const scale = Math.max(1, Number(process.env.HEADSUP_TEST_SCALE) || 1);

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000 * scale,
    hookTimeout: 60_000 * scale,
    pool: 'forks',
    globalSetup: ['__tests__/global-setup.ts'],
    // Tests exercise the parser, not yesterday's results; the cache has its own test.
    env: { HEADSUP_CACHE: 'off' },
  },
});
