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
      // Process entries only wire a function to the process (main.ts, serveBrowser.ts), and the
      // built-in browser adapters run only inside a browser page, where this process's V8 cannot
      // see them: their runs are checked by test/browser and the conformance matrix instead.
      exclude: ['src/cli/main.ts', 'src/browser/serveBrowser.ts', 'src/browser/adapters/**', 'src/**/*.d.ts'],
      reporter: ['text-summary', 'json-summary', 'html'],
      reportsDirectory: 'reports/coverage/code',
      thresholds: { lines: 95 },
    },
  },
});
