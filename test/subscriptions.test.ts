import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeFeedHub, closeSubscriptions, subscriptionsOpen } from '../src/db/change-feed-follower.js';
import { listenOnPglite, listenOnPostgres } from '../src/db/commit-notifications.js';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { inProcessRateLimiter } from '../src/http/rate-limiter.js';
import { createWhosaid } from '../src/http/whosaid.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { rowCounts } from './support/row-counts.js';
import { VOX_URL } from './support/seed-article.js';

const RECORD = `mutation ($claim: ClaimInput!) { recordClaim(sourceUrl: "${VOX_URL}", claim: $claim) { __typename } }`;
const RUSSIA = 'russia-is-an-ally-against-isis';
/** The tables recordClaim changes, in the order it writes them. */
const CLAIM_TABLES = ['claims', 'claim_reports', 'claim_speakers', 'claim_stances'];

/** A claim for recordClaim: `speaker` says `text`, on 2018-01-01, taking `stance` on Russia as an ally. */
const claimBy = (speaker: string, text: string, stance: 'SUPPORTS' | 'OPPOSES' = 'OPPOSES') => ({
  text,
  mode: 'DIRECT_QUOTE',
  speakers: [speaker],
  medium: 'REPORT',
  saidOn: { value: '2018-01-01' },
  stances: [{ proposition: RUSSIA, stance }],
});

type Result = {
  data?: Record<string, unknown> | null;
  errors?: { message: string }[];
  extensions?: { eventId?: string };
};

/** The results of one subscription, as graphql-sse's client receives them, to take one by one. */
interface Subscription {
  next(): Promise<Result>;
  /** Whether the server ended it (complete) within `ms`. */
  completes(ms: number): Promise<boolean>;
  close(): Promise<void>;
}

