import { setTimeout as sleep } from 'node:timers/promises';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claims } from '../src/db/schema.js';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { mergeClaims } from '../src/domain/writes/merge-claims.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { type GraphQLClient, graphqlClient } from './support/graphql.js';
import { DUPLICATE_BUNDLE, TRUMP_CLAIM_KEY, TRUMP_WORDS } from './support/many-reports.js';

/** The natural key of DUPLICATE_BUNDLE's keyless claim: the hash of its speakers, words and date. */
const DUPLICATE_KEY = 'sha256:786ef7423e440d3637faa66a260038c1398ab5012aa680ab984b8388c6e17f1c';
const DUPLICATE_WORDS = DUPLICATE_BUNDLE.claims[0]!.text;

// Each read pages ids in one statement and leaves the rows to plugin-drizzle's loader, in a later one. Only that
// later statement reads actor_roles (`speakers { roles }`), which is how the test holds it on Postgres.
const TIMELINE = `{ timeline(filter: { actor: "donald-trump" }, first: 3) { totalCount
  edges { node { __typename ... on Claim { key text speakers { slug roles { title } } } ... on Event { slug } } }
  pageInfo { hasNextPage } } }`;

const SEARCH = `{ search(query: "\\"better to get along with Russia\\"", types: [CLAIM]) {
  edges { node { ... on Claim { key text speakers { roles { title } } } } } } }`;

const DUPLICATES = `{ claims(filter: { speaker: "donald-trump", saidTo: "2017-02-28" }, first: 5) { edges { node { key
  possibleDuplicates { score claim { key text speakers { roles { title } } } } } } } }`;

const PRESIDENT = 'President of the United States';

const isTransactionControl = (statement: string) => /^(begin|set transaction|commit|rollback)\b/i.test(statement);

