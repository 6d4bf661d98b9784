-- Race day (issue 56, ADR 096): a race's course from a GPX file, thinned, with its climb and length; keyed like
-- race_predictions (the athlete's own race or the active plan's goal race under the plan's id), one per race.
CREATE TABLE "race_courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"race_id" uuid,
	"plan_id" uuid,
	"name" text,
	"points" jsonb NOT NULL,
	"point_count" integer NOT NULL,
	"has_elevation" boolean NOT NULL,
	"length_m" real NOT NULL,
	"gain_m" real NOT NULL,
	"loss_m" real NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "race_courses_one_race_check" CHECK (num_nonnulls("race_courses"."race_id", "race_courses"."plan_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "race_courses" ADD CONSTRAINT "race_courses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "race_courses" ADD CONSTRAINT "race_courses_race_id_races_id_fk" FOREIGN KEY ("race_id") REFERENCES "public"."races"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "race_courses" ADD CONSTRAINT "race_courses_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "race_courses_race_idx" ON "race_courses" USING btree ("race_id") WHERE "race_courses"."race_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "race_courses_plan_idx" ON "race_courses" USING btree ("plan_id") WHERE "race_courses"."plan_id" is not null;--> statement-breakpoint
CREATE INDEX "race_courses_user_idx" ON "race_courses" USING btree ("user_id");
