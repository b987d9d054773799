import { sql } from 'drizzle-orm';
import { propositions } from '../../db/schema.js';
import { createProposition } from '../../domain/writes/propositions.js';
import { builder } from '../builder.js';
import { AS_OF_DESCRIPTION, positionsHeld, Shift } from './position.js';
import { rowColumns } from './row-columns.js';
import { DateScalar } from './scalars.js';
import { PropositionInput, withoutNulls } from './source-bundle-input.js';
import { Stance } from './vocabulary.js';
import { loadWritten } from './written-row.js';

interface StanceCountsShape {
  supports: number;
  opposes: number;
  mixed: number;
  neutral: number;
}
interface StanceBucketShape extends StanceCountsShape {
  period: string;
}

// The four counts over rows that have a `stance` column.
const STANCE_COUNTS = sql.raw(
  `count(*) FILTER (WHERE stance = 'SUPPORTS') AS supports, count(*) FILTER (WHERE stance = 'OPPOSES') AS opposes, ` +
    `count(*) FILTER (WHERE stance = 'MIXED') AS mixed, count(*) FILTER (WHERE stance = 'NEUTRAL') AS neutral`,
);

const StanceCounts = builder.objectRef<StanceCountsShape>('StanceCounts').implement({
  fields: (t) => ({
    supports: t.exposeInt('supports'),
    opposes: t.exposeInt('opposes'),
    mixed: t.exposeInt('mixed'),
    neutral: t.exposeInt('neutral'),
  }),
});

const StanceBucket = builder.objectRef<StanceBucketShape>('StanceBucket').implement({
  description: 'Stance counts for one month (`2017-02`) or year (`2017`).',
  fields: (t) => ({
    period: t.exposeString('period'),
    supports: t.exposeInt('supports'),
    opposes: t.exposeInt('opposes'),
    mixed: t.exposeInt('mixed'),
    neutral: t.exposeInt('neutral'),
  }),
});

const TimeBucket = builder.enumType('TimeBucket', { values: ['MONTH', 'YEAR'] as const });

export const Proposition = builder.drizzleNode('propositions', {
  select: { columns: rowColumns(propositions) },
  name: 'Proposition',
  description: 'A normalised statement that claims take sides on.',
  id: { column: (proposition) => proposition.id },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    statement: t.exposeString('statement'),
    version: t.exposeInt('version'),
    stanceSummary: t.field({
      type: StanceCounts,
      description: 'How many actors currently hold each stance on it.',
      select: {
        extras: {
          stanceSummary: (proposition, { sql }) => sql<StanceCountsShape>`(
            SELECT row_to_json(counts) FROM (SELECT ${STANCE_COUNTS} FROM positions WHERE proposition_id = ${proposition.id} AND next_placed_start IS NULL) counts)`,
        },
      },
      resolve: (proposition) => proposition.stanceSummary,
    }),
    stanceOverTime: t.field({
      type: [StanceBucket],
      description:
        'How many claims took each stance on it, per month or year in which they were said (retracted and misattributed ones aside).',
      args: { bucket: t.arg({ type: TimeBucket, required: true }) },
      select: (args) => ({
        extras: {
          [`stanceOverTime${args.bucket}`]: (proposition: { id: unknown }) => sql`(
            SELECT coalesce(json_agg(row_to_json(buckets) ORDER BY buckets.period), '[]'::json)
            FROM (
              SELECT period, ${STANCE_COUNTS}
              FROM (
                SELECT to_char(c.placed_start, ${args.bucket === 'MONTH' ? 'YYYY-MM' : 'YYYY'}) AS period, s.stance
                FROM claim_stances s JOIN claims c ON c.id = s.claim_id
                WHERE s.proposition_id = ${proposition.id} AND c.retracted_at IS NULL AND c.attribution <> 'MISATTRIBUTED'
              ) stated
              GROUP BY period
            ) buckets)`,
        },
      }),
      resolve: (proposition, args) =>
        (proposition as unknown as Record<string, StanceBucketShape[]>)[`stanceOverTime${args.bucket}`]!,
    }),
    revisions: t.relation('revisions', {
      description: 'Every change to it, oldest first.',
      query: { orderBy: { id: 'asc' } },
    }),
    positions: t.relation('positions', {
      description: 'Where each actor stands on it, by their latest claim on it.',
      deprecationReason: 'Use positionsConnection: the same positions a page at a time, with their totalCount.',
      args: { stance: t.arg({ type: Stance }), asOf: t.arg({ type: DateScalar, description: AS_OF_DESCRIPTION }) },
      query: (args) => ({ where: positionsHeld(args.asOf, args.stance), orderBy: { actorId: 'asc' } }),
    }),
    shifts: t.relation('shifts', {
      type: Shift,
      description: 'Each time an actor changed their stance on it, in the order they did.',
      query: { orderBy: { placedStart: 'asc', actorId: 'asc', placedEnd: 'asc', evidenceClaimId: 'asc' } },
    }),
  }),
});

builder.queryFields((t) => ({
  proposition: t.drizzleField({
    type: 'propositions',
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.db.query.propositions.findFirst(query({ where: { slug: args.slug } })),
  }),
  propositions: t.drizzleConnection({
    type: 'propositions',
    totalCount: (_root, _args, ctx) => ctx.db.$count(propositions),
    resolve: (query, _root, _args, ctx) => ctx.db.query.propositions.findMany(query({ orderBy: { slug: 'asc' } })),
  }),
}));

builder.mutationFields((t) => ({
  createProposition: t.withAuth({ editor: true }).drizzleField({
    type: 'propositions',
    errors: {},
    args: { input: t.arg({ type: PropositionInput, required: true }) },
    resolve: (query, _root, args, ctx) =>
      loadWritten(ctx.db.query.propositions, query, () =>
        createProposition(ctx.db, withoutNulls(args.input), ctx.viewer.name),
      ),
  }),
}));
