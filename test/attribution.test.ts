import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import {
  DENIAL_BUNDLE,
  DENIAL_URL,
  FACT_CHECK_BUNDLE,
  FACT_CHECK_URL,
  MISATTRIBUTION_BUNDLE,
  MISATTRIBUTION_URL,
  TRANSCRIPT_BUNDLE,
  TRANSCRIPT_URL,
} from './support/many-reports.js';
import { rowCounts } from './support/row-counts.js';

const MISATTRIBUTED_KEY = 'cardin-best-partner-misattributed';
const FACT_CHECK_NOTE =
  'No such words appear in any of his statements or interviews; the post first ran on an account imitating his office.';

/** Where Cardin stands on the proposition, and where everyone stands on it: what a misattribution may skew. */
const STANDING = `{
  actor(slug: "ben-cardin") {
    positions { proposition { slug } stance since { value } evidence { key }
      history { stance changed on { value } evidence { key } } }
    shifts { proposition { slug } from to before { key } beforeOn { value } after { key } afterOn { value } } }
  proposition(slug: "russia-is-an-ally-against-isis") {
    stanceSummary { supports opposes mixed neutral }
    stanceOverTime(bucket: MONTH) { period supports opposes mixed neutral } }
  agreement(actors: ["ben-cardin", "donald-trump"], propositions: ["russia-is-an-ally-against-isis"]) {
    agreeOn { slug } disagreeOn { slug } } }`;

/** As the seed has it: Cardin opposes, in two claims the same day in the Vox article. */
const CARDIN_OPPOSES = {
  actor: {
    positions: [
      {
        proposition: { slug: 'russia-is-an-ally-against-isis' },
        stance: 'OPPOSES',
        since: { value: '2017-05-16' },
        evidence: { key: 'cardin-exacerbated-conditions' },
        history: [
          { stance: 'OPPOSES', changed: false, on: { value: '2017-05-16' }, evidence: { key: 'cardin-not-allies' } },
          {
            stance: 'OPPOSES',
            changed: false,
            on: { value: '2017-05-16' },
            evidence: { key: 'cardin-exacerbated-conditions' },
          },
        ],
      },
    ],
    shifts: [],
  },
  proposition: {
    stanceSummary: { supports: 2, opposes: 3, mixed: 0, neutral: 1 },
    stanceOverTime: [
      { period: '2017-02', supports: 1, opposes: 0, mixed: 0, neutral: 0 },
      { period: '2017-05', supports: 2, opposes: 12, mixed: 1, neutral: 1 },
    ],
  },
  agreement: [{ agreeOn: [], disagreeOn: [{ slug: 'russia-is-an-ally-against-isis' }] }],
};

/** With the social post's words taken as his: he changed his mind four days later and now sides with Trump. */
const CARDIN_SUPPORTS = {
  actor: {
    positions: [
      {
        proposition: { slug: 'russia-is-an-ally-against-isis' },
        stance: 'SUPPORTS',
        since: { value: '2017-05-20' },
        evidence: { key: MISATTRIBUTED_KEY },
        history: [
          ...CARDIN_OPPOSES.actor.positions[0]!.history,
          { stance: 'SUPPORTS', changed: true, on: { value: '2017-05-20' }, evidence: { key: MISATTRIBUTED_KEY } },
        ],
      },
    ],
    shifts: [
      {
        proposition: { slug: 'russia-is-an-ally-against-isis' },
        from: 'OPPOSES',
        to: 'SUPPORTS',
        before: { key: 'cardin-exacerbated-conditions' },
        beforeOn: { value: '2017-05-16' },
        after: { key: MISATTRIBUTED_KEY },
        afterOn: { value: '2017-05-20' },
      },
    ],
  },
  proposition: {
    stanceSummary: { supports: 3, opposes: 2, mixed: 0, neutral: 1 },
    stanceOverTime: [
      { period: '2017-02', supports: 1, opposes: 0, mixed: 0, neutral: 0 },
      { period: '2017-05', supports: 3, opposes: 12, mixed: 1, neutral: 1 },
    ],
  },
  agreement: [{ agreeOn: [{ slug: 'russia-is-an-ally-against-isis' }], disagreeOn: [] }],
};

