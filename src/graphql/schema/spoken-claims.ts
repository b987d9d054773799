import { drizzleConnectionHelpers } from '@pothos/plugin-drizzle';
import DataLoader from 'dataloader';
import { and, count, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { claimSpeakers, claims } from '../../db/schema.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { Actor } from './actor.js';
import { Claim } from './claim.js';

/**
 * An actor's claims, latest first, paged through the speakers' rows: their copy of each claim's placed dates is
 * indexed under the actor, so a page costs the same for an actor with three claims and one with a hundred thousand.
 */
const spokenClaimsArgs = builder.args((t) => ({ includeRetracted: t.boolean({ defaultValue: false }) }));

const spokenClaims = drizzleConnectionHelpers(builder, 'claimSpeakers', {
  args: () => spokenClaimsArgs,
  query: (args) => ({
    where: args.includeRetracted ? {} : { claim: { retractedAt: { isNull: true } } },
    orderBy: { placedStart: 'desc', placedEnd: 'desc', claimId: 'desc' },
  }),
  select: (nodeSelection) => ({ with: { claim: nodeSelection() } }),
  resolveNode: (link) => link.claim,
});

builder.drizzleObjectField(Actor, 'claims', (t) =>
  t.connection(
    {
      type: Claim,
      description: 'What the actor said, latest first.',
      args: spokenClaims.getArgs(),
      select: (args, ctx, nestedSelection) => ({
        columns: { id: true },
        with: { claimLinks: spokenClaims.getQuery(args, ctx, nestedSelection) },
      }),
      resolve: (actor, args, ctx) =>
        spokenClaims.resolve(actor.claimLinks, args, ctx, {
          actorId: actor.id,
          includeRetracted: args.includeRetracted ?? false,
        }),
    },
    {
      fields: (connection) => ({
        totalCount: connection.int({
          resolve: ({ parent }, _args, ctx) => countSpokenClaims(ctx, parent as SpokenCount),
        }),
      }),
    },
  ),
);

interface SpokenCount {
  actorId: number;
  includeRetracted: boolean;
}

const loaders = new WeakMap<Context, DataLoader<SpokenCount, number, string>>();

/** How many claims an actor made, for the connection's totalCount: one statement for every actor of the request. */
export function countSpokenClaims(ctx: Context, key: SpokenCount): Promise<number> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader((keys) => countsOf(ctx, keys), {
      cacheKeyFn: ({ actorId, includeRetracted }) => `${actorId}:${includeRetracted}`,
    });
    loaders.set(ctx, loader);
  }
  return loader.load(key);
}

async function countsOf(ctx: Context, keys: readonly SpokenCount[]): Promise<number[]> {
  const counted = new Map<string, number>();
  for (const includeRetracted of [false, true]) {
    const actorIds = keys.filter((key) => key.includeRetracted === includeRetracted).map((key) => key.actorId);
    if (actorIds.length === 0) continue;
    const conditions: SQL[] = [inArray(claimSpeakers.actorId, actorIds)];
    if (!includeRetracted) conditions.push(isNull(claims.retractedAt));
    const rows = await ctx.db
      .select({ actorId: claimSpeakers.actorId, total: count() })
      .from(claimSpeakers)
      .innerJoin(claims, eq(claims.id, claimSpeakers.claimId))
      .where(and(...conditions))
      .groupBy(claimSpeakers.actorId);
    for (const row of rows) counted.set(`${row.actorId}:${includeRetracted}`, row.total);
  }
  return keys.map(({ actorId, includeRetracted }) => counted.get(`${actorId}:${includeRetracted}`) ?? 0);
}
