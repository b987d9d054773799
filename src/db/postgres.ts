import type { Logger } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { listenOnPostgres } from './commit-notifications.js';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from './database.js';
import type { OpenDatabase } from './embedded.js';
import { MIGRATIONS_FOLDER } from './migrations.js';
import { CONNECT_TIMEOUT_MS, PreparingClient } from './postgres-client.js';
import { relations } from './relations.js';
import { type StatementTracer, tracedClient, tracePool } from './statement-tracer.js';

const MAX_CONNECTIONS = 10;

/** A Postgres server reached over TCP (node-postgres), migrated to the latest schema. */
export async function openPostgresDatabase(
  url: string,
  options: { logger?: Logger; statementTimeoutMs?: number; traceStatement?: StatementTracer } = {},
): Promise<OpenDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: MAX_CONNECTIONS,
    // Sent with every connection's startup: the server cancels a statement that runs longer (57014).
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    // The pool's own timeout would also end a request that waits for a busy pool's next free connection, and it
    // would be answered as if the database could not be reached. A request waits for its turn instead (each holder
    // is bounded by statement_timeout); only connecting to a server that does not answer times out.
    Client: options.traceStatement ? tracedClient(options.traceStatement) : PreparingClient,
  });
  // The pool drops an idle client whose connection broke and emits its error; unheard, that would end the process.
  // The next query opens a new connection, or fails with the connection error, which is answered as UNAVAILABLE.
  pool.on('error', () => {});
  await migrateWithoutTimeout(url);
  if (options.traceStatement) tracePool(pool, options.traceStatement);
  const db = drizzle({ client: pool, relations, logger: options.logger });
  return {
    db,
    connections: () => ({
      max: MAX_CONNECTIONS,
      inUse: pool.totalCount - pool.idleCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    listenForCommits: listenOnPostgres(url),
    close: () => pool.end(),
  };
}

/** Migrations may build indexes over whole tables: they run on a connection of their own, with no statement timeout. */
async function migrateWithoutTimeout(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    await migrate(drizzle({ client, relations }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end();
  }
}
