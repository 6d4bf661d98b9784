CREATE TYPE "public"."notification_delivery_kind" AS ENUM('single', 'digest', 'daily', 'weekly');--> statement-breakpoint
CREATE TYPE "public"."notification_delivery_status" AS ENUM('scheduled', 'sending', 'sent', 'skipped', 'failed');--> statement-breakpoint
CREATE TYPE "public"."email_mode" AS ENUM('daily', 'weekly', 'alerts', 'off');--> statement-breakpoint
CREATE TABLE "notification_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"dedupe_key" text NOT NULL,
	"kind" "notification_delivery_kind" NOT NULL,
	"category" text NOT NULL,
	"type" text NOT NULL,
	"group_key" text,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "notification_delivery_status" DEFAULT 'scheduled' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"enqueued_at" timestamp with time zone,
	"provider_message_id" text,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_deliveries_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "notification_events" (
	"dedupe_key" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"email_mode" "email_mode" DEFAULT 'daily' NOT NULL,
	"send_minute" smallint DEFAULT 420 NOT NULL,
	"channels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dnd" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "category" text DEFAULT 'account' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_deliveries_due_idx" ON "notification_deliveries" USING btree ("due_at") WHERE "notification_deliveries"."status" = 'scheduled';--> statement-breakpoint
CREATE UNIQUE INDEX "notification_deliveries_open_group_idx" ON "notification_deliveries" USING btree ("group_key") WHERE "notification_deliveries"."status" = 'scheduled';--> statement-breakpoint
CREATE INDEX "notification_deliveries_user_type_due_idx" ON "notification_deliveries" USING btree ("user_id","type","due_at");--> statement-breakpoint
CREATE INDEX "notification_events_user_idx" ON "notification_events" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null and "notifications"."deleted_at" is null;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_send_minute_check" CHECK ("send_minute" BETWEEN 0 AND 1439);--> statement-breakpoint
-- Rows written before categories existed were all coach-business messages (link requests, team invites).
UPDATE "notifications" SET "category" = 'coach' WHERE "kind" IN ('athlete_link', 'org_invite');
