-- Maps and segments (issue 57, ADR 099): each activity's route thinned for maps, the heatmap and matching, with a
-- plain-Postgres GiST index on its bounding box (no PostGIS locally); the sync marker; segments and their efforts.
CREATE TABLE "activity_tracks" (
	"activity_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"sport" "sport" NOT NULL,
	"start_time" timestamp with time zone NOT NULL,
	"min_lat" double precision NOT NULL,
	"min_lon" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"max_lon" double precision NOT NULL,
	"polyline" text NOT NULL,
	"seconds" integer[] NOT NULL,
	"distance_m" real NOT NULL,
	"version" smallint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity_tracks" ADD CONSTRAINT "activity_tracks_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_tracks" ADD CONSTRAINT "activity_tracks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_tracks_user_idx" ON "activity_tracks" USING btree ("user_id","start_time");--> statement-breakpoint
CREATE INDEX "activity_tracks_box_idx" ON "activity_tracks" USING gist (box(point("min_lon", "min_lat"), point("max_lon", "max_lat")));--> statement-breakpoint
CREATE TABLE "map_states" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"analytics_version" integer NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "map_states" ADD CONSTRAINT "map_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sport" "sport" NOT NULL,
	"visibility" text DEFAULT 'private' NOT NULL,
	"polyline" text NOT NULL,
	"distance_m" real NOT NULL,
	"climb_m" real,
	"grade_pct" real,
	"min_lat" double precision NOT NULL,
	"min_lon" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"max_lon" double precision NOT NULL,
	"source_activity_id" uuid,
	"source_from_s" integer,
	"source_to_s" integer,
	"matched_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segments_name_check" CHECK (char_length("segments"."name") between 1 and 80),
	CONSTRAINT "segments_distance_check" CHECK ("segments"."distance_m" between 100 and 100000)
);
--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_source_activity_id_activities_id_fk" FOREIGN KEY ("source_activity_id") REFERENCES "public"."activities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "segments_owner_idx" ON "segments" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE INDEX "segments_box_idx" ON "segments" USING gist (box(point("min_lon", "min_lat"), point("max_lon", "max_lat")));--> statement-breakpoint
CREATE TABLE "segment_efforts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"segment_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"start_s" integer NOT NULL,
	"end_s" integer NOT NULL,
	"elapsed_s" integer NOT NULL,
	"avg_power_w" real,
	"avg_hr" real,
	"avg_speed_ms" real,
	"frechet_m" real NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segment_efforts_times_check" CHECK ("segment_efforts"."end_s" > "segment_efforts"."start_s" and "segment_efforts"."elapsed_s" = "segment_efforts"."end_s" - "segment_efforts"."start_s")
);
--> statement-breakpoint
ALTER TABLE "segment_efforts" ADD CONSTRAINT "segment_efforts_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_efforts" ADD CONSTRAINT "segment_efforts_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_efforts" ADD CONSTRAINT "segment_efforts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "segment_efforts_pass_idx" ON "segment_efforts" USING btree ("segment_id","activity_id","start_s");--> statement-breakpoint
CREATE INDEX "segment_efforts_board_idx" ON "segment_efforts" USING btree ("segment_id","elapsed_s");--> statement-breakpoint
CREATE INDEX "segment_efforts_user_idx" ON "segment_efforts" USING btree ("user_id","segment_id","elapsed_s");--> statement-breakpoint
CREATE INDEX "segment_efforts_activity_idx" ON "segment_efforts" USING btree ("activity_id");
