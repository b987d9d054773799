import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import { rowCounts } from './support/row-counts.js';

interface Change {
  sequence: string;
  entityType: string;
  table: string;
  action: string;
  changedBy: string | null;
  after: Record<string, unknown> | null;
  commit: { sequence: string } | null;
}

interface Page {
  changes: { edges: { cursor: string; node: Change }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const PAGE = `query ($after: String, $first: Int, $since: DateTime) {
  changes(after: $after, first: $first, since: $since) {
    edges { cursor node { sequence entityType table action changedBy after commit { sequence } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Pages the feed on from `after` to its end, as a syncing client does: the changes, and the cursor to go on from. */
async function readOn(client: GraphQLClient, after: string | null, first = 50) {
  const changes: Change[] = [];
  for (;;) {
    const page = await data<Page>(client, PAGE, { after, first });
    changes.push(...page.changes.edges.map((edge) => edge.node));
    after = page.changes.pageInfo.endCursor ?? after;
    if (!page.changes.pageInfo.hasNextPage) return { changes, after };
  }
}

const databaseClock = async (database: TestDatabase) =>
  ((await database.db.execute(sql`SELECT clock_timestamp() AS now`)) as { rows: { now: string }[] }).rows[0]!.now;

describe.each(backends)('the change feed (%s)', (backend) => {
  let database: TestDatabase;
  let anonymous: GraphQLClient;
  let admin: GraphQLClient;
  let editor: GraphQLClient;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await seedDatabase(database.db);
    anonymous = graphqlClient(database.db);
    admin = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'desk admin', 'ADMIN')).key });
    editor = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'newsroom', 'EDITOR')).key });
  });
  afterAll(() => database.close());

  it('gives every revision once, from the first change, in commit order', async () => {
    const { changes } = await readOn(admin, null, 100);
    expect(changes).toHaveLength((await rowCounts(database.db)).revisions);
    expect(new Set(changes.map((change) => change.sequence)).size).toBe(changes.length);
    const commits = changes.map((change) => Number(change.commit!.sequence));
    expect(commits).toEqual([...commits].sort((a, b) => a - b));
    expect(changes[0]).toMatchObject({ entityType: 'Actor', table: 'actors', action: 'INSERT', changedBy: 'seed' });
  });

  it('pages on from a cursor to what was committed since, and nothing before it', async () => {
    const { after } = await readOn(editor, null, 100);
    await data(editor, `mutation { createProposition(input: { slug: "feed-one", statement: "One." }) { __typename } }`);
    await data(editor, `mutation { createProposition(input: { slug: "feed-two", statement: "Two." }) { __typename } }`);
    const { changes } = await readOn(editor, after);
    expect(changes.map((change) => [change.table, change.action, change.after?.slug, change.changedBy])).toEqual([
      ['propositions', 'INSERT', 'feed-one', 'newsroom'],
      ['propositions', 'INSERT', 'feed-two', 'newsroom'],
    ]);
    expect(Number(changes[1]!.commit!.sequence)).toBeGreaterThan(Number(changes[0]!.commit!.sequence));
    expect((await readOn(editor, after)).changes).toEqual(changes);
  });

  it('pages backwards with last and before, the same changes in reverse', async () => {
    const forwards = await data<Page>(editor, `{ changes(first: 7) { edges { cursor node { sequence } } } }`);
    const seventh = forwards.changes.edges[6]!.cursor;
    const backwards = await data<Page>(
      editor,
      `query ($before: String) { changes(last: 6, before: $before) { edges { node { sequence } } } }`,
      {
        before: seventh,
      },
    );
    expect(backwards.changes.edges.map((edge) => edge.node.sequence)).toEqual(
      forwards.changes.edges.slice(0, 6).map((edge) => edge.node.sequence),
    );
  });

  it('starts from the first commit at or after since', async () => {
    const { after } = await readOn(editor, null, 100);
    const before = await databaseClock(database);
    await data(
      editor,
      `mutation { createProposition(input: { slug: "feed-since", statement: "Since." }) { __typename } }`,
    );
    const since = await data<Page>(editor, PAGE, { since: new Date(before).toISOString(), first: 10 });
    expect(since.changes.edges.map((edge) => edge.node.after?.slug)).toEqual(['feed-since']);
    expect((await readOn(editor, after)).changes.map((change) => change.after?.slug)).toEqual(['feed-since']);
  });

  it('shows who made a change to editors and admins only', async () => {
    const first = `{ changes(first: 1) { edges { node { changedBy } } } }`;
    expect((await data<Page>(anonymous, first)).changes.edges[0]!.node.changedBy).toBeNull();
    const reader = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'reader', 'READER')).key });
    const readerResult = await reader<Page>(first);
    expect(readerResult.errors).toBeUndefined();
    expect(readerResult.data!.changes.edges[0]!.node.changedBy).toBeNull();
    expect((await data<Page>(editor, first)).changes.edges[0]!.node.changedBy).toBe('seed');
  });

  it('records the creation and revocation of API keys, without their hash, for admins only', async () => {
    const { after } = await readOn(admin, null, 100);
    const editorAfter = (await readOn(editor, null, 100)).after;
    await data(admin, `mutation { createApiKey(name: "stringer", role: EDITOR) { __typename } }`);
    await data(admin, `mutation { revokeApiKey(name: "stringer") { __typename } }`);
    const { changes } = await readOn(admin, after);
    expect(changes.map((change) => [change.entityType, change.table, change.action, change.changedBy])).toEqual([
      ['ApiKey', 'api_keys', 'INSERT', 'desk admin'],
      ['ApiKey', 'api_keys', 'UPDATE', 'desk admin'],
    ]);
    expect(changes[0]!.after).toMatchObject({ name: 'stringer', role: 'EDITOR', revoked_at: null });
    expect(changes[0]!.after).not.toHaveProperty('key_hash');
    expect(changes[1]!.after!.revoked_at).not.toBeNull();
    expect((await readOn(editor, editorAfter)).changes).toEqual([]);
  });

  it('refuses a cursor that is not one of its own, naming it', async () => {
    const result = await editor(`{ changes(after: "bm90LWEtY3Vyc29y") { edges { cursor } } }`);
    expect(result.errors?.[0]).toMatchObject({
      message: 'after: "bm90LWEtY3Vyc29y" is not a changes cursor',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe.runIf(backends.includes('postgres'))('the change feed under concurrent commits (postgres)', () => {
  let database: TestDatabase;
  let editor: GraphQLClient;
  const connections: pg.Client[] = [];

  async function connection(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    connections.push(client);
    return client;
  }

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await seedDatabase(database.db);
    editor = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'newsroom', 'EDITOR')).key });
  });
  afterAll(async () => {
    await Promise.all(connections.map((client) => client.end()));
    await database.close();
  });

  it('gives a transaction that committed after a later one to the client that had paged past the later one', async () => {
    const t1 = await connection();
    const t2 = await connection();
    let { after } = await readOn(editor, null, 100);

    await t1.query('BEGIN');
    await t1.query(`INSERT INTO propositions (slug, statement) VALUES ('began-first', 'Began first.')`);
    await t2.query('BEGIN');
    await t2.query(`INSERT INTO propositions (slug, statement) VALUES ('committed-first', 'Committed first.')`);
    await t2.query('COMMIT');

    const beforeT1 = await readOn(editor, after);
    expect(beforeT1.changes.map((change) => change.after?.slug)).toEqual(['committed-first']);
    after = beforeT1.after;

    await t1.query('COMMIT');
    const afterT1 = await readOn(editor, after);
    expect(afterT1.changes.map((change) => change.after?.slug)).toEqual(['began-first']);
    expect(Number(afterT1.changes[0]!.sequence)).toBeLessThan(Number(beforeT1.changes[0]!.sequence));
  });

  it('gives a reader that pages while many writers commit out of order every revision exactly once', async () => {
    const { after: start } = await readOn(editor, null, 100);
    const writers = await Promise.all(Array.from({ length: 6 }, () => connection()));
    let writing = true;

    const written = Promise.all(
      writers.map(async (client, writer) => {
        for (let round = 0; round < 12; round++) {
          await client.query('BEGIN');
          await client.query(`INSERT INTO propositions (slug, statement) VALUES ($1, 'Concurrent.')`, [
            `writer-${writer}-round-${round}`,
          ]);
          // Holding the transaction open a while makes later ones commit before it.
          await sleep(((writer * 7 + round * 3) % 5) * 4);
          await client.query(`INSERT INTO propositions (slug, statement) VALUES ($1, 'Concurrent.')`, [
            `writer-${writer}-round-${round}-again`,
          ]);
          await client.query(round % 4 === 3 ? 'ROLLBACK' : 'COMMIT');
        }
      }),
    ).finally(() => {
      writing = false;
    });

    const read: Change[] = [];
    let after = start;
    while (writing) {
      const page = await readOn(editor, after, 5);
      read.push(...page.changes);
      after = page.after;
    }
    await written;
    read.push(...(await readOn(editor, after)).changes);

    const slugs = read.map((change) => String(change.after?.slug));
    const expected = Array.from({ length: 6 }, (_, writer) =>
      Array.from({ length: 12 }, (_, round) => round)
        .filter((round) => round % 4 !== 3)
        .flatMap((round) => [`writer-${writer}-round-${round}`, `writer-${writer}-round-${round}-again`]),
    ).flat();
    expect([...slugs].sort()).toEqual([...expected].sort());
    expect(new Set(read.map((change) => change.sequence)).size).toBe(read.length);
    for (let i = 1; i < read.length; i++) {
      expect(Number(read[i]!.commit!.sequence)).toBeGreaterThanOrEqual(Number(read[i - 1]!.commit!.sequence));
    }
  });
});
