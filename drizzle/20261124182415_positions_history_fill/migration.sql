-- Derives every position again from the claims, as src/db/positions.ts did when this migration was written.
INSERT INTO positions (actor_id, proposition_id, sequence, stance, evidence_claim_id, since_claim_id,
  previous_stance, changed, previous_claim_id, placed_start, next_placed_start)
WITH stated AS (
  SELECT s.actor_id, st.proposition_id, st.stance, c.id AS claim_id, c.placed_start,
    row_number() OVER w AS sequence,
    lag(st.stance) OVER w AS previous_stance,
    lag(c.id) OVER w AS previous_claim_id,
    lead(c.placed_start) OVER w AS next_placed_start
  FROM claim_speakers s
  JOIN claims c ON c.id = s.claim_id
  JOIN claim_stances st ON st.claim_id = c.id
  WHERE c.retracted_at IS NULL
  WINDOW w AS (PARTITION BY s.actor_id, st.proposition_id ORDER BY c.placed_start, c.placed_end, c.id)
), runs AS (
  SELECT *,
    sum((previous_stance IS DISTINCT FROM stance)::int) OVER (PARTITION BY actor_id, proposition_id ORDER BY sequence) AS run
  FROM stated
)
SELECT actor_id, proposition_id, sequence, stance, claim_id AS evidence_claim_id,
  first_value(claim_id) OVER (PARTITION BY actor_id, proposition_id, run ORDER BY sequence) AS since_claim_id,
  previous_stance, coalesce(previous_stance <> stance, false) AS changed, previous_claim_id, placed_start, next_placed_start
FROM runs;
