import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { partialDateCheck, partialDateColumns } from './partial-date-columns.js';
import {
  actorDocument,
  actorNames,
  claimDocument,
  eventDocument,
  propositionDocument,
  sourceDocument,
  translationDocument,
} from './search-documents.js';
import {
  ACTOR_KINDS,
  ATTRIBUTION_STATUSES,
  AUTHORITY_SCHEMES,
  CLAIM_MODES,
  IDENTIFIER_SCHEMES,
  MEDIA,
  SOURCE_KINDS,
  STANCES,
} from './vocabulary.js';

export { datePrecision } from './partial-date-columns.js';

export const actorKind = pgEnum('actor_kind', ACTOR_KINDS);
export const sourceKind = pgEnum('source_kind', SOURCE_KINDS);
export const claimMode = pgEnum('claim_mode', CLAIM_MODES);
export const medium = pgEnum('medium', MEDIA);
export const stance = pgEnum('stance', STANCES);
export const attributionStatus = pgEnum('attribution_status', ATTRIBUTION_STATUSES);
export const identifierScheme = pgEnum('identifier_scheme', IDENTIFIER_SCHEMES);

// version and updated_at are kept by a trigger (drizzle/*_audit_trail) on every change, whatever path writes it.
const timestamps = {
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
};

/**
 * The most days a claim's place in time spans, from its first possible day to its last: a year's worth, as a
 * partial date of year precision has. A search for claims that overlap a range bounds its index scan by it.
 */
export const LONGEST_PLACED_SPAN_DAYS = 365;

/** A table's search document, kept in a stored column so that ranking reads it instead of parsing the text again. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
/** A transaction's 64-bit id (`pg_current_xact_id()`), which does not wrap around. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

const SLUG = `'^[a-z0-9]+(-[a-z0-9]+)*$'`;
// The shape of a canonical BCP 47 tag: whether its subtags are registered is the writes' to check.
const LANGUAGE_TAG = `'^[a-z]{1,8}(-[A-Za-z0-9]{1,8})*$'`;

const AUTHORITIES = sql.raw(AUTHORITY_SCHEMES.map((scheme) => `'${scheme}'`).join(', '));

/**
 * An entity's ids outside whosaid (a Wikidata QID, an ISNI, its web site), stored in the normalised form the domain
 * gives them so that a lookup matches however they were typed. A scheme's value identifies one entity of its kind
 * (the key); an entity has at most one id of each authority scheme, and any number of web sites and profiles.
 */
function identifierTable<Owner extends 'actor' | 'source' | 'event'>(owner: Owner, ownerId: () => AnyPgColumn) {
  const table = `${owner}_identifiers`;
  return pgTable(
    table,
    {
      ownerId: integer(`${owner}_id`).notNull().references(ownerId, { onDelete: 'cascade' }),
      scheme: identifierScheme('scheme').notNull(),
      value: text('value').notNull(),
    },
    (t) => [
      primaryKey({ name: `${table}_pkey`, columns: [t.scheme, t.value] }),
      index(`${table}_owner_idx`).on(t.ownerId),
      uniqueIndex(`${table}_one_per_authority_idx`).on(t.ownerId, t.scheme).where(sql`${t.scheme} IN (${AUTHORITIES})`),
      check(`${table}_value_present`, sql`length(${t.value}) BETWEEN 1 AND 2000`),
    ],
  );
}

export const actors = pgTable(
  'actors',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    kind: actorKind('kind').notNull(),
    description: text('description'),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    searchDocument: tsvector('search_document').generatedAlwaysAs(
      (): SQL => actorDocument(actors.name, actors.aliases),
    ),
    ...timestamps,
  },
  (t) => [
    check('actors_slug_format', sql`${t.slug} ~ ${sql.raw(SLUG)}`),
    check('actors_name_present', sql`length(trim(${t.name})) > 0`),
    index('actors_kind_idx').on(t.kind),
    index('actors_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('actors_search_idx').using('gin', t.searchDocument),
    index('actors_names_trgm_idx').using('gin', sql`${actorNames(t.name, t.aliases)} gin_trgm_ops`),
  ],
);

