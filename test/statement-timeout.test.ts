import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerConfig } from '../src/config/settings.js';
import type { OpenDatabase } from '../src/db/embedded.js';
import { openPostgresDatabase } from '../src/db/postgres.js';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { graphqlClient } from './support/graphql.js';
import { rowCounts } from './support/row-counts.js';

const show = async (database: { db: TestDatabase['db'] }) =>
  ((await database.db.execute(sql`SHOW statement_timeout`)) as unknown as { rows: { statement_timeout: string }[] })
    .rows[0]!.statement_timeout;

describe('the statement timeout setting', () => {
  it('is 10 s unless WHOSAID_STATEMENT_TIMEOUT_MS says otherwise', () => {
    expect(readServerConfig({}).WHOSAID_STATEMENT_TIMEOUT_MS).toBe(10_000);
    expect(readServerConfig({ WHOSAID_STATEMENT_TIMEOUT_MS: '2500' }).WHOSAID_STATEMENT_TIMEOUT_MS).toBe(2500);
    expect(() => readServerConfig({ WHOSAID_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(/WHOSAID_STATEMENT_TIMEOUT_MS/);
  });

  it.each(backends)('is set on every connection to %s', async (backend) => {
    const database = await openTestDatabase(backend);
    try {
      expect(await show(database)).toBe('10s');
    } finally {
      await database.close();
    }
  });
});

const TIMEOUT = {
  message: 'The database took too long to answer and the request was stopped; ask for less, or try again later.',
  extensions: { code: 'TIMEOUT' },
};

// Only a server enforces it: PGlite runs no timers. Slowness is made real in the throwaway database: a view named
// like a table, earlier on its search_path, that sleeps; and a trigger that sleeps on inserting a claim.
describe.runIf(backends.includes('postgres'))('a statement over the timeout, on postgres', () => {
  let database: TestDatabase;
  let hurried: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await seedDatabase(database.db);
    const name = new URL(database.url!).pathname.slice(1);
    await database.db.execute(sql.raw(`CREATE SCHEMA slow`));
    await database.db.execute(
      sql.raw(
        `CREATE VIEW slow.propositions AS SELECT p.* FROM public.propositions p, LATERAL (SELECT pg_sleep(5)) AS nap`,
      ),
    );
    await database.db.execute(sql.raw(`ALTER DATABASE ${name} SET search_path = slow, public`));
    await database.db.execute(
      sql.raw(`CREATE FUNCTION slow.nap() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(5); RETURN NULL; END $$;
        CREATE TRIGGER nap_on_claims AFTER INSERT ON public.claims FOR EACH STATEMENT EXECUTE FUNCTION slow.nap()`),
    );
    hurried = await openPostgresDatabase(database.url!, { statementTimeoutMs: 300 });
  });
  afterAll(async () => {
    await hurried?.close();
    await database?.close();
  });

  it('is stopped by the database and answered 504 TIMEOUT, and the connection goes on serving', async () => {
    const graphql = graphqlClient(hurried.db);
    const started = performance.now();
    const slow = await graphql('{ propositions(first: 5) { edges { node { slug } } } }');
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(slow).toEqual({
      status: 504,
      data: null,
      errors: [{ ...TIMEOUT, locations: [{ line: 1, column: 3 }], path: ['propositions'] }],
    });

    expect(await graphql('{ actor(slug: "ben-cardin") { name } }')).toEqual({
      status: 200,
      data: { actor: { name: 'Ben Cardin' } },
    });
  });

  it('rolls a write back: an import whose insert runs too long leaves nothing behind', async () => {
    const editor = graphqlClient(hurried.db, {
      apiKey: (await createApiKey(database.db, 'hurried-editor', 'EDITOR')).key,
    });
    const before = await rowCounts(database.db);
    const bundle = {
      source: {
        url: 'https://example.org/slow',
        title: 'A slow source',
        kind: 'ARTICLE',
        publishedOn: { value: '2017-05-16' },
      },
      claims: [{ text: 'Slowly said.', mode: 'DIRECT_QUOTE', medium: 'REPORT', speakers: ['vox'] }],
    };
    const result = await editor(
      `mutation ($input: SourceBundleInput!) { importSource(input: $input) { __typename } }`,
      { input: bundle },
    );
    expect(result).toEqual({
      status: 504,
      data: null,
      errors: [{ ...TIMEOUT, locations: [{ line: 1, column: 41 }], path: ['importSource'] }],
    });
    expect(await rowCounts(database.db)).toEqual(before);
  });
});
