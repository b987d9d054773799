import { inArray, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { positions } from './schema.js';

/**
 * Positions as the claims imply them (retracted ones aside), for the given actors or for everyone: per actor and proposition, the stance
 * of the latest claim (by the day it was said or, failing that, reported; ties go to the later record), that claim
 * as evidence, and the first claim of the unbroken run of that stance as the one it holds since.
 */
export function derivedPositions(actorIds?: readonly number[]) {
  const scope = actorIds ? sql`s.actor_id IN (${sql.join(actorIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
  return sql`
    WITH stated AS (
      SELECT s.actor_id, st.proposition_id, st.stance, c.id AS claim_id, c.placed_start, c.placed_end
      FROM claim_speakers s
      JOIN claims c ON c.id = s.claim_id
      JOIN claim_stances st ON st.claim_id = c.id
      WHERE c.retracted_at IS NULL ${actorIds ? sql`AND ${scope}` : sql``}
    ), marked AS (
      SELECT *, (lag(stance) OVER w IS DISTINCT FROM stance)::int AS starts_run
      FROM stated
      WINDOW w AS (PARTITION BY actor_id, proposition_id ORDER BY placed_start, placed_end, claim_id)
    ), runs AS (
      SELECT *,
        sum(starts_run) OVER w AS run,
        row_number() OVER (PARTITION BY actor_id, proposition_id ORDER BY placed_start DESC, placed_end DESC, claim_id DESC) AS recency
      FROM marked
      WINDOW w AS (PARTITION BY actor_id, proposition_id ORDER BY placed_start, placed_end, claim_id)
    )
    SELECT latest.actor_id, latest.proposition_id, latest.stance, latest.claim_id AS evidence_claim_id,
      (SELECT first.claim_id FROM runs first
       WHERE first.actor_id = latest.actor_id AND first.proposition_id = latest.proposition_id AND first.run = latest.run
       ORDER BY first.placed_start, first.placed_end, first.claim_id LIMIT 1) AS since_claim_id
    FROM runs latest
    WHERE latest.recency = 1`;
}

/** Rewrites the positions of the given actors (or of everyone) from their claims. Run it inside the write's transaction. */
export async function refreshPositions(tx: Database, actorIds?: readonly number[]): Promise<void> {
  if (actorIds && actorIds.length === 0) return;
  // Two writes rewriting the same actor's positions at once would collide on the primary key: take turns.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('whosaid.positions'))`);
  if (actorIds) await tx.delete(positions).where(inArray(positions.actorId, [...actorIds]));
  else await tx.delete(positions);
  await tx.execute(sql`
    INSERT INTO positions (actor_id, proposition_id, stance, evidence_claim_id, since_claim_id)
    ${derivedPositions(actorIds)}`);
}
