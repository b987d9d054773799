import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { duplicateIdsOf } from '../../db/duplicates.js';
import { claims, LONGEST_PLACED_SPAN_DAYS } from '../../db/schema.js';
import { recordClaim, retractClaim, setClaimStance, updateClaim } from '../../domain/writes/claims.js';
import { linkClaimToEvent } from '../../domain/writes/events.js';
import { mergeClaims } from '../../domain/writes/merge-claims.js';
import { builder } from '../builder.js';
import { Actor } from './actor.js';
import { ClaimRatingFilter, reviewWhere } from './claim-rating-filter.js';
import { countMatching } from './count-matching.js';
import { PartialDate, partialDateOf, partialDateSelect } from './partial-date.js';
import { REPORT_ORDER, Report } from './report.js';
import { rowColumns } from './row-columns.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import { Source } from './source.js';
import { ClaimInput, changesClearing, PartialDateInput, withoutNulls } from './source-bundle-input.js';
import { AttributionStatus, ClaimMode, Medium, Stance } from './vocabulary.js';
import { loadWritten } from './written-row.js';

export const Claim = builder.drizzleNode('claims', {
  select: { columns: rowColumns(claims) },
  name: 'Claim',
  description:
    'A statement attributed to one or more speakers: one utterance, however many sources report it (its reports).',
  id: { column: (claim) => claim.id },
  fields: (t) => ({
    key: t.exposeString('key', { description: "The claim's natural key in the source bundles." }),
    text: t.exposeString('text', { description: 'The words, as the mode says: quoted, paraphrased or characterised.' }),
    language: t.exposeString('language', {
      description: 'The language of the words, a BCP 47 tag (en, de, pt-BR); the translations are in others.',
    }),
    context: t.exposeString('context', { nullable: true, description: 'What the words answer or refer to.' }),
    mode: t.expose('mode', { type: ClaimMode }),
    medium: t.expose('medium', { type: Medium }),
    saidOn: t.field({
      type: PartialDate,
      nullable: true,
      description: 'When it was said; null where the source does not say.',
      select: partialDateSelect('said'),
      resolve: (claim) => partialDateOf(claim, 'said'),
    }),
    speakers: t.field({
      type: [Actor],
      description: 'Who said it, in the order the source names them; empty for an anonymous speaker.',
      select: (_args, _ctx, nestedSelection) => ({
        with: { speakerLinks: { orderBy: { position: 'asc' }, with: { actor: nestedSelection(true) } } },
      }),
      resolve: (claim) => claim.speakerLinks.map((link) => link.actor),
    }),
    speakerDescription: t.exposeString('speakerDescription', {
      nullable: true,
      description: 'The speaker as the source describes them: "another former senior Pentagon official".',
    }),
    anonymityReason: t.exposeString('anonymityReason', {
      nullable: true,
      description: 'Why the speaker is not named: "speaking on condition of anonymity".',
    }),
    anonymous: t.boolean({
      description: 'True when no speaker is named.',
      select: {
        extras: {
          hasNamedSpeaker: (claims, { sql }) =>
            sql<boolean>`EXISTS (SELECT 1 FROM claim_speakers WHERE claim_speakers.claim_id = ${claims.id})`,
        },
      },
      resolve: (claim) => !claim.hasNamedSpeaker,
    }),
    via: t.relation('via', { nullable: true, description: 'The spokesperson the speaker spoke through.' }),
    venue: t.relation('venue', { nullable: true, description: 'Where it was said: Fox News, Foreign Policy.' }),
    reports: t.relatedConnection('reports', {
      description: 'Every source that carries it, earliest published first: its primary report among them.',
      totalCount: true,
      query: { orderBy: REPORT_ORDER },
    }),
    firstReport: t.field({
      type: Report,
      description: 'The earliest report: the primary one, where it was published first.',
      select: (_args, _ctx, nestedSelection) => ({
        with: { earliestReports: nestedSelection({ orderBy: REPORT_ORDER, limit: 1 }) },
      }),
      resolve: (claim) => claim.earliestReports[0]!,
    }),
    primaryReport: t.relation('primaryReport', {
      nullable: true,
      description: 'The document the words were first said in, where whosaid knows it.',
    }),
    reportedIn: t.relation('recordedReport', {
      deprecationReason: 'A claim has many reports: use reports, firstReport or primaryReport.',
      description: 'The report of the source whose bundle recorded the claim: what this field always answered.',
    }),
    firstAppearedIn: t.field({
      type: Source,
      nullable: true,
      deprecationReason: 'Use primaryReport { source }.',
      description: "The primary report's source.",
      select: (_args, _ctx, nestedSelection) => ({
        with: { primaryReport: { columns: { id: true }, with: { source: nestedSelection() } } },
      }),
      resolve: (claim) => claim.primaryReport?.source ?? null,
    }),
    retracted: t.boolean({
      select: { columns: { retractedAt: true } },
      resolve: (claim) => claim.retractedAt !== null,
    }),
    retractedAt: t.field({
      type: DateTimeScalar,
      nullable: true,
      select: { columns: { retractedAt: true } },
      resolve: (claim) => claim.retractedAt,
    }),
    retractionReason: t.exposeString('retractionReason', { nullable: true }),
    version: t.exposeInt('version', {
      description: 'Goes up by one with every change; updates name the one they saw.',
    }),
    revisions: t.relation('revisions', {
      description: 'Every change to it, oldest first.',
      query: { orderBy: { id: 'asc' } },
    }),
    stances: t.relation('stances'),
    events: t.relation('events', { query: { orderBy: { occurredStart: 'asc', id: 'asc' } } }),
  }),
});

