import { type SQL, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import {
  actors,
  claimEvents,
  claimSpeakers,
  claimStances,
  claims,
  eventParticipants,
  events,
  propositions,
} from './schema.js';

/** In their order on equal dates: an event comes before the claims on the same days, which mostly react to it. */
export const TIMELINE_KINDS = ['EVENT', 'CLAIM'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Where an entry sits on the timeline: its sort key, which is also what its cursor holds. */
export interface TimelinePosition {
  start: string;
  end: string;
  kind: TimelineKind;
  id: number;
}

/** All given conditions must hold; an unknown slug matches nothing. */
export interface TimelineFilter {
  actor?: string;
  proposition?: string;
  event?: string;
  from?: string;
  to?: string;
}

export interface TimelineWindow {
  after?: TimelinePosition;
  before?: TimelinePosition;
  /** Rows to fetch: from the front of the window, or from its back when `backward`. */
  limit: number;
  backward: boolean;
}

interface Branch {
  kind: TimelineKind;
  start: SQL;
  end: SQL;
  id: SQL;
  table: SQL;
  conditions: SQL[];
}

const rank = (kind: TimelineKind) => TIMELINE_KINDS.indexOf(kind);

/**
 * The entries of one timeline page, in the order of travel: timeline order forwards, the reverse backwards. Each kind's rows are ordered and limited on their own, by
 * the index on (start, end, id) they match, before the union sorts at most `limit` rows of each: a page deep in
 * the timeline costs what the first one does.
 */
export async function timelinePage(
  db: Database,
  filter: TimelineFilter,
  window: TimelineWindow,
): Promise<TimelinePosition[]> {
  const direction = window.backward ? sql.raw('DESC') : sql.raw('ASC');
  const selects = branches(filter).map((branch) => {
    const conditions = [
      ...branch.conditions,
      ...(window.after ? [keysetCondition(branch, window.after, 'after')] : []),
      ...(window.before ? [keysetCondition(branch, window.before, 'before')] : []),
    ];
    return sql`(SELECT ${branch.start} AS start_on, ${branch.end} AS end_on, ${rank(branch.kind)}::int AS rank, ${branch.id} AS id
      FROM ${branch.table} WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY ${branch.start} ${direction}, ${branch.end} ${direction}, ${branch.id} ${direction} LIMIT ${window.limit})`;
  });
  const result = (await db.execute(sql`SELECT start_on::text AS start, end_on::text AS end, rank, id
    FROM (${sql.join(selects, sql` UNION ALL `)}) AS entries
    ORDER BY start_on ${direction}, end_on ${direction}, rank ${direction}, id ${direction} LIMIT ${window.limit}`)) as unknown as {
    rows: { start: string; end: string; rank: number; id: number }[];
  };
  return result.rows.map((row) => ({
    start: row.start,
    end: row.end,
    kind: TIMELINE_KINDS[Number(row.rank)]!,
    id: Number(row.id),
  }));
}

/** How many entries match the filter, whatever the page. */
export async function timelineCount(db: Database, filter: TimelineFilter): Promise<number> {
  const counts = branches(filter).map(
    (branch) => sql`(SELECT count(*) FROM ${branch.table} WHERE ${sql.join(branch.conditions, sql` AND `)})`,
  );
  const result = (await db.execute(sql`SELECT (${sql.join(counts, sql` + `)})::int AS total`)) as unknown as {
    rows: { total: number }[];
  };
  return Number(result.rows[0]!.total);
}

/**
 * The rows past `cursor` in one branch, as a row comparison the branch's (start, end, id) index can serve. Rows of
 * the cursor's own kind compare on the whole key; rows of another kind on the dates alone, equal dates included
 * when that kind sorts on the far side of the cursor's.
 */
function keysetCondition(branch: Branch, cursor: TimelinePosition, side: 'after' | 'before'): SQL {
  const operator = side === 'after' ? '>' : '<';
  const dates = sql`${cursor.start}::date, ${cursor.end}::date`;
  if (branch.kind === cursor.kind) {
    return sql`(${branch.start}, ${branch.end}, ${branch.id}) ${sql.raw(operator)} (${dates}, ${cursor.id}::int)`;
  }
  const beyond = side === 'after' ? rank(branch.kind) > rank(cursor.kind) : rank(branch.kind) < rank(cursor.kind);
  return sql`(${branch.start}, ${branch.end}) ${sql.raw(beyond ? `${operator}=` : operator)} (${dates})`;
}

function branches(filter: TimelineFilter): Branch[] {
  return [eventBranch(filter), claimBranch(filter)];
}

function eventBranch({ actor, proposition, event, from, to }: TimelineFilter): Branch {
  const conditions = [sql`${events.occurredStart} IS NOT NULL`];
  if (from) conditions.push(sql`coalesce(${events.endedEnd}, ${events.occurredEnd}) >= ${from}::date`);
  if (to) conditions.push(sql`${events.occurredStart} <= ${to}::date`);
  if (actor) {
    conditions.push(sql`${events.id} IN (SELECT ${eventParticipants.eventId} FROM ${eventParticipants}
      WHERE ${eventParticipants.actorId} = (SELECT ${actors.id} FROM ${actors} WHERE ${actors.slug} = ${actor}))`);
  }
  if (proposition) {
    conditions.push(sql`${events.id} IN (SELECT ${claimEvents.eventId} FROM ${claimEvents}
      JOIN ${claimStances} ON ${claimStances.claimId} = ${claimEvents.claimId}
      JOIN ${claims} ON ${claims.id} = ${claimEvents.claimId} AND ${claims.retractedAt} IS NULL
      WHERE ${claimStances.propositionId} = (SELECT ${propositions.id} FROM ${propositions} WHERE ${propositions.slug} = ${proposition}))`);
  }
  if (event) conditions.push(sql`${events.slug} = ${event}`);
  return {
    kind: 'EVENT',
    start: sql`${events.occurredStart}`,
    end: sql`${events.occurredEnd}`,
    id: sql`${events.id}`,
    table: sql`${events}`,
    conditions,
  };
}

function claimBranch({ actor, proposition, event, from, to }: TimelineFilter): Branch {
  const conditions = [sql`${claims.retractedAt} IS NULL`];
  if (from) conditions.push(sql`${claims.placedEnd} >= ${from}::date`);
  if (to) conditions.push(sql`${claims.placedStart} <= ${to}::date`);
  if (actor) {
    conditions.push(sql`${claims.id} IN (SELECT ${claimSpeakers.claimId} FROM ${claimSpeakers}
      WHERE ${claimSpeakers.actorId} = (SELECT ${actors.id} FROM ${actors} WHERE ${actors.slug} = ${actor}))`);
  }
  if (proposition) {
    conditions.push(sql`${claims.id} IN (SELECT ${claimStances.claimId} FROM ${claimStances}
      WHERE ${claimStances.propositionId} = (SELECT ${propositions.id} FROM ${propositions} WHERE ${propositions.slug} = ${proposition}))`);
  }
  if (event) {
    conditions.push(sql`${claims.id} IN (SELECT ${claimEvents.claimId} FROM ${claimEvents}
      WHERE ${claimEvents.eventId} = (SELECT ${events.id} FROM ${events} WHERE ${events.slug} = ${event}))`);
  }
  return {
    kind: 'CLAIM',
    start: sql`${claims.placedStart}`,
    end: sql`${claims.placedEnd}`,
    id: sql`${claims.id}`,
    table: sql`${claims}`,
    conditions,
  };
}
