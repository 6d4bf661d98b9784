-- Achievements and weekly leaderboards (issue 42, ADR 083 "awards"): awards with receipts (withdrawn ones kept),
-- the version each athlete was last evaluated at, board weeks per athlete and sport, and review requests.
CREATE TABLE "achievement_awards" (
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"code" text NOT NULL,
	"earned_at" timestamp with time zone NOT NULL,
	"points" integer NOT NULL,
	"receipts" jsonb NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "achievement_awards_user_id_code_pk" PRIMARY KEY("user_id","code")
);
--> statement-breakpoint
CREATE TABLE "award_evaluations" (
	"user_id" uuid PRIMARY KEY NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"analytics_version" integer NOT NULL,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leaderboard_weeks" (
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"week_start" date NOT NULL,
	"zone" text NOT NULL,
	"sport" text NOT NULL,
	"distance_m" double precision NOT NULL,
	"moving_s" integer NOT NULL,
	"active_days" integer NOT NULL,
	"counted_activity_ids" uuid[] NOT NULL,
	"excluded_count" integer NOT NULL,
	"final" boolean DEFAULT false NOT NULL,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leaderboard_weeks_user_id_week_start_sport_pk" PRIMARY KEY("user_id","week_start","sport")
);
--> statement-breakpoint
CREATE INDEX "leaderboard_weeks_board_idx" ON "leaderboard_weeks" USING btree ("week_start","sport");
--> statement-breakpoint
CREATE INDEX "leaderboard_weeks_open_idx" ON "leaderboard_weeks" USING btree ("zone","week_start") WHERE not "final";
--> statement-breakpoint
CREATE TABLE "leaderboard_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"activity_id" uuid NOT NULL REFERENCES "activities"("id") ON DELETE CASCADE,
	"note" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "leaderboard_reviews_status_check" CHECK ("status" in ('open', 'accepted', 'declined')),
	CONSTRAINT "leaderboard_reviews_note_check" CHECK (char_length("note") <= 500)
);
--> statement-breakpoint
CREATE INDEX "leaderboard_reviews_user_idx" ON "leaderboard_reviews" USING btree ("user_id","activity_id");
