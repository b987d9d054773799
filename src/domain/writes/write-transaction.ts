import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';

/**
 * Runs a write in one transaction, recording `changedBy` (an API key's name) as the author of every revision the
 * audit triggers write in it.
 */
export function writeTransaction<T>(db: Database, changedBy: string, write: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('whosaid.changed_by', ${changedBy}, true)`);
    return write(tx);
  });
}
