import { readFileSync } from 'node:fs';
import type { Options } from 'jsonld';
import jsonld from 'jsonld';
import type { RemoteDocument } from 'jsonld/jsonld-spec.js';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { createWhosaid } from '../src/http/whosaid.js';
import { backends } from './support/databases.js';
import { CLAIM_WATCH_REVIEW, CLAIM_WATCH_URL, FACT_CHECK_BUNDLE, TRUTH_METER_URL } from './support/fact-checks.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import { FOX_INTERVIEW_URL, TRUMP_CLAIM_KEY, TRUMP_WORDS } from './support/many-reports.js';
import { VOX_URL } from './support/seed-article.js';
import { seededApi } from './support/seeded-api.js';

const SCHEMA_ORG_CONTEXT = JSON.parse(
  readFileSync(new URL('./support/schema-org/schemaorgcontext.jsonld', import.meta.url), 'utf8'),
);

/** Serves schema.org's context from the copy in test/support/schema-org, and nothing else: no network. */
async function offlineLoader(url: string): Promise<RemoteDocument> {
  if (/^https?:\/\/schema\.org\/?(docs\/jsonldcontext\.jsonld)?$/.test(url)) {
    return { contextUrl: undefined, documentUrl: url, document: SCHEMA_ORG_CONTEXT };
  }
  throw new Error(`The tests load no document from the network: ${url}`);
}

/** Expanded against schema.org's context; `safe` makes jsonld refuse what it would drop or leave relative. */
function expanded(document: object) {
  return jsonld.expand(document as never, { documentLoader: offlineLoader, safe: true } as Options.Expand);
}

const ADD = `mutation ($claim: ID!, $review: ClaimReviewInput!) { addClaimReview(claim: $claim, review: $review) {
  __typename ... on ValidationError { issues { path message } } } }`;

const fox = {
  '@type': 'CreativeWork',
  url: FOX_INTERVIEW_URL,
  headline: "Bill O'Reilly's interview of Donald Trump",
  datePublished: '2017-02-05',
};

const trumpClaim = {
  '@type': 'Claim',
  author: { '@type': 'Person', name: 'Donald Trump', sameAs: ['https://www.wikidata.org/wiki/Q22686'] },
  datePublished: '2017-02-05',
  appearance: [
    fox,
    {
      '@type': 'CreativeWork',
      url: TRUTH_METER_URL,
      headline: 'Would Russia’s help against ISIS be a good thing?',
      datePublished: '2017-02-07',
    },
    {
      '@type': 'CreativeWork',
      url: VOX_URL,
      headline: 'Experts to Trump: Russia is not our ally in the war on ISIS',
      datePublished: '2017-05-16',
    },
  ],
  firstAppearance: fox,
};

/** The markup of the Trump quote's two reviews, newest first. */
const TRUMP_MARKUP = [
  {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: CLAIM_WATCH_URL,
    claimReviewed: TRUMP_WORDS,
    datePublished: '2017-02-09',
    author: { '@type': 'Organization', name: 'Claim Watch', url: 'https://claim-watch.example.org' },
    reviewRating: { '@type': 'Rating', ratingValue: 3, bestRating: 10, worstRating: 0, alternateName: 'Mostly False' },
    itemReviewed: trumpClaim,
  },
  {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: TRUTH_METER_URL,
    claimReviewed: 'Russia helping the US fight ISIS would be a good thing.',
    datePublished: '2017-02-07',
    // Its own site and its profile come from its identifiers (WEBSITE, SOCIAL).
    author: {
      '@type': 'Organization',
      name: 'Truth Meter',
      url: 'https://www.truth-meter.example.org/',
      sameAs: ['https://social.example.org/@truthmeter'],
    },
    reviewRating: { '@type': 'Rating', ratingValue: 4, bestRating: 6, worstRating: 1, alternateName: 'Half True' },
    itemReviewed: trumpClaim,
  },
];

const ANONYMOUS_REVIEW_URL = 'https://claim-watch.example.org/checks/2017-05-18-experts-russia';

/** The markup of a review of an anonymous claim, said on a day no source gives: named and dated by its report. */
const ANONYMOUS_MARKUP = [
  {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: ANONYMOUS_REVIEW_URL,
    claimReviewed: "Russia isn't remotely as committed to the ISIS fight as the US.",
    datePublished: '2017-05',
    author: { '@type': 'Organization', name: 'Claim Watch', url: 'https://claim-watch.example.org' },
    reviewRating: { '@type': 'Rating', ratingValue: 9, bestRating: 10, worstRating: 0, alternateName: 'True' },
    itemReviewed: {
      '@type': 'Claim',
      author: { '@type': 'Person', name: 'most national security experts' },
      datePublished: '2017-05-16',
      appearance: [trumpClaim.appearance[2]],
      firstAppearance: trumpClaim.appearance[2],
    },
  },
];

