-- Offline "mark done" (issue 41, ADR 080): the athlete's own word that a planned workout is done (with a note and
-- an RPE), and the idempotency keys that let a queued request be replayed without doing it twice.
ALTER TABLE "planned_workouts" ADD COLUMN "done_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "planned_workouts" ADD COLUMN "done_note" text;
--> statement-breakpoint
ALTER TABLE "planned_workouts" ADD COLUMN "done_rpe" smallint;
--> statement-breakpoint
ALTER TABLE "planned_workouts" ADD CONSTRAINT "planned_workouts_done_check" CHECK (("done_note" is null or char_length("done_note") <= 500) and ("done_rpe" is null or "done_rpe" between 1 and 10));
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"key" text NOT NULL,
	"route" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_user_key_idx" ON "idempotency_keys" ("user_id", "key");
--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" ("created_at");