export const actorRoles = pgTable(
  'actor_roles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    organizationId: integer('organization_id').references(() => actors.id, { onDelete: 'restrict' }),
    ...partialDateColumns('began'),
    ...partialDateColumns('ended'),
    former: boolean('former').notNull().default(false),
    position: integer('position').notNull(),
  },
  (t) => [
    index('actor_roles_actor_idx').on(t.actorId, t.position),
    index('actor_roles_organization_idx').on(t.organizationId),
    check('actor_roles_began_date', partialDateCheck('began')),
    check('actor_roles_ended_date', partialDateCheck('ended')),
    check('actor_roles_title_present', sql`length(trim(${t.title})) > 0`),
  ],
);

export const sources = pgTable(
  'sources',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    url: text('url').notNull().unique(),
    title: text('title').notNull(),
    kind: sourceKind('kind').notNull(),
    publisherId: integer('publisher_id').references(() => actors.id, { onDelete: 'restrict' }),
    ...partialDateColumns('published'),
    searchDocument: tsvector('search_document').generatedAlwaysAs((): SQL => sourceDocument(sources.title)),
    ...timestamps,
  },
  (t) => [
    index('sources_publisher_idx').on(t.publisherId),
    index('sources_published_idx').on(t.publishedStart),
    index('sources_search_idx').using('gin', t.searchDocument),
    check('sources_published_date', partialDateCheck('published')),
  ],
);

export const actorIdentifiers = identifierTable('actor', () => actors.id);

export const sourceAuthors = pgTable(
  'source_authors',
  {
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'restrict' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.actorId] }), index('source_authors_actor_idx').on(t.actorId)],
);

export const sourceIdentifiers = identifierTable('source', () => sources.id);

export const propositions = pgTable(
  'propositions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull().unique(),
    statement: text('statement').notNull(),
    searchDocument: tsvector('search_document').generatedAlwaysAs(
      (): SQL => propositionDocument(propositions.statement),
    ),
    ...timestamps,
  },
  (t) => [
    check('propositions_slug_format', sql`${t.slug} ~ ${sql.raw(SLUG)}`),
    check('propositions_statement_present', sql`length(trim(${t.statement})) > 0`),
    index('propositions_search_idx').using('gin', t.searchDocument),
  ],
);

export const events = pgTable(
  'events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    kind: text('kind'),
    description: text('description'),
    ...partialDateColumns('occurred'),
    ...partialDateColumns('ended'),
    location: text('location'),
    searchDocument: tsvector('search_document').generatedAlwaysAs(
      (): SQL => eventDocument(events.title, events.description),
    ),
    ...timestamps,
  },
  (t) => [
    check('events_slug_format', sql`${t.slug} ~ ${sql.raw(SLUG)}`),
    check('events_occurred_date', partialDateCheck('occurred')),
    check('events_ended_date', partialDateCheck('ended')),
    check('events_ends_after_start', sql`${t.endedStart} IS NULL OR ${t.occurredStart} <= ${t.endedEnd}`),
    // The check above passes an end without a start (its comparison is null), which no event can have.
    check('events_end_needs_start', sql`${t.endedStart} IS NULL OR ${t.occurredStart} IS NOT NULL`),
    // Serves the timeline's event branch: its order and keyset, (occurred_start, occurred_end, id).
    index('events_occurred_idx').on(t.occurredStart, t.occurredEnd, t.id),
    index('events_kind_idx').on(t.kind),
    index('events_search_idx').using('gin', t.searchDocument),
  ],
);

export const eventParticipants = pgTable(
  'event_participants',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'restrict' }),
    role: text('role'),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.actorId] }), index('event_participants_actor_idx').on(t.actorId)],
);

export const eventIdentifiers = identifierTable('event', () => events.id);

