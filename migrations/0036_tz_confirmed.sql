ALTER TABLE "users" ADD COLUMN "time_zone_confirmed_at" timestamp with time zone;--> statement-breakpoint
-- A zone other than the old UTC default was chosen by the athlete (signup form or Settings): nothing to ask.
UPDATE "users" SET "time_zone_confirmed_at" = "updated_at" WHERE "time_zone" <> 'UTC';
