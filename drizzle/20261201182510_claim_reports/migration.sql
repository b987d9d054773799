CREATE TYPE "attribution_status" AS ENUM('REPORTED', 'VERIFIED', 'DISPUTED', 'MISATTRIBUTED');--> statement-breakpoint
CREATE TABLE "claim_merges" (
	"merged_key" text PRIMARY KEY,
	"merged_claim_id" integer NOT NULL,
	"kept_claim_id" integer NOT NULL,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "claim_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"claim_id" integer NOT NULL,
	"source_id" integer NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"text" text NOT NULL,
	"mode" "claim_mode" NOT NULL,
	"published_start" date,
	"published_precision" "date_precision",
	"published_end" date GENERATED ALWAYS AS (CASE "published_precision" WHEN 'YEAR' THEN ("published_start" + interval '1 year' - interval '1 day')::date WHEN 'MONTH' THEN ("published_start" + interval '1 month' - interval '1 day')::date ELSE "published_start" END) STORED,
	"published_approximate" boolean,
	"published_text" text,
	"placed_start" date NOT NULL,
	"placed_end" date NOT NULL,
	"page" text,
	"anchor" text,
	"start_seconds" double precision,
	"end_seconds" double precision,
	"drifted" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_reports_claim_source_key" UNIQUE("claim_id","source_id"),
	CONSTRAINT "claim_reports_text_length" CHECK (length(trim("text")) BETWEEN 1 AND 10000),
	CONSTRAINT "claim_reports_published_date" CHECK (("published_start" IS NULL) = ("published_precision" IS NULL) AND ("published_start" IS NULL) = ("published_approximate" IS NULL) AND ("published_start" IS NULL OR "published_text" IS NULL OR length("published_text") > 0) AND ("published_precision" IS DISTINCT FROM 'MONTH' OR extract(day FROM "published_start") = 1) AND ("published_precision" IS DISTINCT FROM 'YEAR' OR (extract(day FROM "published_start") = 1 AND extract(month FROM "published_start") = 1))),
	CONSTRAINT "claim_reports_placed_range" CHECK ("placed_start" <= "placed_end"),
	CONSTRAINT "claim_reports_time_code" CHECK (("start_seconds" IS NULL OR "start_seconds" >= 0) AND ("end_seconds" IS NULL OR ("start_seconds" IS NOT NULL AND "end_seconds" >= "start_seconds")))
);
--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "attribution" "attribution_status" DEFAULT 'REPORTED'::"attribution_status" NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "attribution_note" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "attribution_evidence_id" integer;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "attribution_set_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "claim_merges_kept_idx" ON "claim_merges" ("kept_claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_reports_one_primary_idx" ON "claim_reports" ("claim_id") WHERE "is_primary";--> statement-breakpoint
CREATE INDEX "claim_reports_claim_placed_idx" ON "claim_reports" ("claim_id","placed_start","placed_end","id");--> statement-breakpoint
CREATE INDEX "claim_reports_source_idx" ON "claim_reports" ("source_id","claim_id");--> statement-breakpoint
CREATE INDEX "claim_reports_drifted_idx" ON "claim_reports" ("claim_id") WHERE "drifted";--> statement-breakpoint
CREATE INDEX "claims_attribution_idx" ON "claims" ("attribution") WHERE "attribution" <> 'REPORTED';--> statement-breakpoint
ALTER TABLE "claim_merges" ADD CONSTRAINT "claim_merges_kept_claim_id_claims_id_fkey" FOREIGN KEY ("kept_claim_id") REFERENCES "claims"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "claim_reports" ADD CONSTRAINT "claim_reports_claim_id_claims_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "claim_reports" ADD CONSTRAINT "claim_reports_source_id_sources_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_attribution_evidence_id_sources_id_fkey" FOREIGN KEY ("attribution_evidence_id") REFERENCES "sources"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_attribution_has_evidence" CHECK (("attribution" = 'REPORTED') = ("attribution_evidence_id" IS NULL) AND ("attribution" = 'REPORTED') = ("attribution_set_at" IS NULL));