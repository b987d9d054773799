import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../src/db/database.js';
import { MIGRATIONS_FOLDER } from '../src/db/migrations.js';
import { refreshPositions } from '../src/db/positions.js';
import { openPostgresDatabase } from '../src/db/postgres.js';
import { relations } from '../src/db/relations.js';
import { archiveTables, FIRST_APPEARANCES } from './archive.js';
import { recordRevisions } from './revisions.js';
import { SIZES, type SizeName } from './sizes.js';

export interface LoadOptions {
  size: SizeName;
  seed?: number;
  /** Empty the recorded data first (in the same transaction); otherwise a database that holds any refuses the load. */
  replace?: boolean;
  /** Told how long each step took. */
  onStep?: (step: string, milliseconds: number) => void;
}

export const DEFAULT_SEED = 1;

/** The tables the archive fills, in foreign-key order, and those derived from them. */
const ARCHIVE_TABLES = [
  'actors',
  'actor_roles',
  'sources',
  'source_authors',
  'propositions',
  'events',
  'event_participants',
  'claims',
  'claim_speakers',
  'claim_stances',
  'claim_events',
  'claim_reports',
  // Tables the generator leaves empty, but which a replace must empty too: they refer to the ones above.
  'actor_identifiers',
  'source_identifiers',
  'event_identifiers',
  'claim_translations',
  'claim_reviews',
];
const IDENTITY_TABLES = [
  'actors',
  'actor_roles',
  'sources',
  'propositions',
  'events',
  'claims',
  'claim_reports',
  'revisions',
];

/** What a load needs of a connection: plain SQL, COPY, and the project's own Database over the same transaction. */
interface Connection {
  exec(sql: string): Promise<void>;
  rows<Row>(sql: string): Promise<Row[]>;
  copy(table: string, columns: readonly string[], lines: Iterable<string>): Promise<void>;
  db: Database;
}

/** Migrates the Postgres server's database at `url` and loads a generated archive into it with COPY, in one transaction. */
export async function loadPostgres(url: string, options: LoadOptions): Promise<void> {
  const migrated = await openPostgresDatabase(url);
  await migrated.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await load(
      {
        exec: async (sql) => void (await client.query(sql)),
        rows: async <Row>(sql: string) => (await client.query(sql)).rows as Row[],
        copy: (table, columns, lines) =>
          pipeline(
            Readable.from(chunks(lines)),
            client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
          ),
        db: drizzlePostgres({ client, relations }) as unknown as Database,
      },
      options,
    );
    // A settled archive has been vacuumed: its visibility map is set, so index-only scans need not visit the heap.
    await timed(options, 'vacuum analyze', () => client.query('VACUUM ANALYZE'));
  } finally {
    await client.end();
  }
}

/** Migrates a PGlite database and loads a generated archive into it (COPY from a blob), in one transaction. */
export async function loadPglite(pglite: PGlite, options: LoadOptions): Promise<void> {
  const db = drizzlePglite({ client: pglite, relations });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  await load(
    {
      exec: async (sql) => void (await pglite.exec(sql)),
      rows: async <Row>(sql: string) => (await pglite.query<Row>(sql)).rows,
      copy: async (table, columns, lines) =>
        void (await pglite.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
          blob: new Blob([...lines]),
        })),
      db: db as unknown as Database,
    },
    options,
  );
  await timed(options, 'analyze', () => pglite.exec('ANALYZE'));
}

