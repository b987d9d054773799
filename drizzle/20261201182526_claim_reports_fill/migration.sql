-- Custom because drizzle-kit neither moves data nor writes triggers. Every claim so far was one row with the source
-- that reported it (source_id) and, for some, the document its words first appeared in (first_appeared_in_id):
-- each becomes a report of the claim, the first one its primary report, with the claim's words and mode, published
-- when its source was (or, where the source has no date, placed where the claim is).
INSERT INTO "claim_reports" ("claim_id", "source_id", "is_primary", "text", "mode", "published_start",
  "published_precision", "published_approximate", "published_text", "placed_start", "placed_end")
SELECT c."id", s."id", s."id" IS NOT DISTINCT FROM c."first_appeared_in_id", c."text", c."mode", s."published_start",
  s."published_precision", s."published_approximate", s."published_text",
  coalesce(s."published_start", c."placed_start"), coalesce(s."published_end", c."placed_end")
FROM "claims" c
JOIN "sources" s ON s."id" = c."source_id" OR s."id" = c."first_appeared_in_id";--> statement-breakpoint
-- The reports come from what the audit trail has already recorded: the triggers that record their changes start
-- after them, so that no revision records them again.
CREATE TRIGGER "claim_reports_version" BEFORE UPDATE ON "claim_reports" FOR EACH ROW EXECUTE FUNCTION keep_version();--> statement-breakpoint
CREATE TRIGGER "claim_reports_revisions" AFTER INSERT OR UPDATE OR DELETE ON "claim_reports"
  FOR EACH ROW EXECUTE FUNCTION record_revision('Claim', 'claim_id');--> statement-breakpoint
CREATE TRIGGER "claim_merges_revisions" AFTER INSERT OR UPDATE OR DELETE ON "claim_merges"
  FOR EACH ROW EXECUTE FUNCTION record_revision('Claim', 'kept_claim_id');--> statement-breakpoint
-- A misattributed claim leaves its speakers' positions as a retracted one does, so a change of attribution makes
-- them stale too.
CREATE OR REPLACE FUNCTION stale_positions_of_claims() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A writer that keeps no positions of whosaid's (the benchmark's peer) says so, and records nothing.
  IF current_setting('whosaid.positions', true) = 'not kept' THEN RETURN NULL; END IF;
  INSERT INTO stale_positions (actor_id, proposition_id)
  SELECT DISTINCT s.actor_id, st.proposition_id
  FROM old_claims o
  JOIN new_claims n ON n.id = o.id
  JOIN claim_speakers s ON s.claim_id = n.id
  JOIN claim_stances st ON st.claim_id = n.id
  WHERE (o.placed_start, o.placed_end, o.retracted_at, o.attribution = 'MISATTRIBUTED')
    IS DISTINCT FROM (n.placed_start, n.placed_end, n.retracted_at, n.attribution = 'MISATTRIBUTED');
  RETURN NULL;
END
$$;
