import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { refreshStalePositions } from '../../db/positions.js';

/**
 * Runs a write in one transaction, recording `changedBy` (an API key's name) as the author of every revision the
 * audit triggers write in it. Before it commits, it rewrites the positions its changes to claims made stale (the
 * database records which), so that no write, however it changes the claims, leaves them behind.
 */
export function writeTransaction<T>(db: Database, changedBy: string, write: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('whosaid.changed_by', ${changedBy}, true)`);
    const result = await write(tx);
    await refreshStalePositions(tx);
    return result;
  });
}
