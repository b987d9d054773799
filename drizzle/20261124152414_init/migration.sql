CREATE TYPE "actor_kind" AS ENUM('PERSON', 'ORGANIZATION', 'GOVERNMENT', 'MEDIA_OUTLET');--> statement-breakpoint
CREATE TYPE "claim_mode" AS ENUM('DIRECT_QUOTE', 'PARTIAL_QUOTE', 'PARAPHRASE', 'CHARACTERIZATION');--> statement-breakpoint
CREATE TYPE "date_precision" AS ENUM('YEAR', 'MONTH', 'DAY');--> statement-breakpoint
CREATE TYPE "medium" AS ENUM('INTERVIEW', 'WRITTEN_EXCHANGE', 'PRESS_STATEMENT', 'OP_ED', 'REPORT', 'SPEECH', 'SOCIAL_POST', 'TESTIMONY', 'OTHER');--> statement-breakpoint
CREATE TYPE "source_kind" AS ENUM('ARTICLE', 'INTERVIEW', 'REPORT', 'PRESS_RELEASE', 'OP_ED', 'BROADCAST', 'SOCIAL_POST');--> statement-breakpoint
CREATE TYPE "stance" AS ENUM('SUPPORTS', 'OPPOSES', 'MIXED', 'NEUTRAL');--> statement-breakpoint
CREATE TABLE "actor_roles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "actor_roles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"actor_id" integer NOT NULL,
	"title" text NOT NULL,
	"organization_id" integer,
	"began_start" date,
	"began_precision" "date_precision",
	"began_end" date GENERATED ALWAYS AS (CASE "began_precision" WHEN 'YEAR' THEN ("began_start" + interval '1 year' - interval '1 day')::date WHEN 'MONTH' THEN ("began_start" + interval '1 month' - interval '1 day')::date ELSE "began_start" END) STORED,
	"began_approximate" boolean,
	"began_text" text,
	"ended_start" date,
	"ended_precision" "date_precision",
	"ended_end" date GENERATED ALWAYS AS (CASE "ended_precision" WHEN 'YEAR' THEN ("ended_start" + interval '1 year' - interval '1 day')::date WHEN 'MONTH' THEN ("ended_start" + interval '1 month' - interval '1 day')::date ELSE "ended_start" END) STORED,
	"ended_approximate" boolean,
	"ended_text" text,
	"former" boolean DEFAULT false NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "actor_roles_began_date" CHECK (("began_start" IS NULL) = ("began_precision" IS NULL) AND ("began_start" IS NULL) = ("began_approximate" IS NULL) AND ("began_start" IS NULL OR "began_text" IS NULL OR length("began_text") > 0) AND ("began_precision" IS DISTINCT FROM 'MONTH' OR extract(day FROM "began_start") = 1) AND ("began_precision" IS DISTINCT FROM 'YEAR' OR (extract(day FROM "began_start") = 1 AND extract(month FROM "began_start") = 1))),
	CONSTRAINT "actor_roles_ended_date" CHECK (("ended_start" IS NULL) = ("ended_precision" IS NULL) AND ("ended_start" IS NULL) = ("ended_approximate" IS NULL) AND ("ended_start" IS NULL OR "ended_text" IS NULL OR length("ended_text") > 0) AND ("ended_precision" IS DISTINCT FROM 'MONTH' OR extract(day FROM "ended_start") = 1) AND ("ended_precision" IS DISTINCT FROM 'YEAR' OR (extract(day FROM "ended_start") = 1 AND extract(month FROM "ended_start") = 1))),
	CONSTRAINT "actor_roles_title_present" CHECK (length(trim("title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "actors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "actors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"kind" "actor_kind" NOT NULL,
	"description" text,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actors_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "actors_name_present" CHECK (length(trim("name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "claim_events" (
	"claim_id" integer,
	"event_id" integer,
	CONSTRAINT "claim_events_pkey" PRIMARY KEY("claim_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "claim_speakers" (
	"claim_id" integer,
	"actor_id" integer,
	"position" integer NOT NULL,
	CONSTRAINT "claim_speakers_pkey" PRIMARY KEY("claim_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "claim_stances" (
	"claim_id" integer,
	"proposition_id" integer,
	"stance" "stance" NOT NULL,
	CONSTRAINT "claim_stances_pkey" PRIMARY KEY("claim_id","proposition_id")
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "claims_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text NOT NULL UNIQUE,
	"text" text NOT NULL,
	"context" text,
	"mode" "claim_mode" NOT NULL,
	"medium" "medium" NOT NULL,
	"speaker_description" text,
	"anonymity_reason" text,
	"via_id" integer,
	"venue_id" integer,
	"source_id" integer NOT NULL,
	"first_appeared_in_id" integer,
	"said_start" date,
	"said_precision" "date_precision",
	"said_end" date GENERATED ALWAYS AS (CASE "said_precision" WHEN 'YEAR' THEN ("said_start" + interval '1 year' - interval '1 day')::date WHEN 'MONTH' THEN ("said_start" + interval '1 month' - interval '1 day')::date ELSE "said_start" END) STORED,
	"said_approximate" boolean,
	"said_text" text,
	"placed_start" date NOT NULL,
	"placed_end" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_text_length" CHECK (length(trim("text")) BETWEEN 1 AND 10000),
	CONSTRAINT "claims_said_date" CHECK (("said_start" IS NULL) = ("said_precision" IS NULL) AND ("said_start" IS NULL) = ("said_approximate" IS NULL) AND ("said_start" IS NULL OR "said_text" IS NULL OR length("said_text") > 0) AND ("said_precision" IS DISTINCT FROM 'MONTH' OR extract(day FROM "said_start") = 1) AND ("said_precision" IS DISTINCT FROM 'YEAR' OR (extract(day FROM "said_start") = 1 AND extract(month FROM "said_start") = 1))),
	CONSTRAINT "claims_placed_range" CHECK ("placed_start" <= "placed_end"),
	CONSTRAINT "claims_anonymity_needs_description" CHECK ("anonymity_reason" IS NULL OR "speaker_description" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "event_participants" (
	"event_id" integer,
	"actor_id" integer,
	"role" text,
	"position" integer NOT NULL,
	CONSTRAINT "event_participants_pkey" PRIMARY KEY("event_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL UNIQUE,
	"title" text NOT NULL,
	"kind" text,
	"description" text,
	"occurred_start" date,
	"occurred_precision" "date_precision",
	"occurred_end" date GENERATED ALWAYS AS (CASE "occurred_precision" WHEN 'YEAR' THEN ("occurred_start" + interval '1 year' - interval '1 day')::date WHEN 'MONTH' THEN ("occurred_start" + interval '1 month' - interval '1 day')::date ELSE "occurred_start" END) STORED,
	"occurred_approximate" boolean,
	"occurred_text" text,
	"ended_start" date,
	"ended_precision" "date_precision",
	"ended_end" date GENERATED ALWAYS AS (CASE "ended_precision" WHEN 'YEAR' THEN ("ended_start" + interval '1 year' - interval '1 day')::date WHEN 'MONTH' THEN ("ended_start" + interval '1 month' - interval '1 day')::date ELSE "ended_start" END) STORED,
	"ended_approximate" boolean,
	"ended_text" text,
	"location" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "events_occurred_date" CHECK (("occurred_start" IS NULL) = ("occurred_precision" IS NULL) AND ("occurred_start" IS NULL) = ("occurred_approximate" IS NULL) AND ("occurred_start" IS NULL OR "occurred_text" IS NULL OR length("occurred_text") > 0) AND ("occurred_precision" IS DISTINCT FROM 'MONTH' OR extract(day FROM "occurred_start") = 1) AND ("occurred_precision" IS DISTINCT FROM 'YEAR' OR (extract(day FROM "occurred_start") = 1 AND extract(month FROM "occurred_start") = 1))),
	CONSTRAINT "events_ended_date" CHECK (("ended_start" IS NULL) = ("ended_precision" IS NULL) AND ("ended_start" IS NULL) = ("ended_approximate" IS NULL) AND ("ended_start" IS NULL OR "ended_text" IS NULL OR length("ended_text") > 0) AND ("ended_precision" IS DISTINCT FROM 'MONTH' OR extract(day FROM "ended_start") = 1) AND ("ended_precision" IS DISTINCT FROM 'YEAR' OR (extract(day FROM "ended_start") = 1 AND extract(month FROM "ended_start") = 1))),
	CONSTRAINT "events_ends_after_start" CHECK ("ended_start" IS NULL OR "occurred_start" <= "ended_start")
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"actor_id" integer,
	"proposition_id" integer,
	"stance" "stance" NOT NULL,
	"evidence_claim_id" integer NOT NULL,
	"since_claim_id" integer NOT NULL,
	CONSTRAINT "positions_pkey" PRIMARY KEY("actor_id","proposition_id")
);
--> statement-breakpoint
CREATE TABLE "propositions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "propositions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL UNIQUE,
	"statement" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "propositions_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "propositions_statement_present" CHECK (length(trim("statement")) > 0)
);
--> statement-breakpoint
CREATE TABLE "source_authors" (
	"source_id" integer,
	"actor_id" integer,
	"position" integer NOT NULL,
	CONSTRAINT "source_authors_pkey" PRIMARY KEY("source_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"url" text NOT NULL UNIQUE,
	"title" text NOT NULL,
	"kind" "source_kind" NOT NULL,
	"publisher_id" integer,
	"published_start" date,
	"published_precision" "date_precision",
	"published_end" date GENERATED ALWAYS AS (CASE "published_precision" WHEN 'YEAR' THEN ("published_start" + interval '1 year' - interval '1 day')::date WHEN 'MONTH' THEN ("published_start" + interval '1 month' - interval '1 day')::date ELSE "published_start" END) STORED,
	"published_approximate" boolean,
	"published_text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sources_published_date" CHECK (("published_start" IS NULL) = ("published_precision" IS NULL) AND ("published_start" IS NULL) = ("published_approximate" IS NULL) AND ("published_start" IS NULL OR "published_text" IS NULL OR length("published_text") > 0) AND ("published_precision" IS DISTINCT FROM 'MONTH' OR extract(day FROM "published_start") = 1) AND ("published_precision" IS DISTINCT FROM 'YEAR' OR (extract(day FROM "published_start") = 1 AND extract(month FROM "published_start") = 1)))
);
--> statement-breakpoint
CREATE INDEX "actor_roles_actor_idx" ON "actor_roles" ("actor_id","position");--> statement-breakpoint
CREATE INDEX "actor_roles_organization_idx" ON "actor_roles" ("organization_id");--> statement-breakpoint
CREATE INDEX "actors_kind_idx" ON "actors" ("kind");--> statement-breakpoint
CREATE INDEX "actors_name_trgm_idx" ON "actors" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "claim_events_event_idx" ON "claim_events" ("event_id","claim_id");--> statement-breakpoint
CREATE INDEX "claim_speakers_actor_idx" ON "claim_speakers" ("actor_id","claim_id");--> statement-breakpoint
CREATE INDEX "claim_stances_proposition_idx" ON "claim_stances" ("proposition_id","stance","claim_id");--> statement-breakpoint
CREATE INDEX "claims_placed_idx" ON "claims" ("placed_start","id");--> statement-breakpoint
CREATE INDEX "claims_placed_end_idx" ON "claims" ("placed_end");--> statement-breakpoint
CREATE INDEX "claims_source_idx" ON "claims" ("source_id","placed_start","id");--> statement-breakpoint
CREATE INDEX "claims_first_appeared_in_idx" ON "claims" ("first_appeared_in_id");--> statement-breakpoint
CREATE INDEX "claims_via_idx" ON "claims" ("via_id");--> statement-breakpoint
CREATE INDEX "claims_venue_idx" ON "claims" ("venue_id");--> statement-breakpoint
CREATE INDEX "claims_medium_idx" ON "claims" ("medium","placed_start");--> statement-breakpoint
CREATE INDEX "event_participants_actor_idx" ON "event_participants" ("actor_id");--> statement-breakpoint
CREATE INDEX "events_occurred_idx" ON "events" ("occurred_start","id");--> statement-breakpoint
CREATE INDEX "events_kind_idx" ON "events" ("kind");--> statement-breakpoint
CREATE INDEX "positions_proposition_idx" ON "positions" ("proposition_id","stance");--> statement-breakpoint
CREATE INDEX "positions_evidence_idx" ON "positions" ("evidence_claim_id");--> statement-breakpoint
CREATE INDEX "positions_since_idx" ON "positions" ("since_claim_id");--> statement-breakpoint
CREATE INDEX "source_authors_actor_idx" ON "source_authors" ("actor_id");--> statement-breakpoint
CREATE INDEX "sources_publisher_idx" ON "sources" ("publisher_id");--> statement-breakpoint
CREATE INDEX "sources_published_idx" ON "sources" ("published_start");--> statement-breakpoint
ALTER TABLE "actor_roles" ADD CONSTRAINT "actor_roles_actor_id_actors_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "actors"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "actor_roles" ADD CONSTRAINT "actor_roles_organization_id_actors_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "actors"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_claim_id_claims_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_event_id_events_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "claim_speakers" ADD CONSTRAINT "claim_speakers_claim_id_claims_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "claim_speakers" ADD CONSTRAINT "claim_speakers_actor_id_actors_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "actors"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "claim_stances" ADD CONSTRAINT "claim_stances_claim_id_claims_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "claim_stances" ADD CONSTRAINT "claim_stances_proposition_id_propositions_id_fkey" FOREIGN KEY ("proposition_id") REFERENCES "propositions"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_via_id_actors_id_fkey" FOREIGN KEY ("via_id") REFERENCES "actors"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_venue_id_actors_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "actors"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_source_id_sources_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_first_appeared_in_id_sources_id_fkey" FOREIGN KEY ("first_appeared_in_id") REFERENCES "sources"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "event_participants" ADD CONSTRAINT "event_participants_event_id_events_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "event_participants" ADD CONSTRAINT "event_participants_actor_id_actors_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "actors"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_actor_id_actors_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "actors"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_proposition_id_propositions_id_fkey" FOREIGN KEY ("proposition_id") REFERENCES "propositions"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_evidence_claim_id_claims_id_fkey" FOREIGN KEY ("evidence_claim_id") REFERENCES "claims"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_since_claim_id_claims_id_fkey" FOREIGN KEY ("since_claim_id") REFERENCES "claims"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "source_authors" ADD CONSTRAINT "source_authors_source_id_sources_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "source_authors" ADD CONSTRAINT "source_authors_actor_id_actors_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "actors"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_publisher_id_actors_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "actors"("id") ON DELETE RESTRICT;