import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../src/db/schema.js';
import { createApiKey, hashApiKey, revokeApiKey } from '../src/domain/auth/api-keys.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { graphqlClient } from './support/graphql.js';
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