describe.each(backends)('a read that pages ids and then loads their rows, on %s', (backend) => {
  let database: TestDatabase;
  let graphql: GraphQLClient;
  /** Every statement sent, transaction control included. */
  const sent: string[] = [];
  /** Called once, after the statement that reads the ids has been sent (PGlite). */
  let afterIds: { statement: RegExp; run: () => void } | undefined;
  beforeEach(async () => {
    database = await openTestDatabase(backend, {
      onStatement(query) {
        sent.push(query);
        if (!afterIds?.statement.test(query)) return;
        const { run } = afterIds;
        afterIds = undefined;
        // Sent on the next turn of the event loop: after the ids statement, and before the row load, which the
        // loader sends on a later turn still.
        setTimeout(run, 0);
      },
    });
    await seedDatabase(database.db);
    await importSourceBundle(database.db, DUPLICATE_BUNDLE);
    graphql = graphqlClient(database.db);
  });
  afterEach(() => database.close());

  /** Folds the keyless copy into Trump's claim: the copy is deleted. */
  const mergeTheCopy = async () => {
    const rows = await database.db
      .select({ id: claims.id, key: claims.key, version: claims.version })
      .from(claims)
      .where(inArray(claims.key, [TRUMP_CLAIM_KEY, DUPLICATE_KEY]));
    const keep = rows.find((row) => row.key === TRUMP_CLAIM_KEY)!;
    const merge = rows.find((row) => row.key === DUPLICATE_KEY)!;
    await mergeClaims(
      database.db,
      { keep: keep.id, merge: merge.id, expectedVersions: { keep: keep.version, merge: merge.version } },
      'desk',
    );
  };

  /**
   * `query` answered with the copy merged away between the statement that reads the ids (`idsStatement`) and the one
   * that loads their rows. On Postgres the row load, the only statement that reads actor_roles, waits on a lock of
   * the test's own until the merge has committed. On PGlite, whose one connection runs statements in the order they
   * are sent, the merge is sent after the ids statement and before the row load.
   */
  const answerWithMergeBetween = async (query: string, idsStatement: RegExp) => {
    if (backend === 'pglite') {
      let merged: Promise<void> | undefined;
      afterIds = { statement: idsStatement, run: () => (merged = mergeTheCopy()) };
      const answer = await graphql(query);
      if (!merged) throw new Error(`No statement matching ${idsStatement} was sent`);
      await merged;
      return answer;
    }
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE actor_roles IN ACCESS EXCLUSIVE MODE');
      const answer = graphql(query);
      await sessionWaitingForALock(database);
      await mergeTheCopy();
      await holder.query('COMMIT');
      return await answer;
    } finally {
      await holder.end();
    }
  };

  const claimCount = async () => {
    const { rows } = (await database.db.execute(sql`SELECT count(*)::int AS n FROM claims`)) as unknown as {
      rows: { n: number }[];
    };
    return Number(rows[0]!.n);
  };

  /** The transaction control statements `query` sends: how its reads are framed. */
  const transactionControlOf = async (query: string, variables?: Record<string, unknown>) => {
    sent.length = 0;
    const answer = await graphql(query, variables);
    expect(answer.errors).toBeUndefined();
    return sent.filter(isTransactionControl);
  };

  it('reads in one snapshot only what reads ids, then rows', async () => {
    // PGlite's driver sends BEGIN and COMMIT itself, unlogged; the isolation level follows BEGIN.
    const snapshot =
      backend === 'postgres'
        ? ['begin isolation level repeatable read read only', 'commit']
        : ['set transaction isolation level repeatable read read only'];
    expect(await transactionControlOf(TIMELINE)).toEqual(snapshot);
    expect(await transactionControlOf(SEARCH)).toEqual(snapshot);
    expect(await transactionControlOf(DUPLICATES)).toEqual(snapshot);
    expect(await transactionControlOf('{ claims(first: 3) { edges { node { text speakers { slug } } } } }')).toEqual(
      [],
    );
    // A write has its own transaction, with the default isolation, whatever its answer selects.
    const { key } = await createApiKey(database.db, 'desk', 'EDITOR');
    const editor = graphqlClient(database.db, { apiKey: key });
    const [trump] = await database.db
      .select({ id: claims.id })
      .from(claims)
      .where(inArray(claims.key, [TRUMP_CLAIM_KEY]));
    sent.length = 0;
    const retraction = await editor(
      `mutation ($id: ID!) { retractClaim(id: $id, reason: "misquoted") { __typename
        ... on MutationRetractClaimSuccess { data { possibleDuplicates { score } } } } }`,
      { id: encodeGlobalID('Claim', trump!.id) },
    );
    expect(retraction).toEqual({
      status: 200,
      data: {
        retractClaim: { __typename: 'MutationRetractClaimSuccess', data: { possibleDuplicates: [{ score: 1 }] } },
      },
    });
    expect(sent.filter(isTransactionControl)).toEqual(backend === 'postgres' ? ['begin', 'commit'] : []);
  });

  it('answers a field that a refused value elsewhere stopped with that refusal, not an internal error', async () => {
    // The actor's statement fails first (NUL is no character of UTF8), which ends the snapshot: the timeline's
    // statements that follow it are not run.
    const answer = await graphql(
      `query ($slug: String!) { actor(slug: $slug) { name }
        timeline(first: 3) { totalCount edges { node { ... on Claim { text } } } } }`,
      { slug: 'donald\u0000trump' },
    );
    const NUL = 'Text in the request must not contain NUL characters';
    expect(answer).toEqual({
      status: 200,
      data: null,
      errors: [
        { message: NUL, locations: [{ line: 1, column: 26 }], path: ['actor'], extensions: { code: 'BAD_USER_INPUT' } },
        {
          message: NUL,
          locations: [{ line: 2, column: 9 }],
          path: ['timeline'],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it('answers a timeline page as it was when it was paged', async () => {
    const before = await claimCount();
    const answer = await answerWithMergeBetween(TIMELINE, /\) AS entries/);
    expect(answer).toEqual({
      status: 200,
      data: {
        timeline: {
          totalCount: 5,
          edges: [
            { node: { __typename: 'Event', slug: 'fox-news-interview-of-trump-2017-02-05' } },
            {
              node: {
                __typename: 'Claim',
                key: TRUMP_CLAIM_KEY,
                text: TRUMP_WORDS,
                speakers: [{ slug: 'donald-trump', roles: [{ title: PRESIDENT }] }],
              },
            },
            {
              node: {
                __typename: 'Claim',
                key: DUPLICATE_KEY,
                text: DUPLICATE_WORDS,
                speakers: [{ slug: 'donald-trump', roles: [{ title: PRESIDENT }] }],
              },
            },
          ],
          pageInfo: { hasNextPage: true },
        },
      },
    });
    // The merge was not held back, and the next read finds the copy gone.
    expect(await claimCount()).toBe(before - 1);
    expect(await graphql(TIMELINE)).toEqual({
      status: 200,
      data: {
        timeline: {
          totalCount: 4,
          edges: [
            { node: { __typename: 'Event', slug: 'fox-news-interview-of-trump-2017-02-05' } },
            {
              node: {
                __typename: 'Claim',
                key: TRUMP_CLAIM_KEY,
                text: TRUMP_WORDS,
                speakers: [{ slug: 'donald-trump', roles: [{ title: PRESIDENT }] }],
              },
            },
            { node: { __typename: 'Event', slug: 'trump-shares-intelligence-with-lavrov-and-kislyak' } },
          ],
          pageInfo: { hasNextPage: true },
        },
      },
    });
  });

  it('answers a search as it was when it was ranked', async () => {
    const answer = await answerWithMergeBetween(SEARCH, /websearch_to_tsquery/);
    expect(answer).toEqual({
      status: 200,
      data: {
        search: {
          edges: [
            { node: { key: TRUMP_CLAIM_KEY, text: TRUMP_WORDS, speakers: [{ roles: [{ title: PRESIDENT }] }] } },
            { node: { key: DUPLICATE_KEY, text: DUPLICATE_WORDS, speakers: [{ roles: [{ title: PRESIDENT }] }] } },
          ],
        },
      },
    });
  });

  it("answers a claim's possible duplicates as they were when they were found", async () => {
    const answer = await answerWithMergeBetween(DUPLICATES, /WITH target AS/);
    expect(answer).toEqual({
      status: 200,
      data: {
        claims: {
          edges: [
            {
              node: {
                key: DUPLICATE_KEY,
                possibleDuplicates: [
                  {
                    score: 1,
                    claim: { key: TRUMP_CLAIM_KEY, text: TRUMP_WORDS, speakers: [{ roles: [{ title: PRESIDENT }] }] },
                  },
                ],
              },
            },
            {
              node: {
                key: TRUMP_CLAIM_KEY,
                possibleDuplicates: [
                  {
                    score: 1,
                    claim: { key: DUPLICATE_KEY, text: DUPLICATE_WORDS, speakers: [{ roles: [{ title: PRESIDENT }] }] },
                  },
                ],
              },
            },
          ],
        },
      },
    });
  });
});

/** Until a session of the test's database waits for a lock. */
async function sessionWaitingForALock(database: TestDatabase): Promise<void> {
  for (;;) {
    const { rows } = (await database.db.execute(
      sql`SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    )) as unknown as { rows: { waiting: number }[] };
    if (Number(rows[0]!.waiting) > 0) return;
    await sleep(20);
  }
}
