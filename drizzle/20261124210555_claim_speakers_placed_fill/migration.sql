-- The rows come back as they were: no revision records them again.
ALTER TABLE "claim_speakers" DISABLE TRIGGER "claim_speakers_revisions";--> statement-breakpoint
INSERT INTO "claim_speakers" ("claim_id", "actor_id", "position", "placed_start", "placed_end")
SELECT b."claim_id", b."actor_id", b."position", c."placed_start", c."placed_end"
FROM "claim_speakers_before_placed" b JOIN "claims" c ON c."id" = b."claim_id";--> statement-breakpoint
DROP TABLE "claim_speakers_before_placed";--> statement-breakpoint
-- The placed dates are the claim's, kept by the foreign key's cascade, and the claim's own revision records their
-- change: the speakers' revisions follow only who spoke.
DROP TRIGGER "claim_speakers_revisions" ON "claim_speakers";--> statement-breakpoint
CREATE TRIGGER "claim_speakers_revisions" AFTER INSERT OR DELETE OR UPDATE OF "claim_id", "actor_id", "position" ON "claim_speakers"
  FOR EACH ROW EXECUTE FUNCTION record_revision('Claim', 'claim_id');