describe.each(backends)('subscriptions over SSE (%s)', (backend) => {
  let database: TestDatabase;
  let hub: ChangeFeedHub;
  let yoga: ReturnType<typeof createWhosaid>;
  let editorKey: string;
  let adminKey: string;
  let server: Server;
  let url: string;

  const handler = (options: Parameters<typeof createWhosaid>[0]) => createWhosaid(options);

  /** Opens `query` with graphql-sse's client, over HTTP to the server; the last event id with it, if any. */
  async function subscribe(
    query: string,
    options: { lastEventId?: string; apiKey?: string } = {},
  ): Promise<Subscription> {
    const received: (Result | 'complete')[] = [];
    let arrived: (() => void) | undefined;
    let connected!: () => void;
    const isConnected = new Promise<void>((resolve) => {
      connected = resolve;
    });
    const client = createClient({
      url,
      retryAttempts: 0,
      headers: {
        ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      on: { connected: () => connected() },
    });
    const push = (item: Result | 'complete') => {
      received.push(item);
      arrived?.();
    };
    const unsubscribe = client.subscribe<Record<string, unknown>, { eventId?: string }>(
      { query },
      { next: (result) => push(result as Result), complete: () => push('complete'), error: () => push('complete') },
    );
    const take = async (ms: number) => {
      const until = Date.now() + ms;
      while (received.length === 0 && Date.now() < until) {
        await new Promise<void>((resolve) => {
          arrived = resolve;
          setTimeout(resolve, 50);
        });
      }
      return received.shift();
    };
    // Once the server has answered, the subscription is open: what commits from then on is sent.
    await isConnected;
    return {
      next: async () => {
        const item = await take(10_000);
        if (item === undefined || item === 'complete') throw new Error(`the subscription ended or sent nothing`);
        return item;
      },
      completes: async (ms) => (await take(ms)) === 'complete',
      close: async () => {
        unsubscribe();
        client.dispose();
      },
    };
  }

  async function write(claim: ReturnType<typeof claimBy>) {
    const response = await yoga.fetch('http://whosaid.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editorKey}` },
      body: JSON.stringify({ query: RECORD, variables: { claim } }),
    });
    expect(await response.json()).toEqual({ data: { recordClaim: { __typename: 'MutationRecordClaimSuccess' } } });
  }

  /** Until the hub has read the feed as far as it goes now: a subscription opened from now misses nothing before. */
  const settled = async () => {
    for (let tries = 0; tries < 100; tries++) {
      const before = hub.position;
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (before === hub.position) return;
    }
  };

  /** A subscription as an SSE request through the handler's fetch, whose body is read (or not) by the test. */
  const openStream = (query: string, headers: Record<string, string> = {}, through = yoga) =>
    through.fetch('http://whosaid.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query }),
    });

  /** The number of subscriptions open, once it is `expected` or two seconds have passed. */
  const openCountBecomes = async (expected: number) => {
    for (let tries = 0; tries < 100 && subscriptionsOpen() !== expected; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return subscriptionsOpen();
  };

  const listen = () =>
    backend === 'pglite'
      ? listenOnPglite((database.db as unknown as { $client: PGlite }).$client)
      : listenOnPostgres(database.url!);

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await seedDatabase(database.db);
    // No polling: each event here comes of a notification, so the test fails if notifying does.
    hub = await ChangeFeedHub.start(database.db, { listen: listen(), pollMs: 0, bufferSize: 20, stallMs: 2_000 });
    yoga = handler({ database: () => database.db, changeFeed: hub });
    server = createServer(yoga);
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    editorKey = (await createApiKey(database.db, 'newsroom', 'EDITOR')).key;
    adminKey = (await createApiKey(database.db, 'desk admin', 'ADMIN')).key;
  });
  afterAll(async () => {
    closeSubscriptions();
    server?.closeAllConnections();
    server?.close();
    await hub?.stop();
    await database?.close();
  });

  it('sends each new claim that matches the filter, with its speakers and stances', async () => {
    await settled();
    const trumps = await subscribe(
      `subscription { claimRecorded(filter: { actor: "donald-trump", proposition: "${RUSSIA}" }) {
        text speakers { slug } stances { stance proposition { slug } } } }`,
    );
    const all = await subscribe('subscription { claimRecorded { text } }');
    await write(claimBy('vox', 'Russia is no partner of ours.'));
    await write(claimBy('donald-trump', 'Russia is no ally against ISIS.'));
    expect((await trumps.next()).data).toEqual({
      claimRecorded: {
        text: 'Russia is no ally against ISIS.',
        speakers: [{ slug: 'donald-trump' }],
        stances: [{ stance: 'OPPOSES', proposition: { slug: RUSSIA } }],
      },
    });
    expect((await all.next()).data).toEqual({ claimRecorded: { text: 'Russia is no partner of ours.' } });
    expect((await all.next()).data).toEqual({ claimRecorded: { text: 'Russia is no ally against ISIS.' } });
    await trumps.close();
    await all.close();
  });

  it('sends a shift of position with the claims before and after it', async () => {
    await settled();
    const shifts = await subscribe(
      `subscription { positionShifted(filter: { actor: "donald-trump" }) {
        actor { slug } proposition { slug } from to before { text } after { text } afterOn { value } } }`,
    );
    // Trump said OPPOSES last (the test above); SUPPORTS is a shift back, OPPOSES again another.
    await write(claimBy('donald-trump', 'Russia is a great ally against ISIS.', 'SUPPORTS'));
    expect((await shifts.next()).data).toEqual({
      positionShifted: {
        actor: { slug: 'donald-trump' },
        proposition: { slug: RUSSIA },
        from: 'OPPOSES',
        to: 'SUPPORTS',
        before: { text: 'Russia is no ally against ISIS.' },
        after: { text: 'Russia is a great ally against ISIS.' },
        afterOn: { value: '2018-01-01' },
      },
    });
    await shifts.close();
  });

  it('sends every change as it commits, in feed order, and changes to API keys to admins only', async () => {
    await settled();
    const anonymous = await subscribe('subscription { changes { entityType table action } }');
    const admin = await subscribe('subscription { changes { entityType table action changedBy } }', {
      apiKey: adminKey,
    });
    const claimsOnly = await subscribe('subscription { changes(filter: { entityType: "Claim" }) { table } }');
    await createApiKey(database.db, 'night desk', 'EDITOR');
    await write(claimBy('vox', 'Moscow is not helping.'));
    expect((await admin.next()).data).toEqual({
      changes: { entityType: 'ApiKey', table: 'api_keys', action: 'INSERT', changedBy: 'system' },
    });
    expect((await admin.next()).data).toEqual({
      changes: { entityType: 'Claim', table: 'claims', action: 'INSERT', changedBy: 'newsroom' },
    });
    expect((await anonymous.next()).data).toEqual({
      changes: { entityType: 'Claim', table: 'claims', action: 'INSERT' },
    });
    expect((await claimsOnly.next()).data).toEqual({ changes: { table: 'claims' } });
    await Promise.all([anonymous.close(), admin.close(), claimsOnly.close()]);
  });

  it('resumes after the Last-Event-ID: everything missed, nothing twice, as the changes query pages it', async () => {
    await settled();
    const first = await subscribe('subscription { changes { sequence } }');
    await write(claimBy('vox', 'Russia wants Assad to stay.'));
    const seen = [await first.next(), await first.next()];
    await first.close();
    // Written while no one listened.
    await write(claimBy('vox', 'Russia bombs hospitals.'));
    const lastEventId = seen[1]!.extensions!.eventId!;
    const resumed = await subscribe('subscription { changes { sequence } }', { lastEventId });
    await write(claimBy('vox', 'Russia is in Syria for itself.'));

    // The event id is a changes cursor: the query pages the same feed from it.
    const page = await yoga.fetch('http://whosaid.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query ($after: String) { changes(after: $after, first: 100) { edges { cursor node { sequence } } } }',
        variables: { after: lastEventId },
      }),
    });
    const { edges } = (
      (await page.json()) as { data: { changes: { edges: { cursor: string; node: { sequence: string } }[] } } }
    ).data.changes;
    expect(edges.length).toBeGreaterThan(6);
    const received: Result[] = [];
    while (received.length < edges.length) received.push(await resumed.next());
    expect(received.map((result) => result.data)).toEqual(edges.map((edge) => ({ changes: edge.node })));
    expect(received.map((result) => result.extensions?.eventId)).toEqual(edges.map((edge) => edge.cursor));
    expect(new Set(received.map((result) => (result.data!.changes as { sequence: string }).sequence)).size).toBe(
      edges.length,
    );
    await resumed.close();
  });

  it('writes each event with its id as the SSE id line, for EventSource to send back', async () => {
    await settled();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { claimRecorded { text } }' }),
    });
    await write(claimBy('vox', 'Russia keeps its base in Tartus.'));
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('Tartus')) text += new TextDecoder().decode((await reader.read()).value);
    const event = /id: (\S+)\nevent: next\ndata: (.*)\n\n/.exec(text);
    expect(event).not.toBeNull();
    expect(JSON.parse(event![2]!)).toEqual({
      data: { claimRecorded: { text: 'Russia keeps its base in Tartus.' } },
      extensions: { eventId: event![1] },
    });
    await reader.cancel();
  });

  it('refuses an unknown slug in a filter, or a bad Last-Event-ID, naming it, and opens nothing', async () => {
    const open = await openCountBecomes(0);
    const refusal = async (query: string, headers: Record<string, string> = {}) => {
      const text = await (await openStream(query, headers)).text();
      return text
        .split('\n')
        .filter((line) => line.startsWith('data: {'))
        .map((line) => JSON.parse(line.slice(6)) as Result)
        .map((result) =>
          result.errors?.map((error) => ({ message: error.message, ...(error as { extensions?: object }).extensions })),
        );
    };
    expect(await refusal('subscription { claimRecorded(filter: { actor: "no-such-actor" }) { text } }')).toEqual([
      [{ message: 'filter.actor: there is no actor "no-such-actor"', code: 'BAD_USER_INPUT' }],
    ]);
    expect(await refusal('subscription { positionShifted(filter: { proposition: "nothing-at-all" }) { to } }')).toEqual(
      [[{ message: 'filter.proposition: there is no proposition "nothing-at-all"', code: 'BAD_USER_INPUT' }]],
    );
    expect(await refusal('subscription { claimRecorded(filter: { event: "no-event" }) { text } }')).toEqual([
      [{ message: 'filter.event: there is no event "no-event"', code: 'BAD_USER_INPUT' }],
    ]);
    expect(await refusal('subscription { changes(filter: { entityType: "Planet" }) { table } }')).toEqual([
      [
        {
          message: 'filter.entityType: "Planet" is not one of Actor, ApiKey, Claim, Event, Proposition, Source',
          code: 'BAD_USER_INPUT',
        },
      ],
    ]);
    expect(await refusal('subscription { changes { table } }', { 'last-event-id': 'yesterday' })).toEqual([
      [{ message: 'Last-Event-ID: "yesterday" is not an event id of this feed', code: 'BAD_USER_INPUT' }],
    ]);
    expect(subscriptionsOpen()).toBe(open);
  });

  it('ends the subscription of a client that is not reading when its buffer fills, with the reason, and frees it', async () => {
    await settled();
    expect(await openCountBecomes(0)).toBe(0);
    // A hub that holds 2 changes per subscriber and takes a client that has not read since the last change as stalled.
    const strict = await ChangeFeedHub.start(database.db, { listen: listen(), pollMs: 0, bufferSize: 2, stallMs: 0 });
    const response = await openStream(
      'subscription { changes { table } }',
      {},
      handler({ database: () => database.db, changeFeed: strict }),
    );
    expect(await openCountBecomes(1)).toBe(1);
    // One commit of 4 changes, handed to the subscriber at once.
    await write(claimBy('vox', 'Too much at once.'));
    expect(await openCountBecomes(0)).toBe(0);
    const results = (await response.text())
      .split('\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => JSON.parse(line.slice(6)) as Result);
    expect(results).toEqual([
      {
        data: null,
        errors: [
          {
            message:
              'The subscription was ended: 2 changes were waiting for the client, which had read nothing for 0 s. ' +
              'Reconnect with the last event id to go on from there.',
            path: ['changes'],
            locations: [{ line: 1, column: 16 }],
            extensions: { code: 'SUBSCRIPTION_BACKLOG', bufferSize: 2 },
          },
        ],
      },
    ]);
    await strict.stop();
  });

  it('gives a subscriber that reads slowly every change, in order, reading the feed itself past its buffer', async () => {
    await settled();
    const slow = hub.follow({ includeApiKeys: false });
    // 48 changes (4 a claim) come faster than it reads them, one each 100 ms: more than the 20 the hub holds for it.
    let writing = true;
    const changes: string[] = [];
    const reading = (async () => {
      while (changes.length < 48) {
        changes.push((await slow.next()).value.tableName);
        if (writing) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    for (let index = 0; index < 12; index++) await write(claimBy('vox', `Slowly read claim ${index}.`));
    writing = false;
    await reading;
    expect(changes).toEqual(Array.from({ length: 48 }, (_, index) => CLAIM_TABLES[index % 4]));
    expect(subscriptionsOpen()).toBe(1);
    slow.close();
  });

  it('keeps an idle stream alive with comments', async () => {
    await settled();
    const response = await openStream('subscription { claimRecorded { text } }');
    const reader = response.body!.getReader();
    let text = '';
    const until = Date.now() + 1_000;
    while (Date.now() < until) text += new TextDecoder().decode((await reader.read()).value);
    // yoga pings every 12 s; under NODE_ENV=test, as here, every 300 ms.
    expect(text).toMatch(/^(:\n\n){3,}$/);
    await reader.cancel();
  });

  it('completes every open subscription on closeSubscriptions, as the server does when it shuts down', async () => {
    const one = await subscribe('subscription { changes { table } }');
    const two = await subscribe('subscription { claimRecorded { text } }');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(subscriptionsOpen()).toBeGreaterThanOrEqual(2);
    closeSubscriptions();
    expect(subscriptionsOpen()).toBe(0);
    expect(await one.completes(2_000)).toBe(true);
    expect(await two.completes(2_000)).toBe(true);
  });

  it('applies authorization, the query limits and the rate limit to subscriptions', async () => {
    const limiter = inProcessRateLimiter({ limit: 2, periodSeconds: 60 });
    const guarded = handler({
      database: () => database.db,
      changeFeed: hub,
      readsRequireKey: true,
      rateLimiter: () => limiter,
    });
    const anonymous = await (await openStream('subscription { changes { table } }', {}, guarded)).text();
    expect(anonymous).toContain('"code":"UNAUTHENTICATED"');

    const deep = `subscription { claimRecorded { ${'speakers { claims(first: 1) { edges { node { '.repeat(3)}text${' } } } }'.repeat(3)} } }`;
    const tooDeep = await openStream(deep, { authorization: `Bearer ${editorKey}` }, guarded);
    expect(await tooDeep.text()).toContain('"code":"QUERY_TOO_DEEP"');

    // The key's second request of the minute opens a subscription; its third is refused before it opens one.
    const open = subscriptionsOpen();
    const second = await openStream(
      'subscription { changes { table } }',
      { authorization: `Bearer ${editorKey}` },
      guarded,
    );
    expect(second.status).toBe(200);
    const third = await openStream(
      'subscription { changes { table } }',
      { authorization: `Bearer ${editorKey}` },
      guarded,
    );
    expect(third.status).toBe(429);
    expect(subscriptionsOpen()).toBe(open + 1);
    await second.body!.cancel();
  });

  it('writes nothing when it refuses', async () => {
    const before = await rowCounts(database.db);
    await (await openStream('subscription { claimRecorded(filter: { actor: "nobody" }) { text } }')).text();
    expect(await rowCounts(database.db)).toEqual(before);
  });
});
