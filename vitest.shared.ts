import { defineConfig } from 'vitest/config';

// Resolve @ascent/* packages to their TypeScript sources, not to dist/.
const conditions = ['@ascent/source'];

/** The vitest configuration every package uses, run from the package's folder. */
export const packageConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // The JSON file is what .ci/run adds up into its totals line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
