import * as z from 'zod';
import { ACTOR_KINDS, ATTRIBUTION_STATUSES, CLAIM_MODES, MEDIA, SOURCE_KINDS, STANCES } from '../../db/vocabulary.js';
import { identifiersSchema } from '../identifiers/identifier-input.js';
import { languageTagSchema } from '../language-tag.js';
import { type PartialDateInput, partialDateRange } from '../partial-date.js';
import { isWebAddress } from '../web-address.js';
import { partialDateInputSchema } from './partial-date-input.js';

export const MAX_CLAIMS_PER_BUNDLE = 1000;
export const MAX_CLAIM_TEXT = 10_000;
/** The language of a claim whose entry does not say: whosaid's first archive, the seed, is English. */
export const DEFAULT_LANGUAGE = 'en';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case slug such as "donald-trump"')
  .max(200);

// Postgres text cannot hold NUL characters; say so instead of failing in the database.
const text = () => z.string().refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');
const label = (max: number) => text().trim().min(1, 'must not be empty').max(max);

/** Where a source lives: a web address, or a `urn:` for a document that has none (a broadcast, a paper report). */
const sourceUrl = z
  .string()
  .max(2000)
  .refine(
    (value) => /^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i.test(value) || isWebAddress(value),
    'must be an http(s) URL or a urn: identifier',
  );

export const sourceInputSchema = z.strictObject({
  url: sourceUrl,
  title: label(500),
  kind: z.enum(SOURCE_KINDS),
  publisher: slug.optional(),
  authors: z.array(slug).max(50).optional(),
  publishedOn: partialDateInputSchema.optional(),
  /** Its ids outside whosaid; given, they are the source's identifiers, left out, those it has stay. */
  identifiers: identifiersSchema.optional(),
});

export const roleSchema = z
  .strictObject({
    title: label(300),
    organization: slug.optional(),
    start: partialDateInputSchema.optional(),
    end: partialDateInputSchema.optional(),
    /** The role had ended by the time of the source, even where its end date is unknown ("former"). */
    former: z.boolean().optional(),
  })
  .superRefine((role, ctx) => reportReversedRange(role.start, role.end, ['end'], ctx));

export const actorSchema = z.strictObject({
  slug,
  name: label(300),
  kind: z.enum(ACTOR_KINDS),
  description: label(2000).optional(),
  aliases: z.array(label(300)).max(50).optional(),
  roles: z.array(roleSchema).max(100).optional(),
  identifiers: identifiersSchema.optional(),
});

export const propositionSchema = z.strictObject({ slug, statement: label(1000) });

export const END_NEEDS_START = 'an event with an end needs an occurredOn';

export const eventSchema = z
  .strictObject({
    slug,
    title: label(500),
    kind: label(100).optional(),
    description: label(5000).optional(),
    occurredOn: partialDateInputSchema.optional(),
    endedOn: partialDateInputSchema.optional(),
    location: label(300).optional(),
    participants: z
      .array(z.strictObject({ actor: slug, role: label(200).optional() }))
      .max(200)
      .optional(),
    identifiers: identifiersSchema.optional(),
  })
  .superRefine((event, ctx) => {
    if (event.endedOn && !event.occurredOn) {
      ctx.addIssue({ code: 'custom', path: ['endedOn'], message: END_NEEDS_START });
    }
    reportReversedRange(event.occurredOn, event.endedOn, ['endedOn'], ctx);
    reportDuplicates(
      event.participants?.map((p) => p.actor),
      ['participants'],
      ctx,
    );
  });

