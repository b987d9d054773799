import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Logger } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { type Database, DEFAULT_STATEMENT_TIMEOUT_MS } from './database.js';
import { MIGRATIONS_FOLDER } from './migrations.js';
import { relations } from './relations.js';

export interface OpenDatabase {
  db: Database;
  close(): Promise<void>;
}

/**
 * PGlite, in memory or persisted under `dataDir`, migrated to the latest schema. `loadDataDir` starts it from a
 * dump of another PGlite's data directory (`dumpDataDir`), which is then migrated as any other.
 */
export async function openEmbeddedDatabase(
  options: { dataDir?: string; loadDataDir?: Blob; logger?: Logger; statementTimeoutMs?: number } = {},
): Promise<OpenDatabase> {
  const client = await PGlite.create({
    dataDir: options.dataDir,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm },
  });
  const db = drizzle({ client, relations, logger: options.logger });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  // Set as on every other connection; PGlite runs no timers, so in practice it never cancels a statement.
  await client.exec(
    `SET statement_timeout = ${Math.trunc(options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS)}`,
  );
  return { db, close: () => client.close() };
}
