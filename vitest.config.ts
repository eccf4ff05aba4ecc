import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'sdk/test/**/*.test.ts'],
    // Starts the embedded PostgreSQL unless TEST_DATABASE_URL is set, and migrates the template database.
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    // Files in one worker reuse its loaded modules (each file still gets its own database): faster, and no
    // test relies on module state.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
