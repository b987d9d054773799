CREATE TABLE "claim_translations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "claim_translations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"claim_id" integer NOT NULL,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"translator_source_id" integer,
	"search_document" tsvector GENERATED ALWAYS AS (setweight(to_tsvector((CASE split_part("claim_translations"."language", '-', 1) WHEN 'ar' THEN 'arabic'::regconfig WHEN 'ca' THEN 'catalan'::regconfig WHEN 'da' THEN 'danish'::regconfig WHEN 'de' THEN 'german'::regconfig WHEN 'el' THEN 'greek'::regconfig WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig WHEN 'eu' THEN 'basque'::regconfig WHEN 'fi' THEN 'finnish'::regconfig WHEN 'fr' THEN 'french'::regconfig WHEN 'ga' THEN 'irish'::regconfig WHEN 'hi' THEN 'hindi'::regconfig WHEN 'hu' THEN 'hungarian'::regconfig WHEN 'hy' THEN 'armenian'::regconfig WHEN 'id' THEN 'indonesian'::regconfig WHEN 'it' THEN 'italian'::regconfig WHEN 'lt' THEN 'lithuanian'::regconfig WHEN 'nb' THEN 'norwegian'::regconfig WHEN 'ne' THEN 'nepali'::regconfig WHEN 'nl' THEN 'dutch'::regconfig WHEN 'nn' THEN 'norwegian'::regconfig WHEN 'no' THEN 'norwegian'::regconfig WHEN 'pt' THEN 'portuguese'::regconfig WHEN 'ro' THEN 'romanian'::regconfig WHEN 'ru' THEN 'russian'::regconfig WHEN 'sr' THEN 'serbian'::regconfig WHEN 'sv' THEN 'swedish'::regconfig WHEN 'ta' THEN 'tamil'::regconfig WHEN 'tr' THEN 'turkish'::regconfig WHEN 'yi' THEN 'yiddish'::regconfig ELSE 'simple'::regconfig END), "claim_translations"."text"), 'A')) STORED,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_translations_claim_language_translator_key" UNIQUE NULLS NOT DISTINCT("claim_id","language","translator_source_id"),
	CONSTRAINT "claim_translations_text_length" CHECK (length(trim("text")) BETWEEN 1 AND 10000),
	CONSTRAINT "claim_translations_language_format" CHECK ("language" ~ '^[a-z]{1,8}(-[A-Za-z0-9]{1,8})*$')
);
--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" DROP COLUMN "search_document";--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "search_document" tsvector GENERATED ALWAYS AS ((setweight(to_tsvector((CASE split_part("claims"."language", '-', 1) WHEN 'ar' THEN 'arabic'::regconfig WHEN 'ca' THEN 'catalan'::regconfig WHEN 'da' THEN 'danish'::regconfig WHEN 'de' THEN 'german'::regconfig WHEN 'el' THEN 'greek'::regconfig WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig WHEN 'eu' THEN 'basque'::regconfig WHEN 'fi' THEN 'finnish'::regconfig WHEN 'fr' THEN 'french'::regconfig WHEN 'ga' THEN 'irish'::regconfig WHEN 'hi' THEN 'hindi'::regconfig WHEN 'hu' THEN 'hungarian'::regconfig WHEN 'hy' THEN 'armenian'::regconfig WHEN 'id' THEN 'indonesian'::regconfig WHEN 'it' THEN 'italian'::regconfig WHEN 'lt' THEN 'lithuanian'::regconfig WHEN 'nb' THEN 'norwegian'::regconfig WHEN 'ne' THEN 'nepali'::regconfig WHEN 'nl' THEN 'dutch'::regconfig WHEN 'nn' THEN 'norwegian'::regconfig WHEN 'no' THEN 'norwegian'::regconfig WHEN 'pt' THEN 'portuguese'::regconfig WHEN 'ro' THEN 'romanian'::regconfig WHEN 'ru' THEN 'russian'::regconfig WHEN 'sr' THEN 'serbian'::regconfig WHEN 'sv' THEN 'swedish'::regconfig WHEN 'ta' THEN 'tamil'::regconfig WHEN 'tr' THEN 'turkish'::regconfig WHEN 'yi' THEN 'yiddish'::regconfig ELSE 'simple'::regconfig END), "claims"."text"), 'A') || setweight(to_tsvector('english', coalesce("claims"."context", '')), 'B'))) STORED;--> statement-breakpoint
CREATE INDEX "claim_translations_translator_idx" ON "claim_translations" ("translator_source_id");--> statement-breakpoint
CREATE INDEX "claim_translations_search_idx" ON "claim_translations" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "claims_search_idx" ON "claims" USING gin ("search_document") WHERE "retracted_at" IS NULL;--> statement-breakpoint
ALTER TABLE "claim_translations" ADD CONSTRAINT "claim_translations_claim_id_claims_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "claim_translations" ADD CONSTRAINT "claim_translations_translator_source_id_sources_id_fkey" FOREIGN KEY ("translator_source_id") REFERENCES "sources"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_language_format" CHECK ("language" ~ '^[a-z]{1,8}(-[A-Za-z0-9]{1,8})*$');