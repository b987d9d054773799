import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';

const TABLES = [
  'actors',
  'actor_roles',
  'actor_identifiers',
  'sources',
  'source_authors',
  'source_identifiers',
  'propositions',
  'events',
  'event_participants',
  'event_identifiers',
  'claims',
  'claim_speakers',
  'claim_stances',
  'claim_events',
  'claim_reports',
  'claim_translations',
  'claim_merges',
  'claim_reviews',
  'positions',
  'revisions',
  'trusted_documents',
] as const;

/** How many rows each table holds, to show that a rejected write left nothing behind. */
export async function rowCounts(db: Database): Promise<Record<(typeof TABLES)[number], number>> {
  const selects = TABLES.map((table) => `SELECT '${table}' AS name, count(*)::int AS rows FROM ${table}`).join(
    ' UNION ALL ',
  );
  const { rows } = (await db.execute(sql.raw(selects))) as { rows: { name: string; rows: number }[] };
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.rows)])) as Record<(typeof TABLES)[number], number>;
}
