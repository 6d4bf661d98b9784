-- Adaptive plans (issue 58, ADR 103): the changes a plan proposes from the athlete's real week, one per trigger; the
-- illness and injury notes that pause intensity; where the adaptive pass last read each athlete; the opt-in for
-- small changes to apply on their own.
CREATE TYPE "public"."plan_adaptation_status" AS ENUM('proposed', 'awaiting_coach', 'applied', 'dismissed', 'refused', 'undone');--> statement-breakpoint
CREATE TABLE "plan_adaptations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"trigger" jsonb NOT NULL,
	"steps" jsonb NOT NULL,
	"reason" text NOT NULL,
	"receipts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"small" boolean DEFAULT false NOT NULL,
	"status" "plan_adaptation_status" DEFAULT 'proposed' NOT NULL,
	"auto" boolean DEFAULT false NOT NULL,
	"coach_visible" boolean DEFAULT false NOT NULL,
	"change_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan_adaptations" ADD CONSTRAINT "plan_adaptations_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_adaptations" ADD CONSTRAINT "plan_adaptations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_adaptations" ADD CONSTRAINT "plan_adaptations_change_id_plan_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."plan_changes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_adaptations" ADD CONSTRAINT "plan_adaptations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_adaptations_key_idx" ON "plan_adaptations" USING btree ("plan_id","key");--> statement-breakpoint
CREATE INDEX "plan_adaptations_user_idx" ON "plan_adaptations" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE TABLE "plan_health_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_health_notes_kind_check" CHECK ("plan_health_notes"."kind" in ('illness', 'injury')),
	CONSTRAINT "plan_health_notes_days_check" CHECK ("plan_health_notes"."to_day" is null or "plan_health_notes"."to_day" >= "plan_health_notes"."from_day"),
	CONSTRAINT "plan_health_notes_note_check" CHECK ("plan_health_notes"."note" is null or char_length("plan_health_notes"."note") <= 300)
);
--> statement-breakpoint
ALTER TABLE "plan_health_notes" ADD CONSTRAINT "plan_health_notes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_health_notes_user_idx" ON "plan_health_notes" USING btree ("user_id","from_day");--> statement-breakpoint
CREATE TABLE "plan_adapt_states" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"analytics_version" bigint NOT NULL,
	"thresholds" jsonb,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan_adapt_states" ADD CONSTRAINT "plan_adapt_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "adapt_auto" boolean DEFAULT false NOT NULL;
