import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Logger } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { type ListenForCommits, listenOnPglite } from './commit-notifications.js';
import { type DataDirectoryLock, lockDataDirectory } from './data-directory-lock.js';
import { type Database, DEFAULT_STATEMENT_TIMEOUT_MS } from './database.js';
import { MIGRATIONS_FOLDER } from './migrations.js';
import { relations } from './relations.js';
import { type StatementTracer, tracePglite } from './statement-tracer.js';

/** The connections a database holds, as /metrics reports them; what a driver cannot tell is left out. */
export interface ConnectionCounts {
  /** The most it opens. */
  max: number;
  /** Those running a statement or a transaction. */
  inUse?: number;
  idle?: number;
  /** Requests waiting for one. */
  waiting?: number;
}

export interface OpenDatabase {
  db: Database;
  /** The data directory's lock, held until close: PGlite on disk only. */
  lock?: DataDirectoryLock;
  /** Hears each commit, from this process or another on the same database: for subscriptions. */
  listenForCommits?: ListenForCommits;
  connections(): ConnectionCounts;
  close(): Promise<void>;
}

/**
 * PGlite, in memory or persisted under `dataDir`, migrated to the latest schema. `loadDataDir` starts it from a
 * dump of another PGlite's data directory (`dumpDataDir`), which is then migrated as any other.
 *
 * PGlite is one process per data directory, and nothing in it stops a second: `dataDir` is locked first, and a
 * directory another live process has open throws a DataDirectoryInUseError that names it (`command` is how this
 * process is named to others in its place).
 */
export async function openEmbeddedDatabase(
  options: {
    dataDir?: string;
    command?: string;
    loadDataDir?: Blob;
    logger?: Logger;
    statementTimeoutMs?: number;
    traceStatement?: StatementTracer;
  } = {},
): Promise<OpenDatabase> {
  const lock = options.dataDir
    ? lockDataDirectory(options.dataDir, options.command ?? process.argv.slice(1).join(' '))
    : undefined;
  try {
    const client = await PGlite.create({
      dataDir: options.dataDir,
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { pg_trgm },
    });
    const db = drizzle({ client, relations, logger: options.logger });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    // After the migrations, which are no request's.
    if (options.traceStatement) tracePglite(client, options.traceStatement);
    // Set as on every other connection; PGlite runs no timers, so in practice it never cancels a statement.
    await client.exec(
      `SET statement_timeout = ${Math.trunc(options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS)}`,
    );
    return {
      db,
      lock,
      listenForCommits: listenOnPglite(client),
      // One connection, PGlite itself, which runs one statement at a time.
      connections: () => ({ max: 1 }),
      async close() {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
