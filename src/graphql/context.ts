import type { ChangeFeedHub } from '../db/change-feed-follower.js';
import type { Database } from '../db/database.js';
import type { Viewer } from '../domain/auth/api-keys.js';

export interface Context {
  db: Database;
  /** The caller's API key, or null for an anonymous request. */
  viewer: Viewer | null;
  /** Whether reads need a key too (WHOSAID_READS_REQUIRE_KEY). */
  readsRequireKey: boolean;
  /** This process's reader of the change feed, for subscriptions; without it (the Worker) each one polls. */
  changeFeed?: ChangeFeedHub;
  /** The Last-Event-ID header: the event a subscription resumes after. */
  lastEventId?: string;
}

/** The context of a field that needs an API key (scope-auth's withAuth): the caller is known. */
export interface ViewerContext extends Context {
  viewer: Viewer;
}
