import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import {
  DUPLICATE_BUNDLE,
  DUPLICATE_URL,
  FOX_INTERVIEW_URL,
  TRUMP_CLAIM_KEY,
  TRUMP_WORDS,
} from './support/many-reports.js';
import { mutationWritingNothingOnFailure, rowCounts } from './support/row-counts.js';
import { VOX_URL } from './support/seed-article.js';

/** The natural key of DUPLICATE_BUNDLE's keyless claim: the hash of its speakers, words and date. */
const DUPLICATE_KEY = 'sha256:786ef7423e440d3637faa66a260038c1398ab5012aa680ab984b8388c6e17f1c';

const ERRORS = `... on ValidationError { issues { path message } } ... on ConflictError { message currentVersion } ... on NotFoundError { message }`;

const IMPORT = `mutation ($input: SourceBundleInput!) { importSource(input: $input) { __typename
  ... on MutationImportSourceSuccess { data {
    claims { created updated unchanged } reports { created updated unchanged }
    likelyDuplicates { claim { key saidOn { value } } duplicate { key } score } } } ${ERRORS} } }`;

const MERGE = `mutation ($keep: ID!, $merge: ID!, $versions: MergeVersions!) {
  mergeClaims(keep: $keep, merge: $merge, expectedVersions: $versions) { __typename
    ... on MutationMergeClaimsSuccess { data {
      key version
      reports(first: 10) { totalCount edges { node { source { url } primary text mode publishedOn { value } } } }
      stances { stance proposition { slug } }
      events { slug }
      possibleDuplicates { score } } }
    ${ERRORS} } }`;

/** Trump's history on the proposition, and how many claims took each stance on it in February 2017. */
const COUNTS = `{
  actor(slug: "donald-trump") { positions { proposition { slug } stance history { stance on { value } evidence { key } } } }
  proposition(slug: "russia-is-an-ally-against-isis") { stanceOverTime(bucket: MONTH) { period supports } } }`;

