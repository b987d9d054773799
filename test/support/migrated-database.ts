import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Database } from '../../src/db/database.js';
import { MIGRATIONS_FOLDER } from '../../src/db/migrations.js';
import { openPostgresDatabase } from '../../src/db/postgres.js';
import { relations } from '../../src/db/relations.js';
import { type Backend, createThrowawayDatabase } from './databases.js';

/** A database of an earlier schema, to hold data of that time and be migrated on. */
export interface MigratedDatabase {
  /** Plain SQL on the database, in one transaction where it is several statements. */
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** Migrates it on to the full folder and opens it as whosaid does. */
  migrateToLatest(): Promise<Database>;
  close(): Promise<void>;
}

/** A fresh database with the migrations of drizzle/ applied up to `lastMigration` (its folder's name) and no further. */
export async function databaseMigratedTo(backend: Backend, lastMigration: string): Promise<MigratedDatabase> {
  const folder = await mkdtemp(join(tmpdir(), 'whosaid-migrations-'));
  for (const migration of await readdir(MIGRATIONS_FOLDER)) {
    if (migration <= lastMigration)
      await cp(join(MIGRATIONS_FOLDER, migration), join(folder, migration), { recursive: true });
  }
  const removeFolder = () => rm(folder, { recursive: true, force: true });
  if (backend === 'pglite') {
    const client = await PGlite.create({ extensions: { pg_trgm } });
    const db = drizzlePglite({ client, relations });
    await migratePglite(db, { migrationsFolder: folder });
    return {
      exec: async (sql) => void (await client.transaction((tx) => tx.exec(sql))),
      rows: async (sql) => (await client.query<Record<string, unknown>>(sql)).rows,
      async migrateToLatest() {
        await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
        return db as unknown as Database;
      },
      async close() {
        await client.close();
        await removeFolder();
      },
    };
  }
  const throwaway = await createThrowawayDatabase();
  const client = new pg.Client({ connectionString: throwaway.url });
  await client.connect();
  await migratePostgres(drizzlePostgres({ client, relations }), { migrationsFolder: folder });
  let opened: { close(): Promise<void> } | undefined;
  return {
    exec: async (sql) => void (await client.query(`BEGIN; ${sql}; COMMIT`)),
    rows: async (sql) => (await client.query(sql)).rows,
    async migrateToLatest() {
      const database = await openPostgresDatabase(throwaway.url);
      opened = database;
      return database.db;
    },
    async close() {
      await client.end();
      await opened?.close();
      await throwaway.drop();
      await removeFolder();
    },
  };
}
