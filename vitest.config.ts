import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'hardware/src/**/*.test.ts',
      'hardware/test/**/*.test.ts',
      'sim/src/**/*.test.ts',
      'sim/test/**/*.test.ts',
      // The kiosk in Chromium against a real hub (`pnpm e2e` runs only these).
      'e2e/**/*.e2e.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
