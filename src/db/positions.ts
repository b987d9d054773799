import { sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { stalePositions } from './schema.js';

/** An actor and a proposition: the positions of one such pair derive from that actor's claims on that proposition. */
export interface PositionPair {
  actorId: number;
  propositionId: number;
}

/**
 * Every position the claims imply (retracted and misattributed ones aside), for the given pairs or for everyone: per actor and
 * proposition, one row per claim in the order they were said (by the day said or, failing that, reported; on the same
 * day, the later record last), with the stance before it and the first claim of the unbroken run of its stance.
 */
export function derivedPositions(pairs?: readonly PositionPair[]) {
  const scope = pairs ? sql`AND (s.actor_id, st.proposition_id) IN (SELECT * FROM ${pairTable(pairs)})` : sql``;
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
      WHERE c.retracted_at IS NULL AND c.attribution <> 'MISATTRIBUTED' ${scope}
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

/**
 * Rewrites the positions of the given pairs (or of everyone) from their claims. Run it inside the write's transaction.
 * A write names only the pairs its claims touch: a prolific actor's other positions stay as they are.
 */
export async function refreshPositions(tx: Database, pairs?: readonly PositionPair[]): Promise<void> {
  if (pairs && pairs.length === 0) return;
  if (pairs) {
    // Two writes rewriting the same pair's positions at once would collide on the primary key: they take turns, pair
    // by pair (in one order, so that two writes never wait on each other), while writes on other pairs go ahead.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(actor_id, proposition_id)
      FROM ${pairTable(pairs)} AS pair(actor_id, proposition_id) ORDER BY actor_id, proposition_id`);
    await tx.execute(
      sql`DELETE FROM positions WHERE (actor_id, proposition_id) IN (SELECT * FROM ${pairTable(pairs)})`,
    );
  } else {
    // Everyone's positions: no pair's write may run meanwhile, and none of them is stale any more.
    await tx.execute(sql`LOCK TABLE positions IN EXCLUSIVE MODE`);
    await tx.execute(sql`DELETE FROM positions`);
    await tx.delete(stalePositions);
  }
  await tx.execute(sql`
    INSERT INTO positions (actor_id, proposition_id, sequence, stance, evidence_claim_id, since_claim_id,
      previous_stance, changed, previous_claim_id, placed_start, next_placed_start)
    ${derivedPositions(pairs)}`);
}

/**
 * Rewrites the positions the transaction's statements have made stale, as the triggers on the claims, their speakers
 * and their stances recorded them in stale_positions, and empties it of them.
 */
export async function refreshStalePositions(tx: Database): Promise<void> {
  const taken = await tx
    .delete(stalePositions)
    .returning({ actorId: stalePositions.actorId, propositionId: stalePositions.propositionId });
  const pairs = new Map(taken.map((pair) => [`${pair.actorId},${pair.propositionId}`, pair]));
  await refreshPositions(tx, [...pairs.values()]);
}

const pairTable = (pairs: readonly PositionPair[]) =>
  sql`unnest(${`{${pairs.map((pair) => pair.actorId).join(',')}}`}::int[], ${`{${pairs.map((pair) => pair.propositionId).join(',')}}`}::int[])`;
