import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAddress, type NeonBridge, startNeonBridge } from '../src/dev/neon-ws-bridge.js';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { importSourceBundle } from '../src/domain/bundle/import-source-bundle.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { createWhosaid } from '../src/http/whosaid.js';
import { backends } from './support/databases.js';
import { FACT_CHECK_BUNDLE, TRUTH_METER_URL } from './support/fact-checks.js';
import { graphqlClient } from './support/graphql.js';
import {
  DUPLICATE_BUNDLE,
  DUPLICATE_URL,
  FOX_INTERVIEW_URL,
  TRUMP_CLAIM_KEY,
  WORD_CHANGED_BUNDLE,
  WORD_CHANGED_URL,
} from './support/many-reports.js';
import { type PostgresServer, startPostgresServer } from './support/postgres-server.js';
import { VOX_URL } from './support/seed-article.js';
import { type RunningWorker, startWorker } from './support/worker.js';

// The production path: the Worker in workerd, Neon's driver over WebSockets, a local bridge to a real Postgres
// wire protocol (the server at DATABASE_URL, or PGlite behind pglite-socket).
const CONTRACT_QUERIES = {
  actor: `{ actor(slug: "donald-trump") { id name kind roles { title organization { name } start { value } end { value } }
    claims(first: 10) { totalCount edges { cursor node { id text mode medium saidOn { value precision start end approximate text }
      speakers { slug name } speakerDescription via { slug name } venue { name }
      reportedIn { source { title url publisher { name } } } firstAppearedIn { title }
      stances { stance proposition { slug } } events { slug title } } } pageInfo { hasNextPage endCursor } }
    positions { stance since { value } proposition { slug statement } evidence { text } } } }`,
  proposition: `{ proposition(slug: "russia-is-an-ally-against-isis") { statement
    positions(stance: OPPOSES) { stance actor { slug name } evidence { text saidOn { value } } } } }`,
  claims: `{ claims(filter: { saidFrom: "2017-02-01", saidTo: "2017-02-28", speaker: "donald-trump",
    proposition: "russia-is-an-ally-against-isis", stance: SUPPORTS, medium: INTERVIEW, anonymous: false },
    orderBy: SAID_ON_DESC, first: 20) { totalCount edges { node { text } } } }`,
  events: `{ events(filter: { from: "2017-02-01", to: "2017-03-31", participant: "donald-trump" }, first: 20) {
    edges { node { slug title kind occurredOn { value precision } location participants { role actor { name } }
    claims(first: 5) { totalCount } } } } }`,
  actors: `{ actors(filter: { search: "Town", kind: PERSON }, first: 20) { edges { node { slug name } } } }`,
  propositions: `{ propositions(first: 20) { totalCount edges { node { slug statement positions { stance actor { slug } } } } } }`,
  source: `{ source(url: "https://www.vox.com/world/2017/5/16/15646202/trump-russia-isis-syria-assad") { title claims(first: 50) { totalCount } } }`,
  reports: `{ claims(first: 5, filter: { speaker: "donald-trump" }) { edges { node { key
    reports(first: 5) { totalCount edges { node { id primary text mode publishedOn { value } page startSeconds source { url } } } }
    firstReport { source { url } } primaryReport { id } } } } }`,
  // Each read in one snapshot, a transaction on one of the Neon Pool's connections.
  timeline: `{ timeline(filter: { actor: "donald-trump" }, first: 5) { totalCount edges { cursor node { __typename
    ... on Claim { text speakers { slug } } ... on Event { slug participants { role } } } } pageInfo { hasNextPage endCursor } } }`,
  search: `{ search(query: "Russia ally", first: 5) { edges { cursor rank snippet node { __typename
    ... on Claim { text } ... on Actor { slug } ... on Event { slug } ... on Proposition { slug } ... on Source { url } } } } }`,
};

