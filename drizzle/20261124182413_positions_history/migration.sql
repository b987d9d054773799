DROP INDEX "positions_proposition_idx";--> statement-breakpoint
ALTER TABLE "positions" ADD COLUMN "sequence" integer;--> statement-breakpoint
ALTER TABLE "positions" ADD COLUMN "previous_stance" "stance";--> statement-breakpoint
ALTER TABLE "positions" ADD COLUMN "changed" boolean NOT NULL;--> statement-breakpoint
ALTER TABLE "positions" ADD COLUMN "previous_claim_id" integer;--> statement-breakpoint
ALTER TABLE "positions" ADD COLUMN "placed_start" date NOT NULL;--> statement-breakpoint
ALTER TABLE "positions" ADD COLUMN "next_placed_start" date;--> statement-breakpoint
ALTER TABLE "positions" DROP CONSTRAINT "positions_pkey";--> statement-breakpoint
ALTER TABLE "positions" ADD PRIMARY KEY ("actor_id","proposition_id","sequence");--> statement-breakpoint
CREATE INDEX "positions_current_idx" ON "positions" ("actor_id","proposition_id") WHERE "next_placed_start" IS NULL;--> statement-breakpoint
CREATE INDEX "positions_current_proposition_idx" ON "positions" ("proposition_id","stance") WHERE "next_placed_start" IS NULL;--> statement-breakpoint
CREATE INDEX "positions_proposition_placed_idx" ON "positions" ("proposition_id","placed_start");--> statement-breakpoint
CREATE INDEX "positions_shifts_idx" ON "positions" ("proposition_id","placed_start") WHERE "changed";--> statement-breakpoint
CREATE INDEX "positions_actor_shifts_idx" ON "positions" ("actor_id","placed_start") WHERE "changed";--> statement-breakpoint
CREATE INDEX "positions_previous_idx" ON "positions" ("previous_claim_id");--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_previous_claim_id_claims_id_fkey" FOREIGN KEY ("previous_claim_id") REFERENCES "claims"("id") ON DELETE CASCADE;