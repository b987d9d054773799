import { getColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/database.js';

export interface Outcome {
  created: number;
  updated: number;
  unchanged: number;
}

type Row = Record<string, unknown>;

/**
 * Inserts rows by their natural key, updates those whose `compared` columns differ and leaves the rest untouched
 * (no write, so no new version or revision); with nothing to compare, existing rows are only kept. One statement;
 * returns the keys of the rows it created and updated.
 */
export async function upsertByNaturalKey(
  tx: Database,
  table: PgTable,
  key: PgColumn,
  rows: Row[],
  compared: string[],
): Promise<{ created: Set<string>; updated: Set<string> }> {
  const created = new Set<string>();
  const updated = new Set<string>();
  if (rows.length === 0) return { created, updated };
  const columns = getColumns(table) as Record<string, PgColumn>;
  const excluded = (name: string) => sql`excluded.${sql.identifier(columns[name]!.name)}`;
  const set: Record<string, SQL> = Object.fromEntries(compared.map((name) => [name, excluded(name)]));
  const current = sql.join(
    compared.map((name) => sql`${columns[name]!}`),
    sql`, `,
  );
  const incoming = sql.join(compared.map(excluded), sql`, `);
  const insert = tx.insert(table).values(rows as never);
  const written = (await (compared.length === 0
    ? insert.onConflictDoNothing({ target: key })
    : insert.onConflictDoUpdate({
        target: key,
        set: set as never,
        setWhere: sql`(${current}) IS DISTINCT FROM (${incoming})`,
      })
  ).returning({ key, inserted: sql<boolean>`xmax = 0` })) as { key: string; inserted: boolean }[];
  for (const row of written) (row.inserted ? created : updated).add(row.key);
  return { created, updated };
}

/** The ids of rows by natural key, in one statement. */
export async function idsByNaturalKey(
  tx: Database,
  table: PgTable,
  key: PgColumn,
  keys: Iterable<string>,
): Promise<Map<string, number>> {
  const wanted = [...new Set(keys)];
  if (wanted.length === 0) return new Map();
  const id = (getColumns(table) as Record<string, PgColumn>).id!;
  const rows = (await tx.select({ key, id }).from(table).where(inArray(key, wanted))) as { key: string; id: number }[];
  return new Map(rows.map((row) => [row.key, row.id]));
}

/**
 * Makes the child rows of each parent (a claim's speakers, an event's participants) exactly `desired`, rewriting a
 * parent's children only where they differ. Returns the parents whose children changed.
 */
export async function replaceChildren(
  tx: Database,
  table: PgTable,
  parent: PgColumn,
  desired: Map<number, Row[]>,
  compared: string[],
): Promise<{ changed: Set<number> }> {
  const changed = new Set<number>();
  if (desired.size === 0) return { changed };
  const parentKey = Object.entries(getColumns(table) as Record<string, PgColumn>).find(([, c]) => c === parent)![0];
  const previous = (await tx
    .select()
    .from(table)
    .where(inArray(parent, [...desired.keys()]))) as Row[];
  const fingerprint = (rows: Row[]) =>
    rows
      .map((row) => JSON.stringify(compared.map((name) => row[name] ?? null)))
      .sort()
      .join('\n');
  for (const [parentId, rows] of desired) {
    const before = previous.filter((row) => row[parentKey] === parentId);
    if (fingerprint(before) !== fingerprint(rows)) changed.add(parentId);
  }
  if (changed.size > 0) {
    await tx.delete(table).where(inArray(parent, [...changed]));
    const inserts = [...changed].flatMap((parentId) => desired.get(parentId)!);
    if (inserts.length > 0) await tx.insert(table).values(inserts as never);
  }
  return { changed };
}
