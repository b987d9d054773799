import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 ships ESM and CommonJS copies; Pothos loads the CommonJS one, so the tests must too.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
