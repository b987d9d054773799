CREATE TYPE "identifier_scheme" AS ENUM('WIKIDATA', 'VIAF', 'ISNI', 'ORCID', 'OPENSANCTIONS', 'WEBSITE', 'SOCIAL');--> statement-breakpoint
CREATE TABLE "actor_identifiers" (
	"actor_id" integer NOT NULL,
	"scheme" "identifier_scheme",
	"value" text,
	CONSTRAINT "actor_identifiers_pkey" PRIMARY KEY("scheme","value"),
	CONSTRAINT "actor_identifiers_value_present" CHECK (length("value") BETWEEN 1 AND 2000)
);
--> statement-breakpoint
CREATE TABLE "event_identifiers" (
	"event_id" integer NOT NULL,
	"scheme" "identifier_scheme",
	"value" text,
	CONSTRAINT "event_identifiers_pkey" PRIMARY KEY("scheme","value"),
	CONSTRAINT "event_identifiers_value_present" CHECK (length("value") BETWEEN 1 AND 2000)
);
--> statement-breakpoint
CREATE TABLE "source_identifiers" (
	"source_id" integer NOT NULL,
	"scheme" "identifier_scheme",
	"value" text,
	CONSTRAINT "source_identifiers_pkey" PRIMARY KEY("scheme","value"),
	CONSTRAINT "source_identifiers_value_present" CHECK (length("value") BETWEEN 1 AND 2000)
);
--> statement-breakpoint
CREATE INDEX "actor_identifiers_owner_idx" ON "actor_identifiers" ("actor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "actor_identifiers_one_per_authority_idx" ON "actor_identifiers" ("actor_id","scheme") WHERE "scheme" IN ('WIKIDATA', 'VIAF', 'ISNI', 'ORCID', 'OPENSANCTIONS');--> statement-breakpoint
CREATE INDEX "event_identifiers_owner_idx" ON "event_identifiers" ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_identifiers_one_per_authority_idx" ON "event_identifiers" ("event_id","scheme") WHERE "scheme" IN ('WIKIDATA', 'VIAF', 'ISNI', 'ORCID', 'OPENSANCTIONS');--> statement-breakpoint
CREATE INDEX "source_identifiers_owner_idx" ON "source_identifiers" ("source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "source_identifiers_one_per_authority_idx" ON "source_identifiers" ("source_id","scheme") WHERE "scheme" IN ('WIKIDATA', 'VIAF', 'ISNI', 'ORCID', 'OPENSANCTIONS');--> statement-breakpoint
ALTER TABLE "actor_identifiers" ADD CONSTRAINT "actor_identifiers_actor_id_actors_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "actors"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "event_identifiers" ADD CONSTRAINT "event_identifiers_event_id_events_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "source_identifiers" ADD CONSTRAINT "source_identifiers_source_id_sources_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE CASCADE;