import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { createWhosaid } from '../src/http/whosaid.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { rowCounts } from './support/row-counts.js';

const IMPORT = `mutation ($input: SourceBundleInput!) { importSource(input: $input) {
  __typename ... on MutationImportSourceSuccess { data { claims { created unchanged } } } } }`;
const bundle = (text: string) => ({
  source: { url: 'https://example.org/retry', title: 'Retry', kind: 'ARTICLE', publishedOn: { value: '2017-05' } },
  actors: [{ slug: 'sam-senator', name: 'Sam Senator', kind: 'PERSON' }],
  claims: [{ key: 'the-claim', text, mode: 'DIRECT_QUOTE', speakers: ['sam-senator'], medium: 'SPEECH' }],
});

describe.each(backends)('request limits on %s', (backend) => {
  let database: TestDatabase;
  let key: string;
  let post: (body: string, headers?: Record<string, string>) => Promise<Response>;
  beforeEach(async () => {
    database = await openTestDatabase(backend);
    key = (await createApiKey(database.db, 'wire', 'EDITOR')).key;
    const yoga = createWhosaid({ database: () => database.db });
    post = async (body, headers = {}) =>
      await yoga.fetch('http://whosaid.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
        body,
      });
  });
  afterEach(() => database.close());

  it('answers a retried mutation with its first answer', async () => {
    const body = JSON.stringify({ query: IMPORT, variables: { input: bundle('First words.') } });
    const first = await post(body, { 'idempotency-key': 'import-42' });
    const firstAnswer = await first.json();
    expect(firstAnswer).toEqual({
      data: {
        importSource: { __typename: 'MutationImportSourceSuccess', data: { claims: { created: 1, unchanged: 0 } } },
      },
    });
    const counts = await rowCounts(database.db);
    const retry = await post(body, { 'idempotency-key': 'import-42' });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(firstAnswer);
    expect(await rowCounts(database.db)).toEqual(counts);
  });

  it('refuses an Idempotency-Key reused for another request', async () => {
    await post(JSON.stringify({ query: IMPORT, variables: { input: bundle('First words.') } }), {
      'idempotency-key': 'k',
    });
    const counts = await rowCounts(database.db);
    const reused = await post(JSON.stringify({ query: IMPORT, variables: { input: bundle('Other words.') } }), {
      'idempotency-key': 'k',
    });
    expect(reused.status).toBe(422);
    expect(await reused.json()).toEqual({
      errors: [
        { message: 'This Idempotency-Key was used for a different request', extensions: { code: 'BAD_USER_INPUT' } },
      ],
    });
    expect(await rowCounts(database.db)).toEqual(counts);
  });

  it('refuses a batch, a JSON array of operations, running none of them', async () => {
    const before = await rowCounts(database.db);
    const response = await post(
      JSON.stringify([{ query: IMPORT, variables: { input: bundle('First words.') } }, { query: '{ __typename }' }]),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Batching is not supported.', extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it('refuses a streamed body once it passes 1 MiB, without reading the rest', async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
        if (sent > 64 * 1024 * 1024) controller.close();
      },
    });
    const yoga = createWhosaid({ database: () => database.db });
    const response = await yoga.fetch('http://whosaid.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it('refuses a body over 1 MiB and writes nothing', async () => {
    const before = await rowCounts(database.db);
    const huge = bundle('x'.repeat(100));
    const body = JSON.stringify({ query: IMPORT, variables: { input: huge }, padding: 'y'.repeat(1024 * 1024) });
    const response = await post(body);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [{ message: 'A request body may hold at most 1048576 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    expect(await rowCounts(database.db)).toEqual(before);
  });
});
