-- claim_speakers gains NOT NULL copies of its claim's placed dates (next migration, generated): its rows wait aside
-- until the one after puts them back with the dates. All migrations run in one transaction.
CREATE TABLE "claim_speakers_before_placed" AS SELECT "claim_id", "actor_id", "position" FROM "claim_speakers";--> statement-breakpoint
TRUNCATE "claim_speakers";
