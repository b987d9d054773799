import { and, asc, desc, eq, getColumns, gt, gte, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { commits, revisions } from './schema.js';

/** Where a change sits in the feed: the commit it is in, then its own id. It is also what a cursor holds. */
export interface FeedPosition {
  commit: number;
  id: number;
}

export interface FeedWindow {
  /** Changes in commits at or after this moment. */
  since?: string;
  after?: FeedPosition;
  before?: FeedPosition;
  /** Rows to fetch: from the front of the window, or from its back when `backward`. */
  limit: number;
  backward: boolean;
  /** Changes to API keys are an admin's to read. */
  includeApiKeys: boolean;
}

export type FeedRevision = typeof revisions.$inferSelect & { commitSequence: number; committedAt: string };

/**
 * One page of committed changes, in the order of travel: by commit, then by revision id within a commit; the
 * reverse backwards. Only committed transactions have a commits row, and a commit is numbered only once every
 * commit before it can be seen (drizzle/*_commits_numbered), so a client paging on from its last cursor misses none.
 */
export function changeFeedPage(db: Database, window: FeedWindow): Promise<FeedRevision[]> {
  const conditions: (SQL | undefined)[] = [];
  if (window.since !== undefined) {
    conditions.push(gte(commits.committedAt, window.since));
    // The first commit since then bounds the scan of commits by their key, which is the order of the page.
    if (window.after === undefined) {
      conditions.push(
        gte(
          commits.sequence,
          sql`(SELECT min(${commits.sequence}) FROM ${commits} WHERE ${commits.committedAt} >= ${window.since})`,
        ),
      );
    }
  }
  if (window.after) conditions.push(gte(commits.sequence, window.after.commit), beyond(window.after, 'after'));
  if (window.before) conditions.push(lte(commits.sequence, window.before.commit), beyond(window.before, 'before'));
  if (!window.includeApiKeys) conditions.push(ne(revisions.entityType, 'ApiKey'));
  const order = window.backward ? desc : asc;
  return db
    .select({ ...getColumns(revisions), commitSequence: commits.sequence, committedAt: commits.committedAt })
    .from(commits)
    .innerJoin(revisions, eq(revisions.transactionId, commits.transactionId))
    .where(and(...conditions))
    .orderBy(order(commits.sequence), order(revisions.id))
    .limit(window.limit);
}

function beyond(position: FeedPosition, side: 'after' | 'before'): SQL | undefined {
  const further = side === 'after' ? gt : lt;
  return or(
    further(commits.sequence, position.commit),
    and(eq(commits.sequence, position.commit), further(revisions.id, position.id)),
  );
}
