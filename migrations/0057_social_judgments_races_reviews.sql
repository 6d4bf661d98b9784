-- Per-activity social judgments, marked race results and review decisions (issue 42, ADR 084): the
-- re-evaluation reads one stored verdict per activity instead of every stream of the athlete's history.
CREATE TABLE "activity_social_judgments" (
	"activity_id" uuid PRIMARY KEY NOT NULL REFERENCES "activities"("id") ON DELETE CASCADE,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"eligible" boolean NOT NULL,
	"reason" text,
	"fingerprint" text NOT NULL,
	"inputs_version" integer NOT NULL,
	"judged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_social_judgments_reason_check" CHECK ("eligible" = ("reason" is null))
);
--> statement-breakpoint
CREATE INDEX "activity_social_judgments_user_idx" ON "activity_social_judgments" USING btree ("user_id");
--> statement-breakpoint
CREATE TABLE "activity_race_results" (
	"activity_id" uuid PRIMARY KEY NOT NULL REFERENCES "activities"("id") ON DELETE CASCADE,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"place" integer,
	"field_size" integer,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_race_results_place_check" CHECK ("place" is null or "place" >= 1),
	CONSTRAINT "activity_race_results_field_check" CHECK ("field_size" is null or ("field_size" >= 1 and ("place" is null or "place" <= "field_size")))
);
--> statement-breakpoint
CREATE INDEX "activity_race_results_user_idx" ON "activity_race_results" USING btree ("user_id");
--> statement-breakpoint
ALTER TABLE "leaderboard_reviews" ADD COLUMN "decision_reason" text;
--> statement-breakpoint
ALTER TABLE "leaderboard_reviews" ADD COLUMN "decided_by" uuid REFERENCES "users"("id") ON DELETE SET NULL;
--> statement-breakpoint
ALTER TABLE "leaderboard_reviews" ADD CONSTRAINT "leaderboard_reviews_decision_check" CHECK (("status" = 'open') = ("decided_at" is null) and char_length(coalesce("decision_reason", '')) <= 500);
