import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../src/db/embedded.js';
import { openPostgresDatabase } from '../src/db/postgres.js';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { createWhosaid } from '../src/http/whosaid.js';
import { bigBundle } from './support/big-bundle.js';
import { type KillablePostgres, startKillablePostgres } from './support/killable-postgres.js';
import { rowCounts } from './support/row-counts.js';

const UNAVAILABLE = { message: 'The database is unavailable; try again shortly.', extensions: { code: 'UNAVAILABLE' } };
const TRUMP = `{ actor(slug: "donald-trump") { name claims(first: 50) { totalCount } } }`;
const IMPORT = `mutation ($input: SourceBundleInput!) { importSource(input: $input) {
  __typename ... on MutationImportSourceSuccess { data { claims { created } } } } }`;

// The database is a real server process (PGlite on disk behind pglite-socket) that the test kills with SIGKILL and
// starts again on the same port and data; whosaid is the Node server's own pool (openPostgresDatabase) and handler,
// in this process, where nothing is restarted.
describe('when the database goes away and comes back', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'whosaid-failures-'));
  let postgres: KillablePostgres;
  let database: OpenDatabase;
  let editorKey: string;
  /** Called with each SQL statement whosaid sends, before it is sent. */
  let onStatement: (query: string) => void = () => {};
  const logger: Logger = { logQuery: (query) => onStatement(query) };
  const yoga = createWhosaid({ database: () => database.db });

  const request = async (
    query: string,
    options: { variables?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) => {
    const started = performance.now();
    const response = await yoga.fetch('http://whosaid.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...options.headers },
      body: JSON.stringify({ query, variables: options.variables }),
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      ms: performance.now() - started,
    };
  };
  const asEditor = { authorization: '' };

  beforeAll(async () => {
    postgres = await startKillablePostgres(dataDir);
    database = await openPostgresDatabase(postgres.url, { logger });
    await seedDatabase(database.db);
    editorKey = (await createApiKey(database.db, 'failure-editor', 'EDITOR')).key;
    asEditor.authorization = `Bearer ${editorKey}`;
  });
  afterAll(async () => {
    await postgres?.kill();
    await database?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 UNAVAILABLE fast while it is down, and serves again once it is back, with its data', async () => {
    // Several connections in the pool, idle, when the database dies.
    const before = await Promise.all(Array.from({ length: 5 }, () => request(TRUMP)));
    expect(before.map(({ status, body }) => ({ status, body }))).toEqual(
      Array(5).fill({ status: 200, body: { data: { actor: { name: 'Donald Trump', claims: { totalCount: 2 } } } } }),
    );

    await postgres.kill();

    const read = await request(TRUMP);
    expect(read.status).toBe(503);
    expect(read.body).toEqual({
      data: { actor: null },
      errors: [{ ...UNAVAILABLE, locations: [{ line: 1, column: 3 }], path: ['actor'] }],
    });
    const write = await request(IMPORT, { variables: { input: bigBundle() }, headers: asEditor });
    expect([write.status, write.body]).toEqual([503, { errors: [UNAVAILABLE] }]);
    const retried = await request(IMPORT, {
      variables: { input: bigBundle() },
      headers: { ...asEditor, 'idempotency-key': 'big-1' },
    });
    expect([retried.status, retried.body]).toEqual([503, { errors: [UNAVAILABLE] }]);
    const health = await yoga.fetch('http://whosaid.test/health');
    expect(health.status).toBe(503);
    for (const { ms } of [read, write, retried]) expect(ms).toBeLessThan(3_000);

    await postgres.restart();

    const after = await Promise.all(Array.from({ length: 12 }, () => request(TRUMP)));
    expect(after.map(({ status, body }) => ({ status, body }))).toEqual(
      Array(12).fill({ status: 200, body: { data: { actor: { name: 'Donald Trump', claims: { totalCount: 2 } } } } }),
    );
    expect((await yoga.fetch('http://whosaid.test/health')).status).toBe(200);
  });

  it('leaves nothing of an import whose connection is cut in the middle', async () => {
    const before = await rowCounts(database.db);
    let statementsOfImport = 0;
    let killed: Promise<void> | undefined;
    onStatement = (query) => {
      statementsOfImport += 1;
      // The actors, their proposition and the source are written by now, inside the import's transaction.
      if (!killed && /^insert into "claims"/i.test(query)) killed = postgres.kill();
    };
    const cut = await request(IMPORT, { variables: { input: bigBundle() }, headers: asEditor });
    onStatement = () => {};
    await killed;
    expect(statementsOfImport).toBeGreaterThan(5);
    expect([cut.status, cut.body]).toEqual([
      503,
      { data: null, errors: [{ ...UNAVAILABLE, locations: [{ line: 1, column: 41 }], path: ['importSource'] }] },
    ]);

    await postgres.restart();

    expect(await rowCounts(database.db)).toEqual(before);
    // And the same import, whole, once the database is back.
    const again = await request(IMPORT, { variables: { input: bigBundle() }, headers: asEditor });
    expect([again.status, again.body]).toEqual([
      200,
      { data: { importSource: { __typename: 'MutationImportSourceSuccess', data: { claims: { created: 1000 } } } } },
    ]);
  });
});