/** Where in its source a report carries a claim, and when, where that is not the source's own date. */
export const reportPlacementSchema = z
  .strictObject({
    publishedOn: partialDateInputSchema.optional(),
    page: label(50).optional(),
    anchor: label(500).optional(),
    startSeconds: z.number().min(0).max(1_000_000).optional(),
    endSeconds: z.number().min(0).max(1_000_000).optional(),
    /** The source's own words and mode where they differ from the claim's (a claim corrected since it was recorded). */
    text: text().trim().min(1, 'must not be empty').max(MAX_CLAIM_TEXT).optional(),
    mode: z.enum(CLAIM_MODES).optional(),
  })
  .superRefine((report, ctx) => {
    if (report.endSeconds === undefined) return;
    if (report.startSeconds === undefined) {
      ctx.addIssue({ code: 'custom', path: ['endSeconds'], message: 'an endSeconds needs a startSeconds' });
    } else if (report.endSeconds < report.startSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['endSeconds'],
        message: `${report.endSeconds} is before startSeconds ${report.startSeconds}`,
      });
    }
  });

/** Where a fact-check is published: a web page, whose address its ClaimReview markup names. */
const webUrl = z.string().max(2000).refine(isWebAddress, 'must be an http(s) URL');

/**
 * A fact-checker's rating as schema.org's Rating has it: the verdict as worded ("Mostly false") and its place on the
 * reviewer's scale, from worstRating to bestRating (either may be the greater number).
 */
export const ratingSchema = z
  .strictObject({
    alternateName: label(200),
    ratingValue: z.number(),
    bestRating: z.number(),
    worstRating: z.number(),
  })
  .superRefine((rating, ctx) => {
    const { ratingValue, bestRating, worstRating } = rating;
    if (bestRating === worstRating) {
      ctx.addIssue({
        code: 'custom',
        path: ['bestRating'],
        message: `equals worstRating ${worstRating}: a scale needs two different ends`,
      });
    } else if (ratingValue < Math.min(bestRating, worstRating) || ratingValue > Math.max(bestRating, worstRating)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ratingValue'],
        message: `${ratingValue} is outside the scale ${worstRating} to ${bestRating}`,
      });
    }
  });

/** A fact-check of a claim: who published it (an actor slug), where, when, and its verdict. */
export const claimReviewSchema = z.strictObject({
  reviewer: slug,
  url: webUrl,
  publishedOn: partialDateInputSchema,
  rating: ratingSchema,
  /** The claim as the reviewer words it, where that differs from whosaid's text. */
  claimReviewed: label(2000).optional(),
  ratingExplanation: label(5000).optional(),
});

/** An instant, as whosaid writes one (ISO 8601 with its offset), for what an editor did after the claim was recorded. */
const instant = z.iso.datetime({ offset: true });

/** The claim was withdrawn: when and why. Left out, a stored retraction stays. */
export const retractionSchema = z.strictObject({ at: instant, reason: label(2000) });

/**
 * Whether the claim was really said by whom it is attributed to (setAttributionStatus): the status, a note, the
 * source that settles it (described as firstAppearedIn describes one: added if missing, never rewritten) and when it
 * was set. Left out, the stored status stays.
 */
export const attributionRecordSchema = z.strictObject({
  status: z.enum(ATTRIBUTION_STATUSES).exclude(['REPORTED']),
  note: label(2000).optional(),
  evidence: sourceInputSchema,
  setAt: instant,
});

/** A claim folded into this one by mergeClaims: its key answers for this claim from then on. */
export const mergedClaimSchema = z.strictObject({ key: z.string().trim().min(1).max(200), at: instant });

/**
 * The claim's words in another language, as the bundle's source printed them (`by: "source"`, the default) or as
 * whosaid's editors translated them.
 */
export const translationSchema = z.strictObject({
  language: languageTagSchema,
  text: text().trim().min(1, 'must not be empty').max(MAX_CLAIM_TEXT, `must be at most ${MAX_CLAIM_TEXT} characters`),
  by: z.enum(['source', 'editors']).optional(),
});

