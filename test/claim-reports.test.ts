import { describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { backends } from './support/databases.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import {
  CUT_SHORT_BUNDLE,
  CUT_SHORT_URL,
  FOX_INTERVIEW_URL,
  PARAPHRASE_URL,
  paraphraseBundle,
  TRUMP_CLAIM_KEY,
  TRUMP_WORDS,
  WORD_CHANGED_BUNDLE,
  WORD_CHANGED_URL,
} from './support/many-reports.js';
import { rowCounts } from './support/row-counts.js';
import { VOX_URL } from './support/seed-article.js';
import { seededApi } from './support/seeded-api.js';

const IMPORT = `mutation ($input: SourceBundleInput!) { importSource(input: $input) {
  __typename
  ... on MutationImportSourceSuccess { data { claims { created updated unchanged } reports { created updated unchanged } } }
  ... on ValidationError { issues { path message } }
} }`;

const REPORT = `primary text mode publishedOn { value } page anchor startSeconds endSeconds source { url }`;

const TRUMP_REPORTS = `{ claims(first: 1, filter: { speaker: "donald-trump", mode: DIRECT_QUOTE }) {
  edges { node { key saidOn { value }
    reports(first: 10) { totalCount edges { node { ${REPORT} } } }
    firstReport { source { url } }
    primaryReport { source { url } }
    reportedIn { source { url } }
    firstAppearedIn { url }
  } }
} }`;

const noLocation = { page: null, anchor: null, startSeconds: null, endSeconds: null };

const interviewReport = {
  primary: true,
  text: TRUMP_WORDS,
  mode: 'DIRECT_QUOTE',
  publishedOn: { value: '2017-02-05' },
  ...noLocation,
  source: { url: FOX_INTERVIEW_URL },
};

const voxReport = {
  primary: false,
  text: TRUMP_WORDS,
  mode: 'DIRECT_QUOTE',
  publishedOn: { value: '2017-05-16' },
  ...noLocation,
  source: { url: VOX_URL },
};

const wordChangedReport = {
  primary: false,
  text: "it's better to get along with Russia than not. And if Russia helps us in the fight against ISIS, which is a big fight, and Islamic terrorism all over the world — that's a good thing.",
  mode: 'DIRECT_QUOTE',
  publishedOn: { value: '2017-02-06' },
  ...noLocation,
  anchor: 'para-3',
  source: { url: WORD_CHANGED_URL },
};

const paraphraseReport = {
  primary: false,
  text: 'Trump said it would be a good thing if Russia helped the US in the fight against ISIS.',
  mode: 'PARAPHRASE',
  publishedOn: { value: '2017-02-06' },
  ...noLocation,
  startSeconds: 95,
  endSeconds: 112.5,
  source: { url: PARAPHRASE_URL },
};

const cutShortReport = {
  primary: false,
  text: "it's better to get along with Russia than not.",
  mode: 'DIRECT_QUOTE',
  publishedOn: { value: '2017-02-07' },
  ...noLocation,
  page: 'A4',
  source: { url: CUT_SHORT_URL },
};

async function trumpClaimId(graphql: GraphQLClient): Promise<string> {
  const found = await data<{ claims: { edges: { node: { id: string; key: string } }[] } }>(
    graphql,
    `{ claims(first: 10, filter: { speaker: "donald-trump" }) { edges { node { id key } } } }`,
  );
  return found.claims.edges.find((edge) => edge.node.key === TRUMP_CLAIM_KEY)!.node.id;
}

async function trumpReports(graphql: GraphQLClient) {
  const answer = await data<{ claims: { edges: { node: unknown }[] } }>(graphql, TRUMP_REPORTS);
  return answer.claims.edges[0]!.node;
}