export const claims = pgTable(
  'claims',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').notNull().unique(),
    text: text('text').notNull(),
    // The language of the words: a BCP 47 tag, canonical (`de`, `pt-BR`), checked against the IANA registry on write.
    language: text('language').notNull().default('en'),
    context: text('context'),
    mode: claimMode('mode').notNull(),
    medium: medium('medium').notNull(),
    speakerDescription: text('speaker_description'),
    anonymityReason: text('anonymity_reason'),
    viaId: integer('via_id').references(() => actors.id, { onDelete: 'restrict' }),
    venueId: integer('venue_id').references(() => actors.id, { onDelete: 'restrict' }),
    // The source whose bundle recorded the claim: its bundles may amend the claim, another source's bundle adds its
    // report of it (claim_reports) and leaves the claim as it is.
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    ...partialDateColumns('said'),
    // Where the claim sits in time: when it was said or, where that is unknown, when its earliest report was published.
    placedStart: date('placed_start', { mode: 'string' }).notNull(),
    placedEnd: date('placed_end', { mode: 'string' }).notNull(),
    retractedAt: timestamp('retracted_at', { withTimezone: true, mode: 'string' }),
    retractionReason: text('retraction_reason'),
    attribution: attributionStatus('attribution').notNull().default('REPORTED'),
    attributionNote: text('attribution_note'),
    // The recording, transcript or denial that settles the attribution; every status but REPORTED names one.
    attributionEvidenceId: integer('attribution_evidence_id').references(() => sources.id, { onDelete: 'restrict' }),
    attributionSetAt: timestamp('attribution_set_at', { withTimezone: true, mode: 'string' }),
    searchDocument: tsvector('search_document').generatedAlwaysAs(
      (): SQL => claimDocument(claims.text, claims.context, claims.language),
    ),
    ...timestamps,
  },
  (t) => [
    check('claims_text_length', sql`length(trim(${t.text})) BETWEEN 1 AND 10000`),
    check('claims_language_format', sql`${t.language} ~ ${sql.raw(LANGUAGE_TAG)}`),
    check('claims_said_date', partialDateCheck('said')),
    check('claims_placed_range', sql`${t.placedStart} <= ${t.placedEnd}`),
    check(
      'claims_placed_within_a_year',
      sql`${t.placedEnd} - ${t.placedStart} <= ${sql.raw(String(LONGEST_PLACED_SPAN_DAYS))}`,
    ),
    // What claim_speakers' copy of the placed dates refers to.
    unique('claims_placed_key').on(t.id, t.placedStart, t.placedEnd),
    check(
      'claims_anonymity_needs_description',
      sql`${t.anonymityReason} IS NULL OR ${t.speakerDescription} IS NOT NULL`,
    ),
    check('claims_retraction_has_reason', sql`(${t.retractedAt} IS NULL) = (${t.retractionReason} IS NULL)`),
    check(
      'claims_attribution_has_evidence',
      sql`(${t.attribution} = 'REPORTED') = (${t.attributionEvidenceId} IS NULL) AND (${t.attribution} = 'REPORTED') = (${t.attributionSetAt} IS NULL)`,
    ),
    index('claims_attribution_idx').on(t.attribution).where(sql`${t.attribution} <> 'REPORTED'`),
    // Serves every claim list in placed order (placed_start, placed_end, id), the timeline's claim branch included.
    index('claims_placed_idx').on(t.placedStart, t.placedEnd, t.id),
    index('claims_placed_end_idx').on(t.placedEnd),
    index('claims_source_idx').on(t.sourceId, t.placedStart, t.id),
    index('claims_via_idx').on(t.viaId),
    index('claims_venue_idx').on(t.venueId),
    index('claims_medium_idx').on(t.medium, t.placedStart),
    // Search never returns retracted claims.
    index('claims_search_idx').using('gin', t.searchDocument).where(sql`${t.retractedAt} IS NULL`),
  ],
);

/**
 * A source that carries a claim: the words as that source prints them, in its own mode, when it was published and
 * where in it. The primary report is the document the words were first spoken or written in (the interview, the
 * op-ed); a claim has at most one. `drifted` says the report's words or mode differ from the claim's baseline report
 * (the primary one or, without one, the earliest), kept by the writes that change a claim's reports.
 */
