import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAddress, type NeonBridge, startNeonBridge } from '../src/dev/neon-ws-bridge.js';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { type PostgresServer, startPostgresServer } from './support/postgres-server.js';
import { VOX_URL } from './support/seed-article.js';
import { type RunningWorker, startWorker } from './support/worker.js';

type Result = { data?: { claimRecorded: { text: string } }; extensions?: { eventId?: string } };

// The Worker keeps no process to listen in: each subscription reads the change feed itself, every second, within its
// request, through the Neon driver (here over the local bridge to PGlite behind pglite-socket).
describe('subscriptions on the Worker in workerd', () => {
  let server: PostgresServer;
  let bridge: NeonBridge;
  let worker: RunningWorker;
  let apiKey: string;

  beforeAll(async () => {
    server = await startPostgresServer('pglite');
    await seedDatabase(server.database.db);
    apiKey = (await createApiKey(server.database.db, 'edge-editor', 'EDITOR')).key;
    bridge = await startNeonBridge({ database: databaseAddress(server.url) });
    worker = await startWorker({ DATABASE_URL: server.url, NEON_WS_PROXY: bridge.address });
  });
  afterAll(async () => {
    await worker?.close();
    await bridge?.close();
    await server?.close();
  });

  async function record(text: string) {
    const { body } = await worker.graphql(
      `mutation ($claim: ClaimInput!) { recordClaim(sourceUrl: "${VOX_URL}", claim: $claim) { __typename } }`,
      { claim: { text, mode: 'DIRECT_QUOTE', speakers: ['vox'], medium: 'REPORT' } },
      apiKey,
    );
    expect(body).toEqual({ data: { recordClaim: { __typename: 'MutationRecordClaimSuccess' } } });
  }

  /** The first `count` results of a claimRecorded subscription to the Worker, resuming after `lastEventId`. */
  async function firstResults(count: number, lastEventId?: string, whileOpen?: () => Promise<void>) {
    const client = createClient({
      url: worker.url,
      retryAttempts: 0,
      headers: lastEventId ? { 'last-event-id': lastEventId } : {},
    });
    const results = client.iterate({
      query: 'subscription { claimRecorded { text } }',
    }) as AsyncIterableIterator<Result>;
    const first = results.next();
    // The request is under way; the Worker reads the end of the feed as it opens the subscription.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await whileOpen?.();
    const received = [(await first).value as Result];
    while (received.length < count) received.push((await results.next()).value as Result);
    await results.return?.();
    client.dispose();
    return received;
  }

  it('sends a claim written through the Worker to a subscriber of the Worker, and resumes after its id', async () => {
    const [event] = await firstResults(1, undefined, () => record('Said at the edge.'));
    expect(event!.data).toEqual({ claimRecorded: { text: 'Said at the edge.' } });

    // Written while no one listened; a reconnect with the last event id gets it, and nothing before.
    await record('Said while nobody listened.');
    const resumed = await firstResults(2, event!.extensions!.eventId, () => record('Said after the reconnect.'));
    expect(resumed.map((result) => result.data)).toEqual([
      { claimRecorded: { text: 'Said while nobody listened.' } },
      { claimRecorded: { text: 'Said after the reconnect.' } },
    ]);
  });
});
