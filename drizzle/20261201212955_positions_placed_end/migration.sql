ALTER TABLE "positions" ADD COLUMN "placed_end" date;--> statement-breakpoint
ALTER TABLE "stale_positions" ADD COLUMN "claim_id" integer NOT NULL;