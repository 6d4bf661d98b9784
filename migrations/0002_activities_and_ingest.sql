CREATE TYPE "public"."activity_source" AS ENUM('strava', 'garmin_export', 'fit_upload', 'gpx_upload', 'tcx_upload', 'manual');--> statement-breakpoint
CREATE TYPE "public"."ingestion_status" AS ENUM('queued', 'running', 'deferred', 'paused', 'done', 'error');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('queued', 'running', 'deferred', 'done', 'error');--> statement-breakpoint
CREATE TYPE "public"."provider_name" AS ENUM('strava');--> statement-breakpoint
CREATE TYPE "public"."sport" AS ENUM('run', 'ride', 'swim', 'walk', 'hike', 'strength', 'other');--> statement-breakpoint
CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"source" "activity_source" NOT NULL,
	"external_id" text NOT NULL,
	"sport" "sport" NOT NULL,
	"sport_original" text NOT NULL,
	"name" text NOT NULL,
	"start_time" timestamp with time zone NOT NULL,
	"local_start_date" date NOT NULL,
	"timezone" text,
	"moving_time_s" integer NOT NULL,
	"elapsed_time_s" integer NOT NULL,
	"distance_m" double precision NOT NULL,
	"elevation_gain_m" double precision,
	"avg_hr" double precision,
	"max_hr" double precision,
	"avg_power" double precision,
	"normalized_power" double precision,
	"avg_cadence" double precision,
	"calories" double precision,
	"is_private" boolean DEFAULT false NOT NULL,
	"detail_complete" boolean DEFAULT false NOT NULL,
	"content_hash" text NOT NULL,
	"laps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"best_efforts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"duplicate_of" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_streams" (
	"activity_id" uuid PRIMARY KEY NOT NULL,
	"streams" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ingest_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" "job_status" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ingestion_state" (
	"user_id" uuid NOT NULL,
	"source" text NOT NULL,
	"status" "ingestion_status" NOT NULL,
	"resume_at" timestamp with time zone,
	"done_count" integer DEFAULT 0 NOT NULL,
	"total_estimate" integer,
	"last_error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ingestion_state_user_id_source_pk" PRIMARY KEY("user_id","source")
);
--> statement-breakpoint
CREATE TABLE "oauth_states" (
	"nonce" text PRIMARY KEY NOT NULL,
	"consumed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" "provider_name" NOT NULL,
	"external_athlete_id" text NOT NULL,
	"access_token_enc" text NOT NULL,
	"refresh_token_enc" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"scopes" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_flags" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "webhook_events_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_streams" ADD CONSTRAINT "activity_streams_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingest_jobs" ADD CONSTRAINT "ingest_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingestion_state" ADD CONSTRAINT "ingestion_state_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_connections" ADD CONSTRAINT "provider_connections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activities_user_source_external_idx" ON "activities" USING btree ("user_id","source","external_id");--> statement-breakpoint
CREATE INDEX "activities_user_start_idx" ON "activities" USING btree ("user_id","start_time");--> statement-breakpoint
CREATE INDEX "activities_canonical_idx" ON "activities" USING btree ("user_id","start_time") WHERE "activities"."duplicate_of" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "ingest_jobs_dedupe_idx" ON "ingest_jobs" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "ingest_jobs_user_status_idx" ON "ingest_jobs" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "ingest_jobs_running_idx" ON "ingest_jobs" USING btree ("started_at") WHERE "ingest_jobs"."status" = 'running';--> statement-breakpoint
CREATE UNIQUE INDEX "provider_connections_user_provider_idx" ON "provider_connections" USING btree ("user_id","provider");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_connections_external_idx" ON "provider_connections" USING btree ("provider","external_athlete_id");