describe.each(backends)('one claim, many reports, on %s', (backend) => {
  const api = seededApi(backend);
  let editor: GraphQLClient;

  it("gives the seed's quotes their primary report and the article's", async () => {
    expect(await trumpReports(api.graphql)).toEqual({
      key: TRUMP_CLAIM_KEY,
      saidOn: { value: '2017-02-05' },
      reports: { totalCount: 2, edges: [{ node: interviewReport }, { node: voxReport }] },
      firstReport: { source: { url: FOX_INTERVIEW_URL } },
      primaryReport: { source: { url: FOX_INTERVIEW_URL } },
      reportedIn: { source: { url: VOX_URL } },
      firstAppearedIn: { url: FOX_INTERVIEW_URL },
    });
    expect(
      await data(
        api.graphql,
        `{ claims(first: 1, filter: { speaker: "jim-townsend", mode: PARAPHRASE }) { edges { node {
          reports(first: 5) { totalCount edges { node { primary source { url } } } }
          firstReport { source { url } } primaryReport { source { url } } reportedIn { source { url } } firstAppearedIn { url }
        } } } }`,
      ),
    ).toEqual({
      claims: {
        edges: [
          {
            node: {
              reports: { totalCount: 1, edges: [{ node: { primary: false, source: { url: VOX_URL } } }] },
              firstReport: { source: { url: VOX_URL } },
              primaryReport: null,
              reportedIn: { source: { url: VOX_URL } },
              firstAppearedIn: null,
            },
          },
        ],
      },
    });
  });

  it("adds other outlets' reports to the claim, earliest first, and counts the utterance once", async () => {
    editor = graphqlClient(api.database.db, { apiKey: (await createApiKey(api.database.db, 'desk', 'EDITOR')).key });
    const before = await rowCounts(api.database.db);
    const id = await trumpClaimId(api.graphql);
    const oneReport = {
      claims: { created: 0, updated: 0, unchanged: 0 },
      reports: { created: 1, updated: 0, unchanged: 0 },
    };
    for (const bundle of [WORD_CHANGED_BUNDLE, paraphraseBundle(id), CUT_SHORT_BUNDLE]) {
      expect(await data(editor, IMPORT, { input: bundle })).toEqual({
        importSource: { __typename: 'MutationImportSourceSuccess', data: oneReport },
      });
    }
    expect(await trumpReports(api.graphql)).toEqual({
      key: TRUMP_CLAIM_KEY,
      saidOn: { value: '2017-02-05' },
      reports: {
        totalCount: 5,
        edges: [interviewReport, wordChangedReport, paraphraseReport, cutShortReport, voxReport].map((node) => ({
          node,
        })),
      },
      firstReport: { source: { url: FOX_INTERVIEW_URL } },
      primaryReport: { source: { url: FOX_INTERVIEW_URL } },
      reportedIn: { source: { url: VOX_URL } },
      firstAppearedIn: { url: FOX_INTERVIEW_URL },
    });
    expect(await rowCounts(api.database.db)).toMatchObject({
      claims: before.claims,
      claim_reports: before.claim_reports + 3,
      claim_speakers: before.claim_speakers,
      claim_stances: before.claim_stances,
      positions: before.positions,
    });

    // Five sources carry the words; Trump said them once.
    expect(
      await data(
        api.graphql,
        `{ actor(slug: "donald-trump") {
          claims(first: 10) { totalCount edges { node { key } } }
          positions { stance history { stance on { value } evidence { key } } }
        }
        timeline(first: 10, filter: { actor: "donald-trump" }) { edges { node { ... on Claim { key } ... on Event { slug } } } }
        search(query: "\\"better to get along with Russia\\"", types: [CLAIM]) { edges { node { __typename ... on Claim { key } } } } }`,
      ),
    ).toEqual({
      actor: {
        claims: { totalCount: 2, edges: [{ node: { key: 'trump-vital-ally' } }, { node: { key: TRUMP_CLAIM_KEY } }] },
        positions: [
          {
            stance: 'SUPPORTS',
            history: [
              { stance: 'SUPPORTS', on: { value: '2017-02-05' }, evidence: { key: TRUMP_CLAIM_KEY } },
              { stance: 'SUPPORTS', on: { value: '2017-05-16' }, evidence: { key: 'trump-vital-ally' } },
            ],
          },
        ],
      },
      timeline: {
        edges: [
          { node: { slug: 'fox-news-interview-of-trump-2017-02-05' } },
          { node: { key: TRUMP_CLAIM_KEY } },
          { node: { slug: 'trump-shares-intelligence-with-lavrov-and-kislyak' } },
          { node: { key: 'trump-vital-ally' } },
        ],
      },
      search: { edges: [{ node: { __typename: 'Claim', key: TRUMP_CLAIM_KEY } }] },
    });
  });

  it('finds the claims a source reports through its reports', async () => {
    const source = await data<{ source: { id: string; claims: unknown } }>(
      api.graphql,
      `{ source(url: "${CUT_SHORT_URL}") { id claims(first: 5) { totalCount edges { node { key } } } } }`,
    );
    expect(source.source.claims).toEqual({ totalCount: 1, edges: [{ node: { key: TRUMP_CLAIM_KEY } }] });
    expect(
      await data(
        api.graphql,
        `query ($source: ID!) { claims(first: 5, filter: { source: $source }) { totalCount edges { node { key } } } }`,
        {
          source: source.source.id,
        },
      ),
    ).toEqual({ claims: { totalCount: 1, edges: [{ node: { key: TRUMP_CLAIM_KEY } }] } });
  });

  it('changes nothing when the same reports are imported again', async () => {
    const before = await rowCounts(api.database.db);
    const id = await trumpClaimId(api.graphql);
    const unchanged = {
      claims: { created: 0, updated: 0, unchanged: 0 },
      reports: { created: 0, updated: 0, unchanged: 1 },
    };
    for (const bundle of [WORD_CHANGED_BUNDLE, paraphraseBundle(id), CUT_SHORT_BUNDLE]) {
      expect(await data(editor, IMPORT, { input: bundle })).toEqual({
        importSource: { __typename: 'MutationImportSourceSuccess', data: unchanged },
      });
    }
    expect(await rowCounts(api.database.db)).toEqual(before);
  });

  it('places a claim said on an unknown day at its earliest report', async () => {
    const query = `{ actor(slug: "donald-trump") { positions { history { on { value } evidence { key } } } } }`;
    const vitalAlly = await data<{ claims: { edges: { node: { id: string } }[] } }>(
      api.graphql,
      `{ claims(first: 1, filter: { speaker: "donald-trump", mode: CHARACTERIZATION }) { edges { node { id } } } }`,
    );
    const earlier = {
      source: {
        url: 'https://night-desk.example.org/2017/05/15/trump-lavrov',
        title: 'Trump shared intelligence with Russia, officials say',
        kind: 'ARTICLE',
        publishedOn: { value: '2017-05-15' },
      },
      claims: [
        {
          sameAs: vitalAlly.claims.edges[0]!.node.id,
          text: 'Trump sees Russia as a vital ally against ISIS.',
          mode: 'CHARACTERIZATION',
          medium: 'OTHER',
        },
      ],
    };
    expect(await data(editor, IMPORT, { input: earlier })).toMatchObject({
      importSource: { __typename: 'MutationImportSourceSuccess' },
    });
    expect(await data(api.graphql, query)).toEqual({
      actor: {
        positions: [
          {
            history: [
              { on: { value: '2017-02-05' }, evidence: { key: TRUMP_CLAIM_KEY } },
              { on: { value: '2017-05-15' }, evidence: { key: 'trump-vital-ally' } },
            ],
          },
        ],
      },
    });
  });

  it('refuses a time code that ends before it starts, or a sameAs naming no claim, and writes nothing', async () => {
    const before = await rowCounts(api.database.db);
    const unknown = btoa('Claim:999999');
    const bad = {
      ...CUT_SHORT_BUNDLE,
      claims: [
        { ...CUT_SHORT_BUNDLE.claims[0]!, report: { startSeconds: 95, endSeconds: 80 } },
        { sameAs: unknown, text: 'Better to get along with Russia.', mode: 'PARAPHRASE', medium: 'INTERVIEW' },
      ],
    };
    expect(await data(editor, IMPORT, { input: bad })).toEqual({
      importSource: {
        __typename: 'ValidationError',
        issues: [{ path: 'claims[0].report.endSeconds', message: '80 is before startSeconds 95' }],
      },
    });
    expect(await data(editor, IMPORT, { input: { ...bad, claims: [bad.claims[1]] } })).toEqual({
      importSource: {
        __typename: 'ValidationError',
        issues: [{ path: 'claims[0].sameAs', message: `"${unknown}" names no claim` }],
      },
    });
    expect(await rowCounts(api.database.db)).toEqual(before);
  });
});
