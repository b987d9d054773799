import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from '../src/db/database.js';
import { claimLeaseMs } from '../src/db/idempotency-claims.js';
import { idempotentRequests } from '../src/db/schema.js';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { sha256Hex } from '../src/domain/sha256.js';
import { createWhosaid } from '../src/http/whosaid.js';
import { type Backend, backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { type NodeServer, startNodeServer } from './support/node-server.js';
import { rowCounts } from './support/row-counts.js';

const CREATE = `mutation ($input: PropositionInput!) { createProposition(input: $input) { __typename
  ... on MutationCreatePropositionSuccess { data { slug statement version } }
  ... on ValidationError { message } } }`;
const createBody = (slug: string, statement: string) =>
  JSON.stringify({ query: CREATE, variables: { input: { slug, statement } } });
const created = (slug: string, statement: string) => ({
  data: {
    createProposition: { __typename: 'MutationCreatePropositionSuccess', data: { slug, statement, version: 1 } },
  },
});
const STILL_RUNNING = {
  errors: [
    {
      message: 'The first request with this Idempotency-Key is still running: try again in 1 s for its answer',
      extensions: { code: 'IDEMPOTENCY_KEY_IN_USE', retryAfterSeconds: 1 },
    },
  ],
};
const ANOTHER_REQUEST = {
  errors: [
    { message: 'This Idempotency-Key was used for a different request', extensions: { code: 'BAD_USER_INPUT' } },
  ],
};
/** How long a try waits for the request that holds its key before it is told to come back (the plugin's WAIT_MS). */
const WAIT_MS = 3_000;

interface Answer {
  status: number;
  replayed: boolean;
  retryAfter: string | null;
  body: unknown;
  ms: number;
}

async function send(url: string, apiKey: string, idempotencyKey: string, body: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${apiKey}`,
      'idempotency-key': idempotencyKey,
    },
    body,
  });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed') === 'true',
    retryAfter: response.headers.get('retry-after'),
    body: await response.json(),
    ms: performance.now() - started,
  };
}

/** What a client that honours Retry-After ends with: a 409 is sent again after the seconds it says. */
async function sendUntilAnswered(url: string, apiKey: string, idempotencyKey: string, body: string) {
  for (;;) {
    const answer = await send(url, apiKey, idempotencyKey, body);
    if (answer.status !== 409) return answer;
    await new Promise((resolve) => setTimeout(resolve, Number(answer.retryAfter) * 1000));
  }
}

/** The rows of idempotent_requests, as the test reads them: the key, and the status of its answer (null: running). */
async function storedKeys(database: TestDatabase) {
  return await database.db
    .select({ key: idempotentRequests.key, status: idempotentRequests.status })
    .from(idempotentRequests)
    .orderBy(idempotentRequests.key);
}

/** Whosaid over real HTTP and the database it writes to, which the test reads to count rows. */
interface Served {
  url: string;
  database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * On Postgres, the Node server (src/server/node.ts) in a process of its own, on a throwaway database. An embedded
 * PGlite can be open in one process only, and the test reads it, so on PGlite the handler is served by node:http
 * in the test's process.
 */
async function serve(backend: Backend): Promise<Served> {
  const database = await openTestDatabase(backend);
  if (backend === 'postgres') {
    const server = await startNodeServer({ DATABASE_URL: database.url!, WHOSAID_RATE_LIMIT: '0' });
    return { url: server.url, database, stop: async () => (await server.stop(), await database.close()) };
  }
  const server = createServer(createWhosaid({ database: () => database.db }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    database,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}

/**
 * A writer of the test's own that has inserted a proposition with `slug` and not committed: a createProposition of
 * the same slug waits on it (the unique index) until it rolls back, and then creates it.
 */
async function holdSlug(database: TestDatabase, slug: string) {
  const writer = new pg.Client({ connectionString: database.url });
  await writer.connect();
  await writer.query('BEGIN');
  await writer.query('INSERT INTO propositions (slug, statement) VALUES ($1, $2)', [slug, 'Held by the test']);
  return {
    /** Until an insert of another connection waits on this writer. (Its own transaction would see the activity of its start.) */
    async waitedOn() {
      for (;;) {
        const { rows } = (await database.db.execute(
          sql`SELECT count(*)::int AS waiting FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'insert into "propositions"%'`,
        )) as { rows: { waiting: number }[] };
        if (Number(rows[0]!.waiting) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async rollBack() {
      await writer.query('ROLLBACK');
      await writer.end();
    },
  };
}

describe.each(backends)('concurrent tries of one request with one Idempotency-Key on %s', (backend) => {
  let served: Served;
  let apiKey: string;
  let apiKeyId: number;
  beforeAll(async () => {
    served = await serve(backend);
    const created = await createApiKey(served.database.db, 'races', 'EDITOR');
    apiKey = created.key;
    apiKeyId = created.viewer.keyId;
  });
  afterAll(() => served?.stop());

  it('runs one of six first tries sent at once; all six get its answer', async () => {
    const before = await rowCounts(served.database.db);
    const body = createBody('russia-strikes-isis', 'Russia strikes ISIS in Syria');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => sendUntilAnswered(served.url, apiKey, 'six-at-once', body)),
    );
    expect(answers.map(({ status, body }) => ({ status, body }))).toEqual(
      Array(6).fill({ status: 200, body: created('russia-strikes-isis', 'Russia strikes ISIS in Syria') }),
    );
    expect(answers.filter(({ replayed }) => !replayed)).toHaveLength(1);
    expect(await rowCounts(served.database.db)).toEqual({
      ...before,
      propositions: before.propositions + 1,
      revisions: before.revisions + 1,
    });
    expect(await storedKeys(served.database)).toContainEqual({ key: 'six-at-once', status: 200 });
  });

  it('takes over a claim left unanswered for longer than the lease, as a request whose process died leaves it', async () => {
    const lease = claimLeaseMs(DEFAULT_STATEMENT_TIMEOUT_MS);
    const stale = createBody('nato-is-obsolete', 'NATO is obsolete');
    const fresh = createBody('nato-is-vital', 'NATO is vital');
    await served.database.db.insert(idempotentRequests).values([
      {
        apiKeyId,
        key: 'died-long-ago',
        requestHash: await sha256Hex(stale),
        claimedAt: sql`now() - ${lease + 1_000} * interval '1 millisecond'`,
      },
      {
        apiKeyId,
        key: 'died-just-now',
        requestHash: await sha256Hex(fresh),
        claimedAt: sql`now() - interval '1 second'`,
      },
    ]);
    const before = await rowCounts(served.database.db);

    const waited = await send(served.url, apiKey, 'died-just-now', fresh);
    expect([waited.status, waited.retryAfter, waited.body]).toEqual([409, '1', STILL_RUNNING]);
    expect(waited.ms).toBeGreaterThanOrEqual(WAIT_MS);
    const other = await send(served.url, apiKey, 'died-just-now', stale);
    expect([other.status, other.body]).toEqual([422, ANOTHER_REQUEST]);
    expect(other.ms).toBeLessThan(1_000);
    expect(await rowCounts(served.database.db)).toEqual(before);

    const tookOver = await send(served.url, apiKey, 'died-long-ago', stale);
    expect([tookOver.status, tookOver.replayed, tookOver.body]).toEqual([
      200,
      false,
      created('nato-is-obsolete', 'NATO is obsolete'),
    ]);
    const retried = await send(served.url, apiKey, 'died-long-ago', stale);
    expect([retried.status, retried.replayed, retried.body]).toEqual([
      200,
      true,
      created('nato-is-obsolete', 'NATO is obsolete'),
    ]);
    expect(await rowCounts(served.database.db)).toEqual({
      ...before,
      propositions: before.propositions + 1,
      revisions: before.revisions + 1,
    });
    expect(await storedKeys(served.database)).toEqual(
      expect.arrayContaining([
        { key: 'died-just-now', status: null },
        { key: 'died-long-ago', status: 200 },
      ]),
    );
  });

  it.runIf(backend === 'postgres')(
    'makes a try wait while the first runs: 409 with Retry-After past the wait, 422 at once for another body, its answer once it ends',
    async () => {
      const before = await rowCounts(served.database.db);
      const body = createBody('assad-must-go', 'Assad must go');
      const held = await holdSlug(served.database, 'assad-must-go');
      const first = send(served.url, apiKey, 'slow-first', body);
      await held.waitedOn();

      const second = await send(served.url, apiKey, 'slow-first', body);
      expect([second.status, second.retryAfter, second.body]).toEqual([409, '1', STILL_RUNNING]);
      expect(second.ms).toBeGreaterThanOrEqual(WAIT_MS);

      const other = await send(served.url, apiKey, 'slow-first', createBody('assad-must-stay', 'Assad must stay'));
      expect([other.status, other.body]).toEqual([422, ANOTHER_REQUEST]);
      expect(other.ms).toBeLessThan(1_000);
      expect(await rowCounts(served.database.db)).toEqual(before);
      expect(await storedKeys(served.database)).toContainEqual({ key: 'slow-first', status: null });

      // A try sent while the first still runs, which gets the first's answer as soon as there is one.
      let settled = false;
      const third = send(served.url, apiKey, 'slow-first', body).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      await held.rollBack();

      const [firstAnswer, thirdAnswer] = await Promise.all([first, third]);
      expect([firstAnswer.status, firstAnswer.replayed, firstAnswer.body]).toEqual([
        200,
        false,
        created('assad-must-go', 'Assad must go'),
      ]);
      expect([thirdAnswer.status, thirdAnswer.replayed, thirdAnswer.body]).toEqual([
        200,
        true,
        created('assad-must-go', 'Assad must go'),
      ]);
      const retried = await send(served.url, apiKey, 'slow-first', body);
      expect([retried.status, retried.replayed, retried.body]).toEqual([
        200,
        true,
        created('assad-must-go', 'Assad must go'),
      ]);
      expect(await rowCounts(served.database.db)).toEqual({
        ...before,
        propositions: before.propositions + 1,
        revisions: before.revisions + 1,
      });
    },
  );
});

// Postgres only: the first try has to wait on a lock held from another connection, which an embedded PGlite has not.
describe.runIf(backends.includes('postgres'))(
  'a first try that does not end with an answer to keep, on postgres',
  () => {
    let database: TestDatabase;
    let apiKey: string;
    const servers: NodeServer[] = [];
    const start = async (env: Record<string, string> = {}) => {
      const server = await startNodeServer({ DATABASE_URL: database.url!, WHOSAID_RATE_LIMIT: '0', ...env });
      servers.push(server);
      return server;
    };
    beforeAll(async () => {
      database = await openTestDatabase('postgres');
      apiKey = (await createApiKey(database.db, 'first-tries', 'EDITOR')).key;
    });
    afterAll(async () => {
      for (const server of servers) await server.stop();
      await database?.close();
    });

    it('gives its key up when the database stopped it (TIMEOUT), and a retry runs it', async () => {
      const server = await start({ WHOSAID_STATEMENT_TIMEOUT_MS: '1000' });
      const before = await rowCounts(database.db);
      const body = createBody('russia-is-a-rival', 'Russia is a rival');
      const held = await holdSlug(database, 'russia-is-a-rival');
      const stopped = await send(server.url, apiKey, 'timed-out', body);
      expect([stopped.status, stopped.body]).toEqual([
        504,
        {
          data: null,
          errors: [
            {
              message:
                'The database took too long to answer and the request was stopped; ask for less, or try again later.',
              locations: [{ line: 1, column: 40 }],
              path: ['createProposition'],
              extensions: { code: 'TIMEOUT' },
            },
          ],
        },
      ]);
      expect(await storedKeys(database)).not.toContainEqual(expect.objectContaining({ key: 'timed-out' }));
      await held.rollBack();

      const retried = await send(server.url, apiKey, 'timed-out', body);
      expect([retried.status, retried.replayed, retried.body]).toEqual([
        200,
        false,
        created('russia-is-a-rival', 'Russia is a rival'),
      ]);
      expect(await rowCounts(database.db)).toEqual({
        ...before,
        propositions: before.propositions + 1,
        revisions: before.revisions + 1,
      });
    });

    it('leaves its claim when its server dies mid-request; a retry waits, then runs it once the lease has passed', async () => {
      // Their lease, six statement timeouts, is 30 s: half the default's, so that the test shows that it is theirs.
      const dying = await start({ WHOSAID_STATEMENT_TIMEOUT_MS: '5000' });
      const survivor = await start({ WHOSAID_STATEMENT_TIMEOUT_MS: '5000' });
      const before = await rowCounts(database.db);
      const body = createBody('russia-is-a-partner', 'Russia is a partner');
      const held = await holdSlug(database, 'russia-is-a-partner');
      void send(dying.url, apiKey, 'server-died', body).catch(() => undefined);
      await held.waitedOn();
      await dying.stop();
      await held.rollBack();
      expect(await storedKeys(database)).toContainEqual({ key: 'server-died', status: null });

      const waited = await send(survivor.url, apiKey, 'server-died', body);
      expect([waited.status, waited.retryAfter, waited.body]).toEqual([409, '1', STILL_RUNNING]);
      expect(await rowCounts(database.db)).toEqual(before);

      // As the lease passes: the claim is made older by as much, rather than the test waiting for it.
      await database.db.execute(
        sql`UPDATE idempotent_requests SET claimed_at = claimed_at - ${claimLeaseMs(5_000)} * interval '1 millisecond'
            WHERE key = 'server-died'`,
      );
      const tookOver = await send(survivor.url, apiKey, 'server-died', body);
      expect([tookOver.status, tookOver.replayed, tookOver.body]).toEqual([
        200,
        false,
        created('russia-is-a-partner', 'Russia is a partner'),
      ]);
      const retried = await send(survivor.url, apiKey, 'server-died', body);
      expect([retried.status, retried.replayed, retried.body]).toEqual([
        200,
        true,
        created('russia-is-a-partner', 'Russia is a partner'),
      ]);
      expect(await rowCounts(database.db)).toEqual({
        ...before,
        propositions: before.propositions + 1,
        revisions: before.revisions + 1,
      });
    });
  },
);
