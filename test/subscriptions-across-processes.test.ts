import { execFileSync } from 'node:child_process';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { connectTestDatabase, createThrowawayDatabase, type TestDatabase } from './support/databases.js';
import { type NodeServer, startNodeServer } from './support/node-server.js';
import { VOX_URL } from './support/seed-article.js';

const RECORD = `mutation ($claim: ClaimInput!) { recordClaim(sourceUrl: "${VOX_URL}", claim: $claim) { __typename } }`;

type Result = { data?: { claimRecorded: { text: string; speakers: { slug: string }[] } } };

/** A claimRecorded subscription on the server at `url`, open once the server has answered. */
async function subscribeToClaims(url: string) {
  const received: Result[] = [];
  let completed = false;
  let connected!: () => void;
  const isConnected = new Promise<void>((resolve) => {
    connected = resolve;
  });
  const client = createClient({ url, retryAttempts: 0, on: { connected: () => connected() } });
  const unsubscribe = client.subscribe<Result['data']>(
    { query: 'subscription { claimRecorded { text speakers { slug } } }' },
    {
      next: (result) => received.push(result as Result),
      complete: () => {
        completed = true;
      },
      error: () => {
        completed = true;
      },
    },
  );
  await isConnected;
  /** Waits up to `ms` for `what` to hold. */
  const within = async (ms: number, what: () => boolean) => {
    const until = Date.now() + ms;
    while (!what() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    return what();
  };
  return {
    received,
    within,
    completed: () => completed,
    close() {
      unsubscribe();
      client.dispose();
    },
  };
}

async function recordThrough(url: string, apiKey: string, text: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({
      query: RECORD,
      variables: { claim: { text, mode: 'DIRECT_QUOTE', speakers: ['vox'], medium: 'REPORT' } },
    }),
  });
  expect(await response.json()).toEqual({ data: { recordClaim: { __typename: 'MutationRecordClaimSuccess' } } });
}

// The hub also reads the feed every 5 s in case a notification is lost: an event within 1.5 s came of LISTEN.
const BY_NOTIFICATION_MS = 1_500;

describe('a server process on the embedded database', () => {
  let server: NodeServer;
  let apiKey: string;

  beforeAll(async () => {
    server = await startNodeServer();
    // The server holds PGlite: `npm run keys` makes the key through it, over its keys socket.
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/keys.ts', 'create', '--name', 'newsroom', '--role', 'editor'],
      { env: { ...process.env, WHOSAID_DATA_DIR: server.dataDir, DATABASE_URL: '' }, encoding: 'utf8' },
    );
    apiKey = output.trim().split('\n').at(-1)!;
  });
  afterAll(() => server?.stop());

  it("delivers its own writes to its subscribers, through PGlite's LISTEN", async () => {
    const subscription = await subscribeToClaims(server.url);
    await recordThrough(server.url, apiKey, 'Heard through PGlite.');
    expect(await subscription.within(BY_NOTIFICATION_MS, () => subscription.received.length > 0)).toBe(true);
    expect(subscription.received[0]!.data).toEqual({
      claimRecorded: { text: 'Heard through PGlite.', speakers: [{ slug: 'vox' }] },
    });
    subscription.close();
  });

  it('completes its open subscriptions when it is stopped with SIGTERM, then exits', async () => {
    const subscription = await subscribeToClaims(server.url);
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGTERM');
    expect(await subscription.within(5_000, subscription.completed)).toBe(true);
    expect(await exited).toBe(0);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('two server processes on one Postgres database', () => {
  let drop: () => Promise<void>;
  let database: TestDatabase;
  let first: NodeServer;
  let second: NodeServer;
  let apiKey: string;

  beforeAll(async () => {
    const throwaway = await createThrowawayDatabase();
    drop = throwaway.drop;
    // One after the other: the first migrates and seeds the database, the second finds it ready.
    first = await startNodeServer({ DATABASE_URL: throwaway.url });
    second = await startNodeServer({ DATABASE_URL: throwaway.url });
    database = await connectTestDatabase(throwaway.url);
    apiKey = (await createApiKey(database.db, 'newsroom', 'EDITOR')).key;
  });
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await database?.close();
    await drop?.();
  });

  it("delivers each process's writes to the other's subscribers", async () => {
    const onFirst = await subscribeToClaims(first.url);
    const onSecond = await subscribeToClaims(second.url);
    await recordThrough(second.url, apiKey, 'Written through the second process.');
    await recordThrough(first.url, apiKey, 'Written through the first process.');
    const both = () => onFirst.received.length === 2 && onSecond.received.length === 2;
    expect(await onFirst.within(BY_NOTIFICATION_MS, both)).toBe(true);
    const texts = (results: Result[]) => results.map((result) => result.data!.claimRecorded.text);
    const inOrder = ['Written through the second process.', 'Written through the first process.'];
    expect(texts(onFirst.received)).toEqual(inOrder);
    expect(texts(onSecond.received)).toEqual(inOrder);
    onFirst.close();
    onSecond.close();
  });
});
