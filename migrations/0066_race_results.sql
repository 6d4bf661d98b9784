-- After the race (issue 56, ADR 096): the athlete's marked result of a race — the activity that was the race and
-- the fuel they logged — one per race (race_id) or plan goal (plan_id); the finish is read from the activity.
CREATE TABLE "race_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"race_id" uuid,
	"plan_id" uuid,
	"activity_id" uuid NOT NULL,
	"carbs_g" real,
	"fluid_l" real,
	"note" text,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "race_results_one_race_check" CHECK (num_nonnulls("race_results"."race_id", "race_results"."plan_id") = 1),
	CONSTRAINT "race_results_carbs_check" CHECK ("race_results"."carbs_g" is null or "race_results"."carbs_g" between 0 and 2000),
	CONSTRAINT "race_results_fluid_check" CHECK ("race_results"."fluid_l" is null or "race_results"."fluid_l" between 0 and 20)
);
--> statement-breakpoint
ALTER TABLE "race_results" ADD CONSTRAINT "race_results_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "race_results" ADD CONSTRAINT "race_results_race_id_races_id_fk" FOREIGN KEY ("race_id") REFERENCES "public"."races"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "race_results" ADD CONSTRAINT "race_results_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "race_results" ADD CONSTRAINT "race_results_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "race_results_race_idx" ON "race_results" USING btree ("race_id");--> statement-breakpoint
CREATE UNIQUE INDEX "race_results_plan_idx" ON "race_results" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "race_results_user_idx" ON "race_results" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "race_results_activity_idx" ON "race_results" USING btree ("activity_id");
