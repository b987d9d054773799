import { mkdirSync } from 'node:fs';
import type { Logger } from 'drizzle-orm';
import { DataDirectoryInUseError } from './data-directory-lock.js';
import { type OpenDatabase, openEmbeddedDatabase } from './embedded.js';
import { openPostgresDatabase } from './postgres.js';
import type { StatementTracer } from './statement-tracer.js';

/** Which database a Node process uses, and how it talks to it. */
export interface DatabaseOptions {
  /** A `postgres://` URL: that server. Unset: PGlite in `dataDir`. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; made if it is not there. */
  dataDir: string;
  /** How this process is named to another that finds `dataDir` in use: `npm start`, `npm run keys`. */
  command?: string;
  statementTimeoutMs?: number;
  logger?: Logger;
  /** Where traces are on: the span each SQL statement a request runs is wrapped in. */
  traceStatement?: StatementTracer;
}

/** The server at `databaseUrl` or, without one, PGlite in `dataDir`; migrated to the latest schema either way. */
export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  const { databaseUrl, dataDir, command, ...connection } = options;
  if (databaseUrl) return openPostgresDatabase(databaseUrl, connection);
  mkdirSync(dataDir, { recursive: true });
  return openEmbeddedDatabase({ dataDir, command, ...connection });
}

/**
 * openDatabase for a process a person started: a data directory another process has open ends this one with the
 * message that names that process and says what to do, and exit code 1; a stack trace would only hide it.
 */
export async function openDatabaseOrExit(options: DatabaseOptions): Promise<OpenDatabase> {
  try {
    return await openDatabase(options);
  } catch (error) {
    if (!(error instanceof DataDirectoryInUseError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
