-- Race day, fuelling (issue 56, ADR 096): the athlete's sweat tests (the rate the fluid plan reuses) and their
-- gut-training log (what lets the carbohydrate plan go above 90 g/h).
CREATE TABLE "sweat_tests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"test_date" date NOT NULL,
	"activity_id" uuid,
	"duration_min" real NOT NULL,
	"mass_before_kg" real NOT NULL,
	"mass_after_kg" real NOT NULL,
	"fluid_l" real NOT NULL,
	"urine_l" real,
	"temperature_c" real,
	"note" text,
	"rate_l_per_h" real NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sweat_tests_rate_check" CHECK ("sweat_tests"."rate_l_per_h" between 0 and 4)
);
--> statement-breakpoint
CREATE TABLE "gut_training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"session_date" date NOT NULL,
	"carbs_g_per_h" real NOT NULL,
	"duration_min" real NOT NULL,
	"comfort" smallint NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gut_training_sessions_comfort_check" CHECK ("gut_training_sessions"."comfort" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "sweat_tests" ADD CONSTRAINT "sweat_tests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sweat_tests" ADD CONSTRAINT "sweat_tests_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gut_training_sessions" ADD CONSTRAINT "gut_training_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sweat_tests_user_date_idx" ON "sweat_tests" USING btree ("user_id","test_date");--> statement-breakpoint
CREATE INDEX "gut_training_sessions_user_date_idx" ON "gut_training_sessions" USING btree ("user_id","session_date");
