import { mkdirSync } from 'node:fs';
import type { Logger } from 'drizzle-orm';
import { type OpenDatabase, openEmbeddedDatabase } from './embedded.js';
import { openPostgresDatabase } from './postgres.js';

/** Which database a Node process uses, and how it talks to it. */
export interface DatabaseOptions {
  /** A `postgres://` URL: that server. Unset: PGlite in `dataDir`. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; made if it is not there. */
  dataDir: string;
  statementTimeoutMs?: number;
  logger?: Logger;
}

/** The server at `databaseUrl` or, without one, PGlite in `dataDir`; migrated to the latest schema either way. */
export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  const { databaseUrl, dataDir, ...connection } = options;
  if (databaseUrl) return openPostgresDatabase(databaseUrl, connection);
  mkdirSync(dataDir, { recursive: true });
  return openEmbeddedDatabase({ dataDir, ...connection });
}