const REPORTED = { status: 'REPORTED', note: null, evidence: null, setAt: null };

const SET = `mutation ($claim: ID!, $status: AttributionStatus!, $note: String, $evidence: String, $expectedVersion: Int) {
  setAttributionStatus(claim: $claim, status: $status, note: $note, evidence: $evidence, expectedVersion: $expectedVersion) {
    __typename
    ... on MutationSetAttributionStatusSuccess { data { key version attribution { status note evidence { url } setAt } } }
    ... on ValidationError { issues { path message } }
    ... on ConflictError { message currentVersion }
    ... on NotFoundError { message } } }`;

type Answer = { __typename: string; data?: { version: number; attribution: { setAt: string | null } } } & Record<
  string,
  unknown
>;

// One story, told in order: each step starts where the one before left the archive.
describe.each(backends)('attribution status on %s', (backend) => {
  let database: TestDatabase;
  let wireDesk: GraphQLClient;
  let factDesk: GraphQLClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await seedDatabase(database.db);
    wireDesk = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'wire-desk', 'EDITOR')).key });
    factDesk = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'fact-desk', 'EDITOR')).key });
  });
  afterAll(() => database.close());

  const standing = () => data(factDesk, STANDING);

  /** Sets a claim's attribution as the fact desk; a failure must leave every table as it was. */
  const setAttribution = async (variables: Record<string, unknown>): Promise<Answer> => {
    const before = await rowCounts(database.db);
    const { setAttributionStatus } = await data<{ setAttributionStatus: Answer }>(factDesk, SET, variables);
    if (!setAttributionStatus.__typename.endsWith('Success')) expect(await rowCounts(database.db)).toEqual(before);
    return setAttributionStatus;
  };

  /** Sets it, checking that setAt is the moment of the write. */
  const setAttributionNow = async (variables: Record<string, unknown>) => {
    const before = new Date().toISOString();
    const answer = await setAttribution(variables);
    const setAt = answer.data?.attribution.setAt;
    if (setAt) {
      expect(setAt >= before && setAt <= new Date().toISOString()).toBe(true);
      answer.data!.attribution.setAt = 'now';
    }
    return answer;
  };

  it('counts a quote put in Cardin’s mouth as his until it is shown otherwise: he seems to change his mind', async () => {
    expect(await standing()).toEqual(CARDIN_OPPOSES);
    for (const input of [MISATTRIBUTION_BUNDLE, FACT_CHECK_BUNDLE, DENIAL_BUNDLE, TRANSCRIPT_BUNDLE]) {
      await data(wireDesk, `mutation ($input: SourceBundleInput!) { importSource(input: $input) { __typename } }`, {
        input,
      });
    }
    expect(await standing()).toEqual(CARDIN_SUPPORTS);

    const { claims } = await data<{ claims: { edges: { node: { id: string; key: string; attribution: unknown } }[] } }>(
      factDesk,
      `{ claims(filter: { speaker: "ben-cardin" }) { edges { node { id key attribution { status note evidence { url } setAt } } } } }`,
    );
    expect(claims.edges.map(({ node }) => ({ key: node.key, attribution: node.attribution }))).toEqual([
      { key: MISATTRIBUTED_KEY, attribution: REPORTED },
      { key: 'cardin-exacerbated-conditions', attribution: REPORTED },
      { key: 'cardin-not-allies', attribution: REPORTED },
    ]);
    for (const { node } of claims.edges) ids[node.key] = node.id;
  });

  it('keeps counting a disputed quote: his office’s denial is evidence, not proof', async () => {
    expect(
      await setAttributionNow({
        claim: ids[MISATTRIBUTED_KEY],
        status: 'DISPUTED',
        note: '  His office says he never wrote it.  ',
        evidence: DENIAL_URL,
        expectedVersion: 1,
      }),
    ).toEqual({
      __typename: 'MutationSetAttributionStatusSuccess',
      data: {
        key: MISATTRIBUTED_KEY,
        version: 2,
        attribution: {
          status: 'DISPUTED',
          note: 'His office says he never wrote it.',
          evidence: { url: DENIAL_URL },
          setAt: 'now',
        },
      },
    });
    expect(await standing()).toEqual(CARDIN_SUPPORTS);
  });

  it('takes a misattributed quote out of his position, history and shifts and out of the counts', async () => {
    expect(
      await setAttributionNow({
        claim: ids[MISATTRIBUTED_KEY],
        status: 'MISATTRIBUTED',
        note: FACT_CHECK_NOTE,
        evidence: FACT_CHECK_URL,
      }),
    ).toEqual({
      __typename: 'MutationSetAttributionStatusSuccess',
      data: {
        key: MISATTRIBUTED_KEY,
        version: 3,
        attribution: {
          status: 'MISATTRIBUTED',
          note: FACT_CHECK_NOTE,
          evidence: { url: FACT_CHECK_URL },
          setAt: 'now',
        },
      },
    });
    expect(await standing()).toEqual(CARDIN_OPPOSES);
  });

  it('keeps the misattributed quote on record: in claims, its source, the timeline and search', async () => {
    expect(
      await data(
        factDesk,
        `{ misattributed: claims(filter: { attribution: [MISATTRIBUTED] }) { totalCount edges { node { key text
             attribution { status evidence { title } } } } }
           contested: claims(filter: { attribution: [DISPUTED, MISATTRIBUTED], speaker: "ben-cardin" }) { totalCount }
           reported: claims(filter: { attribution: [REPORTED], speaker: "ben-cardin" }) { edges { node { key } } }
           cardin: claims(filter: { speaker: "ben-cardin" }) { totalCount }
           source(url: "${MISATTRIBUTION_URL}") { claims { edges { node { key } } } }
           timeline(filter: { actor: "ben-cardin" }) { edges { node { ... on Claim { key } } } }
           search(query: "\\"best partner\\"", types: [CLAIM]) { edges { node { ... on Claim { key } } } } }`,
      ),
    ).toEqual({
      misattributed: {
        totalCount: 1,
        edges: [
          {
            node: {
              key: MISATTRIBUTED_KEY,
              text: 'Russia is our best partner against ISIS.',
              attribution: {
                status: 'MISATTRIBUTED',
                evidence: { title: 'No, Ben Cardin did not call Russia our best partner against ISIS' },
              },
            },
          },
        ],
      },
      contested: { totalCount: 1 },
      reported: { edges: [{ node: { key: 'cardin-exacerbated-conditions' } }, { node: { key: 'cardin-not-allies' } }] },
      cardin: { totalCount: 3 },
      source: { claims: { edges: [{ node: { key: MISATTRIBUTED_KEY } }] } },
      timeline: {
        edges: [
          { node: { key: 'cardin-not-allies' } },
          { node: { key: 'cardin-exacerbated-conditions' } },
          { node: { key: MISATTRIBUTED_KEY } },
        ],
      },
      search: { edges: [{ node: { key: MISATTRIBUTED_KEY } }] },
    });
  });

  it('records each change of the attribution in the claim’s revisions, by the key that made it', async () => {
    const { node } = await data<{
      node: { revisions: { action: string; changedBy: string; table: string; after: Record<string, unknown> }[] };
    }>(factDesk, `query ($id: ID!) { node(id: $id) { ... on Claim { revisions { action changedBy table after } } } }`, {
      id: ids[MISATTRIBUTED_KEY],
    });
    expect(
      node.revisions.map(({ action, changedBy, table, after }) => ({
        action,
        changedBy,
        table,
        ...(table === 'claims' ? { attribution: after.attribution, note: after.attribution_note } : {}),
      })),
    ).toEqual([
      { action: 'INSERT', changedBy: 'wire-desk', table: 'claims', attribution: 'REPORTED', note: null },
      { action: 'INSERT', changedBy: 'wire-desk', table: 'claim_reports' },
      { action: 'INSERT', changedBy: 'wire-desk', table: 'claim_speakers' },
      { action: 'INSERT', changedBy: 'wire-desk', table: 'claim_stances' },
      {
        action: 'UPDATE',
        changedBy: 'fact-desk',
        table: 'claims',
        attribution: 'DISPUTED',
        note: 'His office says he never wrote it.',
      },
      {
        action: 'UPDATE',
        changedBy: 'fact-desk',
        table: 'claims',
        attribution: 'MISATTRIBUTED',
        note: FACT_CHECK_NOTE,
      },
    ]);
  });

  it('verifies words he did say against the transcript, and they go on counting', async () => {
    expect(
      await setAttributionNow({
        claim: ids['cardin-not-allies'],
        status: 'VERIFIED',
        evidence: TRANSCRIPT_URL,
        expectedVersion: 1,
      }),
    ).toEqual({
      __typename: 'MutationSetAttributionStatusSuccess',
      data: {
        key: 'cardin-not-allies',
        version: 2,
        attribution: { status: 'VERIFIED', note: null, evidence: { url: TRANSCRIPT_URL }, setAt: 'now' },
      },
    });
    expect(await standing()).toEqual(CARDIN_OPPOSES);
  });

  it('refuses bad input and writes nothing', async () => {
    const claim = ids['cardin-exacerbated-conditions'];
    expect(await setAttribution({ claim, status: 'VERIFIED' })).toEqual({
      __typename: 'ValidationError',
      issues: [
        {
          path: 'evidence',
          message: 'VERIFIED needs the url of the recording or transcript it was checked against, a source whosaid has',
        },
      ],
    });
    expect(await setAttribution({ claim, status: 'DISPUTED', evidence: 'https://nowhere.example.org/denial' })).toEqual(
      {
        __typename: 'ValidationError',
        issues: [{ path: 'evidence', message: 'unknown source "https://nowhere.example.org/denial"' }],
      },
    );
    expect(await setAttribution({ claim, status: 'MISATTRIBUTED', evidence: FACT_CHECK_URL, note: '   ' })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'note', message: 'must not be empty' }],
    });
    expect(
      await setAttribution({ claim, status: 'MISATTRIBUTED', evidence: FACT_CHECK_URL, note: 'x'.repeat(2001) }),
    ).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'note', message: 'Too big: expected string to have <=2000 characters' }],
    });
    expect(await setAttribution({ claim, status: 'REPORTED', evidence: FACT_CHECK_URL })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'evidence', message: 'REPORTED takes none: it clears the note and evidence' }],
    });
    expect(await setAttribution({ claim: 'Q2xhaW06OTk5OQ==', status: 'VERIFIED', evidence: TRANSCRIPT_URL })).toEqual({
      __typename: 'NotFoundError',
      message: 'No claim has the id 9999',
    });
    expect(await setAttribution({ claim, status: 'VERIFIED', evidence: TRANSCRIPT_URL, expectedVersion: 7 })).toEqual({
      __typename: 'ConflictError',
      message: 'The claim is at version 1, not 7: fetch it again and reapply the change',
      currentVersion: 1,
    });
    expect(await standing()).toEqual(CARDIN_OPPOSES);
  });

  it('counts the quote again once it is back to REPORTED, clearing the note, evidence and date', async () => {
    expect(await setAttribution({ claim: ids[MISATTRIBUTED_KEY], status: 'REPORTED', expectedVersion: 3 })).toEqual({
      __typename: 'MutationSetAttributionStatusSuccess',
      data: { key: MISATTRIBUTED_KEY, version: 4, attribution: REPORTED },
    });
    expect(await standing()).toEqual(CARDIN_SUPPORTS);
    // Already REPORTED: nothing to change, and nothing is written.
    const before = await rowCounts(database.db);
    expect(await setAttribution({ claim: ids[MISATTRIBUTED_KEY], status: 'REPORTED' })).toMatchObject({
      data: { version: 4, attribution: REPORTED },
    });
    expect(await rowCounts(database.db)).toEqual(before);
  });
});
