import { TRUMP_CLAIM_KEY, TRUMP_WORDS } from './many-reports.js';

/**
 * Two fact-checkers' reviews of the seed's Trump quote, written out in full. The desks are invented, at example.org
 * addresses: Truth Meter rates on a scale of 1 (Pants on Fire) to 6 (True), Claim Watch on 0 (False) to 10 (True).
 */
export const TRUTH_METER_URL = 'https://truth-meter.example.org/2017/02/07/trump-russia-isis-good-thing';
export const CLAIM_WATCH_URL = 'https://claim-watch.example.org/checks/2017-02-09-trump-russia';

export const TRUTH_METER_REVIEW = {
  reviewer: 'truth-meter',
  url: TRUTH_METER_URL,
  publishedOn: { value: '2017-02-07' },
  rating: { alternateName: 'Half True', ratingValue: 4, bestRating: 6, worstRating: 1 },
  claimReviewed: 'Russia helping the US fight ISIS would be a good thing.',
};

/** Truth Meter's article: it carries Trump's words (a report of the claim, by its key) and its verdict on them. */
export const FACT_CHECK_BUNDLE = {
  source: {
    url: TRUTH_METER_URL,
    title: 'Would Russia’s help against ISIS be a good thing?',
    kind: 'ARTICLE',
    publisher: 'truth-meter',
    publishedOn: { value: '2017-02-07' },
  },
  actors: [
    {
      slug: 'truth-meter',
      name: 'Truth Meter',
      kind: 'ORGANIZATION',
      description: 'A fact-checking desk',
      identifiers: [
        { scheme: 'WEBSITE', value: 'https://www.truth-meter.example.org/' },
        { scheme: 'SOCIAL', value: 'https://social.example.org/@truthmeter' },
      ],
    },
    { slug: 'claim-watch', name: 'Claim Watch', kind: 'ORGANIZATION', description: 'A fact-checking desk' },
  ],
  claims: [
    {
      key: TRUMP_CLAIM_KEY,
      text: TRUMP_WORDS,
      mode: 'DIRECT_QUOTE',
      speakers: ['donald-trump'],
      medium: 'INTERVIEW',
      reviews: [TRUTH_METER_REVIEW],
    },
  ],
};

/** Claim Watch's verdict, added by an editor through addClaimReview. */
export const CLAIM_WATCH_REVIEW = {
  reviewer: 'claim-watch',
  url: CLAIM_WATCH_URL,
  publishedOn: { value: '2017-02-09' },
  rating: { alternateName: 'Mostly False', ratingValue: 3, bestRating: 10, worstRating: 0 },
  ratingExplanation: 'Russia’s strikes in Syria mostly hit the opposition, not ISIS.',
};
