import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const kit = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Inside the cnnspec repository, cnnspec is the repository's own sources, so that the example
    // runs without installing. In a real project, leave the aliases out: `cnnspec` and
    // `cnnspec/vitest` resolve from node_modules.
    alias: [
      { find: /^cnnspec\/vitest$/, replacement: kit('src/vitest/registerConformanceSuite.ts') },
      { find: /^cnnspec$/, replacement: kit('src/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
  },
});
