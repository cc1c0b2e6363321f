import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that run the kit end to end take a few hundred milliseconds alone and ten times that
    // on a loaded 2-core machine (or under coverage): the default of 5 s failed them there.
    testTimeout: 20_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/cli/main.ts', 'src/**/*.d.ts'],
      reporter: ['text-summary', 'json-summary', 'html'],
      reportsDirectory: 'reports/coverage/code',
      thresholds: { lines: 95 },
    },
  },
});
