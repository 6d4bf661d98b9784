-- Web Push (issue 41, ADR 076): one subscription per browser install, push switches per category, and push rows in
-- the notification outbox beside email rows (same due sweep, claim and retry), one row per event and subscription.
CREATE TABLE "push_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"install_id" uuid NOT NULL,
	"endpoint" text NOT NULL UNIQUE,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_success_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"last_error_code" text,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "push_subscriptions_install_idx" ON "push_subscriptions" ("user_id", "install_id") WHERE "retired_at" IS NULL;
--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "push" jsonb DEFAULT '{}'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD COLUMN "channel" text DEFAULT 'email' NOT NULL;
--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD COLUMN "push_subscription_id" uuid REFERENCES "push_subscriptions"("id") ON DELETE SET NULL;
