import { badInput } from '../bad-input.js';
import { builder } from '../builder.js';

export const ClaimRatingFilter = builder.inputType('ClaimRatingFilter', {
  description:
    "Claims with a fact-check review that meets all the given conditions. A review's score is where its rating " +
    "stands on its reviewer's scale, from 0 (the worst rating) to 1 (the best), so that scales of 1 to 5 and of 0 to 10 " +
    'compare.',
  fields: (t) => ({
    atLeast: t.float({ description: 'A score of at least this, from 0 to 1.' }),
    atMost: t.float({ description: 'A score of at most this, from 0 to 1: 0.25 finds the false and mostly false.' }),
    alternateName: t.string({ description: 'The verdict as worded, whatever its case: "pants on fire".' }),
    reviewer: t.string({ description: "The reviewer's actor slug." }),
  }),
});

type RatingFilterShape = typeof ClaimRatingFilter.$inferInput;

const likeExactly = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The condition on a claim's reviews that the rating filter names, for a relational query's where. */
export function reviewWhere(filter: RatingFilterShape) {
  for (const bound of ['atLeast', 'atMost'] as const) {
    const value = filter[bound];
    if (value !== null && value !== undefined && !(value >= 0 && value <= 1)) {
      throw badInput(`rating.${bound} ${value} is not a score from 0 to 1`);
    }
  }
  const { atLeast, atMost } = filter;
  if (atLeast !== null && atLeast !== undefined && atMost !== null && atMost !== undefined && atLeast > atMost) {
    throw badInput(`rating.atLeast ${atLeast} is above rating.atMost ${atMost}`);
  }
  const score = {
    ...(atLeast === null || atLeast === undefined ? {} : { gte: atLeast }),
    ...(atMost === null || atMost === undefined ? {} : { lte: atMost }),
  };
  return {
    ...(Object.keys(score).length > 0 ? { ratingScore: score } : {}),
    ...(filter.alternateName ? { ratingAlternateName: { ilike: likeExactly(filter.alternateName) } } : {}),
    ...(filter.reviewer ? { reviewer: { slug: filter.reviewer } } : {}),
  };
}
