import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from '../../src/db/database.js';
import { type ConnectionCounts, openEmbeddedDatabase } from '../../src/db/embedded.js';
import { openPostgresDatabase } from '../../src/db/postgres.js';
import { statementCounter } from '../../src/http/request-record.js';

export type Backend = 'pglite' | 'postgres';

/** PGlite always; the Postgres server at DATABASE_URL as well when it is set. */
export const backends: Backend[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  db: Database;
  /** Its postgres:// URL, where it is on a server. */
  url?: string;
  /** SQL statements run since the last reset, transaction control (BEGIN, SET TRANSACTION, COMMIT) aside. */
  statements: string[];
  /** Its connections, as /metrics reports them. */
  connections(): ConnectionCounts;
  close(): Promise<void>;
}

let migratedPglite: Promise<Blob> | undefined;

/**
 * The data directory of an in-memory PGlite just migrated by openEmbeddedDatabase, once per test process: a fresh
 * database starts from it in a fifth of the time that applying every migration again takes.
 */
function migratedPgliteDump(): Promise<Blob> {
  migratedPglite ??= openEmbeddedDatabase().then(async ({ db, close }) => {
    const dump = await (db as unknown as { $client: PGlite }).$client.dumpDataDir('none');
    await close();
    return dump;
  });
  return migratedPglite;
}

/**
 * A fresh, migrated, empty database: in-memory PGlite, or a throwaway database on the server at DATABASE_URL.
 * `onStatement` hears each SQL statement as it is sent, BEGIN and COMMIT included where drizzle sends them.
 */
export async function openTestDatabase(
  backend: Backend,
  options: { onStatement?: (query: string) => void } = {},
): Promise<TestDatabase> {
  const { statements, logger } = statementLog(options.onStatement);
  if (backend === 'pglite') {
    const { db, connections, close } = await openEmbeddedDatabase({ loadDataDir: await migratedPgliteDump(), logger });
    statements.length = 0;
    return { db, statements, connections, close };
  }
  const throwaway = await createThrowawayDatabase();
  const { db, connections, close } = await openPostgresDatabase(throwaway.url, { logger });
  statements.length = 0;
  return {
    db,
    url: throwaway.url,
    statements,
    connections,
    async close() {
      await close();
      await throwaway.drop();
    },
  };
}

/** An empty database of its own on the server at DATABASE_URL, not migrated: its url, and how to drop it. */
export async function createThrowawayDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = new URL(process.env.DATABASE_URL!);
  const name = `whosaid_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const onServer = async (statement: string) => {
    const admin = new pg.Client({ connectionString: serverUrl.href });
    await admin.connect();
    await admin.query(statement);
    await admin.end();
  };
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl.href);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The database at `url` as it is (no throwaway copy), migrated. */
export async function connectTestDatabase(url: string): Promise<TestDatabase> {
  const { statements, logger } = statementLog();
  const { db, connections, close } = await openPostgresDatabase(url, { logger });
  statements.length = 0;
  return { db, url, statements, connections, close };
}

function statementLog(onStatement?: (query: string) => void): { statements: string[]; logger: Logger } {
  const statements: string[] = [];
  const logger: Logger = {
    logQuery(query, params) {
      statementCounter.logQuery(query, params);
      onStatement?.(query);
      if (!/^(begin|set transaction|commit|rollback)\b/i.test(query.trim())) statements.push(query);
    },
  };
  return { statements, logger };
}
