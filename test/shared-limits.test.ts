import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerConfig } from '../src/config/settings.js';
import { openPostgresDatabase } from '../src/db/postgres.js';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { openRedisLink } from '../src/http/redis-link.js';
import { sharedRateLimiter } from '../src/http/shared-rate-limiter.js';
import { sharedReadCache } from '../src/http/shared-read-cache.js';
import { createThrowawayDatabase } from './support/databases.js';
import { type NodeServer, startNodeServer } from './support/node-server.js';
import { type RedisServer, redisServerInstalled, startRedisServer } from './support/redis-server.js';

describe('WHOSAID_REDIS_URL', () => {
  it('is a redis:// or rediss:// URL, and its prefix is whosaid: unless set', () => {
    expect(() => readServerConfig({ WHOSAID_REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(
      'WHOSAID_REDIS_URL: must be a redis:// or rediss:// URL',
    );
    expect(readServerConfig({ WHOSAID_REDIS_URL: 'rediss://cache.internal:6380/2' })).toMatchObject({
      WHOSAID_REDIS_URL: 'rediss://cache.internal:6380/2',
      WHOSAID_REDIS_PREFIX: 'whosaid:',
    });
    expect(readServerConfig({ WHOSAID_REDIS_URL: '' }).WHOSAID_REDIS_URL).toBeUndefined();
  });
});

// Nothing listens on port 1: a Redis that is not there from the start, as when it is down as the server starts.
describe('a Redis that cannot be reached', () => {
  it('is said once, and the limit and the cache are kept in this process meanwhile', async () => {
    const lines: string[] = [];
    const link = openRedisLink('redis://:secret@127.0.0.1:1', 'unreachable-test:', (line) => lines.push(line));
    try {
      const limiter = sharedRateLimiter(link, { limit: 2, periodSeconds: 60 });
      const outcomes = [];
      for (let i = 0; i < 3; i++) outcomes.push((await limiter.limit('address:192.0.2.1')).allowed);
      expect(outcomes).toEqual([true, true, false]);

      const cache = sharedReadCache(link);
      await cache.set('question', { data: { answer: 42 } }, [{ typename: 'Query' }], 60_000);
      expect(await cache.get('question')).toEqual({ data: { answer: 42 } });
      await cache.invalidate([{ typename: 'Query' }]);
      expect(await cache.get('question')).toBeNull();

      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(lines).toEqual([
        'whosaid: Redis at redis://:***@127.0.0.1:1 not reachable (connect ECONNREFUSED 127.0.0.1:1): rate limit and read cache are kept in this process until it is back',
      ]);
      expect(link.isUp()).toBe(false);
    } finally {
      await link.close();
    }
  });
});

// The cache alone, on a Redis of the test's own, with a write falling between a question and its answer.
describe.skipIf(!redisServerInstalled)('the shared read cache', () => {
  let redis: RedisServer;
  let link: ReturnType<typeof openRedisLink>;
  beforeAll(async () => {
    redis = await startRedisServer();
    const lines: string[] = [];
    link = openRedisLink(redis.url, 'read-cache-test:', (line) => lines.push(line));
    for (let waited = 0; !link.isUp() && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(lines).toEqual([`whosaid: rate limit and read cache shared through Redis at ${redis.url}`]);
  });
  afterAll(async () => {
    await link?.close();
    await redis?.stop();
  });

  it('never keeps an answer worked out before a write that cleared the cache', async () => {
    const cache = sharedReadCache(link);
    const other = sharedReadCache(link);
    expect(await cache.get('question')).toBeUndefined();
    await other.invalidate([{ typename: 'Query' }]);
    await cache.set('question', { data: { answer: 'before the write' } }, [{ typename: 'Query' }], 60_000);
    expect(await other.get('question')).toBeUndefined();

    expect(await cache.get('question')).toBeUndefined();
    await cache.set('question', { data: { answer: 'after the write' } }, [{ typename: 'Query' }], 60_000);
    expect(await other.get('question')).toEqual({ data: { answer: 'after the write' } });
    await cache.invalidate([{ typename: 'Query' }]);
    expect(await other.get('question')).toBeUndefined();
  });
});

const TRUMP_CLAIMS = '{ actor(slug: "donald-trump") { claims(first: 5) { totalCount edges { node { id } } } } }';
const LIMIT = 5;

// Two real server processes behind an imagined balancer: one Postgres database, one Redis of the test's own, which
// it stops and starts again.
describe.skipIf(!process.env.DATABASE_URL || !redisServerInstalled)('two instances sharing one Redis', () => {
  let redis: RedisServer;
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let a: NodeServer;
  let b: NodeServer;
  const keys: Record<'editor' | 'first' | 'second', string> = { editor: '', first: '', second: '' };

  beforeAll(async () => {
    redis = await startRedisServer();
    database = await createThrowawayDatabase();
    const env = {
      DATABASE_URL: database.url,
      WHOSAID_REDIS_URL: redis.url,
      WHOSAID_REDIS_PREFIX: 'shared-limits-test:',
      WHOSAID_RATE_LIMIT: String(LIMIT),
      WHOSAID_READ_CACHE_SECONDS: '60',
    };
    // One after the other: the first migrates and seeds the empty database.
    a = await startNodeServer(env);
    b = await startNodeServer(env);
    const { db, close } = await openPostgresDatabase(database.url);
    keys.editor = (await createApiKey(db, 'desk', 'EDITOR')).key;
    keys.first = (await createApiKey(db, 'first reader', 'READER')).key;
    keys.second = (await createApiKey(db, 'second reader', 'READER')).key;
    await close();
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await redis?.stop();
    await database?.drop();
  });

  const ask = async (server: NodeServer, query: string, variables = {}, apiKey?: string) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
  };
  /** How many SQL statements the server's last request ran, from its request log: 0 for an answer from the cache. */
  const lastStatements = (server: NodeServer) => {
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    return (JSON.parse(lines.at(-1)!) as { statements: number }).statements;
  };
  const said = (server: NodeServer, text: string) => server.output().split(text).length - 1;
  const until = async (condition: () => boolean) => {
    for (let waited = 0; !condition(); waited += 50) {
      if (waited > 15_000) throw new Error('waited 15 s in vain');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  /** Requests with `apiKey` through A and B in turn until one is refused: the statuses, in order. */
  const spend = async (apiKey: string) => {
    const statuses = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await ask(i % 2 ? b : a, '{ __typename }', {}, apiKey)).status);
    return statuses;
  };

  it('says it shares its rate limit and read cache through that Redis', () => {
    for (const server of [a, b]) {
      expect(server.output()).toContain(`whosaid: rate limit and read cache shared through Redis at ${redis.url}`);
    }
  });

  it('enforces one limit across both: N requests in all, the next refused by either', async () => {
    expect(await spend(keys.first)).toEqual([200, 200, 200, 200, 200, 429]);
    const refusedByA = await ask(a, '{ __typename }', {}, keys.first);
    expect(refusedByA.status).toBe(429);
    expect(Number(refusedByA.retryAfter)).toBeGreaterThan(0);
    expect(Number(refusedByA.retryAfter)).toBeLessThanOrEqual(60);
    expect(refusedByA.body.errors[0].extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: Number(refusedByA.retryAfter),
    });
  });

  it("serves B the answer A cached, and a write through A clears B's", async () => {
    const first = await ask(a, TRUMP_CLAIMS);
    expect(first.body.data.actor.claims.totalCount).toBe(2);
    expect(lastStatements(a)).toBeGreaterThan(0);
    expect(await ask(b, TRUMP_CLAIMS)).toEqual(first);
    expect(lastStatements(b)).toBe(0);

    const retracted = await ask(
      a,
      'mutation ($id: ID!) { retractClaim(id: $id, reason: "Misquoted") { __typename } }',
      { id: first.body.data.actor.claims.edges[0].node.id },
      keys.editor,
    );
    expect(retracted.body).toEqual({ data: { retractClaim: { __typename: 'MutationRetractClaimSuccess' } } });

    const afterWrite = await ask(b, TRUMP_CLAIMS);
    expect(afterWrite.body.data.actor.claims.totalCount).toBe(1);
    expect(lastStatements(b)).toBeGreaterThan(0);
  });

  it('answers every request while Redis is away, each instance counting and caching on its own, and says so once', async () => {
    await redis.stop();
    await until(() => said(a, ' lost (') === 1 && said(b, ' lost (') === 1);

    const claims = await ask(b, TRUMP_CLAIMS);
    expect(claims.status).toBe(200);
    expect(claims.body.data.actor.claims.totalCount).toBe(1);
    expect((await ask(b, TRUMP_CLAIMS)).body).toEqual(claims.body);
    expect(lastStatements(b)).toBe(0);
    const retracted = await ask(
      a,
      'mutation ($id: ID!) { retractClaim(id: $id, reason: "Misattributed") { __typename } }',
      { id: claims.body.data.actor.claims.edges[0].node.id },
      keys.editor,
    );
    expect(retracted.body).toEqual({ data: { retractClaim: { __typename: 'MutationRetractClaimSuccess' } } });
    // Each counts alone now: the second reader's limit holds in A, and B has not counted it.
    const statuses = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await ask(a, '{ __typename }', {}, keys.second)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await ask(b, '{ __typename }', {}, keys.second)).status).toBe(200);

    for (const server of [a, b]) {
      expect(said(server, ' lost (')).toBe(1);
      expect(server.output()).toMatch(
        new RegExp(
          `whosaid: Redis at ${redis.url.replaceAll('.', '\\.')} lost \\(.+\\): rate limit and read cache are kept in this process until it is back`,
        ),
      );
      expect(server.output()).not.toContain('"status":500');
    }
  });

  it('shares them again once Redis is back', async () => {
    await redis.restart();
    await until(() => said(a, 'is back: ') === 1 && said(b, 'is back: ') === 1);
    expect(a.output()).toContain(`whosaid: Redis at ${redis.url} is back: rate limit and read cache are shared again`);

    // The restarted Redis has forgotten every count, so the second reader starts afresh, counted once for both.
    expect(await spend(keys.second)).toEqual([200, 200, 200, 200, 200, 429]);
    const query = '{ proposition(slug: "russia-is-an-ally-against-isis") { statement } }';
    expect((await ask(b, query)).status).toBe(200);
    expect(lastStatements(b)).toBeGreaterThan(0);
    expect((await ask(a, query)).status).toBe(200);
    expect(lastStatements(a)).toBe(0);
  });
});