describe.each(backends)('the Worker in workerd, through the Neon driver, on %s', (backend) => {
  let server: PostgresServer;
  let bridge: NeonBridge;
  let worker: RunningWorker;

  beforeAll(async () => {
    server = await startPostgresServer(backend);
    await seedDatabase(server.database.db);
    bridge = await startNeonBridge({ database: databaseAddress(server.url) });
    worker = await startWorker({ DATABASE_URL: server.url, NEON_WS_PROXY: bridge.address });
  });
  afterAll(async () => {
    await worker?.close();
    await bridge?.close();
    await server?.close();
  });

  it.each(Object.entries(CONTRACT_QUERIES))(
    'answers the %s query exactly as the Node server does',
    async (_name, query) => {
      const fromWorker = await worker.graphql(query);
      const fromNode = await graphqlClient(server.database.db)(query);
      expect(fromWorker.status).toBe(200);
      expect(fromWorker.body.errors).toBeUndefined();
      expect(fromWorker.body).toEqual({ data: fromNode.data });
    },
  );

  it("answers a syntax error as the client's mistake, not as an internal error", async () => {
    const { status, body } = await worker.graphql('{ actor(slug: "donald-trump") { name }');
    // 200 as the GraphQL over HTTP spec asks of an application/json answer; 400 under application/graphql-response+json.
    expect(status).toBe(200);
    expect(body).toEqual({
      errors: [
        {
          message: 'Syntax Error: Expected Name, found <EOF>.',
          locations: [{ line: 1, column: 39 }],
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        },
      ],
    });
  });

  it('writes in one transaction through the Neon Pool: an import, then a retraction that moves a position', async () => {
    const { key } = await createApiKey(server.database.db, 'edge-editor', 'EDITOR');
    const imported = await worker.graphql(
      `mutation ($input: SourceBundleInput!) { importSource(input: $input) {
        __typename ... on MutationImportSourceSuccess { data { claims { created } } } } }`,
      {
        input: {
          source: {
            url: 'https://example.org/edge',
            title: 'Edge',
            kind: 'ARTICLE',
            publishedOn: { value: '2017-06-01' },
          },
          claims: [
            {
              key: 'trump-june',
              text: 'Russia is not helping.',
              mode: 'DIRECT_QUOTE',
              speakers: ['donald-trump'],
              medium: 'SPEECH',
              stances: [{ proposition: 'russia-is-an-ally-against-isis', stance: 'OPPOSES' }],
            },
          ],
        },
      },
      key,
    );
    expect(imported.body).toEqual({
      data: { importSource: { __typename: 'MutationImportSourceSuccess', data: { claims: { created: 1 } } } },
    });
    const position = `{ actor(slug: "donald-trump") { positions { stance evidence { id key } } } }`;
    const after = (await graphqlClient(server.database.db)(position)).data as {
      actor: { positions: { stance: string; evidence: { id: string; key: string } }[] };
    };
    expect(after.actor.positions.map((p) => [p.stance, p.evidence.key])).toEqual([['OPPOSES', 'trump-june']]);

    const retracted = await worker.graphql(
      `mutation ($id: ID!) { retractClaim(id: $id, reason: "Misattributed") { __typename } }`,
      { id: after.actor.positions[0]!.evidence.id },
      key,
    );
    expect(retracted.body).toEqual({ data: { retractClaim: { __typename: 'MutationRetractClaimSuccess' } } });
    expect((await worker.graphql(position)).body).toEqual({
      data: {
        actor: { positions: [{ stance: 'SUPPORTS', evidence: expect.objectContaining({ key: 'trump-vital-ally' }) }] },
      },
    });
  });

  it('closes reads to callers without a key when WHOSAID_READS_REQUIRE_KEY is true', async () => {
    const closed = await startWorker({
      DATABASE_URL: server.url,
      NEON_WS_PROXY: bridge.address,
      WHOSAID_READS_REQUIRE_KEY: 'true',
    });
    try {
      const anonymous = await closed.graphql('{ actor(slug: "ben-cardin") { name } }');
      expect(anonymous.status).toBe(401);
      const { key } = await createApiKey(server.database.db, 'edge-reader', 'READER');
      const withKey = await closed.graphql('{ actor(slug: "ben-cardin") { name } }', undefined, key);
      expect(withKey.body).toEqual({ data: { actor: { name: 'Ben Cardin' } } });
    } finally {
      await closed.close();
    }
  });

  it('turns GraphiQL and introspection off, and lets only the listed origins in, by its vars', async () => {
    const locked = await startWorker({
      DATABASE_URL: server.url,
      NEON_WS_PROXY: bridge.address,
      WHOSAID_GRAPHIQL: 'false',
      WHOSAID_INTROSPECTION: 'false',
      WHOSAID_CORS_ORIGINS: 'https://app.example',
    });
    try {
      expect((await fetch(locked.url, { headers: { accept: 'text/html' } })).status).toBe(406);
      expect((await locked.graphql('{ __schema { queryType { name } } }')).body).toEqual({
        errors: [
          {
            message: 'Introspection is turned off on this server: "__schema" cannot be queried',
            locations: [{ line: 1, column: 3 }],
            extensions: { code: 'INTROSPECTION_DISABLED' },
          },
        ],
      });
      const preflight = (origin: string) =>
        fetch(locked.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect((await preflight('https://app.example')).headers.get('access-control-allow-origin')).toBe(
        'https://app.example',
      );
      expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await locked.close();
    }
    const page = await fetch(worker.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('<title>Yoga GraphiQL</title>');
  });

  it('refuses a GET without the CSRF header, and answers it with the header', async () => {
    const get = (headers: Record<string, string>) =>
      fetch(`${worker.url}?query=${encodeURIComponent('{ actor(slug: "ben-cardin") { name } }')}`, { headers });
    const refused = await get({});
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      errors: [
        { message: expect.stringContaining('X-GraphQL-Yoga-CSRF'), extensions: { code: 'CSRF_HEADER_REQUIRED' } },
      ],
    });
    expect(await (await get({ 'x-graphql-yoga-csrf': '1' })).json()).toEqual({
      data: { actor: { name: 'Ben Cardin' } },
    });
  });

  it("imports another outlet's report and a duplicate, and merges the duplicate, through the Neon Pool", async () => {
    const { key } = await createApiKey(server.database.db, 'edge-desk', 'EDITOR');
    const importing = `mutation ($input: SourceBundleInput!) { importSource(input: $input) {
      __typename ... on MutationImportSourceSuccess { data { claims { created } reports { created }
        likelyDuplicates { claim { id version } duplicate { id key version } score } } } } }`;
    const reported = await worker.graphql(importing, { input: WORD_CHANGED_BUNDLE }, key);
    expect(reported.body).toEqual({
      data: {
        importSource: {
          __typename: 'MutationImportSourceSuccess',
          data: { claims: { created: 0 }, reports: { created: 1 }, likelyDuplicates: [] },
        },
      },
    });
    const duplicate = (await worker.graphql(importing, { input: DUPLICATE_BUNDLE }, key)).body as {
      data: {
        importSource: {
          data: {
            likelyDuplicates: {
              claim: { id: string; version: number };
              duplicate: { id: string; key: string; version: number };
              score: number;
            }[];
          };
        };
      };
    };
    const [likely] = duplicate.data.importSource.data.likelyDuplicates;
    expect(likely).toMatchObject({ duplicate: { key: TRUMP_CLAIM_KEY }, score: 1 });

    const merged = await worker.graphql(
      `mutation ($keep: ID!, $merge: ID!, $versions: MergeVersions!) {
        mergeClaims(keep: $keep, merge: $merge, expectedVersions: $versions) {
          __typename ... on MutationMergeClaimsSuccess { data { key reports(first: 10) { edges { node { primary source { url } } } } } } } }`,
      {
        keep: likely!.duplicate.id,
        merge: likely!.claim.id,
        versions: { keep: likely!.duplicate.version, merge: likely!.claim.version },
      },
      key,
    );
    expect(merged.body).toEqual({
      data: {
        mergeClaims: {
          __typename: 'MutationMergeClaimsSuccess',
          data: {
            key: TRUMP_CLAIM_KEY,
            reports: {
              edges: [
                { node: { primary: true, source: { url: FOX_INTERVIEW_URL } } },
                { node: { primary: false, source: { url: DUPLICATE_URL } } },
                { node: { primary: false, source: { url: WORD_CHANGED_URL } } },
                { node: { primary: false, source: { url: VOX_URL } } },
              ],
            },
          },
        },
      },
    });
    const history = `{ actor(slug: "donald-trump") { positions { history { on { value } evidence { key } } } } }`;
    const fromWorker = (await worker.graphql(history)).body;
    expect(fromWorker).toEqual({ data: (await graphqlClient(server.database.db)(history)).data });
    expect(JSON.stringify(fromWorker).match(new RegExp(TRUMP_CLAIM_KEY, 'g'))).toHaveLength(1);
  });

  // After the merge above, whose list of reports the fact-check's report would join.
  it('serves the ClaimReview JSON-LD of a claim as the Node server does', async () => {
    await importSourceBundle(server.database.db, FACT_CHECK_BUNDLE);
    const path = `/claims/${TRUMP_CLAIM_KEY}/claim-review.jsonld`;
    const fromWorker = await fetch(new URL(path, worker.url));
    const fromNode = await createWhosaid({ database: () => server.database.db }).fetch(`http://whosaid.test${path}`);
    expect(fromWorker.status).toBe(200);
    expect(fromWorker.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const markup = (await fromWorker.json()) as { '@type': string; url: string }[];
    expect(markup.map((review) => [review['@type'], review.url])).toEqual([['ClaimReview', TRUTH_METER_URL]]);
    expect(markup).toEqual(await fromNode.json());
    expect((await fetch(new URL('/claims/no-such-claim/claim-review.jsonld', worker.url))).status).toBe(404);
  });

  it('streams GET /export.ndjson to an editor through the Neon Pool, the lines the Node server answers', async () => {
    const key = (await createApiKey(server.database.db, `worker-export-${backend}`, 'EDITOR')).key;
    const exportUrl = new URL('/export.ndjson', worker.url);
    const fromWorker = await fetch(exportUrl, { headers: { authorization: `Bearer ${key}` } });
    const fromNode = await createWhosaid({ database: () => server.database.db }).fetch(
      'http://whosaid.test/export.ndjson',
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(fromWorker.status).toBe(200);
    expect(fromWorker.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = (await fromWorker.text()).trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines).toEqual((await fromNode.text()).trimEnd().split('\n'));
    expect((await fetch(exportUrl)).status).toBe(401);
  });

  it('refuses a write without a key, writing nothing', async () => {
    const refused = await worker.graphql(
      `mutation { createProposition(input: { slug: "x-y", statement: "X" }) { __typename } }`,
    );
    expect(refused.status).toBe(401);
    expect((await graphqlClient(server.database.db)('{ proposition(slug: "x-y") { slug } }')).data).toEqual({
      proposition: null,
    });
  });
});

describe('the Worker when the database cannot be used', () => {
  it('answers 500 naming a var it cannot use', async () => {
    const worker = await startWorker({
      DATABASE_URL: 'postgres://whosaid@127.0.0.1:1/whosaid',
      WHOSAID_GRAPHIQL: 'yes',
    });
    try {
      expect(await worker.graphql('{ __typename }')).toEqual({
        status: 500,
        body: {
          errors: [
            {
              message: 'whosaid is not configured: WHOSAID_GRAPHIQL: must be true or false, not "yes"',
              extensions: { code: 'MISCONFIGURED' },
            },
          ],
        },
      });
    } finally {
      await worker.close();
    }
  });

  it('answers 500 naming the missing DATABASE_URL, without a stack', async () => {
    const worker = await startWorker({});
    try {
      const { status, body } = await worker.graphql('{ actor(slug: "donald-trump") { name } }');
      expect(status).toBe(500);
      expect(body).toEqual({
        errors: [
          {
            message: 'whosaid is not configured: the DATABASE_URL secret is not set (wrangler secret put DATABASE_URL)',
            extensions: { code: 'MISCONFIGURED' },
          },
        ],
      });
    } finally {
      await worker.close();
    }
  });

  it('answers 503 UNAVAILABLE within seconds when Postgres is unreachable, revealing nothing', async () => {
    const unreachable = 'postgres://whosaid:secret-password@127.0.0.1:1/whosaid';
    const bridge = await startNeonBridge({ database: databaseAddress(unreachable) });
    const worker = await startWorker({ DATABASE_URL: unreachable, NEON_WS_PROXY: bridge.address });
    try {
      const started = Date.now();
      const { status, body } = await worker.graphql('{ actor(slug: "donald-trump") { name } }');
      expect(Date.now() - started).toBeLessThan(6_000);
      expect(status).toBe(503);
      expect(body).toEqual({
        data: { actor: null },
        errors: [
          {
            message: 'The database is unavailable; try again shortly.',
            locations: [{ line: 1, column: 3 }],
            path: ['actor'],
            extensions: { code: 'UNAVAILABLE' },
          },
        ],
      });
      expect(JSON.stringify(body)).not.toMatch(/secret-password|127\.0\.0\.1|stack/);
    } finally {
      await worker.close();
      await bridge.close();
    }
  });
});