const S = 'http://schema.org/';

/** The terms schema.org defines: its context names each (its @vocab would map any other word too, unchecked). */
const SCHEMA_ORG_TERMS = new Set(Object.keys(SCHEMA_ORG_CONTEXT['@context']));

/** Every schema.org type and property an expanded document uses, by its term. */
function schemaOrgTermsIn(value: unknown, terms = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) schemaOrgTermsIn(item, terms);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key.startsWith(S)) terms.add(key.slice(S.length));
      if (key === '@type') for (const type of [inner].flat()) terms.add(String(type).slice(S.length));
      else schemaOrgTermsIn(inner, terms);
    }
  }
  return terms;
}

describe.each(backends)('ClaimReview JSON-LD, on %s', (backend) => {
  const api = seededApi(backend);
  let yoga: ReturnType<typeof createWhosaid>;
  let ids: { trump: string; anonymous: string };

  const get = (path: string) => yoga.fetch(`http://whosaid.test${path}`);

  it('gives the markup of every review of a claim at /claims/<id>/claim-review.jsonld, by id or key', async () => {
    const editor = graphqlClient(api.database.db, {
      apiKey: (await createApiKey(api.database.db, 'desk', 'EDITOR')).key,
    });
    await data(editor, `mutation ($input: SourceBundleInput!) { importSource(input: $input) { __typename } }`, {
      input: FACT_CHECK_BUNDLE,
    });
    ids = await claimIds(api.graphql);
    expect(await data(editor, ADD, { claim: ids.trump, review: CLAIM_WATCH_REVIEW })).toEqual({
      addClaimReview: { __typename: 'MutationAddClaimReviewSuccess' },
    });
    const anonymousReview = {
      reviewer: 'claim-watch',
      url: ANONYMOUS_REVIEW_URL,
      publishedOn: { value: '2017-05' },
      rating: { alternateName: 'True', ratingValue: 9, bestRating: 10, worstRating: 0 },
    };
    expect(await data(editor, ADD, { claim: ids.anonymous, review: anonymousReview })).toEqual({
      addClaimReview: { __typename: 'MutationAddClaimReviewSuccess' },
    });
    yoga = createWhosaid({ database: () => api.database.db });

    for (const named of [ids.trump, TRUMP_CLAIM_KEY]) {
      const response = await get(`/claims/${encodeURIComponent(named)}/claim-review.jsonld`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
      expect(await response.json()).toEqual(TRUMP_MARKUP);
    }
    expect(await (await get(`/claims/${ids.anonymous}/claim-review.jsonld`)).json()).toEqual(ANONYMOUS_MARKUP);
  });

  it('gives the same markup through GraphQL', async () => {
    expect(
      await data(
        api.graphql,
        `query ($trump: ID!, $anonymous: ID!) {
          trump: node(id: $trump) { ... on Claim { claimReviewJsonLd } }
          anonymous: node(id: $anonymous) { ... on Claim { claimReviewJsonLd } }
          unreviewed: claims(first: 1, filter: { reviewed: false }) { edges { node { claimReviewJsonLd } } } }`,
        ids,
      ),
    ).toEqual({
      trump: { claimReviewJsonLd: TRUMP_MARKUP },
      anonymous: { claimReviewJsonLd: ANONYMOUS_MARKUP },
      unreviewed: { edges: [{ node: { claimReviewJsonLd: [] } }] },
    });
  });

  it("expands, against schema.org's context, to a ClaimReview with every property Google requires", async () => {
    const markup = (await (await get(`/claims/${ids.trump}/claim-review.jsonld`)).json()) as object[];
    const [claimWatch] = await expanded(markup[0]!);
    const claim = {
      '@type': [`${S}Claim`],
      [`${S}author`]: [
        {
          '@type': [`${S}Person`],
          [`${S}name`]: [{ '@value': 'Donald Trump' }],
          [`${S}sameAs`]: [{ '@id': 'https://www.wikidata.org/wiki/Q22686' }],
        },
      ],
      [`${S}datePublished`]: [{ '@type': `${S}Date`, '@value': '2017-02-05' }],
      [`${S}appearance`]: [
        creativeWork(FOX_INTERVIEW_URL, "Bill O'Reilly's interview of Donald Trump", '2017-02-05'),
        creativeWork(TRUTH_METER_URL, 'Would Russia’s help against ISIS be a good thing?', '2017-02-07'),
        creativeWork(VOX_URL, 'Experts to Trump: Russia is not our ally in the war on ISIS', '2017-05-16'),
      ],
      [`${S}firstAppearance`]: [
        creativeWork(FOX_INTERVIEW_URL, "Bill O'Reilly's interview of Donald Trump", '2017-02-05'),
      ],
    };
    expect(claimWatch).toEqual({
      '@type': [`${S}ClaimReview`],
      [`${S}url`]: [{ '@id': CLAIM_WATCH_URL }],
      [`${S}claimReviewed`]: [{ '@value': TRUMP_WORDS }],
      [`${S}datePublished`]: [{ '@type': `${S}Date`, '@value': '2017-02-09' }],
      [`${S}author`]: [
        {
          '@type': [`${S}Organization`],
          [`${S}name`]: [{ '@value': 'Claim Watch' }],
          [`${S}url`]: [{ '@id': 'https://claim-watch.example.org' }],
        },
      ],
      [`${S}reviewRating`]: [
        {
          '@type': [`${S}Rating`],
          [`${S}ratingValue`]: [{ '@value': 3 }],
          [`${S}bestRating`]: [{ '@value': 10 }],
          [`${S}worstRating`]: [{ '@value': 0 }],
          [`${S}alternateName`]: [{ '@value': 'Mostly False' }],
        },
      ],
      [`${S}itemReviewed`]: [claim],
    });

    // Google's required and recommended properties, in every review's markup, the anonymous claim's too.
    const anonymous = (await (await get(`/claims/${ids.anonymous}/claim-review.jsonld`)).json()) as object[];
    for (const review of [...markup, ...anonymous]) {
      const [node] = (await expanded(review)) as Record<string, unknown>[];
      expect([...schemaOrgTermsIn(node)].filter((term) => !SCHEMA_ORG_TERMS.has(term))).toEqual([]);
      expect(node!['@type']).toEqual([`${S}ClaimReview`]);
      for (const property of ['url', 'claimReviewed', 'datePublished', 'author', 'reviewRating', 'itemReviewed']) {
        expect(node, property).toHaveProperty([`${S}${property}`, 0]);
      }
      const rating = (node![`${S}reviewRating`] as Record<string, unknown>[])[0]!;
      for (const property of ['ratingValue', 'bestRating', 'worstRating', 'alternateName']) {
        expect(rating, property).toHaveProperty([`${S}${property}`, 0, '@value']);
      }
      const item = (node![`${S}itemReviewed`] as Record<string, unknown>[])[0]!;
      expect(item['@type']).toEqual([`${S}Claim`]);
      for (const property of ['author', 'datePublished', 'appearance', 'firstAppearance']) {
        expect(item, property).toHaveProperty([`${S}${property}`, 0]);
      }
    }
  });

  it('answers 404 for a claim whosaid does not have, and wants a key where reads do', async () => {
    const missing = await get(`/claims/${btoa('Claim:999999')}/claim-review.jsonld`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      errors: [{ message: `No claim has the id or key "${btoa('Claim:999999')}"`, extensions: { code: 'NOT_FOUND' } }],
    });
    expect((await get('/claims/no-such-claim/claim-review.jsonld')).status).toBe(404);

    const locked = createWhosaid({ database: () => api.database.db, readsRequireKey: true });
    const path = `http://whosaid.test/claims/${ids.trump}/claim-review.jsonld`;
    const refused = await locked.fetch(path);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: 'Reads need an API key: send Authorization: Bearer <key>',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
    const reader = (await createApiKey(api.database.db, 'reader', 'READER')).key;
    const allowed = await locked.fetch(path, { headers: { authorization: `Bearer ${reader}` } });
    expect(await allowed.json()).toEqual(TRUMP_MARKUP);
  });
});

function creativeWork(url: string, headline: string, datePublished: string) {
  return {
    '@type': [`${S}CreativeWork`],
    [`${S}url`]: [{ '@id': url }],
    [`${S}headline`]: [{ '@value': headline }],
    [`${S}datePublished`]: [{ '@type': `${S}Date`, '@value': datePublished }],
  };
}

async function claimIds(graphql: GraphQLClient): Promise<{ trump: string; anonymous: string }> {
  const found = await data<{ claims: { edges: { node: { id: string; key: string } }[] } }>(
    graphql,
    `{ claims(first: 50) { edges { node { id key } } } }`,
  );
  const idOf = (key: string) => found.claims.edges.find((edge) => edge.node.key === key)!.node.id;
  return { trump: idOf(TRUMP_CLAIM_KEY), anonymous: idOf('experts-not-as-committed') };
}
