DROP INDEX "claims_placed_idx";--> statement-breakpoint
CREATE INDEX "claims_placed_idx" ON "claims" ("placed_start","placed_end","id");--> statement-breakpoint
DROP INDEX "events_occurred_idx";--> statement-breakpoint
CREATE INDEX "events_occurred_idx" ON "events" ("occurred_start","occurred_end","id");