import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 ships ESM and CommonJS copies; Pothos loads the CommonJS one, so the tests must too.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The API's tests, and the benchmark's own (its generator, harness and peer): `vitest run --project api`.
    projects: [
      { extends: true, test: { name: 'api', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'bench', include: ['bench/test/**/*.test.ts'] } },
    ],
  },
});
