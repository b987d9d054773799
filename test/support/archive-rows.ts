import { getTableName, is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../src/db/database.js';
import * as schema from '../../src/db/schema.js';

/** The tables that are not the archive, and why an export leaves them out. */
export const NOT_ARCHIVE: Record<string, string> = {
  revisions: 'the audit trail of changes: an import writes its own',
  commits: 'the change feed’s numbering of committed transactions: an import makes its own',
  api_keys: 'who may call the API: credentials, not recorded data',
  idempotent_requests: 'stored answers to retried requests',
  trusted_documents: 'the operations a front end may run, registered by whoever deploys it',
  stale_positions: 'empty between transactions: the writes’ own bookkeeping',
};

/** Columns compared nowhere: row ids and the bookkeeping of when and how often a row changed. */
const BOOKKEEPING = new Set(['id', 'version', 'created_at', 'updated_at']);

/** Id columns without a foreign key, and the table whose row they name. */
const UNDECLARED_REFERENCES: Record<string, string> = {
  'positions.evidence_claim_id': 'claims',
  'positions.since_claim_id': 'claims',
  'positions.previous_claim_id': 'claims',
};

/** Id columns that name a row that is gone, so no natural key; an import gives them values of its own. */
const DANGLING_IDS: Record<string, string> = {
  'claim_merges.merged_claim_id': 'the id the merged claim had, which no claim has any more',
};

/** The natural key each archive table with an id is known by. */
const NATURAL_KEYS: Record<string, string> = {
  actors: 'slug',
  sources: 'url',
  propositions: 'slug',
  events: 'slug',
  claims: 'key',
};

/** Every table of src/db/schema.ts, by name. */
export function schemaTables(): string[] {
  return allTables()
    .map((table) => getTableName(table))
    .sort();
}

function allTables(): PgTable[] {
  return (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
}

/** The tables of the archive: every table of the schema but those NOT_ARCHIVE names. */
export function archiveTables(): PgTable[] {
  return allTables().filter((table) => !(getTableName(table) in NOT_ARCHIVE));
}

/**
 * Every row of every archive table, as sorted JSON lines by table, ids replaced by the natural keys of the rows they
 * name and bookkeeping left out: two databases that hold the same archive give the same answer, whatever their ids.
 * A column that names a row by id with no natural key known here throws, so that a new reference is mapped or excluded
 * on purpose.
 */
export async function archiveRows(db: Database): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of archiveTables()) {
    const config = getTableConfig(table);
    const referenced = new Map<string, string>();
    for (const foreignKey of config.foreignKeys) {
      const reference = foreignKey.reference();
      const target = getTableName(reference.foreignTable);
      reference.columns.forEach((column, index) => {
        if (reference.foreignColumns[index]!.name === 'id') referenced.set(column.name, target);
      });
    }
    const selected = config.columns
      .filter((column) => !BOOKKEEPING.has(column.name) && !(`${config.name}.${column.name}` in DANGLING_IDS))
      .map((column) => {
        const name = column.name;
        const target = referenced.get(name) ?? UNDECLARED_REFERENCES[`${config.name}.${name}`];
        if (target === undefined) {
          if (name.endsWith('_id'))
            throw new Error(`${config.name}.${name} names a row, but which table's is not known`);
          return sql`${sql.identifier(name)}::text AS ${sql.identifier(name)}`;
        }
        const key = NATURAL_KEYS[target];
        if (!key) throw new Error(`${config.name}.${name} names a row of ${target}, which has no natural key here`);
        return sql`(SELECT r.${sql.identifier(key)} FROM ${sql.identifier(target)} r WHERE r.id = t.${sql.identifier(name)}) AS ${sql.identifier(name)}`;
      });
    const { rows } = (await db.execute(
      sql`SELECT ${sql.join(selected, sql`, `)} FROM ${sql.identifier(config.name)} t`,
    )) as { rows: Record<string, unknown>[] };
    result[config.name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return result;
}
