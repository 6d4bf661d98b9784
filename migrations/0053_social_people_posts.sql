-- The social layer's people and posts (issue 42, ADR 083): profiles (private until chosen), address zones, follows
-- and requests, blocks, mutes, posts with per-field hides, kudos and comments.
CREATE TABLE "social_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"profile_visibility" text DEFAULT 'private' NOT NULL,
	"public_page" boolean DEFAULT false NOT NULL,
	"in_directory" boolean DEFAULT false NOT NULL,
	"default_post_visibility" text DEFAULT 'private' NOT NULL,
	"hide_map" boolean DEFAULT false NOT NULL,
	"hide_heart_rate" boolean DEFAULT false NOT NULL,
	"hide_pace_power" boolean DEFAULT false NOT NULL,
	"hide_notes" boolean DEFAULT false NOT NULL,
	"end_cut_m" integer DEFAULT 200 NOT NULL,
	"hide_whole_map" boolean DEFAULT false NOT NULL,
	"leaderboard_opt_in" boolean DEFAULT false NOT NULL,
	"suspended_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "social_profiles_visibility_check" CHECK ("profile_visibility" in ('public', 'private')),
	CONSTRAINT "social_profiles_post_visibility_check" CHECK ("default_post_visibility" in ('public', 'followers', 'private')),
	CONSTRAINT "social_profiles_end_cut_check" CHECK ("end_cut_m" between 0 and 1609)
);
--> statement-breakpoint
CREATE TABLE "privacy_zones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"label" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"radius_m" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_zones_radius_check" CHECK ("radius_m" between 200 and 1609),
	CONSTRAINT "privacy_zones_label_check" CHECK (char_length("label") between 1 and 60)
);
--> statement-breakpoint
CREATE INDEX "privacy_zones_user_idx" ON "privacy_zones" ("user_id");
--> statement-breakpoint
CREATE TABLE "follows" (
	"follower_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"followee_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "follows_follower_id_followee_id_pk" PRIMARY KEY("follower_id","followee_id"),
	CONSTRAINT "follows_status_check" CHECK ("status" in ('pending', 'accepted')),
	CONSTRAINT "follows_self_check" CHECK ("follower_id" <> "followee_id")
);
--> statement-breakpoint
CREATE INDEX "follows_followee_idx" ON "follows" ("followee_id", "status");
--> statement-breakpoint
CREATE TABLE "blocks" (
	"blocker_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"blocked_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blocks_blocker_id_blocked_id_pk" PRIMARY KEY("blocker_id","blocked_id"),
	CONSTRAINT "blocks_self_check" CHECK ("blocker_id" <> "blocked_id")
);
--> statement-breakpoint
CREATE INDEX "blocks_blocked_idx" ON "blocks" ("blocked_id");
--> statement-breakpoint
CREATE TABLE "mutes" (
	"muter_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"muted_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mutes_muter_id_muted_id_pk" PRIMARY KEY("muter_id","muted_id"),
	CONSTRAINT "mutes_self_check" CHECK ("muter_id" <> "muted_id")
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"author_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"kind" text NOT NULL,
	"activity_id" uuid REFERENCES "activities"("id") ON DELETE CASCADE,
	"title" text NOT NULL,
	"body" text,
	"sport" text,
	"duration_s" integer,
	"distance_m" double precision,
	"rpe" smallint,
	"visibility" text NOT NULL,
	"hide_map" boolean DEFAULT false NOT NULL,
	"hide_heart_rate" boolean DEFAULT false NOT NULL,
	"hide_pace_power" boolean DEFAULT false NOT NULL,
	"hide_notes" boolean DEFAULT false NOT NULL,
	"day_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	CONSTRAINT "posts_kind_check" CHECK ("kind" in ('activity', 'entry')),
	CONSTRAINT "posts_activity_check" CHECK (("kind" = 'activity') = ("activity_id" is not null)),
	CONSTRAINT "posts_visibility_check" CHECK ("visibility" in ('public', 'followers', 'private')),
	CONSTRAINT "posts_title_check" CHECK (char_length("title") between 1 and 200),
	CONSTRAINT "posts_body_check" CHECK ("body" is null or char_length("body") <= 2000),
	CONSTRAINT "posts_rpe_check" CHECK ("rpe" is null or "rpe" between 1 and 10)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "posts_activity_idx" ON "posts" ("activity_id");
--> statement-breakpoint
CREATE INDEX "posts_author_day_idx" ON "posts" ("author_id", "day_at", "id");
--> statement-breakpoint
CREATE TABLE "post_kudos" (
	"post_id" uuid NOT NULL REFERENCES "posts"("id") ON DELETE CASCADE,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "post_kudos_post_id_user_id_pk" PRIMARY KEY("post_id","user_id")
);
--> statement-breakpoint
CREATE INDEX "post_kudos_user_idx" ON "post_kudos" ("user_id");
--> statement-breakpoint
CREATE TABLE "post_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL REFERENCES "posts"("id") ON DELETE CASCADE,
	"author_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	CONSTRAINT "post_comments_body_check" CHECK (char_length("body") between 1 and 1000)
);
--> statement-breakpoint
CREATE INDEX "post_comments_post_idx" ON "post_comments" ("post_id", "created_at");
--> statement-breakpoint
CREATE INDEX "post_comments_author_idx" ON "post_comments" ("author_id");
