import { configDefaults, defineConfig } from 'vitest/config';

const BROWSER_TESTS = 'test/web-app-browser.test.ts';

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    // Files in one worker share its embedded database (booted once, truncated per file): PGlite boots in seconds.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/**/*.test.ts', 'sdk/test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, BROWSER_TESTS],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The browser tests run after the rest, on a quiet machine: Chromium and a 1,000-message chat would
        // otherwise slow the other files down, and their page-load budget is measured without contention.
        extends: true,
        test: { name: 'browser', include: [BROWSER_TESTS], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
