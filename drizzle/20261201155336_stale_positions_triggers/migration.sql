-- Custom because drizzle-kit does not generate triggers: these record in stale_positions every actor and proposition
-- pair whose positions a statement may have changed, whatever path made the change, so that the write's transaction
-- can rewrite exactly those positions before it commits (src/domain/writes/write-transaction.ts).
--
-- A pair is an actor who speaks a claim and a proposition the claim takes a stance on. The triggers on the speakers
-- and the stances run after their statement and join the rows it touched with the claim's other side as it stands
-- then: when an import replaces both a claim's speakers and its stances, whichever it deletes first still meets the
-- other's old rows, so the old speaker's pair with the old stance is recorded too.
CREATE FUNCTION stale_positions_of_speakers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A writer that keeps no positions of whosaid's (the benchmark's peer) says so, and records nothing.
  IF current_setting('whosaid.positions', true) = 'not kept' THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO stale_positions (actor_id, proposition_id)
    SELECT DISTINCT s.actor_id, st.proposition_id
    FROM old_speakers s JOIN claim_stances st ON st.claim_id = s.claim_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO stale_positions (actor_id, proposition_id)
    SELECT DISTINCT s.actor_id, st.proposition_id
    FROM new_speakers s JOIN claim_stances st ON st.claim_id = s.claim_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION stale_positions_of_stances() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A writer that keeps no positions of whosaid's (the benchmark's peer) says so, and records nothing.
  IF current_setting('whosaid.positions', true) = 'not kept' THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO stale_positions (actor_id, proposition_id)
    SELECT DISTINCT s.actor_id, st.proposition_id
    FROM old_stances st JOIN claim_speakers s ON s.claim_id = st.claim_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO stale_positions (actor_id, proposition_id)
    SELECT DISTINCT s.actor_id, st.proposition_id
    FROM new_stances st JOIN claim_speakers s ON s.claim_id = st.claim_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A claim bears on positions by when it is placed and whether it is retracted; its other columns do not. A trigger
-- with transition tables cannot name columns, so the old and new rows are compared here.
CREATE FUNCTION stale_positions_of_claims() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A writer that keeps no positions of whosaid's (the benchmark's peer) says so, and records nothing.
  IF current_setting('whosaid.positions', true) = 'not kept' THEN RETURN NULL; END IF;
  INSERT INTO stale_positions (actor_id, proposition_id)
  SELECT DISTINCT s.actor_id, st.proposition_id
  FROM old_claims o
  JOIN new_claims n ON n.id = o.id
  JOIN claim_speakers s ON s.claim_id = n.id
  JOIN claim_stances st ON st.claim_id = n.id
  WHERE (o.placed_start, o.placed_end, o.retracted_at) IS DISTINCT FROM (n.placed_start, n.placed_end, n.retracted_at);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Before the row goes: the cascade deletes the claim's speakers and stances one table after the other, and by the
-- time either table's trigger runs the other may be gone already.
CREATE FUNCTION stale_positions_of_deleted_claim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A writer that keeps no positions of whosaid's (the benchmark's peer) says so, and records nothing.
  IF current_setting('whosaid.positions', true) = 'not kept' THEN RETURN OLD; END IF;
  INSERT INTO stale_positions (actor_id, proposition_id)
  SELECT s.actor_id, st.proposition_id
  FROM claim_speakers s JOIN claim_stances st ON st.claim_id = s.claim_id
  WHERE s.claim_id = OLD.id;
  RETURN OLD;
END
$$;
--> statement-breakpoint
-- One trigger per event: a trigger with transition tables may fire on only one.
CREATE TRIGGER claim_speakers_stale_positions_insert AFTER INSERT ON claim_speakers
  REFERENCING NEW TABLE AS new_speakers FOR EACH STATEMENT EXECUTE FUNCTION stale_positions_of_speakers();
--> statement-breakpoint
CREATE TRIGGER claim_speakers_stale_positions_update AFTER UPDATE ON claim_speakers
  REFERENCING OLD TABLE AS old_speakers NEW TABLE AS new_speakers
  FOR EACH STATEMENT EXECUTE FUNCTION stale_positions_of_speakers();
--> statement-breakpoint
CREATE TRIGGER claim_speakers_stale_positions_delete AFTER DELETE ON claim_speakers
  REFERENCING OLD TABLE AS old_speakers FOR EACH STATEMENT EXECUTE FUNCTION stale_positions_of_speakers();
--> statement-breakpoint
CREATE TRIGGER claim_stances_stale_positions_insert AFTER INSERT ON claim_stances
  REFERENCING NEW TABLE AS new_stances FOR EACH STATEMENT EXECUTE FUNCTION stale_positions_of_stances();
--> statement-breakpoint
CREATE TRIGGER claim_stances_stale_positions_update AFTER UPDATE ON claim_stances
  REFERENCING OLD TABLE AS old_stances NEW TABLE AS new_stances
  FOR EACH STATEMENT EXECUTE FUNCTION stale_positions_of_stances();
--> statement-breakpoint
CREATE TRIGGER claim_stances_stale_positions_delete AFTER DELETE ON claim_stances
  REFERENCING OLD TABLE AS old_stances FOR EACH STATEMENT EXECUTE FUNCTION stale_positions_of_stances();
--> statement-breakpoint
CREATE TRIGGER claims_stale_positions_update AFTER UPDATE ON claims
  REFERENCING OLD TABLE AS old_claims NEW TABLE AS new_claims
  FOR EACH STATEMENT EXECUTE FUNCTION stale_positions_of_claims();
--> statement-breakpoint
CREATE TRIGGER claims_stale_positions_delete BEFORE DELETE ON claims
  FOR EACH ROW EXECUTE FUNCTION stale_positions_of_deleted_claim();
