-- The N=1 engine's state per athlete (issue 40, ADR 070): gathered daily series and the family's last test. Derived.
CREATE TABLE "wellness_engine_state" (
	"user_id" uuid PRIMARY KEY NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"version" integer DEFAULT 1 NOT NULL,
	"engine_version" integer NOT NULL,
	"analytics_version" integer NOT NULL,
	"training" jsonb NOT NULL,
	"wellness" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
