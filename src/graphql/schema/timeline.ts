import { MAX_ROW_ID } from '../../db/database.js';
import {
  TIMELINE_KINDS,
  type TimelineKind,
  type TimelinePosition,
  timelineCount,
  timelinePage,
} from '../../db/timeline.js';
import { calendarDayError } from '../../domain/partial-date.js';
import { badInput } from '../bad-input.js';
import { builder } from '../builder.js';
import { DEFAULT_PAGE_SIZE, QUERY_LIMITS } from '../query-limits.js';
import { Claim } from './claim.js';
import { cursorConnection } from './cursor-connection.js';
import { Event } from './event.js';
import { nodeById, READS_IDS_THEN_ROWS } from './node-by-id.js';
import { DateScalar } from './scalars.js';

/** A page row: the node loader fills in whatever the query selects of the claim or event. */
interface TimelineRow {
  id: number;
  kind: TimelineKind;
}

const TimelineEntry = builder.unionType('TimelineEntry', {
  description: 'A claim or an event, in its place on the timeline.',
  types: [Claim, Event],
  resolveType: (entry) => ((entry as unknown as TimelineRow).kind === 'CLAIM' ? Claim : Event),
});

const TimelineFilter = builder.inputType('TimelineFilter', {
  description: 'All given conditions must hold. An unknown slug matches nothing.',
  fields: (t) => ({
    actor: t.string({
      description: 'An actor slug: the claims the actor spoke and the events the actor took part in.',
    }),
    proposition: t.string({
      description:
        'A proposition slug: the claims taking a stance on it and the events those claims are linked to (a ' +
        'retracted claim brings in no event).',
    }),
    event: t.string({ description: 'An event slug: the event and the claims linked to it.' }),
    from: t.field({
      type: DateScalar,
      description: 'Entries that may fall on this day or later; an event lasts until it ended.',
    }),
    to: t.field({ type: DateScalar, description: 'Entries that may fall on this day or earlier.' }),
  }),
});

function encodeCursor({ start, end, kind, id }: TimelinePosition): string {
  return btoa(`Timeline:${start}:${end}:${kind}:${id}`);
}

function decodeCursor(argument: 'after' | 'before', cursor: string): TimelinePosition {
  let decoded: string;
  try {
    decoded = atob(cursor);
  } catch {
    throw badInput(`${argument}: "${cursor}" is not a timeline cursor (not base64)`);
  }
  const [label, start, end, kind, id, ...rest] = decoded.split(':');
  if (label !== 'Timeline' || id === undefined || rest.length > 0) {
    throw badInput(`${argument}: "${cursor}" is not a timeline cursor`);
  }
  for (const day of [start!, end!]) {
    const error = calendarDayError(day);
    if (error) throw badInput(`${argument}: the cursor's date is invalid: ${error}`);
  }
  if (start! > end!) throw badInput(`${argument}: the cursor's start ${start} is after its end ${end}`);
  if (!TIMELINE_KINDS.includes(kind as TimelineKind)) {
    throw badInput(`${argument}: the cursor's kind "${kind}" is not one of ${TIMELINE_KINDS.join(', ')}`);
  }
  if (!/^\d{1,10}$/.test(id) || Number(id) > MAX_ROW_ID)
    throw badInput(`${argument}: the cursor's id "${id}" is not a row id`);
  return { start: start!, end: end!, kind: kind as TimelineKind, id: Number(id) };
}

function pageSize(argument: 'first' | 'last', value: number): number {
  if (value < 0 || value > QUERY_LIMITS.pageSize) {
    throw badInput(`${argument} must be between 0 and ${QUERY_LIMITS.pageSize}, not ${value}`);
  }
  return value;
}

builder.queryFields((t) => ({
  timeline: t.connection(
    {
      type: TimelineEntry,
      description:
        'Claims and events in date order: by the first day each may fall on, the more precise first on the same ' +
        'day (a day before its month before its year), events before claims on the same dates, then by id. A ' +
        'claim is placed when it was said, else when its earliest report was published; an event when ' +
        'it occurred, and events without that date are not on the timeline. Retracted claims are left out. ' +
        `first and last default to ${DEFAULT_PAGE_SIZE}, at most ${QUERY_LIMITS.pageSize}.`,
      args: { filter: t.arg({ type: TimelineFilter }) },
      extensions: READS_IDS_THEN_ROWS,
      resolve: async (_root, args, ctx) => {
        if (args.first != null && args.last != null) throw badInput('Give first or last, not both');
        const filter = {
          actor: args.filter?.actor ?? undefined,
          proposition: args.filter?.proposition ?? undefined,
          event: args.filter?.event ?? undefined,
          from: args.filter?.from ?? undefined,
          to: args.filter?.to ?? undefined,
        };
        if (filter.from && filter.to && filter.from > filter.to) {
          throw badInput(`from ${filter.from} is after to ${filter.to}`);
        }
        if (args.last != null) pageSize('last', args.last);
        else if (args.first != null) pageSize('first', args.first);
        const connection = await cursorConnection(
          { args, toCursor: encodeCursor, defaultSize: DEFAULT_PAGE_SIZE, maxSize: QUERY_LIMITS.pageSize },
          ({ after, before, limit, inverted }) =>
            timelinePage(ctx.db, filter, {
              after: after === undefined ? undefined : decodeCursor('after', after),
              before: before === undefined ? undefined : decodeCursor('before', before),
              limit,
              backward: inverted,
            }),
        );
        return {
          edges: connection.edges.map((edge) => ({
            cursor: edge.cursor,
            node: nodeById<typeof TimelineEntry.$inferType>(edge.node.id, {
              kind: edge.node.kind,
            } satisfies Omit<TimelineRow, 'id'>),
          })),
          pageInfo: connection.pageInfo,
          count: () => timelineCount(ctx.db, filter),
        };
      },
    },
    {
      fields: (connection) => ({
        totalCount: connection.int({
          description: 'How many entries match the filter, on every page.',
          resolve: (parent) => parent.count(),
        }),
      }),
    },
  ),
}));
