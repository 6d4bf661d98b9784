CREATE TYPE "public"."load_method" AS ENUM('power_tss', 'rtss', 'hr_tss', 'swim_tss', 'duration_estimate');--> statement-breakpoint
CREATE TYPE "public"."threshold_kind" AS ENUM('ftp', 'threshold_pace', 'css', 'lthr', 'max_hr', 'resting_hr');--> statement-breakpoint
CREATE TYPE "public"."threshold_source" AS ENUM('manual', 'estimated');--> statement-breakpoint
CREATE TABLE "activity_efforts" (
	"activity_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" integer NOT NULL,
	"value" double precision NOT NULL,
	"start_offset_s" integer,
	"origin" text NOT NULL,
	"local_date" date NOT NULL,
	CONSTRAINT "activity_efforts_activity_id_kind_key_pk" PRIMARY KEY("activity_id","kind","key")
);
--> statement-breakpoint
CREATE TABLE "activity_metrics" (
	"activity_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"facts" jsonb NOT NULL,
	"load" double precision NOT NULL,
	"load_method" "load_method" NOT NULL,
	"intensity" double precision,
	"confidence" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_rebuilds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "athlete_thresholds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "threshold_kind" NOT NULL,
	"value" double precision NOT NULL,
	"effective_from" date NOT NULL,
	"source" "threshold_source" NOT NULL,
	"activity_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_days" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sport" "sport" NOT NULL,
	"source" "activity_source" NOT NULL,
	"load" double precision NOT NULL,
	"moving_s" integer NOT NULL,
	"distance_m" double precision NOT NULL,
	"elevation_m" double precision NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "training_days_user_id_day_sport_source_pk" PRIMARY KEY("user_id","day","sport","source")
);
--> statement-breakpoint
ALTER TABLE "activity_efforts" ADD CONSTRAINT "activity_efforts_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_metrics" ADD CONSTRAINT "activity_metrics_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_rebuilds" ADD CONSTRAINT "analytics_rebuilds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "athlete_thresholds" ADD CONSTRAINT "athlete_thresholds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "athlete_thresholds" ADD CONSTRAINT "athlete_thresholds_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_days" ADD CONSTRAINT "training_days_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_efforts_user_kind_key_idx" ON "activity_efforts" USING btree ("user_id","kind","key","value");--> statement-breakpoint
CREATE INDEX "activity_metrics_user_idx" ON "activity_metrics" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "athlete_thresholds_user_kind_from_source_idx" ON "athlete_thresholds" USING btree ("user_id","kind","source","effective_from");