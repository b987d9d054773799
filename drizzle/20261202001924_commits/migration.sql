CREATE TABLE "commits" (
	"sequence" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "commits_sequence_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"transaction_id" xid8 NOT NULL UNIQUE,
	"committed_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "revisions" ADD COLUMN "transaction_id" xid8 DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
CREATE INDEX "commits_committed_at_idx" ON "commits" ("committed_at","sequence");--> statement-breakpoint
CREATE INDEX "revisions_transaction_idx" ON "revisions" ("transaction_id","id");