export const claimReports = pgTable(
  'claim_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    primary: boolean('is_primary').notNull().default(false),
    text: text('text').notNull(),
    mode: claimMode('mode').notNull(),
    ...partialDateColumns('published'),
    // Where the report sits among the claim's reports: when it was published or, where that is unknown, when the
    // claim was said or placed.
    placedStart: date('placed_start', { mode: 'string' }).notNull(),
    placedEnd: date('placed_end', { mode: 'string' }).notNull(),
    page: text('page'),
    anchor: text('anchor'),
    startSeconds: doublePrecision('start_seconds'),
    endSeconds: doublePrecision('end_seconds'),
    drifted: boolean('drifted').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    unique('claim_reports_claim_source_key').on(t.claimId, t.sourceId),
    uniqueIndex('claim_reports_one_primary_idx').on(t.claimId).where(sql`${t.primary}`),
    // Serves Claim.reports, earliest first.
    index('claim_reports_claim_placed_idx').on(t.claimId, t.placedStart, t.placedEnd, t.id),
    index('claim_reports_source_idx').on(t.sourceId, t.claimId),
    index('claim_reports_drifted_idx').on(t.claimId).where(sql`${t.drifted}`),
    check('claim_reports_text_length', sql`length(trim(${t.text})) BETWEEN 1 AND 10000`),
    check('claim_reports_published_date', partialDateCheck('published')),
    check('claim_reports_placed_range', sql`${t.placedStart} <= ${t.placedEnd}`),
    check(
      'claim_reports_time_code',
      sql`(${t.startSeconds} IS NULL OR ${t.startSeconds} >= 0) AND (${t.endSeconds} IS NULL OR (${t.startSeconds} IS NOT NULL AND ${t.endSeconds} >= ${t.startSeconds}))`,
    ),
  ],
);

/**
 * A fact-checker's verdict on a claim, as schema.org's ClaimReview gives it: who reviewed it (an actor, usually an
 * organization), where and when they published it, and the rating in their words (`rating_alternate_name`: "Mostly
 * false") and on their scale. `rating_score` puts every scale on one line from 0 (the worst rating) to 1 (the best),
 * so that claims can be filtered by verdict across fact-checkers.
 */
export const claimReviews = pgTable(
  'claim_reviews',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'restrict' }),
    url: text('url').notNull(),
    ...partialDateColumns('published'),
    ratingAlternateName: text('rating_alternate_name').notNull(),
    ratingValue: doublePrecision('rating_value').notNull(),
    bestRating: doublePrecision('best_rating').notNull(),
    worstRating: doublePrecision('worst_rating').notNull(),
    ratingScore: doublePrecision('rating_score').generatedAlwaysAs(
      (): SQL =>
        // NULLIF: a scale with one end is refused by the check below, which a division by zero would otherwise pre-empt.
        sql`(${claimReviews.ratingValue} - ${claimReviews.worstRating}) / nullif(${claimReviews.bestRating} - ${claimReviews.worstRating}, 0)`,
    ),
    claimReviewed: text('claim_reviewed'),
    ratingExplanation: text('rating_explanation'),
    ...timestamps,
  },
  (t) => [
    unique('claim_reviews_claim_url_key').on(t.claimId, t.url),
    // Serves Claim.reviews, newest first.
    index('claim_reviews_claim_published_idx').on(t.claimId, t.publishedStart, t.id),
    index('claim_reviews_reviewer_idx').on(t.reviewerId),
    index('claim_reviews_score_idx').on(t.ratingScore, t.claimId),
    check('claim_reviews_published_date', partialDateCheck('published')),
    check('claim_reviews_published_present', sql`${t.publishedStart} IS NOT NULL`),
    check('claim_reviews_url_present', sql`length(trim(${t.url})) > 0`),
    check('claim_reviews_rating_name_present', sql`length(trim(${t.ratingAlternateName})) > 0`),
    check('claim_reviews_rating_scale', sql`${t.bestRating} <> ${t.worstRating}`),
    check(
      'claim_reviews_rating_within_scale',
      sql`${t.ratingValue} BETWEEN least(${t.bestRating}, ${t.worstRating}) AND greatest(${t.bestRating}, ${t.worstRating})`,
    ),
  ],
);

/**
 * A claim's words in another language: as the source that printed them translated them (`translator_source_id`),
 * or as whosaid's editors did (null). Searched in its own language; a match finds the claim.
 */
export const claimTranslations = pgTable(
  'claim_translations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    text: text('text').notNull(),
    translatorSourceId: integer('translator_source_id').references(() => sources.id, { onDelete: 'restrict' }),
    searchDocument: tsvector('search_document').generatedAlwaysAs(
      (): SQL => translationDocument(claimTranslations.text, claimTranslations.language),
    ),
    ...timestamps,
  },
  (t) => [
    // One translation per language by each translator; the editors (a null source) are one translator too.
    unique('claim_translations_claim_language_translator_key')
      .on(t.claimId, t.language, t.translatorSourceId)
      .nullsNotDistinct(),
    index('claim_translations_translator_idx').on(t.translatorSourceId),
    index('claim_translations_search_idx').using('gin', t.searchDocument),
    check('claim_translations_text_length', sql`length(trim(${t.text})) BETWEEN 1 AND 10000`),
    check('claim_translations_language_format', sql`${t.language} ~ ${sql.raw(LANGUAGE_TAG)}`),
  ],
);

