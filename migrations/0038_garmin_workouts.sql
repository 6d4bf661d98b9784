CREATE TABLE "garmin_workout_sends" (
	"user_id" uuid NOT NULL,
	"workout_id" uuid NOT NULL,
	"wanted" boolean DEFAULT true NOT NULL,
	"garmin_workout_id" text,
	"garmin_schedule_id" text,
	"scheduled_date" date,
	"content_hash" text,
	"status" text NOT NULL,
	"error" text,
	"sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garmin_workout_sends_user_id_workout_id_pk" PRIMARY KEY("user_id","workout_id")
);
--> statement-breakpoint
ALTER TABLE "provider_connections" ADD COLUMN "workouts_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "garmin_workout_sends" ADD CONSTRAINT "garmin_workout_sends_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "garmin_workout_sends_workout_idx" ON "garmin_workout_sends" USING btree ("workout_id");