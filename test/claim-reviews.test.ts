import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { claimReviews } from '../src/db/schema.js';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { backends } from './support/databases.js';
import {
  CLAIM_WATCH_REVIEW,
  CLAIM_WATCH_URL,
  FACT_CHECK_BUNDLE,
  TRUTH_METER_REVIEW,
  TRUTH_METER_URL,
} from './support/fact-checks.js';
import { data, type GraphQLClient, graphqlClient } from './support/graphql.js';
import { DUPLICATE_BUNDLE, DUPLICATE_URL, TRUMP_CLAIM_KEY } from './support/many-reports.js';
import { rowCounts } from './support/row-counts.js';
import { seededApi } from './support/seeded-api.js';

const IMPORT = `mutation ($input: SourceBundleInput!) { importSource(input: $input) {
  __typename
  ... on MutationImportSourceSuccess { data { claims { created updated unchanged } reports { created updated unchanged } reviews { created updated unchanged } } }
  ... on ValidationError { issues { path message } }
} }`;

const REVIEW = `reviewer { slug } url publishedOn { value } rating { alternateName ratingValue bestRating worstRating score }
  claimReviewed ratingExplanation version`;

const TRUMP_REVIEWS = `{ claims(first: 1, filter: { speaker: "donald-trump", mode: DIRECT_QUOTE }) { edges { node {
  key reviews { ${REVIEW} } } } } }`;

const ERRORS = `... on ValidationError { issues { path message } } ... on ConflictError { message currentVersion }
  ... on NotFoundError { message }`;

const ADD = `mutation ($claim: ID!, $review: ClaimReviewInput!) { addClaimReview(claim: $claim, review: $review) {
  __typename ... on MutationAddClaimReviewSuccess { data { id ${REVIEW} claim { key } } } ${ERRORS} } }`;

const UPDATE = `mutation ($id: ID!, $version: Int!, $changes: ClaimReviewChanges!) {
  updateClaimReview(id: $id, expectedVersion: $version, changes: $changes) {
  __typename ... on MutationUpdateClaimReviewSuccess { data { ${REVIEW} } } ${ERRORS} } }`;

const REMOVE = `mutation ($id: ID!, $version: Int) { removeClaimReview(id: $id, expectedVersion: $version) {
  __typename ... on MutationRemoveClaimReviewSuccess { data { key reviews { url } } } ${ERRORS} } }`;

const truthMeter = {
  reviewer: { slug: 'truth-meter' },
  url: TRUTH_METER_URL,
  publishedOn: { value: '2017-02-07' },
  rating: { alternateName: 'Half True', ratingValue: 4, bestRating: 6, worstRating: 1, score: 0.6 },
  claimReviewed: 'Russia helping the US fight ISIS would be a good thing.',
  ratingExplanation: null,
  version: 1,
};

const claimWatch = {
  reviewer: { slug: 'claim-watch' },
  url: CLAIM_WATCH_URL,
  publishedOn: { value: '2017-02-09' },
  rating: { alternateName: 'Mostly False', ratingValue: 3, bestRating: 10, worstRating: 0, score: 0.3 },
  claimReviewed: null,
  ratingExplanation: 'Russia’s strikes in Syria mostly hit the opposition, not ISIS.',
  version: 1,
};

async function trumpClaimId(graphql: GraphQLClient): Promise<string> {
  const found = await data<{ claims: { edges: { node: { id: string; key: string } }[] } }>(
    graphql,
    `{ claims(first: 10, filter: { speaker: "donald-trump" }) { edges { node { id key } } } }`,
  );
  return found.claims.edges.find((edge) => edge.node.key === TRUMP_CLAIM_KEY)!.node.id;
}

async function reviewsOfTrumpClaim(graphql: GraphQLClient) {
  const answer = await data<{ claims: { edges: { node: { reviews: unknown[] } }[] } }>(graphql, TRUMP_REVIEWS);
  return answer.claims.edges[0]!.node.reviews;
}

