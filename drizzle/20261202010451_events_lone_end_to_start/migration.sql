-- Custom because drizzle-kit does not move data. updateEvent let an event without a start be given an end, which the
-- next migration's check refuses: such an event is dated by the only date it has, its end becoming its start. The
-- revision this writes keeps the end as it was.
SELECT set_config('whosaid.changed_by', 'migration events_lone_end_to_start', true);--> statement-breakpoint
UPDATE "events" SET "occurred_start" = "ended_start", "occurred_precision" = "ended_precision",
  "occurred_approximate" = "ended_approximate", "occurred_text" = "ended_text", "ended_start" = NULL,
  "ended_precision" = NULL, "ended_approximate" = NULL, "ended_text" = NULL
WHERE "ended_start" IS NOT NULL AND "occurred_start" IS NULL;
--> statement-breakpoint
-- The migrations that follow in the same transaction are no longer this one.
SELECT set_config('whosaid.changed_by', '', true);