/** A claim's fields, each checked on its own; claimSchema adds the rules that relate them. */
export const claimFields = z.strictObject({
  key: z.string().trim().min(1).max(200).optional(),
  /** The id of a claim whosaid already has: the entry is this source's report of it, not a new claim. */
  sameAs: z.string().trim().min(1).max(200).optional(),
  /**
   * The url of the source that recorded the claim of this `key`, another than the bundle's: the entry is this
   * source's report of that claim, which must be in whosaid already (import the recording source's bundle first).
   */
  recordedBy: sourceUrl.optional(),
  text: text().trim().min(1, 'must not be empty').max(MAX_CLAIM_TEXT, `must be at most ${MAX_CLAIM_TEXT} characters`),
  /** The language of the words; English where a bundle leaves it out. */
  language: languageTagSchema.optional(),
  translations: z.array(translationSchema).max(50).optional(),
  context: label(1000).optional(),
  mode: z.enum(CLAIM_MODES),
  speakers: z.array(slug).max(50).optional(),
  speakerDescription: label(300).optional(),
  anonymityReason: label(300).optional(),
  via: slug.optional(),
  saidOn: partialDateInputSchema.optional(),
  medium: z.enum(MEDIA),
  venue: slug.optional(),
  firstAppearedIn: sourceInputSchema.optional(),
  report: reportPlacementSchema.optional(),
  stances: z
    .array(z.strictObject({ proposition: slug, stance: z.enum(STANCES) }))
    .max(50)
    .optional(),
  events: z.array(slug).max(50).optional(),
  /** Fact-checks of the claim, each by its url: imported again, a review at the same url is updated in place. */
  reviews: z.array(claimReviewSchema).max(50).optional(),
  retracted: retractionSchema.optional(),
  attribution: attributionRecordSchema.optional(),
  merged: z.array(mergedClaimSchema).max(1000).optional(),
});

export const claimSchema = claimFields.superRefine((claim, ctx) => {
  if (claim.sameAs && claim.key) {
    ctx.addIssue({ code: 'custom', path: ['sameAs'], message: 'names a claim already: leave the key out' });
  }
  if (claim.recordedBy !== undefined) {
    if (claim.key === undefined) {
      ctx.addIssue({ code: 'custom', path: ['key'], message: 'is how recordedBy names the claim: give it' });
    }
    if (claim.sameAs !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['recordedBy'], message: 'names a claim by its key: leave sameAs out' });
    }
    for (const field of ['retracted', 'attribution', 'merged'] as const) {
      if (claim[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'is the recording source’s to say: leave it out' });
      }
    }
  }
  if (!claim.sameAs && !claim.recordedBy && !claim.speakers?.length && !claim.speakerDescription) {
    ctx.addIssue({ code: 'custom', path: ['speakers'], message: 'a claim needs speakers or a speakerDescription' });
  }
  if (claim.anonymityReason && !claim.speakerDescription) {
    ctx.addIssue({
      code: 'custom',
      path: ['anonymityReason'],
      message: 'an anonymous claim needs a speakerDescription',
    });
  }
  reportDuplicates(
    claim.merged?.map((m) => m.key),
    ['merged'],
    ctx,
  );
  claim.merged?.forEach((merged, index) => {
    if (merged.key === claim.key) {
      ctx.addIssue({ code: 'custom', path: ['merged', index, 'key'], message: 'is this claim’s own key' });
    }
  });
  reportDuplicates(
    claim.translations?.map((t) => `${t.language}" by "${t.by ?? 'source'}`),
    ['translations'],
    ctx,
  );
  reportDuplicates(claim.speakers, ['speakers'], ctx);
  reportDuplicates(claim.events, ['events'], ctx);
  reportDuplicates(
    claim.reviews?.map((review) => review.url),
    ['reviews'],
    ctx,
  );
  reportDuplicates(
    claim.stances?.map((s) => s.proposition),
    ['stances'],
    ctx,
  );
});

function reportDuplicates(
  values: readonly (string | undefined)[] | undefined,
  path: (string | number)[],
  ctx: z.RefinementCtx,
) {
  const seen = new Set<string>();
  values?.forEach((value, index) => {
    if (value === undefined) return;
    if (seen.has(value))
      ctx.addIssue({ code: 'custom', path: [...path, index], message: `"${value}" is listed twice` });
    seen.add(value);
  });
}

