CREATE TABLE "claim_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "claim_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"claim_id" integer NOT NULL,
	"reviewer_id" integer NOT NULL,
	"url" text NOT NULL,
	"published_start" date,
	"published_precision" "date_precision",
	"published_end" date GENERATED ALWAYS AS (CASE "published_precision" WHEN 'YEAR' THEN ("published_start" + interval '1 year' - interval '1 day')::date WHEN 'MONTH' THEN ("published_start" + interval '1 month' - interval '1 day')::date ELSE "published_start" END) STORED,
	"published_approximate" boolean,
	"published_text" text,
	"rating_alternate_name" text NOT NULL,
	"rating_value" double precision NOT NULL,
	"best_rating" double precision NOT NULL,
	"worst_rating" double precision NOT NULL,
	"rating_score" double precision GENERATED ALWAYS AS (("claim_reviews"."rating_value" - "claim_reviews"."worst_rating") / nullif("claim_reviews"."best_rating" - "claim_reviews"."worst_rating", 0)) STORED,
	"claim_reviewed" text,
	"rating_explanation" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_reviews_claim_url_key" UNIQUE("claim_id","url"),
	CONSTRAINT "claim_reviews_published_date" CHECK (("published_start" IS NULL) = ("published_precision" IS NULL) AND ("published_start" IS NULL) = ("published_approximate" IS NULL) AND ("published_start" IS NULL OR "published_text" IS NULL OR length("published_text") > 0) AND ("published_precision" IS DISTINCT FROM 'MONTH' OR extract(day FROM "published_start") = 1) AND ("published_precision" IS DISTINCT FROM 'YEAR' OR (extract(day FROM "published_start") = 1 AND extract(month FROM "published_start") = 1))),
	CONSTRAINT "claim_reviews_published_present" CHECK ("published_start" IS NOT NULL),
	CONSTRAINT "claim_reviews_url_present" CHECK (length(trim("url")) > 0),
	CONSTRAINT "claim_reviews_rating_name_present" CHECK (length(trim("rating_alternate_name")) > 0),
	CONSTRAINT "claim_reviews_rating_scale" CHECK ("best_rating" <> "worst_rating"),
	CONSTRAINT "claim_reviews_rating_within_scale" CHECK ("rating_value" BETWEEN least("best_rating", "worst_rating") AND greatest("best_rating", "worst_rating"))
);
--> statement-breakpoint
CREATE INDEX "claim_reviews_claim_published_idx" ON "claim_reviews" ("claim_id","published_start","id");--> statement-breakpoint
CREATE INDEX "claim_reviews_reviewer_idx" ON "claim_reviews" ("reviewer_id");--> statement-breakpoint
CREATE INDEX "claim_reviews_score_idx" ON "claim_reviews" ("rating_score","claim_id");--> statement-breakpoint
ALTER TABLE "claim_reviews" ADD CONSTRAINT "claim_reviews_claim_id_claims_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "claim_reviews" ADD CONSTRAINT "claim_reviews_reviewer_id_actors_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "actors"("id") ON DELETE RESTRICT;