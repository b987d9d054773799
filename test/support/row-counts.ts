import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { data, type GraphQLClient } from './graphql.js';

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

/**
 * Runs one mutation through `client` and returns its result; one that answers anything but its Success type must
 * have left every table as it was.
 */
export async function mutationWritingNothingOnFailure(
  db: Database,
  client: GraphQLClient,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ __typename: string } & Record<string, unknown>> {
  const before = await rowCounts(db);
  const result = await data<Record<string, { __typename: string } & Record<string, unknown>>>(client, query, variables);
  const answer = Object.values(result)[0]!;
  if (!answer.__typename.endsWith('Success')) expect(await rowCounts(db)).toEqual(before);
  return answer;
}
