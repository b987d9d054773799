-- Custom because drizzle-kit does not generate triggers. A claim is carried by at least one source (its reports in
-- claim_reports): a CHECK cannot see another table, so a deferred constraint trigger checks each touched claim at
-- commit, as claims_have_speakers does for speakers. A claim deleted with its reports (a merge) is not checked.
CREATE FUNCTION claim_has_report() RETURNS trigger LANGUAGE plpgsql AS $$
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
    WHERE c.id = target AND NOT EXISTS (SELECT 1 FROM claim_reports r WHERE r.claim_id = c.id)
  ) THEN
    RAISE EXCEPTION 'claim % is reported by no source', target
      USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_have_reports';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER claims_have_reports AFTER INSERT ON claims
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION claim_has_report();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER claim_reports_keep_a_report AFTER DELETE OR UPDATE OF claim_id ON claim_reports
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION claim_has_report();
