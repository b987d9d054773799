import { type AnyColumn, and, asc, eq, exists, sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import type { FeedPosition, FeedRevision } from '../../db/change-feed.js';
import { FeedBacklogError, type FeedSubscription, pollChangeFeed } from '../../db/change-feed-follower.js';
import {
  actors,
  claimEvents,
  claimSpeakers,
  claimStances,
  claims,
  events,
  positions,
  propositions,
} from '../../db/schema.js';
import { badInput } from '../bad-input.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { decodeRowGlobalID } from '../row-global-id.js';
import { decodeEventId, type EventPosition, encodeEventId, setCurrentEventId } from '../subscription-events.js';
import { Claim } from './claim.js';
import { Shift } from './position.js';
import { Revision } from './revision.js';

/** The kinds of thing whose changes the feed records (the first argument of each record_revision trigger). */
const ENTITY_TYPES = ['Actor', 'ApiKey', 'Claim', 'Event', 'Proposition', 'Source'] as const;

type FeedEvent<Value> = { eventId: string; value: Value } | { backlog: FeedBacklogError };

/**
 * The events a subscription derives from the change feed, each with its id, resuming after the Last-Event-ID the
 * client sent. Not an async generator: the client's leaving must end the feed subscription at once, even while it
 * waits for the next commit, and a generator's return waits for its pending await.
 */
class FeedEvents<Value> implements AsyncIterableIterator<FeedEvent<Value>> {
  readonly #feed: FeedSubscription;
  readonly #derive: (revision: FeedRevision) => Promise<Value[]>;
  readonly #resume: EventPosition | undefined;
  #ready: FeedEvent<Value>[] = [];
  #done = false;

  constructor(ctx: Context, derive: (revision: FeedRevision) => Promise<Value[]>) {
    this.#resume = ctx.lastEventId ? decodeEventId(ctx.lastEventId) : undefined;
    // Part way through a change's events, its change is read again and those already sent are skipped.
    const after: FeedPosition | undefined = this.#resume?.index
      ? { commit: this.#resume.commit, id: this.#resume.id - 1 }
      : this.#resume && { commit: this.#resume.commit, id: this.#resume.id };
    const options = { after, includeApiKeys: ctx.viewer?.role === 'ADMIN' };
    this.#feed = ctx.changeFeed ? ctx.changeFeed.follow(options) : pollChangeFeed(ctx.db, options);
    this.#derive = derive;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<FeedEvent<Value>>> {
    while (this.#ready.length === 0) {
      if (this.#done) return { done: true, value: undefined };
      let revision: IteratorResult<FeedRevision>;
      try {
        revision = await this.#feed.next();
      } catch (error) {
        if (!(error instanceof FeedBacklogError)) throw error;
        this.#done = true;
        return { done: false, value: { backlog: error } };
      }
      if (revision.done) return { done: true, value: undefined };
      const values = await this.#derive(revision.value);
      const { commitSequence: commit, id } = revision.value;
      const sent = this.#resume?.commit === commit && this.#resume.id === id ? (this.#resume.index ?? 0) : 0;
      this.#ready = values.slice(sent).map((value, offset) => {
        const index = sent + offset + 1;
        return { eventId: encodeEventId({ commit, id, ...(index < values.length ? { index } : {}) }), value };
      });
    }
    return { done: false, value: this.#ready.shift()! };
  }

  async return(): Promise<IteratorResult<FeedEvent<Value>>> {
    this.#done = true;
    this.#ready = [];
    this.#feed.close();
    return { done: true, value: undefined };
  }
}

/** The value of an event, its id noted for the SSE writer; a backlog ends the subscription with its reason. */
function eventValue<Value>(event: FeedEvent<Value>, ctx: Context): Value {
  if ('backlog' in event) {
    throw new GraphQLError(event.backlog.message, {
      extensions: { code: 'SUBSCRIPTION_BACKLOG', bufferSize: event.backlog.bufferSize },
    });
  }
  setCurrentEventId(ctx, event.eventId);
  return event.value;
}

async function idOfSlug(
  ctx: Context,
  table: typeof actors | typeof propositions | typeof events,
  field: string,
  slug: string | null | undefined,
): Promise<number | undefined> {
  if (slug == null) return undefined;
  const [row] = await ctx.db.select({ id: table.id }).from(table).where(eq(table.slug, slug)).limit(1);
  if (!row) throw badInput(`filter.${field}: there is no ${field} "${slug}"`);
  return row.id;
}

const ChangesFilter = builder.inputType('ChangesFilter', {
  description: 'Which changes a subscription to changes is sent; all of them without it.',
  fields: (t) => ({
    entityType: t.string({ description: `Changes to this kind of thing only: ${ENTITY_TYPES.join(', ')}.` }),
    entity: t.id({ description: 'Changes to this one thing only, by its global id.' }),
  }),
});

const ClaimRecordedFilter = builder.inputType('ClaimRecordedFilter', {
  description: 'Which new claims a subscription to claimRecorded is sent: all that match every slug given.',
  fields: (t) => ({
    actor: t.string({ description: 'Claims this actor is a speaker of.' }),
    proposition: t.string({ description: 'Claims that take a stance on this proposition.' }),
    event: t.string({ description: 'Claims linked to this event.' }),
  }),
});

const PositionShiftedFilter = builder.inputType('PositionShiftedFilter', {
  description: 'Which shifts a subscription to positionShifted is sent: all that match every slug given.',
  fields: (t) => ({
    actor: t.string({ description: 'Shifts of this actor.' }),
    proposition: t.string({ description: 'Shifts on this proposition.' }),
  }),
});

const RESUMING =
  'Each event carries its id (the SSE id, and extensions.eventId): a client that reconnects with it as ' +
  'Last-Event-ID is sent every event after it, each once.';

builder.subscriptionType({ authScopes: { reader: true } });

builder.subscriptionFields((t) => ({
  changes: t.field({
    type: Revision,
    description:
      'Each change as its commit becomes visible, in the order of the changes feed. Changes to API keys are sent ' +
      `to admins only. ${RESUMING}`,
    args: { filter: t.arg({ type: ChangesFilter }) },
    subscribe: (_root, args, ctx) => {
      const entityType = args.filter?.entityType ?? undefined;
      if (entityType !== undefined && !(ENTITY_TYPES as readonly string[]).includes(entityType)) {
        throw badInput(`filter.entityType: "${entityType}" is not one of ${ENTITY_TYPES.join(', ')}`);
      }
      let entity: { typename: string; id: number } | undefined;
      if (args.filter?.entity != null) {
        const decoded = (() => {
          try {
            return decodeRowGlobalID(String(args.filter.entity));
          } catch {
            throw badInput(`filter.entity: "${args.filter.entity}" is not a global id`);
          }
        })();
        entity = { typename: decoded.typename, id: Number(decoded.id) };
      }
      return new FeedEvents(ctx, async (revision) =>
        (entityType === undefined || revision.entityType === entityType) &&
        (entity === undefined || (revision.entityType === entity.typename && revision.entityId === entity.id))
          ? [revision]
          : [],
      );
    },
    resolve: (event: FeedEvent<FeedRevision>, _args, ctx) => eventValue(event, ctx),
  }),
  claimRecorded: t.field({
    type: Claim,
    description:
      'Each claim as the commit that records it becomes visible, its speakers, stances and events with it. ' + RESUMING,
    args: { filter: t.arg({ type: ClaimRecordedFilter }) },
    subscribe: async (_root, args, ctx) => {
      const actorId = await idOfSlug(ctx, actors, 'actor', args.filter?.actor);
      const propositionId = await idOfSlug(ctx, propositions, 'proposition', args.filter?.proposition);
      const eventId = await idOfSlug(ctx, events, 'event', args.filter?.event);
      return new FeedEvents(ctx, async (revision) => {
        if (revision.tableName !== 'claims' || revision.action !== 'INSERT') return [];
        const claimId = revision.entityId;
        const linkedTo = (
          table: typeof claimSpeakers | typeof claimStances | typeof claimEvents,
          column: AnyColumn,
          id: number | undefined,
        ) =>
          id === undefined
            ? undefined
            : exists(
                ctx.db
                  .select({ one: sql`1` })
                  .from(table)
                  .where(and(eq(table.claimId, claimId), eq(column, id))),
              );
        if (actorId !== undefined || propositionId !== undefined || eventId !== undefined) {
          const [match] = await ctx.db
            .select({ id: claims.id })
            .from(claims)
            .where(
              and(
                eq(claims.id, claimId),
                linkedTo(claimSpeakers, claimSpeakers.actorId, actorId),
                linkedTo(claimStances, claimStances.propositionId, propositionId),
                linkedTo(claimEvents, claimEvents.eventId, eventId),
              ),
            );
          if (!match) return [];
        }
        const claim = await ctx.db.query.claims.findFirst({ where: { id: claimId } });
        return claim ? [claim] : [];
      });
    },
    resolve: (event: FeedEvent<typeof claims.$inferSelect>, _args, ctx) => eventValue(event, ctx),
  }),
  positionShifted: t.field({
    type: Shift,
    description:
      'Each shift of an actor on a proposition (a stance that differs from the one they took before), with the ' +
      'claims before and after, as the commit that gave the claim after its stance becomes visible. ' +
      RESUMING,
    args: { filter: t.arg({ type: PositionShiftedFilter }) },
    subscribe: async (_root, args, ctx) => {
      const actorId = await idOfSlug(ctx, actors, 'actor', args.filter?.actor);
      const propositionId = await idOfSlug(ctx, propositions, 'proposition', args.filter?.proposition);
      return new FeedEvents(ctx, async (revision) => {
        if (revision.tableName !== 'claim_stances' || revision.action === 'DELETE') return [];
        const stanceProposition = Number((revision.after as { proposition_id: number }).proposition_id);
        if (propositionId !== undefined && stanceProposition !== propositionId) return [];
        return ctx.db
          .select()
          .from(positions)
          .where(
            and(
              eq(positions.evidenceClaimId, revision.entityId),
              eq(positions.propositionId, stanceProposition),
              eq(positions.changed, true),
              actorId === undefined ? undefined : eq(positions.actorId, actorId),
            ),
          )
          .orderBy(asc(positions.actorId));
      });
    },
    resolve: (event: FeedEvent<typeof positions.$inferSelect>, _args, ctx) => eventValue(event, ctx),
  }),
}));
