-- Custom because drizzle-kit does not generate triggers: a transaction that changes claims and commits without
-- rewriting the positions it made stale is refused at its commit. Every write does the rewriting through
-- writeTransaction (src/domain/writes/write-transaction.ts); one that went round it would otherwise leave positions
-- wrong until the next write, and now cannot commit at all. (A writer that keeps no positions and says so, the
-- benchmark's peer, records no stale pairs in the first place: see the triggers that record them.)
CREATE FUNCTION refuse_stale_positions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM stale_positions WHERE actor_id = NEW.actor_id AND proposition_id = NEW.proposition_id
  ) THEN
    RAISE EXCEPTION 'the positions of actor % on proposition % were made stale and not rewritten',
      NEW.actor_id, NEW.proposition_id
      USING ERRCODE = 'integrity_constraint_violation',
        HINT = 'Write claims, speakers and stances in writeTransaction, which rewrites the positions before it commits.';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER stale_positions_rewritten_before_commit
  AFTER INSERT ON stale_positions
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION refuse_stale_positions();
