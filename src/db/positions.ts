import { inArray, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { positions } from './schema.js';

/**
 * Every position the claims imply (retracted ones aside), for the given actors or for everyone: per actor and
 * proposition, one row per claim in the order they were said (by the day said or, failing that, reported; on the same
 * day, the later record last), with the stance before it and the first claim of the unbroken run of its stance.
 */
export function derivedPositions(actorIds?: readonly number[]) {
  const scope = actorIds ? sql`AND s.actor_id IN (${sql.join(actorIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
  return sql`
    WITH stated AS (
      SELECT s.actor_id, st.proposition_id, st.stance, c.id AS claim_id, c.placed_start,
        row_number() OVER w AS sequence,
        lag(st.stance) OVER w AS previous_stance,
        lag(c.id) OVER w AS previous_claim_id,
        lead(c.placed_start) OVER w AS next_placed_start
      FROM claim_speakers s
      JOIN claims c ON c.id = s.claim_id
      JOIN claim_stances st ON st.claim_id = c.id
      WHERE c.retracted_at IS NULL ${scope}
      WINDOW w AS (PARTITION BY s.actor_id, st.proposition_id ORDER BY c.placed_start, c.placed_end, c.id)
    ), runs AS (
      SELECT *,
        sum((previous_stance IS DISTINCT FROM stance)::int) OVER (PARTITION BY actor_id, proposition_id ORDER BY sequence) AS run
      FROM stated
    )
    SELECT actor_id, proposition_id, sequence, stance, claim_id AS evidence_claim_id,
      first_value(claim_id) OVER (PARTITION BY actor_id, proposition_id, run ORDER BY sequence) AS since_claim_id,
      previous_stance, coalesce(previous_stance <> stance, false) AS changed, previous_claim_id, placed_start, next_placed_start
    FROM runs`;
}

/** Rewrites the positions of the given actors (or of everyone) from their claims. Run it inside the write's transaction. */
export async function refreshPositions(tx: Database, actorIds?: readonly number[]): Promise<void> {
  if (actorIds && actorIds.length === 0) return;
  // Two writes rewriting the same actor's positions at once would collide on the primary key: take turns.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('whosaid.positions'))`);
  if (actorIds) await tx.delete(positions).where(inArray(positions.actorId, [...actorIds]));
  else await tx.delete(positions);
  await tx.execute(sql`
    INSERT INTO positions (actor_id, proposition_id, sequence, stance, evidence_claim_id, since_claim_id,
      previous_stance, changed, previous_claim_id, placed_start, next_placed_start)
    ${derivedPositions(actorIds)}`);
}
