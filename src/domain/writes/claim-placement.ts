import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';

const EARLIEST_REPORT_FIRST = sql`ORDER BY placed_start, placed_end, id`;

/**
 * Places the given claims in time: when they were said or, where that is unknown, when their earliest report was
 * published. Run it after a write that changes a claim's date or its reports; a claim already in place is left
 * untouched, so that the write records no change it did not make.
 */
export async function placeClaims(tx: Database, claimIds: readonly number[]): Promise<void> {
  if (claimIds.length === 0) return;
  await tx.execute(sql`
    WITH placed AS (
      SELECT c.id, coalesce(c.said_start, r.placed_start) AS placed_start, coalesce(c.said_end, r.placed_end) AS placed_end
      FROM claims c
      LEFT JOIN LATERAL (
        SELECT placed_start, placed_end FROM claim_reports
        WHERE claim_id = c.id ${EARLIEST_REPORT_FIRST} LIMIT 1
      ) r ON true
      WHERE c.id IN (${sql.join(
        [...new Set(claimIds)].map((id) => sql`${id}`),
        sql`, `,
      )})
    )
    UPDATE claims SET placed_start = placed.placed_start, placed_end = placed.placed_end
    FROM placed
    WHERE claims.id = placed.id AND placed.placed_start IS NOT NULL
      AND (claims.placed_start, claims.placed_end) IS DISTINCT FROM (placed.placed_start, placed.placed_end)`);
}

/**
 * The placed dates an update gives a claim whose saidOn it clears: its earliest report's, read in the update's own
 * statement, so that the claim's one revision records the change.
 */
export function placedAtEarliestReport(): { placedStart: SQL; placedEnd: SQL } {
  const earliest = (column: 'placed_start' | 'placed_end') =>
    sql`(SELECT ${sql.identifier(column)} FROM claim_reports
      WHERE claim_id = claims.id ${EARLIEST_REPORT_FIRST} LIMIT 1)`;
  return { placedStart: earliest('placed_start'), placedEnd: earliest('placed_end') };
}
