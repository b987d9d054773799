import type { Logger } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { OpenDatabase } from './embedded.js';
import { MIGRATIONS_FOLDER } from './migrations.js';
import { relations } from './relations.js';

/** A Postgres server reached over TCP (node-postgres), migrated to the latest schema. */
export async function openPostgresDatabase(url: string, options: { logger?: Logger } = {}): Promise<OpenDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = drizzle({ client: pool, relations, logger: options.logger });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db, close: () => pool.end() };
}
