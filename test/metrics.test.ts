import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerConfig } from '../src/config/settings.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { useMetrics } from '../src/http/plugins/request/use-metrics.js';
import { inProcessRateLimiter } from '../src/http/rate-limiter.js';
import { createWhosaid } from '../src/http/whosaid.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';

const TOKEN = 'scrape-7f3a9c1e2b4d6f80';

describe('WHOSAID_METRICS', () => {
  it('is off unless set, and is public or a bearer token; anything else stops the start, by name', () => {
    expect(readServerConfig({}).metrics).toBeUndefined();
    expect(readServerConfig({ WHOSAID_METRICS: 'off' }).metrics).toBeUndefined();
    expect(readServerConfig({ WHOSAID_METRICS: 'public' }).metrics).toBe('public');
    expect(readServerConfig({ WHOSAID_METRICS: TOKEN }).metrics).toEqual({ token: TOKEN });
    for (const value of ['on', 'true', 'short-token', 'a token with spaces in it']) {
      expect(() => readServerConfig({ WHOSAID_METRICS: value })).toThrow(
        'WHOSAID_METRICS: must be off, public, or a token of 16 or more letters, digits or ._~+/=- for Authorization: Bearer',
      );
    }
  });
});

// What Prometheus reads: the samples of a scrape, by series as printed (`name{label="value",…}`).
function samples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    found.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return found;
}

