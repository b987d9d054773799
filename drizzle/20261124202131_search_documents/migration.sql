ALTER TABLE "actors" ADD COLUMN "search_document" tsvector GENERATED ALWAYS AS ((setweight(to_tsvector('english', "actors"."name"), 'A') || setweight(to_tsvector('english', aliases_text("actors"."aliases")), 'B'))) STORED;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "search_document" tsvector GENERATED ALWAYS AS ((setweight(to_tsvector('english', "claims"."text"), 'A') || setweight(to_tsvector('english', coalesce("claims"."context", '')), 'B'))) STORED;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "search_document" tsvector GENERATED ALWAYS AS ((setweight(to_tsvector('english', "events"."title"), 'A') || setweight(to_tsvector('english', coalesce("events"."description", '')), 'B'))) STORED;--> statement-breakpoint
ALTER TABLE "propositions" ADD COLUMN "search_document" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', "propositions"."statement"), 'A')) STORED;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "search_document" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', "sources"."title"), 'A')) STORED;--> statement-breakpoint
DROP INDEX "actors_search_idx";--> statement-breakpoint
CREATE INDEX "actors_search_idx" ON "actors" USING gin ("search_document");--> statement-breakpoint
DROP INDEX "claims_search_idx";--> statement-breakpoint
CREATE INDEX "claims_search_idx" ON "claims" USING gin ("search_document") WHERE "retracted_at" IS NULL;--> statement-breakpoint
DROP INDEX "events_search_idx";--> statement-breakpoint
CREATE INDEX "events_search_idx" ON "events" USING gin ("search_document");--> statement-breakpoint
DROP INDEX "propositions_search_idx";--> statement-breakpoint
CREATE INDEX "propositions_search_idx" ON "propositions" USING gin ("search_document");--> statement-breakpoint
DROP INDEX "sources_search_idx";--> statement-breakpoint
CREATE INDEX "sources_search_idx" ON "sources" USING gin ("search_document");