ALTER TABLE "claim_speakers" ADD COLUMN "placed_start" date NOT NULL;--> statement-breakpoint
ALTER TABLE "claim_speakers" ADD COLUMN "placed_end" date NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_placed_key" UNIQUE("id","placed_start","placed_end");--> statement-breakpoint
CREATE INDEX "claim_speakers_actor_placed_idx" ON "claim_speakers" ("actor_id","placed_start","placed_end","claim_id");--> statement-breakpoint
ALTER TABLE "claim_speakers" ADD CONSTRAINT "claim_speakers_claim_placed_fk" FOREIGN KEY ("claim_id","placed_start","placed_end") REFERENCES "claims"("id","placed_start","placed_end") ON DELETE CASCADE ON UPDATE CASCADE;