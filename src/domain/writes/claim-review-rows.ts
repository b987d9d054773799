import type { claimReviews } from '../../db/schema.js';
import type { ClaimReviewInput } from '../bundle/source-bundle.js';
import { partialDateKeys, partialDateValues } from '../partial-date-values.js';

/** The claim_reviews columns of a review as a write or an import is given it, its reviewer's id already looked up. */
export function claimReviewColumns(review: ClaimReviewInput, reviewerId: number) {
  return {
    reviewerId,
    url: review.url,
    ...partialDateValues('published', review.publishedOn),
    ...ratingColumns(review.rating),
    claimReviewed: review.claimReviewed ?? null,
    ratingExplanation: review.ratingExplanation ?? null,
  };
}

/** The columns an import compares to tell a changed review from one imported again as it was. */
export const CLAIM_REVIEW_COMPARED = [
  'reviewerId',
  ...partialDateKeys('published'),
  'ratingAlternateName',
  'ratingValue',
  'bestRating',
  'worstRating',
  'claimReviewed',
  'ratingExplanation',
] as (keyof typeof claimReviews.$inferSelect)[];

/** The columns of a review's rating. */
export function ratingColumns(rating: ClaimReviewInput['rating']) {
  return {
    ratingAlternateName: rating.alternateName,
    ratingValue: rating.ratingValue,
    bestRating: rating.bestRating,
    worstRating: rating.worstRating,
  };
}
