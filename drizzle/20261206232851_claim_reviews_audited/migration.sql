-- Custom because drizzle-kit does not write triggers. A review is part of its claim's record, as its reports are: its
-- changes are revisions of the Claim (Claim.revisions, the change feed), and its version is kept like every row's.
CREATE TRIGGER "claim_reviews_version" BEFORE UPDATE ON "claim_reviews" FOR EACH ROW EXECUTE FUNCTION keep_version();--> statement-breakpoint
CREATE TRIGGER "claim_reviews_revisions" AFTER INSERT OR UPDATE OR DELETE ON "claim_reviews"
  FOR EACH ROW EXECUTE FUNCTION record_revision('Claim', 'claim_id');
