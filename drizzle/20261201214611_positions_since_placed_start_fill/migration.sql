-- Custom because drizzle-kit does not fill columns. Each position now keeps its since claim's placed_start, so that
-- a proposition's positions can be paged in the order they hold since from one index. The since claim is the first
-- claim of the row's run, whose own row in the same pair has that place in time.
UPDATE positions p SET since_placed_start = s.placed_start
FROM positions s
WHERE s.actor_id = p.actor_id AND s.proposition_id = p.proposition_id AND s.evidence_claim_id = p.since_claim_id;