builder.drizzleObject('claimStances', {
  name: 'ClaimStance',
  description: 'The side a claim takes on a proposition.',
  fields: (t) => ({
    stance: t.expose('stance', { type: Stance }),
    proposition: t.relation('proposition'),
  }),
});

const ClaimFilter = builder.inputType('ClaimFilter', {
  description: 'All given conditions must hold. Dates match when the claim may have been said in the range.',
  fields: (t) => ({
    saidFrom: t.field({ type: DateScalar }),
    saidTo: t.field({ type: DateScalar }),
    speaker: t.string({ description: 'An actor slug.' }),
    via: t.string({ description: 'The slug of the spokesperson.' }),
    proposition: t.string({ description: 'A proposition slug: claims that take a stance on it.' }),
    stance: t.field({ type: Stance, description: 'With proposition: that stance on it; alone: that stance on any.' }),
    medium: t.field({ type: Medium }),
    mode: t.field({ type: ClaimMode }),
    anonymous: t.boolean(),
    event: t.string({ description: 'An event slug.' }),
    source: t.globalID({ for: Source, description: 'The id of a source that reports it.' }),
    drifted: t.boolean({
      description:
        "True: claims with a report whose words or mode differ from the claim's baseline report; false: the others.",
    }),
    duplicateOf: t.globalID({
      for: Claim,
      description: "The id of a claim: the claims that may be the same utterance (that claim's possibleDuplicates).",
    }),
    attribution: t.field({ type: [AttributionStatus], description: 'Any of these attribution statuses.' }),
    reviewed: t.boolean({ description: 'True: claims a fact-checker has reviewed; false: the others.' }),
    rating: t.field({ type: ClaimRatingFilter, description: 'Claims with a review of this verdict.' }),
  }),
});

const ClaimOrder = builder.enumType('ClaimOrder', { values: ['SAID_ON_ASC', 'SAID_ON_DESC'] as const });

type ClaimFilterShape = typeof ClaimFilter.$inferInput;

const FIRST_DAY = Date.parse('0001-01-01T00:00:00Z');

function daysBefore(day: string, days: number): string {
  const time = Date.parse(`${day}T00:00:00Z`) - days * 86_400_000;
  return time < FIRST_DAY ? '0001-01-01' : new Date(time).toISOString().slice(0, 10);
}

