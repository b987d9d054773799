import { sql } from 'drizzle-orm';
import type { Database } from '../../../src/db/database.js';
import { AUDITED_TABLES, DERIVED_COLUMNS, rowKey } from '../audited-tables.js';
import type { Change, Row } from '../feed.js';
import { type CheckResult, checkResult } from './check-result.js';

type Tables = Map<string, Map<string, Row>>;

/** JSON with its keys in order, so that two rows compare equal whatever order their columns came in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const same = (a: Row, b: Row) => canonical(a) === canonical(b);

function withoutDerived(table: string, row: Row): Row {
  const derived = DERIVED_COLUMNS[table] ?? [];
  return Object.fromEntries(Object.entries(row).filter(([column]) => !derived.includes(column)));
}

function withoutDerivedColumns(change: Change): Change {
  return {
    ...change,
    before: change.before && withoutDerived(change.table, change.before),
    after: change.after && withoutDerived(change.table, change.after),
  };
}

/**
 * Applies the changes in the feed's order, row by row: an INSERT adds its `after`, an UPDATE replaces the row its
 * `before` names with its `after`, a DELETE removes it. A change that does not fit the rows replayed so far (an INSERT
 * of a row there already, an UPDATE or DELETE of one not there or not as its `before` says) is a problem.
 */
export function replay(changes: readonly Change[]): { tables: Tables; problems: string[] } {
  const tables: Tables = new Map(Object.keys(AUDITED_TABLES).map((table) => [table, new Map()]));
  const problems: string[] = [];
  let previous = { commit: 0, sequence: 0 };
  for (const original of changes) {
    const change = withoutDerivedColumns(original);
    const at = `sequence ${change.sequence} of commit ${change.commit} (${change.action} ${change.table})`;
    const inOrder =
      change.commit > previous.commit || (change.commit === previous.commit && change.sequence > previous.sequence);
    if (!inOrder) problems.push(`${at} comes after sequence ${previous.sequence} of commit ${previous.commit}`);
    if (inOrder) previous = { commit: change.commit, sequence: change.sequence };
    const rows = tables.get(change.table);
    if (!rows) {
      problems.push(`${at}: not an audited table`);
      continue;
    }
    if (change.before) {
      const key = rowKey(change.table, change.before);
      const current = rows.get(key);
      if (!current) problems.push(`${at}: no row ${key} to change`);
      else if (!same(current, change.before)) {
        problems.push(`${at}: row ${key} was ${canonical(current)}, the change says ${canonical(change.before)}`);
      }
      rows.delete(key);
    }
    if (change.after) {
      const key = rowKey(change.table, change.after);
      if (rows.has(key)) problems.push(`${at}: row ${key} is there already`);
      rows.set(key, change.after);
    }
  }
  return { tables, problems };
}

/** Every row of the audited tables as the database holds them, by table and key. */
export async function storedTables(db: Database): Promise<Tables> {
  const tables: Tables = new Map();
  for (const table of Object.keys(AUDITED_TABLES)) {
    const { rows } = (await db.execute(sql`SELECT to_jsonb(t) AS row FROM ${sql.identifier(table)} t`)) as unknown as {
      rows: { row: Row }[];
    };
    tables.set(table, new Map(rows.map(({ row }) => [rowKey(table, row), withoutDerived(table, row)])));
  }
  return tables;
}

/** Where the replayed tables differ from the stored ones: rows missing, rows extra, rows with other values. */
export function differences(replayed: Tables, stored: Tables): string[] {
  const problems: string[] = [];
  for (const [table, rows] of stored) {
    const mine = replayed.get(table)!;
    for (const [key, row] of rows) {
      const other = mine.get(key);
      if (!other) problems.push(`${table} ${key} is stored but not in the replay`);
      else if (!same(row, other)) {
        const columns = Object.keys(row).filter((column) => canonical(row[column]) !== canonical(other[column]));
        problems.push(
          `${table} ${key} differs in ${columns.map((c) => `${c} (stored ${canonical(row[c])}, replayed ${canonical(other[c])})`).join(', ')}`,
        );
      }
    }
    for (const key of mine.keys()) if (!rows.has(key)) problems.push(`${table} ${key} is in the replay but not stored`);
  }
  return problems;
}

const rowCount = (tables: Tables) => [...tables.values()].reduce((sum, rows) => sum + rows.size, 0);

/** The feed, read from the start after the run, replayed, gives the audited tables as stored. */
export function checkFeedReplay(changes: readonly Change[], stored: Tables): CheckResult {
  const { tables, problems } = replay(changes);
  problems.push(...differences(tables, stored));
  return checkResult(
    'feed replay',
    problems.length === 0
      ? `${changes.length} changes replayed give the ${rowCount(stored)} rows of the ${stored.size} audited tables`
      : `${changes.length} changes replayed: ${problems.length} problems`,
    problems,
  );
}

/**
 * The feed as a client syncing during the run read it, page after page from its last cursor, gives the same rows:
 * it missed no change that committed behind a later one, and saw none twice.
 */
export function checkFeedFollowed(followed: readonly Change[], feed: readonly Change[], stored: Tables): CheckResult {
  const seen = new Set(followed.map((change) => change.sequence));
  const missed = feed.filter((change) => !seen.has(change.sequence));
  const { tables, problems } = replay(followed);
  problems.push(...differences(tables, stored));
  const missing = missed.map((change) => `${change.sequence} (${change.action} ${change.table})`);
  if (missed.length > 0) {
    problems.unshift(
      `missed ${missed.length} changes that committed after the follower had read past them: ${missing.slice(0, 30).join(', ')}`,
    );
  }
  return checkResult(
    'feed followed',
    problems.length === 0
      ? `the follower read all ${followed.length} changes while they were written, and its replay gives the stored rows`
      : `the follower read ${followed.length} of ${feed.length} changes; ${problems.length} problems`,
    problems,
  );
}
