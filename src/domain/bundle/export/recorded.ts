import type { Database } from '../../../db/database.js';
import type { DatePrecision } from '../../../db/vocabulary.js';
import type { ClaimInput, ClaimReviewInput, SourceBundle } from '../source-bundle.js';
import { pages } from './catalog.js';
import { describeSource, isoInstant, partialDateOf, present, SOURCE_DESCRIPTION } from './described.js';

/**
 * Every source with the claims it recorded, each claim with its report there, its primary report (firstAppearedIn),
 * its language, its translations by that source and by whosaid's editors (other sources' come with their reports),
 * its stances, events, fact-check reviews (whichever bundle brought them), retraction, attribution status and the
 * claims merged into it: one bundle per source, or several of `pageSize` claims for a source that recorded more.
 * Sources are read `pageSize` at a time in id order, and their claims page by page in (source, placed, id) order, as
 * the index on claims serves them.
 */
export async function* recordedBundles(db: Database, pageSize: number): AsyncGenerator<SourceBundle> {
  for await (const page of pages((after) =>
    db.query.sources.findMany({
      columns: { id: true, ...SOURCE_DESCRIPTION.columns },
      with: SOURCE_DESCRIPTION.with,
      where: { id: { gt: after } },
      orderBy: { id: 'asc' },
      limit: pageSize,
    }),
  )) {
    let index = 0;
    let claims: ClaimInput[] = [];
    let emitted = false;
    const bundle = () => {
      const line = { source: describeSource(page[index]!), claims };
      claims = [];
      emitted = true;
      return line;
    };
    for await (const claim of recordedClaims(db, page[0]!.id, page.at(-1)!.id, pageSize)) {
      while (page[index]!.id !== claim.sourceId) {
        if (!emitted || claims.length > 0) yield bundle();
        index += 1;
        emitted = false;
      }
      claims.push(claimEntry(claim));
      if (claims.length === pageSize) yield bundle();
    }
    for (; index < page.length; index += 1, emitted = false) {
      if (!emitted || claims.length > 0) yield bundle();
    }
  }
}

