import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import { rowCounts } from './support/row-counts.js';

const seedBundle = JSON.parse(
  readFileSync(new URL('../src/domain/seed/vox-2017-05-16-russia-isis.json', import.meta.url), 'utf8'),
);
const VOX = 'https://www.vox.com/world/2017/5/16/15646202/trump-russia-isis-syria-assad';

const IMPORT = `mutation ($input: SourceBundleInput!) {
  importSource(input: $input) {
    __typename
    ... on MutationImportSourceSuccess { data { sources { created updated unchanged } actors { created updated unchanged }
      propositions { created updated unchanged } events { created updated unchanged } claims { created updated unchanged } } }
    ... on ValidationError { message issues { path message } }
  } }`;

describe.each(backends)('the write API on %s', (backend) => {
  let database: TestDatabase;
  let editor: GraphQLClient;
  beforeEach(async () => {
    database = await openTestDatabase(backend);
    editor = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'newsroom', 'EDITOR')).key });
  });
  afterEach(() => database.close());

  it('imports the seed bundle through importSource, and again without change', async () => {
    const first = await data(editor, IMPORT, { input: seedBundle });
    expect(first).toEqual({
      importSource: {
        __typename: 'MutationImportSourceSuccess',
        data: {
          sources: { created: 4, updated: 0, unchanged: 0 },
          actors: { created: 30, updated: 0, unchanged: 0 },
          propositions: { created: 4, updated: 0, unchanged: 0 },
          events: { created: 7, updated: 0, unchanged: 0 },
          claims: { created: 29, updated: 0, unchanged: 0 },
        },
      },
    });
    const counts = await rowCounts(database.db);
    const again = await data<{ importSource: { data: Record<string, unknown> } }>(editor, IMPORT, {
      input: seedBundle,
    });
    expect(
      Object.values(again.importSource.data).every(
        (outcome) =>
          (outcome as { created: number; updated: number }).created + (outcome as { updated: number }).updated === 0,
      ),
    ).toBe(true);
    expect(await rowCounts(database.db)).toEqual(counts);
  });

  it('answers a bad bundle with a ValidationError naming each field, and writes nothing', async () => {
    const bad = structuredClone(seedBundle);
    bad.claims[3].saidOn = { value: '2017-02-30' };
    bad.claims[5].speakers = ['no-such-person'];
    const before = await rowCounts(database.db);
    const result = await data(editor, IMPORT, { input: bad });
    expect(result).toEqual({
      importSource: {
        __typename: 'ValidationError',
        message: 'claims[3].saidOn.value: "2017-02-30" has no day 30: that month has 28 days',
        issues: [{ path: 'claims[3].saidOn.value', message: '"2017-02-30" has no day 30: that month has 28 days' }],
      },
    });
    expect(await rowCounts(database.db)).toEqual(before);
  });

  describe('with the seed data', () => {
    beforeEach(() => seedDatabase(database.db));

    it('records a claim for a source it has, and refuses unknown speakers', async () => {
      const RECORD = `mutation ($sourceUrl: String!, $claim: ClaimInput!) { recordClaim(sourceUrl: $sourceUrl, claim: $claim) {
        __typename ... on MutationRecordClaimSuccess { data { text speakers { slug } saidOn { value } stances { stance } } }
        ... on ValidationError { issues { path message } } ... on NotFoundError { message } } }`;
      const claim = {
        text: 'the Pentagon itself seems to be under no illusions about Russia.',
        mode: 'DIRECT_QUOTE',
        speakers: ['vox'],
        medium: 'REPORT',
        stances: [{ proposition: 'russia-is-an-ally-against-isis', stance: 'OPPOSES' }],
      };
      expect(await data(editor, RECORD, { sourceUrl: VOX, claim })).toEqual({
        recordClaim: {
          __typename: 'MutationRecordClaimSuccess',
          data: { text: claim.text, speakers: [{ slug: 'vox' }], saidOn: null, stances: [{ stance: 'OPPOSES' }] },
        },
      });
      const before = await rowCounts(database.db);
      expect(await data(editor, RECORD, { sourceUrl: VOX, claim: { ...claim, speakers: ['nobody-known'] } })).toEqual({
        recordClaim: {
          __typename: 'ValidationError',
          issues: [
            {
              path: 'claim.speakers[0]',
              message: 'unknown actor "nobody-known": define it in the bundle or import it first',
            },
          ],
        },
      });
      expect(await data(editor, RECORD, { sourceUrl: 'https://example.org/none', claim })).toEqual({
        recordClaim: { __typename: 'NotFoundError', message: 'No source has the url https://example.org/none' },
      });
      expect(await rowCounts(database.db)).toEqual(before);
      // The source it was recorded against is left as it was.
      expect(
        await data(editor, `{ source(url: "${VOX}") { version publisher { slug } publishedOn { value } } }`),
      ).toEqual({
        source: { version: 1, publisher: { slug: 'vox' }, publishedOn: { value: '2017-05-16' } },
      });
      expect(
        await data(editor, RECORD, {
          sourceUrl: 'urn:whosaid:atlantic-council:2017-02:report-on-hospital-bombings-in-syria',
          claim: { ...claim, key: 'kahl-brands-foreign-policy' },
        }),
      ).toEqual({
        recordClaim: {
          __typename: 'ValidationError',
          issues: [{ path: 'claim.key', message: `"kahl-brands-foreign-policy" is a claim of another source, ${VOX}` }],
        },
      });
    });

    it('retracts a claim: kept on record, out of default queries and positions, with its revision', async () => {
      const before = await data<{ actor: { claims: { edges: { node: { id: string; text: string } }[] } } }>(
        editor,
        `{ actor(slug: "donald-trump") { claims(first: 5) { edges { node { id text } } } } }`,
      );
      const characterization = before.actor.claims.edges.find((edge) =>
        edge.node.text.startsWith('Russia, he argues'),
      )!.node;
      const since = new Date().toISOString();

      const retracted = await data(
        editor,
        `mutation ($id: ID!) { retractClaim(id: $id, reason: "The reporter's characterization, not Trump's words") {
          __typename ... on MutationRetractClaimSuccess { data { retracted retractionReason version } } } }`,
        { id: characterization.id },
      );
      expect(retracted).toEqual({
        retractClaim: {
          __typename: 'MutationRetractClaimSuccess',
          data: { retracted: true, retractionReason: "The reporter's characterization, not Trump's words", version: 2 },
        },
      });

      const after = await data(
        editor,
        `{ actor(slug: "donald-trump") {
            claims(first: 5) { totalCount }
            all: claims(first: 5, includeRetracted: true) { totalCount }
            positions { stance since { value } evidence { text } } }
          claims(filter: { speaker: "donald-trump" }, first: 5) { totalCount } }`,
      );
      expect(after).toEqual({
        actor: {
          claims: { totalCount: 1 },
          all: { totalCount: 2 },
          positions: [
            {
              stance: 'SUPPORTS',
              since: { value: '2017-02-05' },
              evidence: {
                text: "it's better to get along with Russia than not. And if Russia helps us in the fight against ISIS, which is a major fight, and Islamic terrorism all over the world — that's a good thing.",
              },
            },
          ],
        },
        claims: { totalCount: 1 },
      });

      const history = await data<{ node: { revisions: unknown[] }; changes: { edges: { node: unknown }[] } }>(
        editor,
        `query ($id: ID!, $since: DateTime!) {
          node(id: $id) { ... on Claim { revisions { action changedBy table } } }
          changes(since: $since, first: 10) { edges { node { entity entityType action changedBy table } } } }`,
        { id: characterization.id, since },
      );
      expect(history.node.revisions.at(-1)).toEqual({ action: 'UPDATE', changedBy: 'newsroom', table: 'claims' });
      expect(history.node.revisions[0]).toEqual({ action: 'INSERT', changedBy: 'seed', table: 'claims' });
      expect(history.changes.edges.map((edge) => edge.node)).toEqual([
        { entity: characterization.id, entityType: 'Claim', action: 'UPDATE', changedBy: 'newsroom', table: 'claims' },
      ]);

      const again = await data(
        editor,
        `mutation ($id: ID!) { retractClaim(id: $id, reason: "again") { __typename ... on ConflictError { currentVersion } } }`,
        { id: characterization.id },
      );
      expect(again).toEqual({ retractClaim: { __typename: 'ConflictError', currentVersion: 2 } });
    });

    it('refuses to retract without a reason, and writes nothing', async () => {
      const { claims } = await data<{ claims: { edges: { node: { id: string } }[] } }>(
        editor,
        `{ claims(first: 1) { edges { node { id } } } }`,
      );
      const result = await data(
        editor,
        `mutation ($id: ID!) { retractClaim(id: $id, reason: "  ") { __typename ... on ValidationError { issues { path message } } } }`,
        { id: claims.edges[0]!.node.id },
      );
      expect(result).toEqual({
        retractClaim: { __typename: 'ValidationError', issues: [{ path: 'reason', message: 'must not be empty' }] },
      });
      expect(
        (await data<{ claims: { totalCount: number } }>(editor, '{ claims(first: 1) { totalCount } }')).claims
          .totalCount,
      ).toBe(29);
    });
  });
});
