import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { isTransientConflict } from '../../db/failures.js';
import { refreshStalePositions } from '../../db/positions.js';

/**
 * Thrown by a write that finds what it read changed by another transaction before it could lock it (a claim it
 * reports merged away, a claim it creates created by another source): run again, it reads the new state.
 */
export class ConcurrentWriteError extends Error {
  override name = 'ConcurrentWriteError';
}

/** How many times a write is tried in all when the database gives it up for a deadlock or a serialization failure. */
export const WRITE_ATTEMPTS = 4;

/**
 * Runs a write in one transaction, recording `changedBy` (an API key's name) as the author of every revision the
 * audit triggers write in it. Before it commits, it rewrites the positions its changes to claims made stale (the
 * database records which), so that no write, however it changes the claims, leaves them behind.
 *
 * A transaction the database aborted to break a deadlock, or for a serialization failure, wrote nothing, and running
 * it again is what the client would have to do; so is one that found another write in its way (ConcurrentWriteError).
 * It is run again here, a few times, after a short random wait, so that two writers that ran into each other do not
 * meet again at once.
 */
export async function writeTransaction<T>(
  db: Database,
  changedBy: string,
  write: (tx: Database) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('whosaid.changed_by', ${changedBy}, true)`);
        const result = await write(tx);
        await refreshStalePositions(tx);
        return result;
      });
    } catch (error) {
      const transient = error instanceof ConcurrentWriteError || isTransientConflict(error);
      if (attempt >= WRITE_ATTEMPTS || !transient) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