/**
 * A claim folded into another by mergeClaims: the merged claim's key answers for the kept claim from then on, so
 * that importing the merged claim's bundle again adds to the kept claim instead of bringing the merged one back.
 */
export const claimMerges = pgTable(
  'claim_merges',
  {
    mergedKey: text('merged_key').primaryKey(),
    mergedClaimId: integer('merged_claim_id').notNull(),
    keptClaimId: integer('kept_claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    mergedAt: timestamp('merged_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('claim_merges_kept_idx').on(t.keptClaimId)],
);

export const claimSpeakers = pgTable(
  'claim_speakers',
  {
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'restrict' }),
    position: integer('position').notNull(),
    // The claim's place in time, copied so that an actor's claims come in order from one index, however many there
    // are: the foreign key below keeps the copy true (ON UPDATE CASCADE) whatever changes the claim.
    placedStart: date('placed_start', { mode: 'string' }).notNull(),
    placedEnd: date('placed_end', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.actorId] }),
    index('claim_speakers_actor_idx').on(t.actorId, t.claimId),
    // Serves Actor.claims, latest first: (placed_start, placed_end, claim_id) under the actor.
    index('claim_speakers_actor_placed_idx').on(t.actorId, t.placedStart, t.placedEnd, t.claimId),
    foreignKey({
      name: 'claim_speakers_claim_placed_fk',
      columns: [t.claimId, t.placedStart, t.placedEnd],
      foreignColumns: [claims.id, claims.placedStart, claims.placedEnd],
    })
      .onUpdate('cascade')
      .onDelete('cascade'),
  ],
);

export const claimStances = pgTable(
  'claim_stances',
  {
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    propositionId: integer('proposition_id')
      .notNull()
      .references(() => propositions.id, { onDelete: 'restrict' }),
    stance: stance('stance').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.propositionId] }),
    index('claim_stances_proposition_idx').on(t.propositionId, t.stance, t.claimId),
  ],
);

export const claimEvents = pgTable(
  'claim_events',
  {
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.eventId] }), index('claim_events_event_idx').on(t.eventId, t.claimId)],
);

/**
 * Every position an actor has taken on a proposition, one row per claim, in the order the claims were said
 * (`placed_start`, `placed_end`, then the claim's id). The current position is the row no later claim supersedes
 * (`next_placed_start` is null). Derived from the claims and kept in the same transaction as every write that touches
 * them, row by row where they change (see src/db/positions.ts). The claims it names have no foreign keys: a cascade
 * from a deleted claim would remove its neighbours' rows behind that rewrite's back, which then removes and rewrites
 * them itself before the transaction commits.
 */
