-- Courses (issue 57, ADR 101): an athlete's GPX import or a stretch of one of their activities, thinned like a race's
-- course, with the last send to Garmin's Courses API. One made from an activity goes with that activity.
CREATE TABLE "courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sport" text NOT NULL,
	"source" text NOT NULL,
	"activity_id" uuid,
	"activity_source" text,
	"from_s" integer,
	"to_s" integer,
	"points" jsonb NOT NULL,
	"point_count" integer NOT NULL,
	"has_elevation" boolean NOT NULL,
	"length_m" real NOT NULL,
	"gain_m" real NOT NULL,
	"loss_m" real NOT NULL,
	"garmin_status" text,
	"garmin_course_id" text,
	"garmin_error" text,
	"garmin_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "courses_source_check" CHECK (("courses"."source" = 'gpx' and "courses"."activity_id" is null) or ("courses"."source" = 'activity'))
);
--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "courses_user_idx" ON "courses" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "courses_activity_idx" ON "courses" USING btree ("activity_id");
