import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { CONNECT_TIMEOUT_MS } from './postgres-client.js';

/** The channel every commit notifies (drizzle/*_commits_notify), its sequence as the payload. */
export const COMMITS_CHANNEL = 'whosaid_commits';

/** Calls `onCommit` whenever a commit may have happened; `stop` ends the listening. */
export type ListenForCommits = (onCommit: () => void) => Promise<{ stop(): Promise<void> }>;

/** PGlite has LISTEN too, in its one session, which hears its own commits: the embedded server's writes. */
export function listenOnPglite(client: PGlite): ListenForCommits {
  return async (onCommit) => {
    const unlisten = await client.listen(COMMITS_CHANNEL, () => onCommit());
    return { stop: () => unlisten() };
  };
}

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 10_000;

/**
 * One connection of its own, outside the pool, for as long as the process listens: a pooled one would be handed back
 * and its LISTEN lost. A connection that breaks is opened again, waiting longer each time it fails (to 10 s), and
 * `onCommit` is called once it listens again, since commits meanwhile were not heard.
 */
export function listenOnPostgres(url: string): ListenForCommits {
  return async (onCommit) => {
    let stopped = false;
    let client: pg.Client | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_RETRY_MS;

    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
      // A broken connection emits error, then end; either one starts the next attempt, once.
      let lost = false;
      const reconnect = () => {
        if (lost || stopped) return;
        lost = true;
        next.end().catch(() => {});
        retryTimer = setTimeout(() => void connect().catch(() => {}), delay);
        delay = Math.min(delay * 2, LAST_RETRY_MS);
      };
      next.on('error', reconnect);
      next.on('end', reconnect);
      next.on('notification', () => onCommit());
      try {
        await next.connect();
        await next.query(`LISTEN ${COMMITS_CHANNEL}`);
      } catch (error) {
        reconnect();
        throw error;
      }
      if (stopped) {
        await next.end();
        return;
      }
      client = next;
      delay = FIRST_RETRY_MS;
      onCommit();
    };

    // A first connection that fails is tried again as a broken one is; the feed's polling covers the wait.
    await connect().catch(() => {});
    return {
      async stop() {
        stopped = true;
        clearTimeout(retryTimer);
        await client?.end().catch(() => {});
      },
    };
  };
}