function reportReversedRange(
  from: PartialDateInput | undefined,
  to: PartialDateInput | undefined,
  path: (string | number)[],
  ctx: z.RefinementCtx,
) {
  if (!from || !to) return;
  const start = partialDateRange(from.value);
  const end = partialDateRange(to.value);
  if ('start' in start && 'start' in end && end.end < start.start) {
    ctx.addIssue({ code: 'custom', path, message: `"${to.value}" is before "${from.value}"` });
  }
}

/**
 * One source and everything it reports: the unit whosaid imports. Actors, propositions and events are referred to
 * by slug and may already be in the database. A bundle without a source and claims describes actors, propositions
 * and events only (the export writes those no claim refers to that way).
 */
export const sourceBundleSchema = z
  .strictObject({
    source: sourceInputSchema.optional(),
    actors: z.array(actorSchema).max(5000).optional(),
    propositions: z.array(propositionSchema).max(5000).optional(),
    events: z.array(eventSchema).max(5000).optional(),
    claims: z
      .array(claimSchema)
      .max(MAX_CLAIMS_PER_BUNDLE, `a bundle holds at most ${MAX_CLAIMS_PER_BUNDLE} claims`)
      .default([]),
  })
  .superRefine((bundle, ctx) => {
    reportDuplicates(
      bundle.actors?.map((a) => a.slug),
      ['actors'],
      ctx,
    );
    reportDuplicates(
      bundle.propositions?.map((p) => p.slug),
      ['propositions'],
      ctx,
    );
    reportDuplicates(
      bundle.events?.map((e) => e.slug),
      ['events'],
      ctx,
    );
    reportDuplicates(
      bundle.claims.map((c) => c.key),
      ['claims'],
      ctx,
    );
    const { source } = bundle;
    if (!source) {
      if (bundle.claims.length > 0 || !(bundle.actors?.length || bundle.propositions?.length || bundle.events?.length))
        ctx.addIssue({
          code: 'custom',
          path: ['source'],
          message: 'is required, unless the bundle holds only actors, propositions or events',
        });
      return;
    }
    bundle.claims.forEach((claim, index) => {
      if (claim.recordedBy === source.url) {
        ctx.addIssue({
          code: 'custom',
          path: ['claims', index, 'recordedBy'],
          message: 'is this bundle’s source: leave it out',
        });
      }
      if (!claim.sameAs && !claim.recordedBy && !placedOn(claim, source)) {
        ctx.addIssue({
          code: 'custom',
          path: ['claims', index, 'saidOn'],
          message: 'is required when neither the source nor firstAppearedIn has a publishedOn',
        });
      }
    });
  });

/**
 * The date that places a claim in time: when it was said or, where the source does not say, when it first
 * appeared in print, or else when the bundle's source reported it.
 */
export function placedOn(
  claim: {
    saidOn?: PartialDateInput | undefined;
    firstAppearedIn?: { publishedOn?: PartialDateInput | undefined } | undefined;
  },
  source: { publishedOn?: PartialDateInput | undefined },
): PartialDateInput | undefined {
  return claim.saidOn ?? claim.firstAppearedIn?.publishedOn ?? source.publishedOn;
}

/** A bundle as it is checked: with a source and claims, or actors, propositions and events alone. */
export type ParsedBundle = z.infer<typeof sourceBundleSchema>;
/** A bundle as it is written, before the check fills in what it leaves out (its claims). */
export type BundleInput = z.input<typeof sourceBundleSchema>;
/** A bundle with its source, which its claims are imported under. */
export type SourceBundle = ParsedBundle & { source: SourceInput };
export type SourceInput = z.infer<typeof sourceInputSchema>;
export type ActorInput = z.infer<typeof actorSchema>;
export type RoleInput = z.infer<typeof roleSchema>;
export type EventInput = z.infer<typeof eventSchema>;
export type ParticipantInput = NonNullable<EventInput['participants']>[number];
export type ClaimInput = SourceBundle['claims'][number];
export type ClaimReviewInput = z.infer<typeof claimReviewSchema>;
export type TranslationInput = z.infer<typeof translationSchema>;
