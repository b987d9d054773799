-- Custom because drizzle-kit neither fills columns nor writes triggers. Positions are now rewritten only where a
-- write changes them (src/db/positions.ts), which needs two things: each row's full place in time, so that the
-- rows of a pair can be walked in order through the index without the claims, and the claims a write touched,
-- not only their pairs, so that the rewrite knows where in a pair's history to look.
UPDATE positions p SET placed_end = c.placed_end FROM claims c WHERE c.id = p.evidence_claim_id;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stale_positions_of_speakers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A writer that keeps no positions of whosaid's (the benchmark's peer) says so, and records nothing.
  IF current_setting('whosaid.positions', true) = 'not kept' THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO stale_positions (actor_id, proposition_id, claim_id)
    SELECT DISTINCT s.actor_id, st.proposition_id, s.claim_id
    FROM old_speakers s JOIN claim_stances st ON st.claim_id = s.claim_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO stale_positions (actor_id, proposition_id, claim_id)
    SELECT DISTINCT s.actor_id, st.proposition_id, s.claim_id
    FROM new_speakers s JOIN claim_stances st ON st.claim_id = s.claim_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stale_positions_of_stances() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A writer that keeps no positions of whosaid's (the benchmark's peer) says so, and records nothing.
  IF current_setting('whosaid.positions', true) = 'not kept' THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO stale_positions (actor_id, proposition_id, claim_id)
    SELECT DISTINCT s.actor_id, st.proposition_id, st.claim_id
    FROM old_stances st JOIN claim_speakers s ON s.claim_id = st.claim_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO stale_positions (actor_id, proposition_id, claim_id)
    SELECT DISTINCT s.actor_id, st.proposition_id, st.claim_id
    FROM new_stances st JOIN claim_speakers s ON s.claim_id = st.claim_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stale_positions_of_claims() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A writer that keeps no positions of whosaid's (the benchmark's peer) says so, and records nothing.
  IF current_setting('whosaid.positions', true) = 'not kept' THEN RETURN NULL; END IF;
  INSERT INTO stale_positions (actor_id, proposition_id, claim_id)
  SELECT DISTINCT s.actor_id, st.proposition_id, n.id
  FROM old_claims o
  JOIN new_claims n ON n.id = o.id
  JOIN claim_speakers s ON s.claim_id = n.id
  JOIN claim_stances st ON st.claim_id = n.id
  WHERE (o.placed_start, o.placed_end, o.retracted_at, o.attribution = 'MISATTRIBUTED')
    IS DISTINCT FROM (n.placed_start, n.placed_end, n.retracted_at, n.attribution = 'MISATTRIBUTED');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stale_positions_of_deleted_claim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A writer that keeps no positions of whosaid's (the benchmark's peer) says so, and records nothing.
  IF current_setting('whosaid.positions', true) = 'not kept' THEN RETURN OLD; END IF;
  INSERT INTO stale_positions (actor_id, proposition_id, claim_id)
  SELECT s.actor_id, st.proposition_id, OLD.id
  FROM claim_speakers s JOIN claim_stances st ON st.claim_id = s.claim_id
  WHERE s.claim_id = OLD.id;
  RETURN OLD;
END
$$;
