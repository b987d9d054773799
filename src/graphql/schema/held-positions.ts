import { decodeBase64, decodeCursorChunk } from '@pothos/core';
import { drizzleConnectionHelpers } from '@pothos/plugin-drizzle';
import DataLoader from 'dataloader';
import { and, count, inArray } from 'drizzle-orm';
import { positions } from '../../db/schema.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { DEFAULT_PAGE_SIZE, QUERY_LIMITS } from '../query-limits.js';
import { AS_OF_DESCRIPTION, Position, positionsHeld, positionsHeldSql } from './position.js';
import { Proposition } from './proposition.js';
import { DateScalar } from './scalars.js';
import { Stance } from './vocabulary.js';

/**
 * The positions held on a proposition, a page at a time, in the order they have been held since (since_placed_start,
 * then actor_id, then the key's evidence_claim_id as the tie-breaker), which positions_current_since_idx (now) and
 * positions_since_placed_idx (on a day) keep under the proposition: a page costs the same wherever it is.
 */
const heldPositionsArgs = builder.args((t) => ({
  stance: t.field({ type: Stance, description: 'Only the positions that take this stance.' }),
  asOf: t.field({ type: DateScalar, description: AS_OF_DESCRIPTION }),
}));

type HeldPositionsArgs = { asOf?: string | null } & PothosSchemaTypes.DefaultConnectionArguments;

const heldPositions = drizzleConnectionHelpers(builder, 'positions', {
  args: () => heldPositionsArgs,
  // The helpers pass the connection's own arguments too, which the bounds read.
  query: (args) => ({
    where: { ...positionsHeld(args.asOf, args.stance), ...sinceBounds(args as HeldPositionsArgs) },
    orderBy: { sincePlacedStart: 'asc', actorId: 'asc' },
  }),
});

builder.drizzleObjectField(Proposition, 'positionsConnection', (t) =>
  t.connection(
    {
      type: Position,
      description:
        'Where each actor stands on it, by their latest claim on it (by asOf, where given), one position per ' +
        'actor, a page at a time, in the order they have been held since: by the first day the first claim of ' +
        "the actor's unbroken run of that stance may have been made (when it was said or, where the sources do " +
        'not say, when its earliest report was published: the start of since), earliest first, then by actor. ' +
        `first and last default to ${DEFAULT_PAGE_SIZE}, at most ${QUERY_LIMITS.pageSize}.`,
      args: heldPositions.getArgs(),
      select: (args, ctx, nestedSelection) => ({
        columns: { id: true },
        with: { heldPositions: heldPositions.getQuery(args, ctx, nestedSelection) },
      }),
      resolve: (proposition, args, ctx) =>
        heldPositions.resolve(proposition.heldPositions, args, ctx, {
          propositionId: proposition.id,
          asOf: args.asOf ?? null,
          stance: args.stance ?? null,
        }),
    },
    {
      name: 'PropositionPositionsConnection',
      fields: (connection) => ({
        totalCount: connection.int({
          description: 'How many positions are held (on asOf, of the stance, where given), on every page.',
          resolve: ({ parent }, _args, ctx) => countHeldPositions(ctx, parent as HeldCount),
        }),
      }),
    },
    { name: 'PropositionPositionsConnectionEdge' },
  ),
);

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The since date a cursor of this connection is at (its first column), or null for no cursor of it. */
function cursorSince(cursor: string | null | undefined): string | null {
  if (!cursor) return null;
  try {
    const decoded = decodeBase64(cursor);
    const columns = decodeCursorChunk(decoded.startsWith('DC:') ? decoded.slice(3) : '');
    const since = Array.isArray(columns) ? columns[0] : null;
    return typeof since === 'string' && ISO_DAY.test(since) ? since : null;
  } catch {
    // The connection's own reading of the cursor refuses it, and says so.
    return null;
  }
}

/**
 * Bounds on since_placed_start that the positions after or before a cursor, and those held on asOf, keep: implied
 * by them, but what lets the scan of the order's index start at the cursor and stop at asOf, where the keyset's OR
 * of columns alone would read every row before the page.
 */
function sinceBounds(args: HeldPositionsArgs) {
  const from = cursorSince(args.after);
  const until = [args.asOf, cursorSince(args.before)].filter((day) => day != null).sort()[0];
  if (!from && !until) return {};
  return { sincePlacedStart: { ...(from ? { gte: from } : {}), ...(until ? { lte: until } : {}) } };
}

interface HeldCount {
  propositionId: number;
  asOf: string | null;
  stance: string | null;
}

const loaders = new WeakMap<Context, DataLoader<HeldCount, number, string>>();
const keyOf = ({ propositionId, asOf, stance }: HeldCount) => `${propositionId}:${asOf}:${stance}`;

/** How many positions are held on a proposition, for the totalCount: one statement per asOf and stance asked. */
function countHeldPositions(ctx: Context, key: HeldCount): Promise<number> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader((keys) => countsOf(ctx, keys), { cacheKeyFn: keyOf });
    loaders.set(ctx, loader);
  }
  return loader.load(key);
}

async function countsOf(ctx: Context, keys: readonly HeldCount[]): Promise<number[]> {
  const counted = new Map<string, number>();
  const asked = new Map(keys.map((key) => [`${key.asOf}:${key.stance}`, key]));
  for (const { asOf, stance } of asked.values()) {
    const propositionIds = keys
      .filter((key) => key.asOf === asOf && key.stance === stance)
      .map((key) => key.propositionId);
    const rows = await ctx.db
      .select({ propositionId: positions.propositionId, total: count() })
      .from(positions)
      .where(and(inArray(positions.propositionId, propositionIds), positionsHeldSql(asOf, stance)))
      .groupBy(positions.propositionId);
    for (const row of rows) counted.set(keyOf({ propositionId: row.propositionId, asOf, stance }), row.total);
  }
  return keys.map((key) => counted.get(keyOf(key)) ?? 0);
}
