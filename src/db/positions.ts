import { sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { type Position, positionChanges, type TouchedClaim } from './position-changes.js';
import { stalePositions } from './schema.js';

/**
 * Every position the claims imply (retracted and misattributed ones aside), for everyone: per actor and proposition,
 * one row per claim in the order they were said (by the day said or, failing that, reported; on the same day, the
 * later record last), with the stance before it and the first claim of the unbroken run of its stance, and that
 * claim's placed_start.
 */
export function derivedPositions() {
  return sql`
    WITH stated AS (
      SELECT s.actor_id, st.proposition_id, st.stance, c.id AS claim_id, c.placed_start, c.placed_end,
        row_number() OVER w AS sequence,
        lag(st.stance) OVER w AS previous_stance,
        lag(c.id) OVER w AS previous_claim_id,
        lead(c.placed_start) OVER w AS next_placed_start
      FROM claim_speakers s
      JOIN claims c ON c.id = s.claim_id
      JOIN claim_stances st ON st.claim_id = c.id
      WHERE c.retracted_at IS NULL AND c.attribution <> 'MISATTRIBUTED'
      WINDOW w AS (PARTITION BY s.actor_id, st.proposition_id ORDER BY c.placed_start, c.placed_end, c.id)
    ), runs AS (
      SELECT *,
        sum((previous_stance IS DISTINCT FROM stance)::int) OVER (PARTITION BY actor_id, proposition_id ORDER BY sequence) AS run
      FROM stated
    )
    SELECT actor_id, proposition_id, stance, claim_id AS evidence_claim_id,
      first_value(claim_id) OVER run AS since_claim_id,
      previous_stance, coalesce(previous_stance <> stance, false) AS changed, previous_claim_id, placed_start,
      placed_end, next_placed_start, first_value(placed_start) OVER run AS since_placed_start
    FROM runs
    WINDOW run AS (PARTITION BY actor_id, proposition_id, run ORDER BY sequence)`;
}

const POSITION_COLUMNS = sql.raw(`actor_id, proposition_id, stance, evidence_claim_id, since_claim_id, previous_stance,
  changed, previous_claim_id, placed_start, placed_end, next_placed_start, since_placed_start`);

/** Rewrites everyone's positions from the claims: for a database loaded in bulk, where no write kept them. */
export async function refreshPositions(tx: Database): Promise<void> {
  // No pair's write may run meanwhile, and none of them is stale any more.
  await tx.execute(sql`LOCK TABLE positions IN EXCLUSIVE MODE`);
  await tx.execute(sql`DELETE FROM positions`);
  await tx.delete(stalePositions);
  await tx.execute(sql`INSERT INTO positions (${POSITION_COLUMNS}) ${derivedPositions()}`);
}

interface StaleClaim {
  actor_id: number;
  proposition_id: number;
  claim_id: number;
}

/** A positions row as to_jsonb writes it. */
interface StoredRow {
  actor_id: number;
  proposition_id: number;
  evidence_claim_id: number;
  stance: string;
  since_claim_id: number;
  previous_stance: string | null;
  changed: boolean;
  previous_claim_id: number | null;
  placed_start: string;
  placed_end: string;
  next_placed_start: string | null;
  since_placed_start: string;
}

interface TouchedRow {
  actor_id: number;
  proposition_id: number;
  claim_id: number;
  fresh: { stance: string; placed_start: string; placed_end: string } | null;
  stored: StoredRow | null;
  before: StoredRow | null;
  after: StoredRow | null;
}

const positionOf = (row: StoredRow | null): Position | null =>
  row && {
    actorId: row.actor_id,
    propositionId: row.proposition_id,
    evidenceClaimId: row.evidence_claim_id,
    stance: row.stance,
    sinceClaimId: row.since_claim_id,
    previousStance: row.previous_stance,
    changed: row.changed,
    previousClaimId: row.previous_claim_id,
    placedStart: row.placed_start,
    placedEnd: row.placed_end,
    nextPlacedStart: row.next_placed_start,
    sincePlacedStart: row.since_placed_start,
  };

const rowsOf = <Row>(result: unknown) => (result as { rows: Row[] }).rows;

/**
 * Rewrites the positions the transaction's statements have made stale, as the triggers on the claims, their speakers
 * and their stances recorded them in stale_positions, and empties it of them. Run it inside the write's transaction.
 * Only the rows that change are written (src/db/position-changes.ts): a prolific actor's long history on a
 * proposition is read at the places the write touched and nowhere else.
 */
export async function refreshStalePositions(tx: Database): Promise<void> {
  // Two writes on one pair take turns, pair by pair in one order so that two writes never wait on each other, while
  // writes on other pairs go ahead. Each statement after this sees what the write before it committed.
  const stale = rowsOf<StaleClaim>(
    await tx.execute(sql`
      WITH taken AS (DELETE FROM stale_positions RETURNING actor_id, proposition_id, claim_id),
      pairs AS (SELECT actor_id, proposition_id, jsonb_agg(DISTINCT claim_id) AS claim_ids FROM taken GROUP BY 1, 2)
      SELECT actor_id, proposition_id, claim_id::int
      FROM (SELECT actor_id, proposition_id, claim_ids, pg_advisory_xact_lock(actor_id, proposition_id) AS locked
        FROM pairs ORDER BY actor_id, proposition_id) AS locked_pairs,
        jsonb_array_elements_text(claim_ids) AS claim_id`),
  );
  if (stale.length === 0) return;
  const touched = rowsOf<TouchedRow>(
    await tx.execute(sql`
    WITH stale AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(stale)}::jsonb) AS s(actor_id int, proposition_id int, claim_id int)
    ), claims_now AS (
      SELECT x.*, jsonb_build_object('stance', st.stance, 'placed_start', c.placed_start, 'placed_end', c.placed_end) AS fresh,
        c.placed_start, c.placed_end
      FROM stale x
      JOIN claims c ON c.id = x.claim_id AND c.retracted_at IS NULL AND c.attribution <> 'MISATTRIBUTED'
      JOIN claim_speakers s ON s.claim_id = x.claim_id AND s.actor_id = x.actor_id
      JOIN claim_stances st ON st.claim_id = x.claim_id AND st.proposition_id = x.proposition_id
    ), claims_stored AS (
      SELECT x.*, to_jsonb(p) AS stored, p.placed_start, p.placed_end
      FROM stale x
      JOIN positions p ON p.actor_id = x.actor_id AND p.proposition_id = x.proposition_id AND p.evidence_claim_id = x.claim_id
    ), places AS (
      SELECT actor_id, proposition_id, claim_id, placed_start, placed_end FROM claims_now
      UNION SELECT actor_id, proposition_id, claim_id, placed_start, placed_end FROM claims_stored
    )
    SELECT k.actor_id, k.proposition_id, k.claim_id, n.fresh, o.stored,
      (SELECT to_jsonb(p) FROM positions p
        WHERE p.actor_id = k.actor_id AND p.proposition_id = k.proposition_id
          AND (p.placed_start, p.placed_end, p.evidence_claim_id) < (k.placed_start, k.placed_end, k.claim_id)
          AND p.evidence_claim_id NOT IN (
            SELECT claim_id FROM stale x WHERE x.actor_id = k.actor_id AND x.proposition_id = k.proposition_id)
        ORDER BY p.placed_start DESC, p.placed_end DESC, p.evidence_claim_id DESC LIMIT 1) AS before,
      (SELECT to_jsonb(p) FROM positions p
        WHERE p.actor_id = k.actor_id AND p.proposition_id = k.proposition_id
          AND (p.placed_start, p.placed_end, p.evidence_claim_id) > (k.placed_start, k.placed_end, k.claim_id)
          AND p.evidence_claim_id NOT IN (
            SELECT claim_id FROM stale x WHERE x.actor_id = k.actor_id AND x.proposition_id = k.proposition_id)
        ORDER BY p.placed_start, p.placed_end, p.evidence_claim_id LIMIT 1) AS after
    FROM places k
    LEFT JOIN claims_now n USING (actor_id, proposition_id, claim_id)
    LEFT JOIN claims_stored o USING (actor_id, proposition_id, claim_id)`),
  );

  const byPair = new Map<string, { pair: { actorId: number; propositionId: number }; touched: TouchedClaim[] }>();
  for (const row of touched) {
    const key = `${row.actor_id},${row.proposition_id}`;
    const entry = byPair.get(key) ?? {
      pair: { actorId: row.actor_id, propositionId: row.proposition_id },
      touched: [],
    };
    byPair.set(key, entry);
    entry.touched.push({
      fresh: row.fresh && {
        claimId: row.claim_id,
        stance: row.fresh.stance,
        placedStart: row.fresh.placed_start,
        placedEnd: row.fresh.placed_end,
      },
      stored: positionOf(row.stored),
      before: positionOf(row.before),
      after: positionOf(row.after),
    });
  }
  const changes = [...byPair.values()].map(({ pair, touched }) => ({ pair, ...positionChanges(pair, touched) }));
  const removed = changes.flatMap(({ pair, removed }) => removed.map((claimId) => ({ ...pair, claimId })));
  const written = changes.flatMap((change) => change.written);
  const sinceMoves = changes.flatMap((change) => change.sinceMoves);
  if (removed.length === 0 && written.length === 0 && sinceMoves.length === 0) return;

  // One statement: its three parts touch different rows (a moved run lies between the rows written).
  await tx.execute(sql`
    WITH removed AS (
      DELETE FROM positions p
      USING jsonb_to_recordset(${JSON.stringify(removed)}::jsonb) AS r("actorId" int, "propositionId" int, "claimId" int)
      WHERE p.actor_id = r."actorId" AND p.proposition_id = r."propositionId" AND p.evidence_claim_id = r."claimId"
      RETURNING 1
    ), written AS (
      INSERT INTO positions (${POSITION_COLUMNS})
      SELECT "actorId", "propositionId", "stance"::stance, "evidenceClaimId", "sinceClaimId", "previousStance"::stance,
        "changed", "previousClaimId", "placedStart", "placedEnd", "nextPlacedStart", "sincePlacedStart"
      FROM jsonb_to_recordset(${JSON.stringify(written)}::jsonb) AS w("actorId" int, "propositionId" int, "stance" text,
        "evidenceClaimId" int, "sinceClaimId" int, "previousStance" text, "changed" boolean, "previousClaimId" int,
        "placedStart" date, "placedEnd" date, "nextPlacedStart" date, "sincePlacedStart" date)
      ON CONFLICT (actor_id, proposition_id, evidence_claim_id) DO UPDATE SET
        stance = excluded.stance, since_claim_id = excluded.since_claim_id, previous_stance = excluded.previous_stance,
        changed = excluded.changed, previous_claim_id = excluded.previous_claim_id, placed_start = excluded.placed_start,
        placed_end = excluded.placed_end, next_placed_start = excluded.next_placed_start,
        since_placed_start = excluded.since_placed_start
      RETURNING 1
    ), moved AS (
      UPDATE positions p SET since_claim_id = m."to", since_placed_start = m."toPlacedStart"
      FROM jsonb_to_recordset(${JSON.stringify(sinceMoves)}::jsonb) AS m("actorId" int, "propositionId" int,
        "from" int, "to" int, "toPlacedStart" date, "after" jsonb, "before" jsonb)
      WHERE p.since_claim_id = m."from" AND p.actor_id = m."actorId" AND p.proposition_id = m."propositionId"
        AND (p.placed_start, p.placed_end, p.evidence_claim_id)
          > ((m."after"->>'placedStart')::date, (m."after"->>'placedEnd')::date, (m."after"->>'claimId')::int)
        AND (m."before" IS NULL OR (p.placed_start, p.placed_end, p.evidence_claim_id)
          < ((m."before"->>'placedStart')::date, (m."before"->>'placedEnd')::date, (m."before"->>'claimId')::int))
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM removed) AS removed, (SELECT count(*) FROM written) AS written,
      (SELECT count(*) FROM moved) AS moved`);
}
