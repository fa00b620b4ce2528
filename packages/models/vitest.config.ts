import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@ascent/source'] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
