-- Custom because drizzle-kit does not generate triggers. A claim's placed dates reach claim_speakers through the
-- foreign key's ON UPDATE CASCADE, which sets every column of the key, claim_id among them, so the trigger that was
-- to follow only who spoke (UPDATE OF claim_id, actor_id, position) fired on it: a claim moved in time wrote a
-- revision of each of its speakers beside its own. An update of a speaker now writes one only where who spoke, or
-- in what order, changed.
DROP TRIGGER "claim_speakers_revisions" ON "claim_speakers";--> statement-breakpoint
CREATE TRIGGER "claim_speakers_revisions" AFTER INSERT OR DELETE ON "claim_speakers"
  FOR EACH ROW EXECUTE FUNCTION record_revision('Claim', 'claim_id');--> statement-breakpoint
CREATE TRIGGER "claim_speakers_revisions_of_update" AFTER UPDATE ON "claim_speakers" FOR EACH ROW
  WHEN ((OLD."claim_id", OLD."actor_id", OLD."position") IS DISTINCT FROM (NEW."claim_id", NEW."actor_id", NEW."position"))
  EXECUTE FUNCTION record_revision('Claim', 'claim_id');
