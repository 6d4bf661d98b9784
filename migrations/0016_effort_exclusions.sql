ALTER TABLE "activity_efforts" ADD COLUMN "excluded_reason" text;--> statement-breakpoint
ALTER TABLE "activity_efforts" ADD COLUMN "excluded_ref" double precision;