async function* recordedClaims(db: Database, firstSourceId: number, lastSourceId: number, pageSize: number) {
  let after = { sourceId: 0, placedStart: '0001-01-01', id: 0 };
  for (;;) {
    const rows = await recordedClaimPage(db, firstSourceId, lastSourceId, after, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
    const last = rows.at(-1)!;
    after = { sourceId: last.sourceId, placedStart: last.placedStart, id: last.id };
  }
}

function recordedClaimPage(
  db: Database,
  firstSourceId: number,
  lastSourceId: number,
  after: { sourceId: number; placedStart: string; id: number },
  pageSize: number,
) {
  return db.query.claims.findMany({
    where: {
      sourceId: { gte: firstSourceId, lte: lastSourceId },
      RAW: (claims, { sql }) =>
        sql`(${claims.sourceId}, ${claims.placedStart}, ${claims.id}) > (${after.sourceId}, ${after.placedStart}::date, ${after.id})`,
    },
    orderBy: { sourceId: 'asc', placedStart: 'asc', id: 'asc' },
    limit: pageSize,
    with: {
      speakerLinks: {
        columns: { position: true },
        orderBy: { position: 'asc' },
        with: { actor: { columns: { slug: true } } },
      },
      via: { columns: { slug: true } },
      venue: { columns: { slug: true } },
      stances: { columns: { stance: true }, with: { proposition: { columns: { slug: true } } } },
      events: { columns: { slug: true } },
      recordedReport: true,
      primaryReport: { columns: { id: true }, with: { source: SOURCE_DESCRIPTION } },
      attributionEvidence: SOURCE_DESCRIPTION,
      merges: { columns: { mergedKey: true, mergedAt: true }, orderBy: { mergedKey: 'asc' } },
      reviews: { orderBy: { url: 'asc' }, with: { reviewer: { columns: { slug: true } } } },
      translations: TRANSLATIONS,
    },
  });
}

type RecordedClaim = Awaited<ReturnType<typeof recordedClaimPage>>[number];

function claimEntry(claim: RecordedClaim): ClaimInput {
  const report = claim.recordedReport;
  return {
    key: claim.key,
    text: claim.text,
    mode: claim.mode,
    medium: claim.medium,
    language: claim.language,
    ...present({
      translations: translationsBy(claim.translations, [claim.sourceId, null]),
      context: claim.context,
      speakers: claim.speakerLinks.map((link) => link.actor.slug),
      speakerDescription: claim.speakerDescription,
      anonymityReason: claim.anonymityReason,
      via: claim.via?.slug,
      venue: claim.venue?.slug,
      saidOn: partialDateOf(claim.saidStart, claim.saidPrecision, claim.saidApproximate, claim.saidText),
      firstAppearedIn: claim.primaryReport ? describeSource(claim.primaryReport.source) : undefined,
      report: report
        ? reportPlacement(report, {
            text: report.text === claim.text ? undefined : report.text,
            mode: report.mode === claim.mode ? undefined : report.mode,
          })
        : undefined,
      stances: claim.stances.map((s) => ({ proposition: s.proposition.slug, stance: s.stance })),
      events: claim.events.map((event) => event.slug),
      reviews: claim.reviews.map(reviewEntry),
      retracted: claim.retractedAt ? { at: isoInstant(claim.retractedAt), reason: claim.retractionReason! } : undefined,
      attribution:
        claim.attribution === 'REPORTED'
          ? undefined
          : {
              status: claim.attribution,
              ...present({ note: claim.attributionNote }),
              evidence: describeSource(claim.attributionEvidence!),
              setAt: isoInstant(claim.attributionSetAt!),
            },
      merged: claim.merges.map((merge) => ({ key: merge.mergedKey, at: isoInstant(merge.mergedAt) })),
    }),
  } as ClaimInput;
}

/** What a query of a claim's translations asks for, in an order that does not depend on ids. */
export const TRANSLATIONS = {
  columns: { language: true, text: true, translatorSourceId: true },
  orderBy: { language: 'asc', text: 'asc' },
} as const;

/**
 * The translations the given translators made (a source's id, or null for whosaid's editors), as an entry of that
 * source's bundle carries them: a source's own are `by: "source"`, which the bundle leaves out.
 */
export function translationsBy(
  translations: { language: string; text: string; translatorSourceId: number | null }[],
  translators: (number | null)[],
): ClaimInput['translations'] {
  return translations
    .filter((translation) => translators.includes(translation.translatorSourceId))
    .map((translation) => ({
      language: translation.language,
      text: translation.text,
      ...(translation.translatorSourceId === null ? { by: 'editors' as const } : {}),
    }));
}

function reviewEntry(review: RecordedClaim['reviews'][number]): ClaimReviewInput {
  return {
    reviewer: review.reviewer.slug,
    url: review.url,
    publishedOn: partialDateOf(
      review.publishedStart,
      review.publishedPrecision,
      review.publishedApproximate,
      review.publishedText,
    )!,
    rating: {
      alternateName: review.ratingAlternateName,
      ratingValue: review.ratingValue,
      bestRating: review.bestRating,
      worstRating: review.worstRating,
    },
    ...present({ claimReviewed: review.claimReviewed, ratingExplanation: review.ratingExplanation }),
  };
}

/** Where in its source a report carries the claim, as a bundle's `report` says it; undefined where it says nothing. */
export function reportPlacement(
  report: {
    publishedStart: string | null;
    publishedPrecision: DatePrecision | null;
    publishedApproximate: boolean | null;
    publishedText: string | null;
    page: string | null;
    anchor: string | null;
    startSeconds: number | null;
    endSeconds: number | null;
  },
  words: { text?: string | undefined; mode?: ClaimInput['mode'] | undefined } = {},
): ClaimInput['report'] {
  const placement = present({
    publishedOn: partialDateOf(
      report.publishedStart,
      report.publishedPrecision,
      report.publishedApproximate,
      report.publishedText,
    ),
    page: report.page,
    anchor: report.anchor,
    startSeconds: report.startSeconds,
    endSeconds: report.endSeconds,
    ...words,
  });
  return Object.keys(placement).length > 0 ? (placement as ClaimInput['report']) : undefined;
}