async function load(connection: Connection, options: LoadOptions): Promise<void> {
  const size = SIZES[options.size];
  await connection.exec('BEGIN');
  try {
    if (options.replace) {
      await connection.exec(
        `TRUNCATE ${[...ARCHIVE_TABLES, 'claim_merges', 'positions', 'revisions', 'commits'].join(', ')} RESTART IDENTITY`,
      );
    }
    const [{ held }] = (await connection.rows<{ held: boolean }>(
      `SELECT ${ARCHIVE_TABLES.map((table) => `EXISTS (SELECT FROM ${table})`).join(' OR ')} AS held`,
    )) as [{ held: boolean }];
    if (held) throw new Error('The database already holds recorded data: load into an empty one, or replace it');
    await connection.exec(`SET LOCAL maintenance_work_mem = '512MB'`);
    // The audit-trail triggers would stamp every row with the time of loading, one at a time; the rows' own
    // revisions are written below instead, as of when each was recorded. Foreign keys and CHECKs stay enforced.
    for (const table of ARCHIVE_TABLES) await connection.exec(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    // Building an index once over all rows is faster than growing it row by row (the full-text GIN indexes above all).
    const indexes = await dropSecondaryIndexes(connection);
    // COPY writes the ids it is given even into GENERATED ALWAYS identity columns (as INSERT's OVERRIDING SYSTEM
    // VALUE would): the rows keep the generator's ids, and the sequences are moved past them below.
    for (const { table, columns, rows, temporary } of archiveTables(size, options.seed ?? DEFAULT_SEED)) {
      if (temporary)
        await connection.exec(`CREATE TEMPORARY TABLE ${table} (${columns.join(' integer, ')} integer) ON COMMIT DROP`);
      await timed(options, `copy ${table}`, () => connection.copy(table, columns, rows));
    }
    await timed(options, 'claim reports', () => connection.exec(CLAIM_REPORTS));
    await refuseClaimsWithoutSpeakers(connection);
    // The archive's revisions are one commit, the load's, numbered here rather than by the deferred trigger, whose
    // pending events would keep the revisions' indexes from being built again in this transaction.
    await connection.exec('ALTER TABLE revisions DISABLE TRIGGER USER');
    await timed(options, 'revisions', () => recordRevisions(connection.exec));
    await connection.exec('INSERT INTO commits (transaction_id) VALUES (pg_current_xact_id())');
    await connection.exec('ALTER TABLE revisions ENABLE TRIGGER USER');
    for (const table of ARCHIVE_TABLES) await connection.exec(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    for (const table of IDENTITY_TABLES) {
      await connection.exec(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ${table}), false)`,
      );
    }
    await timed(options, 'positions', () => refreshPositions(connection.db));
    await timed(options, 'indexes', async () => {
      for (const definition of indexes) await connection.exec(definition);
    });
    await connection.exec('COMMIT');
  } catch (error) {
    await connection.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Each claim's reports, as the migration drizzle/*_claim_reports_fill derives them from a database of the shape before
 * them: one from the claim's source and, where the claim first appeared elsewhere, its primary report from there,
 * with the claim's words and mode, published when the source was, placed there or, undated, where the claim is.
 * Derived here in SQL rather than written by the archive: a million claims' texts are already in the claims table,
 * and would otherwise be held in memory a second time. The ids are given, in (claim, source) order, and so is when
 * each was recorded (with its claim), so that the same archive loads into the same rows every time.
 */
const CLAIM_REPORTS = `INSERT INTO claim_reports (id, claim_id, source_id, is_primary, text, mode, published_start,
    published_precision, published_approximate, published_text, placed_start, placed_end, created_at, updated_at)
  OVERRIDING SYSTEM VALUE
  SELECT row_number() OVER (ORDER BY c.id, s.id), c.id, s.id, s.id IS NOT DISTINCT FROM f.source_id, c.text, c.mode,
    s.published_start, s.published_precision, s.published_approximate, s.published_text,
    coalesce(s.published_start, c.placed_start), coalesce(s.published_end, c.placed_end), c.created_at, c.created_at
  FROM claims c
  LEFT JOIN ${FIRST_APPEARANCES} f ON f.claim_id = c.id
  JOIN sources s ON s.id = c.source_id OR s.id = f.source_id
  ORDER BY c.id, s.id`;

/**
 * Drops the indexes of the loaded tables that no constraint owns (primary keys and unique keys stay, and so do the
 * checks they make) and returns the statements that create them again, exactly as they were.
 */
async function dropSecondaryIndexes(connection: Connection): Promise<string[]> {
  const tables = [...ARCHIVE_TABLES, 'positions', 'revisions'].map((table) => `'${table}'`).join(', ');
  const indexes = await connection.rows<{ name: string; definition: string }>(
    `SELECT quote_ident(c.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
     WHERE t.relnamespace = 'public'::regnamespace AND t.relname IN (${tables})
       AND NOT EXISTS (SELECT FROM pg_constraint WHERE conindid = i.indexrelid)
     ORDER BY c.relname`,
  );
  for (const { name } of indexes) await connection.exec(`DROP INDEX ${name}`);
  return indexes.map(({ definition }) => definition);
}

/** What the deferred trigger claims_have_speakers checks at commit, checked for all claims at once. */
async function refuseClaimsWithoutSpeakers(connection: Connection): Promise<void> {
  const orphans = await connection.rows<{ id: number }>(
    `SELECT id FROM claims c WHERE speaker_description IS NULL AND NOT EXISTS (SELECT FROM claim_speakers s WHERE s.claim_id = c.id) LIMIT 5`,
  );
  if (orphans.length > 0)
    throw new Error(`claims ${orphans.map((row) => row.id).join(', ')} have neither speakers nor a description`);
}

/** COPY data in pieces of about a megabyte rather than a row at a time. */
function* chunks(lines: Iterable<string>): Iterable<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

async function timed<T>(options: LoadOptions, step: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  options.onStep?.(step, performance.now() - started);
  return result;
}
