ALTER TABLE "positions" DROP CONSTRAINT "positions_evidence_claim_id_claims_id_fkey";--> statement-breakpoint
ALTER TABLE "positions" DROP CONSTRAINT "positions_since_claim_id_claims_id_fkey";--> statement-breakpoint
ALTER TABLE "positions" DROP CONSTRAINT "positions_previous_claim_id_claims_id_fkey";--> statement-breakpoint
ALTER TABLE "positions" DROP COLUMN "sequence";--> statement-breakpoint
ALTER TABLE "positions" ADD PRIMARY KEY ("actor_id","proposition_id","evidence_claim_id");--> statement-breakpoint
ALTER TABLE "positions" ALTER COLUMN "placed_end" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "positions_history_idx" ON "positions" ("actor_id","proposition_id","placed_start","placed_end","evidence_claim_id");