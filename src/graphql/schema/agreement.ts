import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/database.js';
import { actors, positions, propositions } from '../../db/schema.js';
import { badInput } from '../bad-input.js';
import { builder } from '../builder.js';
import { Actor } from './actor.js';
import { nodeById } from './node-by-id.js';
import { Proposition } from './proposition.js';

const MAX_ACTORS = 25;
const MAX_PROPOSITIONS = 100;

interface AgreementShape {
  first: number;
  second: number;
  agreeOn: number[];
  disagreeOn: number[];
  differOn: number[];
}

type ActorRow = typeof Actor.$inferType;
type PropositionRow = typeof Proposition.$inferType;

const Agreement = builder.objectRef<AgreementShape>('Agreement').implement({
  description: 'Where two actors stand on the same propositions, by their current positions.',
  fields: (t) => ({
    first: t.field({ type: Actor, resolve: (pair) => nodeById<ActorRow>(pair.first) }),
    second: t.field({ type: Actor, resolve: (pair) => nodeById<ActorRow>(pair.second) }),
    agreeOn: t.field({
      type: [Proposition],
      description: 'They take the same stance.',
      resolve: (pair) => pair.agreeOn.map((id) => nodeById<PropositionRow>(id)),
    }),
    disagreeOn: t.field({
      type: [Proposition],
      description: 'One supports what the other opposes.',
      resolve: (pair) => pair.disagreeOn.map((id) => nodeById<PropositionRow>(id)),
    }),
    differOn: t.field({
      type: [Proposition],
      description: 'Their stances differ without being opposed: one of them is mixed or neutral.',
      resolve: (pair) => pair.differOn.map((id) => nodeById<PropositionRow>(id)),
    }),
  }),
});

/** The ids of the given slugs, in their order; an unknown or repeated slug is an error that names it. */
async function idsOfSlugs(
  db: Database,
  table: typeof actors | typeof propositions,
  slugs: readonly string[],
  argument: string,
): Promise<number[]> {
  const repeated = slugs.filter((slug, index) => slugs.indexOf(slug) !== index);
  if (repeated.length > 0) throw badInput(`${argument}: "${repeated[0]}" is listed twice`);
  const rows = await db
    .select({ id: table.id, slug: table.slug })
    .from(table)
    .where(inArray(table.slug, [...slugs]));
  const idBySlug = new Map(rows.map((row) => [row.slug, row.id]));
  const unknown = slugs.filter((slug) => !idBySlug.has(slug));
  if (unknown.length > 0) {
    const names = unknown.map((slug) => `"${slug}"`).join(', ');
    throw badInput(`${argument}: no ${argument.replace(/s$/, '')} has the slug ${names}`);
  }
  return slugs.map((slug) => idBySlug.get(slug)!);
}

/** Every pair of the actors, in the order given, with the propositions on which both hold a position. */
async function agreement(db: Database, actorSlugs: readonly string[], propositionSlugs: readonly string[] | null) {
  if (actorSlugs.length < 2 || actorSlugs.length > MAX_ACTORS) {
    throw badInput(`actors: give between 2 and ${MAX_ACTORS} actor slugs, not ${actorSlugs.length}`);
  }
  if (propositionSlugs && propositionSlugs.length > MAX_PROPOSITIONS) {
    throw badInput(`propositions: give at most ${MAX_PROPOSITIONS} proposition slugs, not ${propositionSlugs.length}`);
  }
  const [actorIds, propositionIds] = await Promise.all([
    idsOfSlugs(db, actors, actorSlugs, 'actors'),
    propositionSlugs ? idsOfSlugs(db, propositions, propositionSlugs, 'propositions') : null,
  ]);
  const first = alias(positions, 'first');
  const second = alias(positions, 'second');
  const compared = await db
    .select({
      firstId: first.actorId,
      secondId: second.actorId,
      propositionId: first.propositionId,
      firstStance: first.stance,
      secondStance: second.stance,
    })
    .from(first)
    .innerJoin(
      second,
      and(
        eq(second.propositionId, first.propositionId),
        isNull(second.nextPlacedStart),
        inArray(second.actorId, actorIds),
        ne(second.actorId, first.actorId),
      ),
    )
    .innerJoin(propositions, eq(propositions.id, first.propositionId))
    .where(
      and(
        isNull(first.nextPlacedStart),
        inArray(first.actorId, actorIds),
        propositionIds ? inArray(first.propositionId, propositionIds) : undefined,
      ),
    )
    .orderBy(asc(propositions.slug));
  const pairs = new Map<string, AgreementShape>();
  const inOrder: AgreementShape[] = [];
  actorIds.forEach((firstId, i) =>
    actorIds.slice(i + 1).forEach((secondId) => {
      const pair = { first: firstId, second: secondId, agreeOn: [], disagreeOn: [], differOn: [] };
      pairs.set(`${firstId}:${secondId}`, pair);
      inOrder.push(pair);
    }),
  );
  for (const row of compared) {
    const pair = pairs.get(`${row.firstId}:${row.secondId}`);
    if (!pair) continue; // the same pair the other way round
    const opposed = new Set([row.firstStance, row.secondStance]);
    const list =
      row.firstStance === row.secondStance
        ? pair.agreeOn
        : opposed.has('SUPPORTS') && opposed.has('OPPOSES')
          ? pair.disagreeOn
          : pair.differOn;
    list.push(row.propositionId);
  }
  return inOrder;
}

builder.queryFields((t) => ({
  agreement: t.field({
    type: [Agreement],
    description:
      'For each pair of the actors, in the order given, the propositions on which they agree, disagree or differ, by their current positions; only those given, where propositions are.',
    args: {
      actors: t.arg.stringList({ required: true, description: `Actor slugs: 2 to ${MAX_ACTORS}.` }),
      propositions: t.arg.stringList({ description: `Proposition slugs: at most ${MAX_PROPOSITIONS}.` }),
    },
    resolve: (_root, args, ctx) => agreement(ctx.db, args.actors, args.propositions ?? null),
  }),
}));