// The same words recorded apart are one utterance counted twice until an editor merges them: the import lists the
// likely duplicate, mergeClaims folds it, and the bundle imported again finds the kept claim by the merged key.
describe.each(backends)('likely duplicates and mergeClaims on %s', (backend) => {
  let database: TestDatabase;
  let editor: GraphQLClient;
  beforeEach(async () => {
    database = await openTestDatabase(backend);
    await seedDatabase(database.db);
    editor = graphqlClient(database.db, { apiKey: (await createApiKey(database.db, 'desk', 'EDITOR')).key });
  });
  afterEach(() => database.close());

  /** Runs a mutation; one that fails must have changed no table. */
  const mutate = (query: string, variables: Record<string, unknown>) =>
    mutationWritingNothingOnFailure(database.db, editor, query, variables);

  const claimByKey = async (key: string) => {
    const { claims } = await data<{ claims: { edges: { node: { id: string; key: string; version: number } }[] } }>(
      editor,
      `{ claims(first: 50, includeRetracted: true) { edges { node { id key version } } } }`,
    );
    return claims.edges.map((edge) => edge.node).find((claim) => claim.key === key)!;
  };

  const importDuplicate = () => mutate(IMPORT, { input: DUPLICATE_BUNDLE });

  it('lists no likely duplicates among the seed’s own claims', async () => {
    const { claims } = await data<{ claims: { totalCount: number; edges: { node: { possibleDuplicates: [] } }[] } }>(
      editor,
      `{ claims(first: 50) { totalCount edges { node { possibleDuplicates { score } } } } }`,
    );
    expect(claims.totalCount).toBe(29);
    expect(claims.edges.filter((edge) => edge.node.possibleDuplicates.length > 0)).toEqual([]);
  });

  it('imports the keyless copy as a claim of its own and lists the Trump claim as its likely duplicate', async () => {
    expect(await importDuplicate()).toEqual({
      __typename: 'MutationImportSourceSuccess',
      data: {
        claims: { created: 1, updated: 0, unchanged: 0 },
        reports: { created: 1, updated: 0, unchanged: 0 },
        likelyDuplicates: [
          {
            claim: { key: DUPLICATE_KEY, saidOn: { value: '2017-02-05' } },
            duplicate: { key: TRUMP_CLAIM_KEY },
            score: 1,
          },
        ],
      },
    });

    const trump = await claimByKey(TRUMP_CLAIM_KEY);
    const duplicate = await claimByKey(DUPLICATE_KEY);
    const answers = await data(
      editor,
      `query ($trump: ID!, $duplicate: ID!) {
        trump: node(id: $trump) { ... on Claim { possibleDuplicates { claim { key } score } } }
        duplicate: node(id: $duplicate) { ... on Claim { possibleDuplicates { claim { key } score } } }
        ofTrump: claims(filter: { duplicateOf: $trump }, first: 5) { totalCount edges { node { key } } }
        ofDuplicate: claims(filter: { duplicateOf: $duplicate, speaker: "donald-trump" }, first: 5) { totalCount edges { node { key } } } }`,
      { trump: trump.id, duplicate: duplicate.id },
    );
    expect(answers).toEqual({
      trump: { possibleDuplicates: [{ claim: { key: DUPLICATE_KEY }, score: 1 }] },
      duplicate: { possibleDuplicates: [{ claim: { key: TRUMP_CLAIM_KEY }, score: 1 }] },
      ofTrump: { totalCount: 1, edges: [{ node: { key: DUPLICATE_KEY } }] },
      ofDuplicate: { totalCount: 1, edges: [{ node: { key: TRUMP_CLAIM_KEY } }] },
    });
  });

  it('folds the copy into the Trump claim, so that the utterance counts once, and keeps it folded', async () => {
    await importDuplicate();
    const trump = await claimByKey(TRUMP_CLAIM_KEY);
    const duplicate = await claimByKey(DUPLICATE_KEY);
    expect(await data(editor, COUNTS)).toEqual({
      actor: {
        positions: [
          {
            proposition: { slug: 'russia-is-an-ally-against-isis' },
            stance: 'SUPPORTS',
            history: [
              { stance: 'SUPPORTS', on: { value: '2017-02-05' }, evidence: { key: TRUMP_CLAIM_KEY } },
              { stance: 'SUPPORTS', on: { value: '2017-02-05' }, evidence: { key: DUPLICATE_KEY } },
              { stance: 'SUPPORTS', on: { value: '2017-05-16' }, evidence: { key: 'trump-vital-ally' } },
            ],
          },
        ],
      },
      proposition: {
        stanceOverTime: [
          { period: '2017-02', supports: 2 },
          { period: '2017-05', supports: 2 },
        ],
      },
    });

    const since = new Date().toISOString();
    expect(
      await mutate(MERGE, { keep: trump.id, merge: duplicate.id, versions: { keep: trump.version, merge: 1 } }),
    ).toEqual({
      __typename: 'MutationMergeClaimsSuccess',
      data: {
        key: TRUMP_CLAIM_KEY,
        version: trump.version,
        reports: {
          totalCount: 3,
          edges: [
            {
              node: {
                source: { url: FOX_INTERVIEW_URL },
                primary: true,
                text: TRUMP_WORDS,
                mode: 'DIRECT_QUOTE',
                publishedOn: { value: '2017-02-05' },
              },
            },
            {
              node: {
                source: { url: DUPLICATE_URL },
                primary: false,
                text: DUPLICATE_BUNDLE.claims[0]!.text,
                mode: 'DIRECT_QUOTE',
                publishedOn: { value: '2017-02-05' },
              },
            },
            {
              node: {
                source: { url: VOX_URL },
                primary: false,
                text: TRUMP_WORDS,
                mode: 'DIRECT_QUOTE',
                publishedOn: { value: '2017-05-16' },
              },
            },
          ],
        },
        stances: [{ stance: 'SUPPORTS', proposition: { slug: 'russia-is-an-ally-against-isis' } }],
        events: [{ slug: 'fox-news-interview-of-trump-2017-02-05' }],
        possibleDuplicates: [],
      },
    });

    expect(await data(editor, COUNTS)).toEqual({
      actor: {
        positions: [
          {
            proposition: { slug: 'russia-is-an-ally-against-isis' },
            stance: 'SUPPORTS',
            history: [
              { stance: 'SUPPORTS', on: { value: '2017-02-05' }, evidence: { key: TRUMP_CLAIM_KEY } },
              { stance: 'SUPPORTS', on: { value: '2017-05-16' }, evidence: { key: 'trump-vital-ally' } },
            ],
          },
        ],
      },
      proposition: {
        stanceOverTime: [
          { period: '2017-02', supports: 1 },
          { period: '2017-05', supports: 2 },
        ],
      },
    });

    expect(await claimByKey(DUPLICATE_KEY)).toBeUndefined();
    const trail = await data<{ kept: { revisions: unknown[] }; changes: { edges: { node: unknown }[] } }>(
      editor,
      `query ($kept: ID!, $since: DateTime!) {
        kept: node(id: $kept) { ... on Claim { revisions { entity action changedBy table } } }
        changes(since: $since, first: 20) { edges { node { entity entityType action changedBy table } } } }`,
      { kept: trump.id, since },
    );
    expect(trail.kept.revisions.slice(-2)).toEqual([
      { entity: trump.id, action: 'UPDATE', changedBy: 'desk', table: 'claim_reports' },
      { entity: trump.id, action: 'INSERT', changedBy: 'desk', table: 'claim_merges' },
    ]);
    expect(trail.changes.edges.map((edge) => edge.node)).toEqual([
      { entity: trump.id, entityType: 'Claim', action: 'UPDATE', changedBy: 'desk', table: 'claim_reports' },
      { entity: trump.id, entityType: 'Claim', action: 'INSERT', changedBy: 'desk', table: 'claim_merges' },
      { entity: duplicate.id, entityType: 'Claim', action: 'DELETE', changedBy: 'desk', table: 'claims' },
      { entity: duplicate.id, entityType: 'Claim', action: 'DELETE', changedBy: 'desk', table: 'claim_speakers' },
      { entity: duplicate.id, entityType: 'Claim', action: 'DELETE', changedBy: 'desk', table: 'claim_stances' },
    ]);

    const counts = await rowCounts(database.db);
    expect([counts.claims, counts.claim_reports, counts.claim_merges]).toEqual([29, 33, 1]);
    expect(await importDuplicate()).toEqual({
      __typename: 'MutationImportSourceSuccess',
      data: {
        claims: { created: 0, updated: 0, unchanged: 0 },
        reports: { created: 0, updated: 0, unchanged: 1 },
        likelyDuplicates: [],
      },
    });
    expect(await rowCounts(database.db)).toEqual(counts);
    expect(await claimByKey(DUPLICATE_KEY)).toBeUndefined();
  });

  it('refuses a bundle whose entries come to one claim twice, by sameAs and by the key of a merged claim, writing nothing', async () => {
    const trump = await claimByKey(TRUMP_CLAIM_KEY);
    const [entry] = DUPLICATE_BUNDLE.claims;
    expect(
      await mutate(IMPORT, {
        input: {
          ...DUPLICATE_BUNDLE,
          claims: [
            { ...entry, sameAs: trump.id },
            { ...entry, sameAs: trump.id },
          ],
        },
      }),
    ).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'claims[1]', message: 'reports the same claim as claims[0]' }],
    });

    await importDuplicate();
    const duplicate = await claimByKey(DUPLICATE_KEY);
    await mutate(MERGE, { keep: trump.id, merge: duplicate.id, versions: { keep: trump.version, merge: 1 } });
    expect(
      await mutate(IMPORT, { input: { ...DUPLICATE_BUNDLE, claims: [entry, { ...entry, sameAs: trump.id }] } }),
    ).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'claims[1]', message: 'reports the same claim as claims[0]' }],
    });
  });

  it('joins the copy’s other stances and events to the kept claim’s, whose own stance wins', async () => {
    await importDuplicate();
    const trump = await claimByKey(TRUMP_CLAIM_KEY);
    const duplicate = await claimByKey(DUPLICATE_KEY);
    const SET_STANCE = `mutation ($claim: ID!, $proposition: String!, $stance: Stance) {
      setClaimStance(claim: $claim, proposition: $proposition, stance: $stance) { __typename } }`;
    await mutate(SET_STANCE, { claim: duplicate.id, proposition: 'russia-is-an-ally-against-isis', stance: 'MIXED' });
    await mutate(SET_STANCE, { claim: duplicate.id, proposition: 'russia-bombs-us-backed-forces', stance: 'OPPOSES' });
    const LINK = `mutation ($claim: ID!, $event: String!) { linkClaimToEvent(claim: $claim, event: $event) { __typename } }`;
    await mutate(LINK, { claim: duplicate.id, event: 'fox-news-interview-of-trump-2017-02-05' });
    await mutate(LINK, { claim: duplicate.id, event: 'trump-shares-intelligence-with-lavrov-and-kislyak' });

    const merged = await mutate(MERGE, {
      keep: trump.id,
      merge: duplicate.id,
      versions: { keep: trump.version, merge: (await claimByKey(DUPLICATE_KEY)).version },
    });
    expect(merged).toMatchObject({
      __typename: 'MutationMergeClaimsSuccess',
      data: {
        stances: [
          { stance: 'SUPPORTS', proposition: { slug: 'russia-is-an-ally-against-isis' } },
          { stance: 'OPPOSES', proposition: { slug: 'russia-bombs-us-backed-forces' } },
        ],
        events: [
          { slug: 'fox-news-interview-of-trump-2017-02-05' },
          { slug: 'trump-shares-intelligence-with-lavrov-and-kislyak' },
        ],
      },
    });
    const { actor } = await data<{ actor: unknown }>(
      editor,
      `{ actor(slug: "donald-trump") { positions { proposition { slug } stance evidence { key } } } }`,
    );
    expect(actor).toEqual({
      positions: [
        {
          proposition: { slug: 'russia-is-an-ally-against-isis' },
          stance: 'SUPPORTS',
          evidence: { key: 'trump-vital-ally' },
        },
        {
          proposition: { slug: 'russia-bombs-us-backed-forces' },
          stance: 'OPPOSES',
          evidence: { key: TRUMP_CLAIM_KEY },
        },
      ],
    });
  });

  it('refuses a merge into itself, into a retracted claim, at a stale version or of another type’s id, writing nothing', async () => {
    await importDuplicate();
    const trump = await claimByKey(TRUMP_CLAIM_KEY);
    const duplicate = await claimByKey(DUPLICATE_KEY);
    const vitalAlly = await claimByKey('trump-vital-ally');
    const versions = { keep: trump.version, merge: duplicate.version };

    expect(await mutate(MERGE, { keep: trump.id, merge: trump.id, versions: { keep: 1, merge: 1 } })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'merge', message: 'is the claim to keep: a claim cannot be merged into itself' }],
    });
    expect(await mutate(MERGE, { keep: trump.id, merge: duplicate.id, versions: { ...versions, merge: 7 } })).toEqual({
      __typename: 'ConflictError',
      message: 'The claim to merge is at version 1, not 7: fetch it again and reapply the merge',
      currentVersion: 1,
    });
    const { source } = await data<{ source: { id: string } }>(
      editor,
      `query ($url: String!) { source(url: $url) { id } }`,
      { url: DUPLICATE_URL },
    );
    expect(await mutate(MERGE, { keep: source.id, merge: duplicate.id, versions })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'keep', message: `"${source.id}" is not the id of a Claim` }],
    });
    expect(
      await mutate(MERGE, { keep: btoa('Claim:999999'), merge: duplicate.id, versions: { keep: 1, merge: 1 } }),
    ).toEqual({ __typename: 'NotFoundError', message: 'No claim has the id 999999' });

    await mutate(
      `mutation ($id: ID!) { retractClaim(id: $id, reason: "a characterization, not his words") { __typename } }`,
      {
        id: vitalAlly.id,
      },
    );
    expect(
      await mutate(MERGE, {
        keep: vitalAlly.id,
        merge: duplicate.id,
        versions: { keep: vitalAlly.version + 1, merge: 1 },
      }),
    ).toEqual({
      __typename: 'ValidationError',
      issues: [
        {
          path: 'keep',
          message: expect.stringMatching(
            /^is retracted \(at .+\): a retracted claim is neither merged nor merged into$/,
          ),
        },
      ],
    });
  });
});
