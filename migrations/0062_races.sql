-- Race day (issue 56, ADR 096): the races an athlete plans, and each prediction made for one, stored when its
-- answer changes so the error can be shown after the race (the plan's goal race is read from the plan: plan_id).
CREATE TABLE "race_predictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"race_id" uuid,
	"plan_id" uuid,
	"made_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" text NOT NULL,
	"low_s" real,
	"mid_s" real,
	"high_s" real,
	"answer" jsonb NOT NULL,
	"answer_hash" text NOT NULL,
	"engine_version" smallint NOT NULL,
	CONSTRAINT "race_predictions_one_race_check" CHECK (num_nonnulls("race_predictions"."race_id", "race_predictions"."plan_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "races" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sport" text DEFAULT 'run' NOT NULL,
	"distance_m" integer NOT NULL,
	"race_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "races_sport_check" CHECK ("races"."sport" = 'run'),
	CONSTRAINT "races_distance_check" CHECK ("races"."distance_m" between 1500 and 42616)
);
--> statement-breakpoint
ALTER TABLE "race_predictions" ADD CONSTRAINT "race_predictions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "race_predictions" ADD CONSTRAINT "race_predictions_race_id_races_id_fk" FOREIGN KEY ("race_id") REFERENCES "public"."races"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "race_predictions" ADD CONSTRAINT "race_predictions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "races" ADD CONSTRAINT "races_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "race_predictions_race_idx" ON "race_predictions" USING btree ("race_id","made_at");--> statement-breakpoint
CREATE INDEX "race_predictions_plan_idx" ON "race_predictions" USING btree ("plan_id","made_at");--> statement-breakpoint
CREATE INDEX "race_predictions_user_idx" ON "race_predictions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "races_user_date_idx" ON "races" USING btree ("user_id","race_date");
