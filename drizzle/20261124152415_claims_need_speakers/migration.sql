-- A claim names its speakers (claim_speakers) or describes them (speaker_description). The speakers live in
-- another table, so a CHECK cannot see them: a deferred constraint trigger checks each touched claim at commit.
CREATE FUNCTION claim_has_speaker() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target integer;
BEGIN
  IF TG_TABLE_NAME = 'claims' THEN
    target := NEW.id;
  ELSE
    target := OLD.claim_id;
  END IF;
  IF EXISTS (
    SELECT 1 FROM claims c
    WHERE c.id = target AND c.speaker_description IS NULL
      AND NOT EXISTS (SELECT 1 FROM claim_speakers s WHERE s.claim_id = c.id)
  ) THEN
    RAISE EXCEPTION 'claim % has neither speakers nor a speaker description', target
      USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_have_speakers';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER claims_have_speakers AFTER INSERT OR UPDATE OF speaker_description ON claims
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION claim_has_speaker();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER claim_speakers_keep_a_speaker AFTER DELETE OR UPDATE ON claim_speakers
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION claim_has_speaker();
