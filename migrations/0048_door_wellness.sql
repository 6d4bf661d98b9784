-- Wellness from a live door (issue 40, ADR 072): the athlete's consent per provider (off by default) and the last poll.
CREATE TABLE "door_wellness" (
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"provider" text NOT NULL,
	"enabled_at" timestamp with time zone,
	"last_poll_at" timestamp with time zone,
	"last_poll_records" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "door_wellness_user_id_provider_pk" PRIMARY KEY("user_id","provider")
);
