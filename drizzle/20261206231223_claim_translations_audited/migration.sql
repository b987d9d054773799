-- Custom because drizzle-kit does not generate triggers or gather statistics. A translation is part of its claim:
-- its changes are the claim's revisions, and its version moves like every audited row's. The claims' search
-- document was rebuilt in its language's configuration, and search reads its statistics to choose an index.
CREATE TRIGGER "claim_translations_version" BEFORE UPDATE ON "claim_translations" FOR EACH ROW EXECUTE FUNCTION keep_version();--> statement-breakpoint
CREATE TRIGGER "claim_translations_revisions" AFTER INSERT OR UPDATE OR DELETE ON "claim_translations"
  FOR EACH ROW EXECUTE FUNCTION record_revision('Claim', 'claim_id');--> statement-breakpoint
ANALYZE "claims", "claim_translations";