function claimWhere(filter: ClaimFilterShape | null | undefined, includeRetracted = false) {
  const retraction = includeRetracted ? {} : { retractedAt: { isNull: true as const } };
  if (!filter) return retraction;
  if (filter.saidFrom && filter.saidTo && filter.saidFrom > filter.saidTo) {
    throw new GraphQLError(`saidFrom ${filter.saidFrom} is after saidTo ${filter.saidTo}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const stance = filter.stance ?? undefined;
  // In AND, beside the source's reports and the anonymous filter's NOT rather than in their place.
  const all = [
    ...(typeof filter.drifted === 'boolean'
      ? [filter.drifted ? { reports: { drifted: true } } : { NOT: { reports: { drifted: true } } }]
      : []),
    ...(typeof filter.reviewed === 'boolean' ? [filter.reviewed ? { reviews: true } : { NOT: { reviews: true } }] : []),
    ...(filter.rating ? [{ reviews: reviewWhere(filter.rating) }] : []),
  ];
  return {
    ...retraction,
    ...(filter.saidFrom ? { placedEnd: { gte: filter.saidFrom } } : {}),
    // A claim that ends on or after saidFrom starts at most a year before it: a bound for the index scan.
    ...(filter.saidFrom || filter.saidTo
      ? {
          placedStart: {
            ...(filter.saidFrom ? { gte: daysBefore(filter.saidFrom, LONGEST_PLACED_SPAN_DAYS) } : {}),
            ...(filter.saidTo ? { lte: filter.saidTo } : {}),
          },
        }
      : {}),
    ...(filter.speaker ? { speakers: { slug: filter.speaker } } : {}),
    ...(filter.via ? { via: { slug: filter.via } } : {}),
    ...(filter.proposition || stance
      ? {
          stances: {
            ...(stance ? { stance } : {}),
            ...(filter.proposition ? { proposition: { slug: filter.proposition } } : {}),
          },
        }
      : {}),
    ...(filter.medium ? { medium: filter.medium } : {}),
    ...(filter.mode ? { mode: filter.mode } : {}),
    ...(filter.anonymous === true ? { NOT: { speakers: true } } : {}),
    ...(filter.anonymous === false ? { speakers: true } : {}),
    ...(filter.event ? { events: { slug: filter.event } } : {}),
    ...(filter.source ? { reports: { sourceId: filter.source.id } } : {}),
    ...(all.length > 0 ? { AND: all } : {}),
    ...(filter.duplicateOf
      ? { RAW: (table: { id: unknown }) => sql`${table.id} IN ${duplicateIdsOf(filter.duplicateOf!.id)}` }
      : {}),
    ...(filter.attribution ? { attribution: { in: filter.attribution } } : {}),
  } as const;
}

builder.queryFields((t) => ({
  claims: t.drizzleConnection({
    type: 'claims',
    args: {
      filter: t.arg({ type: ClaimFilter }),
      orderBy: t.arg({ type: ClaimOrder, defaultValue: 'SAID_ON_DESC' }),
      includeRetracted: t.arg.boolean({
        defaultValue: false,
        description: 'Retracted claims are left out unless this is true.',
      }),
    },
    totalCount: (_root, args, ctx) =>
      countMatching(ctx.db.query.claims, claimWhere(args.filter, args.includeRetracted ?? false)),
    resolve: (query, _root, args, ctx) => {
      const direction = args.orderBy === 'SAID_ON_ASC' ? 'asc' : 'desc';
      return ctx.db.query.claims.findMany(
        query({
          where: claimWhere(args.filter, args.includeRetracted ?? false),
          orderBy: { placedStart: direction, placedEnd: direction, id: direction },
        }),
      );
    },
  }),
}));

const ClaimChanges = builder.inputType('ClaimChanges', {
  description: 'The fields to change; those left out stay as they are.',
  fields: (t) => ({
    text: t.string(),
    language: t.string({ description: 'The language of the words, a BCP 47 tag: en, de, pt-BR.' }),
    context: t.string(),
    mode: t.field({ type: ClaimMode }),
    medium: t.field({ type: Medium }),
    saidOn: t.field({
      type: PartialDateInput,
      description: 'null clears it: the claim is placed at its earliest report again.',
    }),
  }),
});

const MergeVersions = builder.inputType('MergeVersions', {
  description: 'The versions of the two claims that the merge was decided on: a claim changed since is not merged.',
  fields: (t) => ({ keep: t.int({ required: true }), merge: t.int({ required: true }) }),
});

builder.mutationFields((t) => {
  const editor = t.withAuth({ editor: true });
  return {
    recordClaim: editor.drizzleField({
      type: 'claims',
      description: 'Records a claim reported by a source already in whosaid; recording it again changes nothing.',
      errors: {},
      args: {
        sourceUrl: t.arg.string({ required: true }),
        claim: t.arg({ type: ClaimInput, required: true }),
      },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.claims, query, () =>
          recordClaim(ctx.db, args.sourceUrl, withoutNulls(args.claim), ctx.viewer.name),
        ),
    }),
    retractClaim: editor.drizzleField({
      type: 'claims',
      description:
        'Marks a claim retracted with the reason; it leaves default queries and positions but stays on record.',
      errors: {},
      args: { id: t.arg.globalID({ for: Claim, required: true }), reason: t.arg.string({ required: true }) },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.claims, query, () => retractClaim(ctx.db, args.id.id, args.reason, ctx.viewer.name)),
    }),
    updateClaim: editor.drizzleField({
      type: 'claims',
      errors: {},
      args: {
        id: t.arg.globalID({ for: Claim, required: true }),
        expectedVersion: t.arg.int({ required: true }),
        changes: t.arg({ type: ClaimChanges, required: true }),
      },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.claims, query, async () => {
          await updateClaim(
            ctx.db,
            args.id.id,
            args.expectedVersion,
            changesClearing(args.changes, ['saidOn']),
            ctx.viewer.name,
          );
          return args.id.id;
        }),
    }),
    setClaimStance: editor.drizzleField({
      type: 'claims',
      description: "Sets the claim's stance on a proposition; a null stance removes it.",
      errors: {},
      args: {
        claim: t.arg.globalID({ for: Claim, required: true }),
        proposition: t.arg.string({ required: true }),
        stance: t.arg({ type: Stance, required: false }),
      },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.claims, query, async () => {
          await setClaimStance(ctx.db, args.claim.id, args.proposition, args.stance ?? null, ctx.viewer.name);
          return args.claim.id;
        }),
    }),
    mergeClaims: editor.drizzleField({
      type: 'claims',
      description:
        'Folds one claim into another, the same utterance recorded twice: its reports, stances and events join the ' +
        "kept claim's (where both have one, the kept claim's stays), the merged claim is deleted (its revisions " +
        'stay) and its key answers for the kept claim from then on. Answers the kept claim.',
      errors: {},
      args: {
        keep: t.arg.globalID({ for: Claim, required: true }),
        merge: t.arg.globalID({ for: Claim, required: true }),
        expectedVersions: t.arg({ type: MergeVersions, required: true }),
      },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.claims, query, () =>
          mergeClaims(
            ctx.db,
            { keep: args.keep.id, merge: args.merge.id, expectedVersions: args.expectedVersions },
            ctx.viewer.name,
          ),
        ),
    }),
    linkClaimToEvent: editor.drizzleField({
      type: 'claims',
      errors: {},
      args: { claim: t.arg.globalID({ for: Claim, required: true }), event: t.arg.string({ required: true }) },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.claims, query, async () => {
          await linkClaimToEvent(ctx.db, args.claim.id, args.event, ctx.viewer.name);
          return args.claim.id;
        }),
    }),
  };
});
