import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { events } from '../../db/schema.js';
import { identifierUrl } from '../../domain/identifiers/identifier-input.js';
import { recordEvent, updateEvent } from '../../domain/writes/events.js';
import { idBySlug } from '../../domain/writes/id-by-slug.js';
import { builder } from '../builder.js';
import { countMatching } from './count-matching.js';
import {
  IDENTIFIERS,
  IDENTIFIERS_DESCRIPTION,
  Identifier,
  IdentifierInput,
  identifierLookup,
  oneKey,
  SAME_AS_DESCRIPTION,
} from './identifier.js';
import { PartialDate, partialDateOf, partialDateSelect } from './partial-date.js';
import { rowColumns } from './row-columns.js';
import { DateScalar } from './scalars.js';
import { changesClearing, EventInput, PartialDateInput, withoutNulls } from './source-bundle-input.js';
import { loadWritten } from './written-row.js';

export const Event = builder.drizzleNode('events', {
  select: { columns: rowColumns(events) },
  name: 'Event',
  description: 'Something that happened and that claims are about: a meeting, an interview, a bombing, a report.',
  id: { column: (event) => event.id },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    title: t.exposeString('title'),
    kind: t.exposeString('kind', { nullable: true }),
    description: t.exposeString('description', { nullable: true }),
    occurredOn: t.field({
      type: PartialDate,
      nullable: true,
      select: partialDateSelect('occurred'),
      resolve: (event) => partialDateOf(event, 'occurred'),
    }),
    endedOn: t.field({
      type: PartialDate,
      nullable: true,
      select: partialDateSelect('ended'),
      resolve: (event) => partialDateOf(event, 'ended'),
    }),
    location: t.exposeString('location', { nullable: true }),
    identifiers: t.field({
      type: [Identifier],
      description: IDENTIFIERS_DESCRIPTION,
      select: { with: { identifiers: IDENTIFIERS } },
      resolve: (event) => event.identifiers,
    }),
    sameAs: t.stringList({
      description: SAME_AS_DESCRIPTION,
      select: { with: { identifiers: IDENTIFIERS } },
      resolve: (event) => event.identifiers.map(identifierUrl),
    }),
    version: t.exposeInt('version'),
    revisions: t.relation('revisions', {
      description: 'Every change to it, oldest first.',
      query: { orderBy: { id: 'asc' } },
    }),
    participants: t.relation('participants', { query: { orderBy: { position: 'asc' } } }),
    claims: t.relatedConnection('claims', {
      description: 'The claims about this event, in the order they were said.',
      totalCount: true,
      args: { includeRetracted: t.arg.boolean({ defaultValue: false }) },
      query: (args) => ({
        where: args.includeRetracted ? {} : { retractedAt: { isNull: true } },
        orderBy: { placedStart: 'asc', placedEnd: 'asc', id: 'asc' },
      }),
    }),
  }),
});

builder.drizzleObject('eventParticipants', {
  name: 'Participant',
  fields: (t) => ({
    role: t.exposeString('role', { nullable: true }),
    actor: t.relation('actor'),
  }),
});

const EventFilter = builder.inputType('EventFilter', {
  description: 'All given conditions must hold. Dates match when the event may have happened in the range.',
  fields: (t) => ({
    from: t.field({ type: DateScalar }),
    to: t.field({ type: DateScalar }),
    participant: t.string({ description: 'An actor slug.' }),
    kind: t.string(),
  }),
});

function eventWhere(filter: typeof EventFilter.$inferInput | null | undefined) {
  if (!filter) return {};
  const { from, to } = filter;
  if (from && to && from > to) {
    throw new GraphQLError(`from ${from} is after to ${to}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return {
    ...(from
      ? {
          RAW: (events: { endedEnd: unknown; occurredEnd: unknown }) =>
            sql`coalesce(${events.endedEnd}, ${events.occurredEnd}) >= ${from}`,
        }
      : {}),
    ...(to ? { occurredStart: { lte: to } } : {}),
    ...(filter.participant ? { participants: { actor: { slug: filter.participant } } } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
  };
}

builder.queryFields((t) => ({
  event: t.drizzleField({
    type: 'events',
    nullable: true,
    description: 'The event with this slug, or with this identifier; null where there is none.',
    args: { slug: t.arg.string(), identifier: t.arg({ type: IdentifierInput }) },
    resolve: (query, _root, args, ctx) => {
      oneKey('slug', args);
      const where = args.slug ? { slug: args.slug } : identifierLookup(args.identifier!);
      return ctx.db.query.events.findFirst(query({ where }));
    },
  }),
  events: t.drizzleConnection({
    type: 'events',
    description: 'Events in the order they happened; undated ones last.',
    args: { filter: t.arg({ type: EventFilter }) },
    totalCount: (_root, args, ctx) => countMatching(ctx.db.query.events, eventWhere(args.filter)),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.events.findMany(
        query({
          where: eventWhere(args.filter),
          extras: { placed: (events) => sql<string>`coalesce(${events.occurredStart}, 'infinity'::date)` },
          orderBy: { placed: 'asc', id: 'asc' },
        }),
      ),
  }),
}));

const EventChanges = builder.inputType('EventChanges', {
  description: 'The fields to change; those left out stay as they are.',
  fields: (t) => ({
    title: t.string(),
    kind: t.string(),
    description: t.string(),
    location: t.string(),
    occurredOn: t.field({
      type: PartialDateInput,
      description: 'null clears it, which an event with an endedOn refuses unless endedOn is cleared too.',
    }),
    endedOn: t.field({ type: PartialDateInput, description: 'null clears it.' }),
  }),
});

builder.mutationFields((t) => {
  const editor = t.withAuth({ editor: true });
  return {
    recordEvent: editor.drizzleField({
      type: 'events',
      errors: {},
      args: { input: t.arg({ type: EventInput, required: true }) },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.events, query, () => recordEvent(ctx.db, withoutNulls(args.input), ctx.viewer.name)),
    }),
    updateEvent: editor.drizzleField({
      type: 'events',
      errors: {},
      args: {
        slug: t.arg.string({ required: true }),
        expectedVersion: t.arg.int({ required: true }),
        changes: t.arg({ type: EventChanges, required: true }),
      },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.events, query, async () => {
          const id = await idBySlug(ctx.db.query.events, 'event', args.slug);
          await updateEvent(
            ctx.db,
            id,
            args.expectedVersion,
            changesClearing(args.changes, ['occurredOn', 'endedOn']),
            ctx.viewer.name,
          );
          return id;
        }),
    }),
  };
});
