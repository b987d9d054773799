import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { openTestDatabase, type TestDatabase } from './support/databases.js';
import { type GraphQLClient, graphqlClient } from './support/graphql.js';

// UNAVAILABLE means that the database cannot be reached. A database that is only busy, every connection of the pool
// in use for longer than it takes to connect, makes a request wait for its turn and then answers it.
describe.runIf(process.env.DATABASE_URL)('a request while every connection of the pool is in use', () => {
  let database: TestDatabase;
  let editor: GraphQLClient;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    editor = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'desk', 'EDITOR')).key });
  });
  afterAll(() => database?.close());

  it('waits past the connect timeout for a free connection and succeeds, read or write', async () => {
    // Ten connections, each held for six seconds: longer than the five seconds a connection may take to open.
    // (A drizzle query starts when it is awaited: then() starts these now.)
    const held = Array.from({ length: 10 }, () => database.db.execute(sql`SELECT pg_sleep(6)`).then(() => 'slept'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    const [read, write] = await Promise.all([
      editor(`{ actors(first: 1) { totalCount } }`),
      editor(`mutation { createProposition(input: { slug: "nato-is-obsolete", statement: "NATO is obsolete" }) {
        __typename } }`),
    ]);
    expect(await Promise.all(held)).toEqual(Array(10).fill('slept'));

    expect(Date.now() - started).toBeGreaterThan(5_000);
    expect(read).toEqual({ status: 200, data: { actors: { totalCount: 0 } } });
    expect(write).toEqual({
      status: 200,
      data: { createProposition: { __typename: 'MutationCreatePropositionSuccess' } },
    });
  });
});
