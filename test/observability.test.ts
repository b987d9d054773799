import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { createWhosaid } from '../src/http/whosaid.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';

// What an operator sees: one JSON line per request, the same id in the response, and /health.
describe.each(backends)('request log and health on %s', (backend) => {
  let database: TestDatabase;
  let lines: string[];
  let yoga: ReturnType<typeof createWhosaid>;
  beforeEach(async () => {
    database = await openTestDatabase(backend);
    await seedDatabase(database.db);
    lines = [];
    yoga = createWhosaid({ database: () => database.db, log: (line) => lines.push(line) });
  });
  afterEach(() => database.close());

  const post = (query: string, headers: Record<string, string> = {}) =>
    yoga.fetch('http://whosaid.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
  const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('logs each request once, with its id, operation, duration, SQL statements and outcome', async () => {
    const response = await post('query TrumpPositions { actor(slug: "donald-trump") { positions { stance } } }', {
      'x-request-id': 'newsroom-42',
    });
    expect(response.headers.get('x-request-id')).toBe('newsroom-42');
    expect(logged()).toEqual([
      {
        level: 'info',
        requestId: 'newsroom-42',
        method: 'POST',
        path: '/graphql',
        operation: 'TrumpPositions',
        durationMs: expect.any(Number),
        statements: 1,
        status: 200,
        outcome: 'ok',
        errors: [],
      },
    ]);
  });

  it('makes up an id where the caller sent none or a strange one, and logs the error codes', async () => {
    const response = await post('{ claims(filter: { saidFrom: "2017-06-01", saidTo: "2017-01-01" }) { totalCount } }', {
      'x-request-id': 'no spaces or "quotes" please',
    });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged()).toEqual([
      expect.objectContaining({ requestId: id, operation: null, outcome: 'error', errors: ['BAD_USER_INPUT'] }),
    ]);
  });

  it('masks an unexpected error but logs it whole under the request id the client is given', async () => {
    await database.db.execute(sql`ALTER TABLE sources RENAME TO sources_moved`);
    const response = await post('{ sources(first: 1) { edges { node { title } } } }');
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    const id = response.headers.get('x-request-id');
    expect(body.errors).toEqual([
      {
        message: 'Unexpected error.',
        locations: expect.any(Array),
        path: ['sources'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: id },
      },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/sources_moved|relation|select|at /i);
    const [error, request] = logged();
    expect(error).toEqual({
      level: 'error',
      requestId: id,
      message: expect.stringContaining('from "sources"'),
      cause: 'relation "sources" does not exist',
      stack: expect.any(String),
    });
    expect(request).toEqual(
      expect.objectContaining({ requestId: id, outcome: 'error', errors: ['INTERNAL_SERVER_ERROR'] }),
    );
  });

  it('answers /health with the state of the database', async () => {
    const healthy = await yoga.fetch('http://whosaid.test/health');
    expect([healthy.status, await healthy.json()]).toEqual([200, { status: 'ok', database: 'ok' }]);
    await database.close();
    const unhealthy = await yoga.fetch('http://whosaid.test/health');
    expect([unhealthy.status, await unhealthy.json()]).toEqual([
      503,
      { status: 'unavailable', database: 'unreachable' },
    ]);
    database = await openTestDatabase(backend); // for afterEach
  });
});
