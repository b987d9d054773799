import type { ActorKind, DatePrecision, IdentifierScheme } from '../../db/vocabulary.js';
import { identifierUrl } from '../identifiers/identifier-input.js';
import { partialDateValue } from '../partial-date.js';

/**
 * An actor as the markup names it, with the identifiers that link it to the wider record: its own site (WEBSITE) is
 * its `url`, the others (Wikidata, ISNI, its social accounts…) its `sameAs`.
 */
interface MarkedActor {
  name: string;
  kind: ActorKind;
  identifiers: { scheme: IdentifierScheme; value: string }[];
}

interface MarkedReview {
  url: string;
  publishedStart: string | null;
  publishedPrecision: DatePrecision | null;
  ratingAlternateName: string;
  ratingValue: number;
  bestRating: number;
  worstRating: number;
  claimReviewed: string | null;
  reviewer: MarkedActor;
}

interface MarkedReport {
  primary: boolean;
  publishedStart: string | null;
  publishedPrecision: DatePrecision | null;
  source: { url: string; title: string };
}

/** A claim with what its ClaimReview markup says of it: its speakers, its reports (earliest first), its reviews. */
export interface ReviewedClaim {
  text: string;
  speakerDescription: string | null;
  saidStart: string | null;
  saidPrecision: DatePrecision | null;
  speakerLinks: { actor: MarkedActor }[];
  reports: MarkedReport[];
  reviews: MarkedReview[];
}

const MARKED_ACTOR = {
  columns: { name: true, kind: true },
  with: { identifiers: { columns: { scheme: true, value: true }, orderBy: { scheme: 'asc', value: 'asc' } } },
} as const;

/** What a ReviewedClaim is read with, in one statement: a relational query's `columns` and `with`. */
export const REVIEWED_CLAIM = {
  columns: { text: true, speakerDescription: true, saidStart: true, saidPrecision: true },
  with: {
    speakerLinks: {
      columns: { position: true },
      orderBy: { position: 'asc' },
      with: { actor: MARKED_ACTOR },
    },
    reports: {
      columns: { primary: true, publishedStart: true, publishedPrecision: true },
      orderBy: { placedStart: 'asc', placedEnd: 'asc', id: 'asc' },
      with: { source: { columns: { url: true, title: true } } },
    },
    reviews: {
      columns: {
        url: true,
        publishedStart: true,
        publishedPrecision: true,
        ratingAlternateName: true,
        ratingValue: true,
        bestRating: true,
        worstRating: true,
        claimReviewed: true,
      },
      orderBy: { publishedStart: 'desc', id: 'desc' },
      with: { reviewer: MARKED_ACTOR },
    },
  },
} as const;

const SCHEMA_TYPES: Record<ActorKind, string> = {
  PERSON: 'Person',
  ORGANIZATION: 'Organization',
  GOVERNMENT: 'GovernmentOrganization',
  MEDIA_OUTLET: 'NewsMediaOrganization',
};

export type JsonLd = Record<string, unknown>;

/**
 * The schema.org ClaimReview of each of the claim's reviews, newest first, as a fact-checker puts it on the review's
 * page for search engines: what Google's fact-check guidelines require (claimReviewed, reviewRating with its
 * alternateName, url) and recommend (author, datePublished, itemReviewed as a Claim with its author, when it was said
 * and where it appeared).
 */
export function claimReviewJsonLd(claim: ReviewedClaim): JsonLd[] {
  const itemReviewed = reviewedItem(claim);
  return claim.reviews.map((review) => ({
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: review.url,
    claimReviewed: review.claimReviewed ?? claim.text,
    ...dated(review.publishedStart, review.publishedPrecision),
    // Where the reviewer's own site is unknown, the review's host stands in for it.
    author: markedActor(review.reviewer, new URL(review.url).origin),
    reviewRating: {
      '@type': 'Rating',
      ratingValue: review.ratingValue,
      bestRating: review.bestRating,
      worstRating: review.worstRating,
      alternateName: review.ratingAlternateName,
    },
    itemReviewed,
  }));
}

function reviewedItem(claim: ReviewedClaim): JsonLd {
  const appearances = claim.reports.map(appearance);
  const firstIndex = Math.max(
    claim.reports.findIndex((report) => report.primary),
    0,
  );
  const earliest = claim.reports[0];
  const speakers = claim.speakerLinks.map(({ actor }) => markedActor(actor));
  // An anonymous speaker is named as the source describes them: "a senior Pentagon official".
  const authors = speakers.length > 0 ? speakers : [{ '@type': 'Person', name: claim.speakerDescription ?? 'Unknown' }];
  return {
    '@type': 'Claim',
    author: authors.length === 1 ? authors[0] : authors,
    // When it was said or, where that is unknown, when it entered public discourse: its earliest report.
    ...(claim.saidStart
      ? dated(claim.saidStart, claim.saidPrecision)
      : dated(earliest?.publishedStart ?? null, earliest?.publishedPrecision ?? null)),
    ...(appearances.length > 0 ? { appearance: appearances, firstAppearance: appearances[firstIndex] } : {}),
  };
}

function markedActor(actor: MarkedActor, fallbackUrl?: string): JsonLd {
  const website = actor.identifiers.find((identifier) => identifier.scheme === 'WEBSITE');
  const url = website ? website.value : fallbackUrl;
  const sameAs = actor.identifiers.filter((identifier) => identifier !== website).map(identifierUrl);
  return {
    '@type': SCHEMA_TYPES[actor.kind],
    name: actor.name,
    ...(url ? { url } : {}),
    ...(sameAs.length > 0 ? { sameAs } : {}),
  };
}

function appearance(report: MarkedReport): JsonLd {
  return {
    '@type': 'CreativeWork',
    url: report.source.url,
    headline: report.source.title,
    ...dated(report.publishedStart, report.publishedPrecision),
  };
}

function dated(start: string | null, precision: DatePrecision | null): { datePublished?: string } {
  return start && precision ? { datePublished: partialDateValue(start, precision) } : {};
}
