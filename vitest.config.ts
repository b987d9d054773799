import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 ships ESM and CommonJS copies; Pothos loads the CommonJS one, so the tests must too.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one, on the 2-core machines whosaid is tested on. Most of a
    // test's time is spent waiting on a database, a server process or a socket, so two files at once keep both busy.
    maxWorkers: 2,
    // The API's tests, and the benchmark's own (its generator, harness and peer): `vitest run --project api`.
    projects: [
      { extends: true, test: { name: 'api', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'bench', include: ['bench/test/**/*.test.ts'] } },
    ],
  },
});
