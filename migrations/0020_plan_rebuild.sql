ALTER TABLE "plans" ADD COLUMN "rebuild_dismissal" jsonb;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "replaced_by" uuid;