export const positions = pgTable(
  'positions',
  {
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    propositionId: integer('proposition_id')
      .notNull()
      .references(() => propositions.id, { onDelete: 'cascade' }),
    stance: stance('stance').notNull(),
    evidenceClaimId: integer('evidence_claim_id').notNull(),
    sinceClaimId: integer('since_claim_id').notNull(),
    previousStance: stance('previous_stance'),
    // The stance differs from the one before: a shift.
    changed: boolean('changed').notNull(),
    previousClaimId: integer('previous_claim_id'),
    // The evidence claim's placed_start and placed_end, and the next claim's placed_start: the position holds from
    // one to the other.
    placedStart: date('placed_start', { mode: 'string' }).notNull(),
    placedEnd: date('placed_end', { mode: 'string' }).notNull(),
    nextPlacedStart: date('next_placed_start', { mode: 'string' }),
    // The since claim's placed_start: when the run of this stance began.
    sincePlacedStart: date('since_placed_start', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.actorId, t.propositionId, t.evidenceClaimId] }),
    index('positions_history_idx').on(t.actorId, t.propositionId, t.placedStart, t.placedEnd, t.evidenceClaimId),
    index('positions_current_idx').on(t.actorId, t.propositionId).where(sql`${t.nextPlacedStart} IS NULL`),
    index('positions_current_proposition_idx').on(t.propositionId, t.stance).where(sql`${t.nextPlacedStart} IS NULL`),
    // Serve Proposition.positionsConnection in its order (since_placed_start, actor_id, then the key's
    // evidence_claim_id): the positions held now from the first, those held on a day (their runs began by then)
    // from the second.
    index('positions_current_since_idx')
      .on(t.propositionId, t.sincePlacedStart, t.actorId, t.evidenceClaimId)
      .where(sql`${t.nextPlacedStart} IS NULL`),
    index('positions_since_placed_idx').on(t.propositionId, t.sincePlacedStart, t.actorId, t.evidenceClaimId),
    index('positions_proposition_placed_idx').on(t.propositionId, t.placedStart),
    index('positions_shifts_idx').on(t.propositionId, t.placedStart).where(sql`${t.changed}`),
    index('positions_actor_shifts_idx').on(t.actorId, t.placedStart).where(sql`${t.changed}`),
    index('positions_evidence_idx').on(t.evidenceClaimId),
    index('positions_since_idx').on(t.sinceClaimId),
    index('positions_previous_idx').on(t.previousClaimId),
  ],
);

/**
 * The actor and proposition pairs whose positions a write has made stale: triggers on claims, claim_speakers and
 * claim_stances (drizzle/*_stale_positions_triggers) record them, and the write's own transaction takes them and
 * rewrites their positions before it commits (src/domain/writes/write-transaction.ts), so that the table is empty
 * between transactions. It has no key so that writers touching the same pair never wait on each other here; a
 * pair recorded twice is taken once.
 */
export const stalePositions = pgTable('stale_positions', {
  actorId: integer('actor_id').notNull(),
  propositionId: integer('proposition_id').notNull(),
  claimId: integer('claim_id').notNull(),
});

export const apiKeyRole = pgEnum('api_key_role', ['READER', 'EDITOR', 'ADMIN']);

/** Keys are shown once; only their SHA-256 is kept. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull().unique(),
    role: apiKeyRole('role').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [check('api_keys_name_present', sql`length(trim(${t.name})) > 0`)],
);

/**
 * Every change to the recorded data, written by triggers (drizzle/*_audit_trail): which entity, what it was
 * before and after, who made the change (the API key's name) and when.
 */
export const revisions = pgTable(
  'revisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id').notNull(),
    tableName: text('table_name').notNull(),
    action: text('action').notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    before: jsonb('before'),
    after: jsonb('after'),
    transactionId: xid8('transaction_id').notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [
    index('revisions_entity_idx').on(t.entityType, t.entityId, t.id),
    index('revisions_changed_at_idx').on(t.changedAt, t.id),
    index('revisions_transaction_idx').on(t.transactionId, t.id),
  ],
);

/**
 * One row per committed transaction that changed the recorded data, numbered as it commits (drizzle/*_commits):
 * the change feed pages revisions by it, so that a transaction that began first but committed last is not passed over.
 */
export const commits = pgTable(
  'commits',
  {
    sequence: bigint('sequence', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    transactionId: xid8('transaction_id').notNull().unique(),
    committedAt: timestamp('committed_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [index('commits_committed_at_idx').on(t.committedAt, t.sequence)],
);

/**
 * A mutation sent with an Idempotency-Key: claimed by the one request that runs it, then its first answer, returned
 * again for its retries.
 */
export const idempotentRequests = pgTable(
  'idempotent_requests',
  {
    apiKeyId: integer('api_key_id')
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** With `response`, null while the request that claimed the key still runs. */
    status: integer('status'),
    response: text('response'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** When the request that answers for the key claimed it, or took over a claim whose request had died. */
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.apiKeyId, t.key] }),
    check('idempotent_requests_answered_whole', sql`(${t.status} IS NULL) = (${t.response} IS NULL)`),
  ],
);

/** Operations a production front end may run when whosaid takes trusted documents only, by their SHA-256. */
export const trustedDocuments = pgTable(
  'trusted_documents',
  {
    sha256: text('sha256').primaryKey(),
    document: text('document').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [check('trusted_documents_sha256_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`)],
);
