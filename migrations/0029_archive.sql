ALTER TABLE "activities" ADD COLUMN "extras" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "summary" jsonb DEFAULT '{}'::jsonb NOT NULL;