ALTER TABLE "claims" DROP CONSTRAINT "claims_first_appeared_in_id_sources_id_fkey";--> statement-breakpoint
DROP INDEX "claims_first_appeared_in_idx";--> statement-breakpoint
ALTER TABLE "claims" DROP COLUMN "first_appeared_in_id";