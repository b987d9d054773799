import { and, eq, gt, isNull, lte, or, type SQL } from 'drizzle-orm';
import { positions } from '../../db/schema.js';
import { builder } from '../builder.js';
import { PartialDate, partialDateOf } from './partial-date.js';
import { Stance } from './vocabulary.js';

const PUBLISHED = {
  publishedStart: true,
  publishedEnd: true,
  publishedPrecision: true,
  publishedApproximate: true,
  publishedText: true,
} as const;

/** What a claim's place in time is read from: when it was said, else when its earliest dated report was published. */
const CLAIM_DATE = {
  columns: {
    saidStart: true,
    saidEnd: true,
    saidPrecision: true,
    saidApproximate: true,
    saidText: true,
    placedStart: true,
    placedEnd: true,
  },
  with: {
    reports: {
      columns: PUBLISHED,
      where: { publishedStart: { isNotNull: true } },
      orderBy: { placedStart: 'asc', placedEnd: 'asc', id: 'asc' },
      limit: 1,
    },
  },
} as const;

interface DatedClaim {
  placedStart: string;
  placedEnd: string;
  reports: object[];
}

function placedOn(claim: DatedClaim) {
  const report = claim.reports[0];
  return (
    partialDateOf(claim, 'said') ??
    (report && partialDateOf(report, 'published')) ?? {
      start: claim.placedStart,
      end: claim.placedEnd,
      precision: 'DAY' as const,
      approximate: claim.placedStart !== claim.placedEnd,
      text: null,
    }
  );
}

const PLACED_ON = 'when it was said or, where the sources do not say, when its earliest report was published';

const StanceTaken = builder.drizzleObject('positions', {
  variant: 'StanceTaken',
  description: 'One claim in which an actor took a stance on a proposition.',
  fields: (t) => ({
    stance: t.expose('stance', { type: Stance }),
    changed: t.exposeBoolean('changed', {
      description: 'True when the stance differs from the one the actor took before.',
    }),
    on: t.field({
      type: PartialDate,
      description: `When the actor took it: ${PLACED_ON}.`,
      select: { with: { evidence: CLAIM_DATE } },
      resolve: ({ evidence }) => placedOn(evidence),
    }),
    evidence: t.relation('evidence', { description: 'The claim.' }),
  }),
});

export const Position = builder.drizzleObject('positions', {
  name: 'Position',
  description:
    'Where an actor stands on a proposition: the stance of their latest claim on it (by a given date, where one is asked for).',
  fields: (t) => ({
    stance: t.expose('stance', { type: Stance }),
    actor: t.relation('actor'),
    proposition: t.relation('proposition'),
    evidence: t.relation('evidence', { description: 'The latest claim in which the actor took this stance.' }),
    since: t.field({
      type: PartialDate,
      description: `When the actor first took this stance without changing it since: ${PLACED_ON}.`,
      select: { with: { sinceClaim: CLAIM_DATE } },
      resolve: ({ sinceClaim }) => placedOn(sinceClaim),
    }),
    history: t.relation('history', {
      type: StanceTaken,
      description:
        'Every stance the actor has taken on the proposition, oldest first, retracted and misattributed claims aside.',
      query: { orderBy: { placedStart: 'asc', placedEnd: 'asc', evidenceClaimId: 'asc' } },
    }),
  }),
});

export const Shift = builder.drizzleObject('positions', {
  variant: 'Shift',
  description: 'A change of mind: an actor takes a stance on a proposition that differs from the one they took before.',
  fields: (t) => ({
    actor: t.relation('actor'),
    proposition: t.relation('proposition'),
    from: t.field({ type: Stance, resolve: (shift) => shift.previousStance! }),
    to: t.expose('stance', { type: Stance }),
    before: t.relation('previousClaim', {
      nullable: false,
      description: 'The last claim with the stance before.',
    }),
    beforeOn: t.field({
      type: PartialDate,
      description: `When the claim before was made: ${PLACED_ON}.`,
      select: { with: { previousClaim: CLAIM_DATE } },
      resolve: ({ previousClaim }) => placedOn(previousClaim!),
    }),
    after: t.relation('evidence', { description: 'The first claim with the new stance.' }),
    afterOn: t.field({
      type: PartialDate,
      description: `When the new stance was first taken: ${PLACED_ON}.`,
      select: { with: { evidence: CLAIM_DATE } },
      resolve: ({ evidence }) => placedOn(evidence),
    }),
  }),
});

/**
 * The positions held on `asOf` (now, without it): the rows no claim that may have been made by then supersedes. A
 * claim counts from the first day it may have been made, as in the date filters.
 */
export function positionsHeld(asOf: string | null | undefined, stance: string | null | undefined) {
  return {
    ...(asOf
      ? {
          placedStart: { lte: asOf },
          OR: [{ nextPlacedStart: { isNull: true as const } }, { nextPlacedStart: { gt: asOf } }],
        }
      : { nextPlacedStart: { isNull: true as const } }),
    ...(stance ? { stance: stance as 'SUPPORTS' } : {}),
  };
}

/** positionsHeld as SQL, for a count grouped over several propositions. */
export function positionsHeldSql(asOf: string | null, stance: string | null): SQL | undefined {
  const current = isNull(positions.nextPlacedStart);
  return and(
    asOf ? and(lte(positions.placedStart, asOf), or(current, gt(positions.nextPlacedStart, asOf))) : current,
    stance ? eq(positions.stance, stance as 'SUPPORTS') : undefined,
  );
}

export const AS_OF_DESCRIPTION =
  'Where they stood on this day instead of now, by the claims that may have been made by then.';
