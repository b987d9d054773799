CREATE TABLE "stale_positions" (
	"actor_id" integer NOT NULL,
	"proposition_id" integer NOT NULL
);
