-- Tombstones of activities the athlete deleted (ADR 068): the provider and its id only, so a Strava sync or a live
-- door re-delivering the activity after the purge does not bring it back. Removed with the account.
CREATE TABLE "activity_tombstones" (
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"source" "activity_source" NOT NULL,
	"external_id" text NOT NULL,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"skipped_count" integer DEFAULT 0 NOT NULL,
	"last_skipped_at" timestamp with time zone,
	CONSTRAINT "activity_tombstones_user_id_source_external_id_pk" PRIMARY KEY("user_id","source","external_id")
);
