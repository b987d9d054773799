import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { type OpenDatabase, openEmbeddedDatabase } from '../src/db/embedded.js';
import { derivedPositions } from '../src/db/positions.js';
import { openPostgresDatabase } from '../src/db/postgres.js';
import { createApiKey } from '../src/domain/auth/api-keys.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { bigBundle } from './support/big-bundle.js';
import { type Backend, backends, createThrowawayDatabase } from './support/databases.js';
import { type NodeServer, startNodeServer } from './support/node-server.js';
import { rowCounts } from './support/row-counts.js';

const IMPORT = `mutation ($input: SourceBundleInput!) { importSource(input: $input) {
  __typename ... on MutationImportSourceSuccess { data { claims { created } } } } }`;

const rows = async <Row>(db: Database, query: SQL) => ((await db.execute(query)) as unknown as { rows: Row[] }).rows;

const POSITIONS = sql.raw(`actor_id, proposition_id, evidence_claim_id, stance, since_claim_id, previous_stance,
  changed, previous_claim_id, placed_start::text, placed_end::text, next_placed_start::text, since_placed_start::text`);

/** The database the server uses, opened by the test while no server runs. */
interface Store {
  env: Record<string, string>;
  open(): Promise<OpenDatabase>;
  /** Resolves once the server is inside the import's transaction, as near as the backend lets the test see. */
  importUnderway(): Promise<void>;
  drop(): Promise<void>;
}

async function store(backend: Backend): Promise<Store> {
  if (backend === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'whosaid-death-'));
    return {
      env: { WHOSAID_DATA_DIR: dataDir },
      open: () => openEmbeddedDatabase({ dataDir }),
      // Another process cannot look into PGlite: the import of 1,000 claims takes seconds, and the test checks that it
      // had not answered when the server died.
      importUnderway: () => sleep(700),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const throwaway = await createThrowawayDatabase();
  return {
    env: { DATABASE_URL: throwaway.url },
    open: () => openPostgresDatabase(throwaway.url),
    async importUnderway() {
      const watcher = new pg.Client({ connectionString: throwaway.url });
      await watcher.connect();
      try {
        for (;;) {
          const { rows: found } = await watcher.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
               AND xact_start IS NOT NULL AND query ILIKE 'insert into "claims"%'`,
          );
          if (found.length > 0) return;
          await sleep(2);
        }
      } finally {
        await watcher.end();
      }
    },
    drop: () => throwaway.drop(),
  };
}

describe.each(backends)('a server that dies in the middle of a write (%s)', (backend) => {
  let database: Store;
  let editorKey: string;
  let before: Awaited<ReturnType<typeof rowCounts>>;
  const servers: NodeServer[] = [];

  const start = async () => {
    const server = await startNodeServer(database.env);
    servers.push(server);
    return server;
  };
  const importBigBundle = (server: NodeServer) =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editorKey}` },
      body: JSON.stringify({ query: IMPORT, variables: { input: bigBundle() } }),
    });

  beforeAll(async () => {
    database = await store(backend);
    const opened = await database.open();
    await seedDatabase(opened.db);
    editorKey = (await createApiKey(opened.db, 'night desk', 'EDITOR')).key;
    before = await rowCounts(opened.db);
    await opened.close();
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await database.drop();
  });

  it('leaves nothing of the write, and the next start serves the same data and takes the write whole', async () => {
    const server = await start();
    const answer = importBigBundle(server).then(
      (response) => `answered ${response.status}`,
      () => 'no answer',
    );
    await database.importUnderway();
    const exited = new Promise((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGKILL');
    await exited;
    expect(await answer).toBe('no answer');

    const opened = await database.open();
    try {
      expect(await rowCounts(opened.db)).toEqual(before);
      expect(await rows(opened.db, sql`SELECT ${POSITIONS} FROM positions ORDER BY 1, 2, 3`)).toEqual(
        await rows(opened.db, sql`SELECT ${POSITIONS} FROM (${derivedPositions()}) d ORDER BY 1, 2, 3`),
      );
    } finally {
      await opened.close();
    }

    const restarted = await start();
    const again = await importBigBundle(restarted);
    expect([again.status, await again.json()]).toEqual([
      200,
      { data: { importSource: { __typename: 'MutationImportSourceSuccess', data: { claims: { created: 1000 } } } } },
    ]);
  });
});
