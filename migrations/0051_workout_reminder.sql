-- The daily workout reminder (issue 41, ADR 079): on/off and a local time of day per athlete, off by default. The
-- partial index holds only athletes who turned it on: the minute cron reads those, whatever the headcount.
ALTER TABLE "notification_preferences" ADD COLUMN "reminder_on" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "reminder_minute" smallint DEFAULT 420 NOT NULL;
--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_reminder_minute_check" CHECK ("reminder_minute" between 0 and 1439);
--> statement-breakpoint
CREATE INDEX "notification_preferences_reminder_idx" ON "notification_preferences" ("reminder_minute") WHERE "reminder_on";
