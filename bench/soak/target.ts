import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OpenDatabase, openEmbeddedDatabase } from '../../src/db/embedded.js';
import { openPostgresDatabase } from '../../src/db/postgres.js';
import { createApiKey } from '../../src/domain/auth/api-keys.js';
import { type ServerProcess, startServerProcess } from '../server-process.js';
import { THIS_CHECKOUT } from '../servers.js';

/**
 * The database a soak runs against and the one whosaid server process in front of it: the Postgres database at
 * DATABASE_URL, or PGlite in a fresh data directory. PGlite has one process at a time, so the keys are made before the
 * server starts and the checks read the database after it has stopped; Postgres is done the same way.
 */
export interface SoakTarget {
  backend: 'postgres' | 'pglite';
  /** Where the database is, for the report. */
  where: string;
  open(): Promise<OpenDatabase>;
  startServer(): Promise<ServerProcess>;
  /** Removes what the soak made for itself: PGlite's data directory. */
  cleanUp(): Promise<void>;
}

export function postgresTarget(databaseUrl: string): SoakTarget {
  return {
    backend: 'postgres',
    where: `Postgres at ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}`,
    open: () => openPostgresDatabase(databaseUrl),
    startServer: () => startServer({ DATABASE_URL: databaseUrl }),
    cleanUp: async () => {},
  };
}

export function pgliteTarget(): SoakTarget {
  const dataDir = mkdtempSync(join(tmpdir(), 'whosaid-soak-'));
  return {
    backend: 'pglite',
    where: `PGlite in ${dataDir}`,
    open: () => openEmbeddedDatabase({ dataDir }),
    startServer: () => startServer({ DATABASE_URL: '', WHOSAID_DATA_DIR: dataDir }),
    cleanUp: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Editor keys by name, made in the database directly, as the benchmark makes its own. */
export async function createEditorKeys(target: SoakTarget, names: string[]): Promise<Map<string, string>> {
  const database = await target.open();
  try {
    const keys = new Map<string, string>();
    for (const name of names) keys.set(name, (await createApiKey(database.db, name, 'EDITOR')).key);
    return keys;
  } finally {
    await database.close();
  }
}

/** `npm start` of this checkout without a rate limit, with production's settings, on a free port. */
function startServer(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  return startServerProcess({
    name: 'whosaid',
    args: ['--experimental-async-context-frame', '--import', 'tsx', join(THIS_CHECKOUT, 'src/server/node.ts')],
    cwd: THIS_CHECKOUT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', WHOSAID_RATE_LIMIT: '0', NODE_ENV: 'production', ...env },
    ready: /at (http:\/\/\S+\/graphql)/,
  });
}
