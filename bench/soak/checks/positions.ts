import { sql } from 'drizzle-orm';
import type { Database } from '../../../src/db/database.js';
import { derivedPositions } from '../../../src/db/positions.js';
import { type CheckResult, checkResult } from './check-result.js';

const COLUMNS = sql.raw(`actor_id, proposition_id, stance, evidence_claim_id, since_claim_id, previous_stance, changed,
  previous_claim_id, placed_start::text, placed_end::text, next_placed_start::text, since_placed_start::text`);

/** The positions table holds exactly what derivedPositions() derives from the claims, every column, and nothing stale. */
export async function checkPositions(db: Database): Promise<CheckResult> {
  const rows = async (query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
  const stored = sql`SELECT ${COLUMNS} FROM positions`;
  const derived = sql`SELECT ${COLUMNS} FROM (${derivedPositions()}) AS d`;
  const onlyStored = await rows(sql`${stored} EXCEPT ALL ${derived} ORDER BY 1, 2, 4`);
  const onlyDerived = await rows(sql`${derived} EXCEPT ALL ${stored} ORDER BY 1, 2, 4`);
  const [{ count: total } = { count: 0 }] = await rows(sql`SELECT count(*)::int AS count FROM positions`);
  const [{ count: stale } = { count: 0 }] = await rows(sql`SELECT count(*)::int AS count FROM stale_positions`);
  const problems = [
    ...onlyStored.map((row) => `stored but not derived: ${JSON.stringify(row)}`),
    ...onlyDerived.map((row) => `derived but not stored: ${JSON.stringify(row)}`),
    ...(Number(stale) > 0 ? [`${stale} stale pairs left in stale_positions`] : []),
  ];
  return checkResult(
    'positions',
    problems.length === 0
      ? `${total} positions rows, equal to their derivation from the claims in every column`
      : `${onlyStored.length} rows stored but not derived, ${onlyDerived.length} derived but not stored, of ${total}`,
    problems,
  );
}