describe.each(backends)('GET /metrics on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await seedDatabase(database.db);
  });
  afterAll(() => database.close());

  let lines: string[];
  // As the Node server makes it: useMetrics where the setting turns it on.
  const metricsOf = (env: Record<string, string>, subscriptionsOpen?: () => number) => {
    const access = readServerConfig(env).metrics;
    return access && useMetrics({ access, connections: database.connections, subscriptionsOpen });
  };
  const whosaid = (env: Record<string, string>, subscriptionsOpen?: () => number) => {
    lines = [];
    return createWhosaid({
      database: () => database.db,
      metrics: metricsOf(env, subscriptionsOpen),
      log: (line) => lines.push(line),
    });
  };
  const post = (yoga: ReturnType<typeof whosaid>, query: string) =>
    yoga.fetch('http://whosaid.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
  const scrape = async (yoga: ReturnType<typeof whosaid>, headers: Record<string, string> = {}) => {
    const response = await yoga.fetch('http://whosaid.test/metrics', { headers });
    expect(response.status).toBe(200);
    return samples(await response.text());
  };

  it('is not there when WHOSAID_METRICS is off', async () => {
    const response = await whosaid({}).fetch('http://whosaid.test/metrics');
    expect(response.status).toBe(404);
  });

  it('answers only a scraper that sends the token, is never rate-limited, and is not in the request log', async () => {
    lines = [];
    const limiter = inProcessRateLimiter({ limit: 1, periodSeconds: 60 });
    const yoga = createWhosaid({
      database: () => database.db,
      metrics: metricsOf({ WHOSAID_METRICS: TOKEN }),
      rateLimiter: () => limiter,
      clientAddress: () => '203.0.113.9',
      log: (line) => lines.push(line),
    });
    for (const headers of [{}, { authorization: 'Bearer scrape-0000000000000000' }, { authorization: TOKEN }]) {
      const refused = await yoga.fetch('http://whosaid.test/metrics', { headers });
      expect([refused.status, refused.headers.get('www-authenticate'), await refused.json()]).toEqual([
        401,
        'Bearer realm="metrics"',
        {
          errors: [
            {
              message: 'This needs the metrics token: send Authorization: Bearer <token>',
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        },
      ]);
    }
    for (let scrapes = 0; scrapes < 3; scrapes++) {
      const response = await yoga.fetch('http://whosaid.test/metrics', {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(await response.text()).toContain('# TYPE whosaid_http_request_duration_seconds histogram');
    }
    // The client's one request a minute is still its own: the scrapes above were not counted against it.
    expect((await post(yoga, '{ __typename }')).status).toBe(200);
    expect((await post(yoga, '{ __typename }')).status).toBe(429);
    expect(lines.map((line) => JSON.parse(line).path)).toEqual(['/graphql', '/graphql']);
  });

  it('counts requests by operation and outcome, errors by code, and the SQL statements of each request', async () => {
    const yoga = whosaid({ WHOSAID_METRICS: 'public' }, () => 3);
    const positions = 'query TrumpPositions { actor(slug: "donald-trump") { positions { stance } } }';
    expect((await post(yoga, positions)).status).toBe(200);
    expect((await post(yoga, positions)).status).toBe(200);
    await post(
      yoga,
      'query BadRange { claims(filter: { saidFrom: "2017-06-01", saidTo: "2017-01-01" }) { totalCount } }',
    );
    await post(
      yoga,
      'mutation StanceWithoutKey { setClaimStance(claim: "Q2xhaW06Mw==", proposition: "russia-is-an-ally-against-isis", stance: OPPOSES) { __typename } }',
    );
    const scraped = await scrape(yoga);
    // Every count, and the sums that are not times; each series of them.
    const counted =
      /^(whosaid_.*(_count|_total|statements_per_request_sum|_open)|graphql_envelop_request(_duration_count)?)(\{|$)/;
    expect(Object.fromEntries([...scraped].filter(([series]) => counted.test(series)))).toEqual({
      'whosaid_http_request_duration_seconds_count{operation="TrumpPositions",status="200",outcome="ok"}': 2,
      'whosaid_http_request_duration_seconds_count{operation="BadRange",status="200",outcome="error"}': 1,
      'whosaid_http_request_duration_seconds_count{operation="StanceWithoutKey",status="401",outcome="error"}': 1,
      'whosaid_graphql_errors_total{operation="BadRange",code="BAD_USER_INPUT"}': 1,
      'whosaid_graphql_errors_total{operation="StanceWithoutKey",code="UNAUTHENTICATED"}': 1,
      'whosaid_sql_statements_per_request_sum{operation="TrumpPositions"}': 2,
      'whosaid_sql_statements_per_request_count{operation="TrumpPositions"}': 2,
      'whosaid_sql_statements_per_request_sum{operation="BadRange"}': 0,
      'whosaid_sql_statements_per_request_count{operation="BadRange"}': 1,
      'whosaid_sql_statements_per_request_sum{operation="StanceWithoutKey"}': 0,
      'whosaid_sql_statements_per_request_count{operation="StanceWithoutKey"}': 1,
      whosaid_subscriptions_open: 3,
      'graphql_envelop_request{operationName="TrumpPositions",operationType="query"}': 2,
      'graphql_envelop_request{operationName="BadRange",operationType="query"}': 1,
      'graphql_envelop_request{operationName="StanceWithoutKey",operationType="mutation"}': 1,
      'graphql_envelop_request_duration_count{operationName="TrumpPositions",operationType="query"}': 2,
      'graphql_envelop_request_duration_count{operationName="BadRange",operationType="query"}': 1,
      'graphql_envelop_request_duration_count{operationName="StanceWithoutKey",operationType="mutation"}': 1,
    });
    expect(
      scraped.get(
        'whosaid_http_request_duration_seconds_bucket{le="+Inf",operation="TrumpPositions",status="200",outcome="ok"}',
      ),
    ).toBe(2);
    expect(scraped.get('whosaid_sql_statements_per_request_bucket{le="0",operation="TrumpPositions"}')).toBe(0);
    expect(scraped.get('whosaid_sql_statements_per_request_bucket{le="1",operation="TrumpPositions"}')).toBe(2);
    expect(
      scraped.get('graphql_envelop_error_result{operationName="BadRange",operationType="query",phase="execute"}'),
    ).toBe(1);
  });

  it('reports the database connections in use, idle and waiting, where there is a pool', async () => {
    const yoga = whosaid({ WHOSAID_METRICS: 'public' });
    const connections = (scraped: Map<string, number>) =>
      Object.fromEntries([...scraped].filter(([series]) => series.startsWith('whosaid_db_')));
    if (backend === 'pglite') {
      expect(connections(await scrape(yoga))).toEqual({ whosaid_db_connections_max: 1 });
      return;
    }
    const idle = connections(await scrape(yoga));
    expect(idle).toEqual({
      whosaid_db_connections_max: 10,
      'whosaid_db_connections{state="in_use"}': 0,
      'whosaid_db_connections{state="idle"}': expect.any(Number),
      whosaid_db_connections_waiting: 0,
    });
    // A transaction holds one connection while the scrape is answered.
    const during = await database.db.transaction(async (tx) => {
      await tx.execute('select 1');
      return connections(await scrape(yoga));
    });
    expect(during).toMatchObject({ 'whosaid_db_connections{state="in_use"}': 1, whosaid_db_connections_waiting: 0 });
  });
});
