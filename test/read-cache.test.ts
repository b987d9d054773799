import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { createWhosaid } from '../src/http/whosaid.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';

const TRUMP_CLAIMS = `{ actor(slug: "donald-trump") { claims(first: 5) { totalCount edges { node { id key } } } } }`;

describe.each(backends)('the read cache on %s', (backend) => {
  let database: TestDatabase;
  let editorKey: string;
  let ask: (query: string, variables?: object, apiKey?: string) => Promise<{ status: number; body: string }>;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await seedDatabase(database.db);
    editorKey = (await createApiKey(database.db, 'desk', 'EDITOR')).key;
    const yoga = createWhosaid({ database: () => database.db, readCacheSeconds: 60 });
    ask = async (query, variables = {}, apiKey) => {
      const response = await yoga.fetch('http://whosaid.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: await response.text() };
    };
  });
  afterAll(() => database.close());

  /** The answer, and how many SQL statements it took. */
  const counted = async (query: string, variables?: object, apiKey?: string) => {
    const before = database.statements.length;
    const answer = await ask(query, variables, apiKey);
    return { ...answer, statements: database.statements.length - before };
  };

  it('answers an anonymous read asked again from memory, the same to the byte, until a write clears it', async () => {
    const first = await counted(TRUMP_CLAIMS);
    expect(first.statements).toBeGreaterThan(0);
    expect(JSON.parse(first.body).data.actor.claims.totalCount).toBe(2);
    const again = await counted(TRUMP_CLAIMS);
    expect(again).toEqual({ ...first, statements: 0 });

    const claim = JSON.parse(first.body).data.actor.claims.edges[0].node as { id: string; key: string };
    const retracted = await ask(
      `mutation ($id: ID!) { retractClaim(id: $id, reason: "Misquoted") { __typename } }`,
      { id: claim.id },
      editorKey,
    );
    expect(JSON.parse(retracted.body)).toEqual({
      data: { retractClaim: { __typename: 'MutationRetractClaimSuccess' } },
    });

    const afterWrite = await counted(TRUMP_CLAIMS);
    expect(afterWrite.statements).toBeGreaterThan(0);
    expect(JSON.parse(afterWrite.body).data.actor.claims).toEqual({
      totalCount: 1,
      edges: [{ node: expect.objectContaining({ key: expect.not.stringMatching(`^${claim.key}$`) }) }],
    });
  });

  it('never serves nor keeps a request made with an API key', async () => {
    const query = `{ propositions(first: 2) { edges { node { slug } } } }`;
    expect((await counted(query, {}, editorKey)).statements).toBeGreaterThan(0);
    expect((await counted(query, {}, editorKey)).statements).toBeGreaterThan(0);
    const anonymous = await counted(query);
    expect(anonymous.statements).toBeGreaterThan(0);
    expect((await counted(query)).statements).toBe(0);
  });
});
