-- The activities list (issue 39, ADR 064): the athlete's tags, hidden from the list, deleted with an undo
-- window (purged once it passes), and the record of each bulk edit that Undo restores from.
ALTER TABLE "activities" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "hidden" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "activities_deleted_idx" ON "activities" USING btree ("deleted_at") WHERE "activities"."deleted_at" is not null;--> statement-breakpoint
CREATE TABLE "activity_bulk_edits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"kind" text NOT NULL,
	"before" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone
);--> statement-breakpoint
CREATE INDEX "activity_bulk_edits_user_idx" ON "activity_bulk_edits" USING btree ("user_id","created_at");
