import { claimReviewJsonLd, REVIEWED_CLAIM } from '../../domain/claim-review/json-ld.js';
import { addClaimReview, removeClaimReview, updateClaimReview } from '../../domain/writes/claim-reviews.js';
import { builder } from '../builder.js';
import { Claim } from './claim.js';
import { PartialDate, partialDateOf, partialDateSelect } from './partial-date.js';
import { JSONScalar } from './revision.js';
import {
  ClaimReviewInput,
  changesClearing,
  PartialDateInput,
  RatingInput,
  withoutNulls,
} from './source-bundle-input.js';
import { loadWritten } from './written-row.js';

/** A claim's reviews, newest first. */
const REVIEW_ORDER = { publishedStart: 'desc', id: 'desc' } as const;

interface RatingShape {
  ratingAlternateName: string;
  ratingValue: number;
  bestRating: number;
  worstRating: number;
  ratingScore: number | null;
}

const Rating = builder.objectRef<RatingShape>('Rating').implement({
  description: "A fact-checker's verdict, as schema.org's Rating: its words and its place on the reviewer's scale.",
  fields: (t) => ({
    alternateName: t.exposeString('ratingAlternateName', {
      description: 'The verdict as the reviewer words it: "Mostly false", "Pants on Fire".',
    }),
    ratingValue: t.exposeFloat('ratingValue'),
    bestRating: t.exposeFloat('bestRating'),
    worstRating: t.exposeFloat('worstRating'),
    score: t.float({
      description:
        'Where the verdict stands on its scale, from 0 (worstRating) to 1 (bestRating): what filters compare.',
      resolve: (rating) => rating.ratingScore!,
    }),
  }),
});

export const ClaimReview = builder.drizzleNode('claimReviews', {
  select: { columns: { id: true } },
  name: 'ClaimReview',
  description:
    "A fact-checker's verdict on a claim: who published it, where and when, and the rating in their words and on " +
    'their scale. Its changes are revisions of its claim.',
  id: { column: (review) => review.id },
  fields: (t) => ({
    claim: t.relation('claim'),
    reviewer: t.relation('reviewer', { description: 'Who published the review: PolitiFact, Full Fact.' }),
    url: t.exposeString('url', { description: "The review's own page." }),
    publishedOn: t.field({
      type: PartialDate,
      select: partialDateSelect('published'),
      resolve: (review) => partialDateOf(review, 'published')!,
    }),
    rating: t.field({
      type: Rating,
      select: {
        columns: {
          ratingAlternateName: true,
          ratingValue: true,
          bestRating: true,
          worstRating: true,
          ratingScore: true,
        },
      },
      resolve: (review) => review,
    }),
    claimReviewed: t.exposeString('claimReviewed', {
      nullable: true,
      description: "The claim as the reviewer words it; null where it is the claim's own text.",
    }),
    ratingExplanation: t.exposeString('ratingExplanation', { nullable: true }),
    version: t.exposeInt('version', {
      description: 'Goes up by one with every change; updates name the one they saw.',
    }),
  }),
});

builder.drizzleObjectFields(Claim, (t) => ({
  reviews: t.relation('reviews', {
    description: "Fact-checkers' reviews of it, newest first.",
    query: { orderBy: REVIEW_ORDER },
  }),
  claimReviewJsonLd: t.field({
    type: [JSONScalar],
    description:
      'The schema.org ClaimReview JSON-LD of each review, newest first, as a fact-checker puts it on the page ' +
      '(also at GET /claims/<id>/claim-review.jsonld).',
    select: REVIEWED_CLAIM,
    resolve: (claim) => claimReviewJsonLd(claim),
  }),
}));

const ClaimReviewChanges = builder.inputType('ClaimReviewChanges', {
  description: 'The fields to change; those left out stay as they are. A rating is replaced whole.',
  fields: (t) => ({
    reviewer: t.string({ description: 'An actor slug.' }),
    url: t.string(),
    publishedOn: t.field({ type: PartialDateInput }),
    rating: t.field({ type: RatingInput }),
    claimReviewed: t.string({ description: 'null clears it.' }),
    ratingExplanation: t.string({ description: 'null clears it.' }),
  }),
});

builder.mutationFields((t) => {
  const editor = t.withAuth({ editor: true });
  return {
    addClaimReview: editor.drizzleField({
      type: 'claimReviews',
      description: "Adds a fact-checker's review to a claim; the reviewer is an actor whosaid has, one review per url.",
      errors: {},
      args: {
        claim: t.arg.globalID({ for: Claim, required: true }),
        review: t.arg({ type: ClaimReviewInput, required: true }),
      },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.claimReviews, query, () =>
          addClaimReview(ctx.db, args.claim.id, withoutNulls(args.review), ctx.viewer.name),
        ),
    }),
    updateClaimReview: editor.drizzleField({
      type: 'claimReviews',
      errors: {},
      args: {
        id: t.arg.globalID({ for: ClaimReview, required: true }),
        expectedVersion: t.arg.int({ required: true }),
        changes: t.arg({ type: ClaimReviewChanges, required: true }),
      },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.claimReviews, query, () =>
          updateClaimReview(
            ctx.db,
            args.id.id,
            args.expectedVersion,
            changesClearing(args.changes, ['claimReviewed', 'ratingExplanation']),
            ctx.viewer.name,
          ),
        ),
    }),
    removeClaimReview: editor.drizzleField({
      type: 'claims',
      description: 'Removes a review (its revisions stay, under its claim) and answers the claim it was on.',
      errors: {},
      args: {
        id: t.arg.globalID({ for: ClaimReview, required: true }),
        expectedVersion: t.arg.int({ description: 'Where given, the review is removed only if it is still at it.' }),
      },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.claims, query, () =>
          removeClaimReview(ctx.db, args.id.id, args.expectedVersion ?? undefined, ctx.viewer.name),
        ),
    }),
  };
});
