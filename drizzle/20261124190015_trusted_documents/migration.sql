CREATE TABLE "trusted_documents" (
	"sha256" text PRIMARY KEY,
	"document" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trusted_documents_sha256_format" CHECK ("sha256" ~ '^[0-9a-f]{64}$')
);