async function keysMatching(graphql: GraphQLClient, filter: Record<string, unknown>) {
  const answer = await data<{ claims: { totalCount: number; edges: { node: { key: string } }[] } }>(
    graphql,
    `query ($filter: ClaimFilter) { claims(first: 50, filter: $filter) { totalCount edges { node { key } } } }`,
    { filter },
  );
  return answer.claims.edges.map((edge) => edge.node.key);
}

describe.each(backends)('fact-check reviews of claims, on %s', (backend) => {
  const api = seededApi(backend);
  let editor: GraphQLClient;
  let claimId: string;
  let claimWatchId: string;

  it("imports a fact-checker's article with its verdict, and again without a change", async () => {
    editor = graphqlClient(api.database.db, { apiKey: (await createApiKey(api.database.db, 'desk', 'EDITOR')).key });
    claimId = await trumpClaimId(api.graphql);
    const before = await rowCounts(api.database.db);
    expect(await data(editor, IMPORT, { input: FACT_CHECK_BUNDLE })).toEqual({
      importSource: {
        __typename: 'MutationImportSourceSuccess',
        data: {
          claims: { created: 0, updated: 0, unchanged: 0 },
          reports: { created: 1, updated: 0, unchanged: 0 },
          reviews: { created: 1, updated: 0, unchanged: 0 },
        },
      },
    });
    expect(await reviewsOfTrumpClaim(api.graphql)).toEqual([truthMeter]);
    const after = await rowCounts(api.database.db);
    expect(after).toMatchObject({ claims: before.claims, claim_reviews: before.claim_reviews + 1 });

    expect(await data(editor, IMPORT, { input: FACT_CHECK_BUNDLE })).toMatchObject({
      importSource: { data: { reviews: { created: 0, updated: 0, unchanged: 1 } } },
    });
    expect(await rowCounts(api.database.db)).toEqual(after);
  });

  it('updates a review in place when its url is imported again with another verdict', async () => {
    const before = await rowCounts(api.database.db);
    const amended = structuredClone(FACT_CHECK_BUNDLE);
    amended.claims[0]!.reviews[0]!.rating = {
      alternateName: 'Mostly True',
      ratingValue: 5,
      bestRating: 6,
      worstRating: 1,
    };
    expect(await data(editor, IMPORT, { input: amended })).toMatchObject({
      importSource: { data: { reviews: { created: 0, updated: 1, unchanged: 0 } } },
    });
    expect(await reviewsOfTrumpClaim(api.graphql)).toEqual([
      {
        ...truthMeter,
        rating: { alternateName: 'Mostly True', ratingValue: 5, bestRating: 6, worstRating: 1, score: 0.8 },
        version: 2,
      },
    ]);
    expect(await rowCounts(api.database.db)).toEqual({ ...before, revisions: before.revisions + 1 });
    await data(editor, IMPORT, { input: FACT_CHECK_BUNDLE });
  });

  it("adds an editor's review, newest first, and changes it at the version it was read at", async () => {
    const added = await data<{ addClaimReview: { data: { id: string } } }>(editor, ADD, {
      claim: claimId,
      review: CLAIM_WATCH_REVIEW,
    });
    expect(added).toEqual({
      addClaimReview: {
        __typename: 'MutationAddClaimReviewSuccess',
        data: { id: expect.any(String), ...claimWatch, claim: { key: TRUMP_CLAIM_KEY } },
      },
    });
    claimWatchId = added.addClaimReview.data.id;
    expect(await reviewsOfTrumpClaim(api.graphql)).toEqual([claimWatch, { ...truthMeter, version: 3 }]);

    const changes = {
      rating: { alternateName: 'Half True', ratingValue: 5, bestRating: 10, worstRating: 0 },
      claimReviewed: 'Russia’s help against ISIS would be good',
      ratingExplanation: null,
    };
    expect(await data(editor, UPDATE, { id: claimWatchId, version: 1, changes })).toEqual({
      updateClaimReview: {
        __typename: 'MutationUpdateClaimReviewSuccess',
        data: {
          ...claimWatch,
          rating: { alternateName: 'Half True', ratingValue: 5, bestRating: 10, worstRating: 0, score: 0.5 },
          claimReviewed: 'Russia’s help against ISIS would be good',
          ratingExplanation: null,
          version: 2,
        },
      },
    });
    const before = await rowCounts(api.database.db);
    expect(await data(editor, UPDATE, { id: claimWatchId, version: 1, changes: { url: TRUTH_METER_URL } })).toEqual({
      updateClaimReview: {
        __typename: 'ConflictError',
        message: 'The claim review is at version 2, not 1: fetch it again and reapply the change',
        currentVersion: 2,
      },
    });
    expect(await rowCounts(api.database.db)).toEqual(before);
  });

  it('refuses a rating outside its scale, a scale without two ends, an unknown reviewer or a url reviewed already, writing nothing', async () => {
    const before = await rowCounts(api.database.db);
    const refused = async (review: Record<string, unknown>) =>
      (await data<{ addClaimReview: unknown }>(editor, ADD, { claim: claimId, review })).addClaimReview;
    const fresh = { ...CLAIM_WATCH_REVIEW, url: 'https://claim-watch.example.org/checks/another' };
    expect(
      await refused({ ...fresh, rating: { ...fresh.rating, ratingValue: 7, bestRating: 5, worstRating: 1 } }),
    ).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'review.rating.ratingValue', message: '7 is outside the scale 1 to 5' }],
    });
    expect(
      await refused({ ...fresh, rating: { ...fresh.rating, ratingValue: 3, bestRating: 3, worstRating: 3 } }),
    ).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'review.rating.bestRating', message: 'equals worstRating 3: a scale needs two different ends' }],
    });
    expect(await refused({ ...fresh, reviewer: 'nobody-checks' })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'review.reviewer', message: 'unknown actor "nobody-checks": add the reviewer first' }],
    });
    expect(await refused({ ...fresh, url: CLAIM_WATCH_URL })).toEqual({
      __typename: 'ValidationError',
      issues: [
        {
          path: 'review.url',
          message: `the claim has a review at ${CLAIM_WATCH_URL} already: update that one (updateClaimReview)`,
        },
      ],
    });
    expect(
      (
        await data<{ updateClaimReview: unknown }>(editor, UPDATE, {
          id: claimWatchId,
          version: 2,
          changes: { rating: { alternateName: 'True', ratingValue: 11, bestRating: 10, worstRating: 0 } },
        })
      ).updateClaimReview,
    ).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'changes.rating.ratingValue', message: '11 is outside the scale 0 to 10' }],
    });

    const anonymous = await api.graphql(ADD, { claim: claimId, review: fresh });
    expect(anonymous.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);

    const bad = structuredClone(FACT_CHECK_BUNDLE);
    bad.claims[0]!.reviews = [
      { ...TRUTH_METER_REVIEW, rating: { alternateName: 'True', ratingValue: 7, bestRating: 5, worstRating: 1 } },
    ];
    expect(await data(editor, IMPORT, { input: bad })).toEqual({
      importSource: {
        __typename: 'ValidationError',
        issues: [{ path: 'claims[0].reviews[0].rating.ratingValue', message: '7 is outside the scale 1 to 5' }],
      },
    });
    bad.claims[0]!.reviews = [{ ...TRUTH_METER_REVIEW, reviewer: 'nobody-checks' }];
    expect(await data(editor, IMPORT, { input: bad })).toEqual({
      importSource: {
        __typename: 'ValidationError',
        issues: [
          {
            path: 'claims[0].reviews[0].reviewer',
            message: 'unknown actor "nobody-checks": define it in the bundle or import it first',
          },
        ],
      },
    });
    expect(await rowCounts(api.database.db)).toEqual(before);

    // The database holds the same rule, whatever path writes a review.
    const [row] = await api.database.db.select().from(claimReviews).limit(1);
    await expect(
      api.database.db.execute(sql`UPDATE claim_reviews SET rating_value = 99 WHERE id = ${row!.id}`),
    ).rejects.toMatchObject({ cause: { constraint: 'claim_reviews_rating_within_scale' } });
    await expect(
      api.database.db.execute(sql`UPDATE claim_reviews SET best_rating = worst_rating WHERE id = ${row!.id}`),
    ).rejects.toMatchObject({ cause: { constraint: 'claim_reviews_rating_scale' } });
    expect(await rowCounts(api.database.db)).toEqual(before);
  });

  it('finds claims by whether they were reviewed and by verdict, on every scale at once', async () => {
    const all = await keysMatching(api.graphql, {});
    expect(await keysMatching(api.graphql, { reviewed: true })).toEqual([TRUMP_CLAIM_KEY]);
    expect(await keysMatching(api.graphql, { reviewed: false })).toEqual(all.filter((key) => key !== TRUMP_CLAIM_KEY));
    // Truth Meter's Half True is 0.6 of its scale, Claim Watch's Half True 0.5 of its own.
    expect(await keysMatching(api.graphql, { rating: { atMost: 0.5 } })).toEqual([TRUMP_CLAIM_KEY]);
    expect(await keysMatching(api.graphql, { rating: { atMost: 0.4 } })).toEqual([]);
    expect(await keysMatching(api.graphql, { rating: { atLeast: 0.55, reviewer: 'truth-meter' } })).toEqual([
      TRUMP_CLAIM_KEY,
    ]);
    expect(await keysMatching(api.graphql, { rating: { atLeast: 0.55, reviewer: 'claim-watch' } })).toEqual([]);
    expect(await keysMatching(api.graphql, { rating: { alternateName: 'half TRUE' } })).toEqual([TRUMP_CLAIM_KEY]);
    expect(await keysMatching(api.graphql, { rating: { alternateName: 'half%' } })).toEqual([]);
    expect(await keysMatching(api.graphql, { reviewed: false, rating: { alternateName: 'Half True' } })).toEqual([]);
    expect(await keysMatching(api.graphql, { speaker: 'donald-trump', reviewed: true })).toEqual([TRUMP_CLAIM_KEY]);

    const refused = await api.graphql(
      `{ claims(first: 5, filter: { rating: { atLeast: 0.8, atMost: 0.2 } }) { totalCount } }`,
    );
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: 'rating.atLeast 0.8 is above rating.atMost 0.2',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
    const outside = await api.graphql(`{ claims(first: 5, filter: { rating: { atMost: 3 } }) { totalCount } }`);
    expect(outside.errors).toEqual([
      expect.objectContaining({ message: 'rating.atMost 3 is not a score from 0 to 1' }),
    ]);
  });

  it('removes a review, and keeps every change to reviews in the claim’s revisions and the change feed', async () => {
    const before = await rowCounts(api.database.db);
    expect(await data(editor, REMOVE, { id: claimWatchId, version: 1 })).toEqual({
      removeClaimReview: {
        __typename: 'ConflictError',
        message: 'The claim review is at version 2, not 1: fetch it again and reapply the change',
        currentVersion: 2,
      },
    });
    expect(await data(editor, REMOVE, { id: claimWatchId, version: 2 })).toEqual({
      removeClaimReview: {
        __typename: 'MutationRemoveClaimReviewSuccess',
        data: { key: TRUMP_CLAIM_KEY, reviews: [{ url: TRUTH_METER_URL }] },
      },
    });
    expect(await data(editor, REMOVE, { id: claimWatchId })).toEqual({
      removeClaimReview: {
        __typename: 'NotFoundError',
        message: expect.stringMatching(/^No claim review has the id \d+$/),
      },
    });
    expect(await rowCounts(api.database.db)).toMatchObject({
      claim_reviews: before.claim_reviews - 1,
      revisions: before.revisions + 1,
    });

    const history = await data<{ node: { revisions: { table: string; action: string; changedBy: string }[] } }>(
      editor,
      `query ($id: ID!) { node(id: $id) { ... on Claim { revisions { table action changedBy } } } }`,
      { id: claimId },
    );
    expect(history.node.revisions.filter((revision) => revision.table === 'claim_reviews')).toEqual([
      { table: 'claim_reviews', action: 'INSERT', changedBy: 'desk' },
      { table: 'claim_reviews', action: 'UPDATE', changedBy: 'desk' },
      { table: 'claim_reviews', action: 'UPDATE', changedBy: 'desk' },
      { table: 'claim_reviews', action: 'INSERT', changedBy: 'desk' },
      { table: 'claim_reviews', action: 'UPDATE', changedBy: 'desk' },
      { table: 'claim_reviews', action: 'DELETE', changedBy: 'desk' },
    ]);
    const feed = await data<{ changes: { edges: { node: { table: string; action: string; entity: string } }[] } }>(
      api.graphql,
      `{ changes(last: 3) { edges { node { table action entity } } } }`,
    );
    expect(feed.changes.edges.at(-1)!.node).toEqual({ table: 'claim_reviews', action: 'DELETE', entity: claimId });
  });

  it("moves a merged claim's reviews to the claim it is merged into, the kept claim's own at the same url staying", async () => {
    const duplicateReview = {
      reviewer: 'claim-watch',
      url: 'https://claim-watch.example.org/checks/2017-02-10-trump-get-along',
      publishedOn: { value: '2017-02-10' },
      rating: { alternateName: 'Half True', ratingValue: 5, bestRating: 10, worstRating: 0 },
    };
    const duplicate = structuredClone(DUPLICATE_BUNDLE) as typeof DUPLICATE_BUNDLE & {
      claims: { reviews?: unknown[] }[];
    };
    duplicate.claims[0]!.reviews = [
      { ...TRUTH_METER_REVIEW, rating: { alternateName: 'False', ratingValue: 2, bestRating: 6, worstRating: 1 } },
      duplicateReview,
    ];
    expect(await data(editor, IMPORT, { input: duplicate })).toMatchObject({
      importSource: { data: { reviews: { created: 2, updated: 0, unchanged: 0 } } },
    });
    const found = await data<{
      source: { claims: { edges: { node: { id: string; version: number } }[] } };
      node: { version: number };
    }>(
      api.graphql,
      `query ($id: ID!) { source(url: "${DUPLICATE_URL}") { claims(first: 1) { edges { node { id version } } } }
        node(id: $id) { ... on Claim { version } } }`,
      { id: claimId },
    );
    const merged = found.source.claims.edges[0]!.node;
    const before = await rowCounts(api.database.db);
    expect(
      await data(
        editor,
        `mutation ($keep: ID!, $merge: ID!, $versions: MergeVersions!) {
          mergeClaims(keep: $keep, merge: $merge, expectedVersions: $versions) { __typename } }`,
        { keep: claimId, merge: merged.id, versions: { keep: found.node.version, merge: merged.version } },
      ),
    ).toEqual({ mergeClaims: { __typename: 'MutationMergeClaimsSuccess' } });
    expect(await reviewsOfTrumpClaim(api.graphql)).toEqual([
      {
        reviewer: { slug: 'claim-watch' },
        url: duplicateReview.url,
        publishedOn: { value: '2017-02-10' },
        rating: { alternateName: 'Half True', ratingValue: 5, bestRating: 10, worstRating: 0, score: 0.5 },
        claimReviewed: null,
        ratingExplanation: null,
        version: 2,
      },
      { ...truthMeter, version: 3 },
    ]);
    expect(await rowCounts(api.database.db)).toMatchObject({ claim_reviews: before.claim_reviews - 1 });
  });
});
