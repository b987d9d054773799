import { setTimeout } from 'node:timers/promises';
import { and, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiKeys, revisions } from '../src/db/schema.js';
import { createApiKey, hashApiKey, revokeApiKey } from '../src/domain/auth/api-keys.js';
import { ValidationError } from '../src/domain/validation-error.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { type GraphQLClient, graphqlClient } from './support/graphql.js';
import { rowCounts } from './support/row-counts.js';

const IMPORT = `mutation ($input: SourceBundleInput!) {
  importSource(input: $input) { __typename ... on MutationImportSourceSuccess { data { claims { created } } } } }`;
const bundle = {
  source: { url: 'https://example.org/a', title: 'A', kind: 'ARTICLE', publishedOn: { value: '2017' } },
  actors: [{ slug: 'sam-senator', name: 'Sam Senator', kind: 'PERSON' }],
  claims: [{ text: 'Hello.', mode: 'DIRECT_QUOTE', speakers: ['sam-senator'], medium: 'SPEECH' }],
};

describe.each(backends)('API keys on %s', (backend) => {
  let database: TestDatabase;
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    for (const role of ['READER', 'EDITOR', 'ADMIN'] as const) {
      keys[role] = (await createApiKey(database.db, `${role.toLowerCase()}-key`, role)).key;
    }
    keys.REVOKED = (await createApiKey(database.db, 'revoked-key', 'EDITOR')).key;
    await revokeApiKey(database.db, 'revoked-key');
  });
  afterAll(() => database.close());

  it('are random, shown once and stored only as a SHA-256 hash', async () => {
    expect(keys.EDITOR).toMatch(/^whosaid_[A-Za-z0-9_-]{43}$/);
    expect(keys.EDITOR).not.toBe(keys.ADMIN);
    const stored = await database.db.select({ keyHash: apiKeys.keyHash }).from(apiKeys);
    expect(stored.map((row) => row.keyHash)).toContain(await hashApiKey(keys.EDITOR!));
    expect(JSON.stringify(stored)).not.toContain(keys.EDITOR);
  });

  it.each([
    ['no key', undefined, 401, 'UNAUTHENTICATED'],
    ['a reader key', 'READER', 403, 'FORBIDDEN'],
    ['a revoked key', 'REVOKED', 401, 'UNAUTHENTICATED'],
    ['an unknown key', 'whosaid_not-a-key', 401, 'UNAUTHENTICATED'],
  ])('refuse a write with %s and write nothing', async (_name, key, status, code) => {
    const before = await rowCounts(database.db);
    const apiKey = key === undefined ? undefined : (keys[key] ?? key);
    const result = await graphqlClient(database.db, { apiKey })(IMPORT, { input: bundle });
    expect(result.status).toBe(status);
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual([code]);
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it('let an editor write', async () => {
    const result = await graphqlClient(database.db, { apiKey: keys.EDITOR })(IMPORT, { input: bundle });
    expect(result.data).toEqual({
      importSource: { __typename: 'MutationImportSourceSuccess', data: { claims: { created: 1 } } },
    });
  });

  it('leave reads public unless configured otherwise', async () => {
    const query = '{ actor(slug: "sam-senator") { name } }';
    expect((await graphqlClient(database.db)(query)).data).toEqual({ actor: { name: 'Sam Senator' } });
    const closed = await graphqlClient(database.db, { readsRequireKey: true })(query);
    expect(closed.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const withKey = await graphqlClient(database.db, { readsRequireKey: true, apiKey: keys.READER })(query);
    expect(withKey.data).toEqual({ actor: { name: 'Sam Senator' } });
  });

  it('let an admin, and only an admin, manage keys over GraphQL', async () => {
    const admin = graphqlClient(database.db, { apiKey: keys.ADMIN });
    const created = await admin(`mutation { createApiKey(name: "fact-desk", role: EDITOR) {
      __typename ... on MutationCreateApiKeySuccess { data { key name role } } } }`);
    const fresh = (created.data as { createApiKey: { data: { key: string; name: string; role: string } } }).createApiKey
      .data;
    expect(fresh).toEqual({ key: expect.stringMatching(/^whosaid_/), name: 'fact-desk', role: 'EDITOR' });
    expect((await graphqlClient(database.db, { apiKey: fresh.key })(IMPORT, { input: bundle })).status).toBe(200);

    const revoked = await admin(
      `mutation { revokeApiKey(name: "fact-desk") { __typename ... on MutationRevokeApiKeySuccess { data { name revokedAt } } } }`,
    );
    expect(revoked.data).toEqual({
      revokeApiKey: {
        __typename: 'MutationRevokeApiKeySuccess',
        data: { name: 'fact-desk', revokedAt: expect.any(String) },
      },
    });
    expect(
      (await graphqlClient(database.db, { apiKey: fresh.key })('{ actors(first: 1) { totalCount } }')).status,
    ).toBe(401);

    const listed = await admin('{ apiKeys { name role } }');
    expect(listed.data).toEqual({
      apiKeys: [
        { name: 'admin-key', role: 'ADMIN' },
        { name: 'editor-key', role: 'EDITOR' },
        { name: 'fact-desk', role: 'EDITOR' },
        { name: 'reader-key', role: 'READER' },
        { name: 'revoked-key', role: 'EDITOR' },
      ],
    });
    const blank = await admin(
      `mutation { createApiKey(name: "  ", role: READER) { __typename ... on ValidationError { issues { path message } } } }`,
    );
    expect(blank.data).toEqual({
      createApiKey: { __typename: 'ValidationError', issues: [{ path: 'name', message: 'must not be empty' }] },
    });
    const byEditor = await graphqlClient(database.db, { apiKey: keys.EDITOR })('{ apiKeys { name } }');
    expect(byEditor.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

const CREATE_KEY = `mutation ($name: String!) { createApiKey(name: $name, role: EDITOR) { __typename
  ... on MutationCreateApiKeySuccess { data { name role } } ... on ValidationError { issues { path message } } } }`;

// A name is one key's: of two requests for one name that arrive together, one gets the key and the other is told the
// name is taken, never an internal error, and one row is written.
describe.each(backends)('API keys asked for together under one name, on %s', (backend) => {
  let database: TestDatabase;
  let admin: GraphQLClient;
  beforeEach(async () => {
    database = await openTestDatabase(backend);
    admin = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'admin-key', 'ADMIN')).key });
  });
  afterEach(() => database.close());

  /** The keys of that name, and the revisions that record one. */
  const keysNamed = async (name: string) => ({
    keys: (await database.db.select({ role: apiKeys.role }).from(apiKeys).where(eq(apiKeys.name, name))).length,
    revisions: (
      await database.db
        .select({ id: revisions.id })
        .from(revisions)
        .where(and(eq(revisions.entityType, 'ApiKey'), sql`${revisions.after} ->> 'name' = ${name}`))
    ).length,
  });

  it('give one key over GraphQL and a ValidationError naming the name', async () => {
    const answers = await Promise.all([
      admin(CREATE_KEY, { name: 'fact-desk' }),
      admin(CREATE_KEY, { name: 'fact-desk' }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers.map((answer) => answer.data?.createApiKey).sort(byTypename)).toEqual([
      { __typename: 'MutationCreateApiKeySuccess', data: { name: 'fact-desk', role: 'EDITOR' } },
      { __typename: 'ValidationError', issues: [{ path: 'name', message: 'an API key named "fact-desk" exists' }] },
    ]);
    expect(await keysNamed('fact-desk')).toEqual({ keys: 1, revisions: 1 });
  });

  it('give one key from createApiKey and a ValidationError naming the name', async () => {
    const outcomes = await Promise.allSettled([
      createApiKey(database.db, 'wire-desk', 'READER'),
      createApiKey(database.db, ' wire-desk ', 'EDITOR'),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(ValidationError);
    expect(refused[0].issues).toEqual([{ path: 'name', message: 'an API key named "wire-desk" exists' }]);
    expect(await keysNamed('wire-desk')).toEqual({ keys: 1, revisions: 1 });
  });

  // Both requests are made to wait on a third transaction that holds the name, uncommitted: each is past whatever it
  // checks before it inserts when that transaction rolls back, and the two race for the name in the database.
  it.runIf(backend === 'postgres')('give one key when both pass any check made before the insert', async () => {
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`INSERT INTO api_keys (name, role, key_hash) VALUES ('night-desk', 'READER', 'held')`);
      const answers = Promise.all([
        admin(CREATE_KEY, { name: 'night-desk' }),
        createApiKey(database.db, 'night-desk', 'EDITOR').then(
          () => 'created',
          (error: unknown) => error,
        ),
      ]);
      await sessionsWaitingForALock(database, 2);
      await holder.query('ROLLBACK');
      const [overGraphql, fromDomain] = await answers;
      const refusal = { path: 'name', message: 'an API key named "night-desk" exists' };
      if (fromDomain === 'created') {
        expect(overGraphql.data?.createApiKey).toEqual({ __typename: 'ValidationError', issues: [refusal] });
      } else {
        expect(overGraphql.data?.createApiKey).toEqual({
          __typename: 'MutationCreateApiKeySuccess',
          data: { name: 'night-desk', role: 'EDITOR' },
        });
        expect(fromDomain).toBeInstanceOf(ValidationError);
        expect((fromDomain as ValidationError).issues).toEqual([refusal]);
      }
      expect(await keysNamed('night-desk')).toEqual({ keys: 1, revisions: 1 });
    } finally {
      await holder.end();
    }
  });
});

const byTypename = (a: unknown, b: unknown) =>
  String((a as { __typename: string }).__typename).localeCompare((b as { __typename: string }).__typename);

/** Waits until `count` sessions of the test's database wait for a lock. */
async function sessionsWaitingForALock(database: TestDatabase, count: number): Promise<void> {
  for (;;) {
    const { rows } = (await database.db.execute(
      sql`SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    )) as unknown as { rows: { waiting: number }[] };
    if (Number(rows[0]!.waiting) >= count) return;
    await setTimeout(20);
  }
}
