CREATE TYPE "public"."sms_direction" AS ENUM('outbound', 'inbound');--> statement-breakpoint
CREATE TYPE "public"."sms_kind" AS ENUM('confirmation', 'reminder', 'follow_up', 'automation', 'manual', 'inbound');--> statement-breakpoint
CREATE TYPE "public"."sms_state" AS ENUM('scheduled', 'sending', 'sent', 'deferred', 'skipped', 'failed', 'received');--> statement-breakpoint
CREATE TYPE "public"."sms_template_kind" AS ENUM('confirmation', 'reminder', 'follow_up');--> statement-breakpoint
CREATE TABLE "sms_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid,
	"client_id" uuid,
	"booking_id" uuid,
	"direction" "sms_direction" NOT NULL,
	"kind" "sms_kind" NOT NULL,
	"state" "sms_state" NOT NULL,
	"key" text NOT NULL,
	"body" text NOT NULL,
	"from_phone" text,
	"due_at" timestamp with time zone NOT NULL,
	"claimed_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"provider_sid" text,
	"error_code" text,
	"error_message" text,
	"reason" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_templates" (
	"org_id" uuid NOT NULL,
	"kind" "sms_template_kind" NOT NULL,
	"body" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sms_templates_org_id_kind_pk" PRIMARY KEY("org_id","kind")
);
--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_templates" ADD CONSTRAINT "sms_templates_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_templates" ADD CONSTRAINT "sms_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sms_messages_key_idx" ON "sms_messages" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "sms_messages_provider_sid_idx" ON "sms_messages" USING btree ("provider_sid") WHERE "sms_messages"."provider_sid" is not null;--> statement-breakpoint
CREATE INDEX "sms_messages_due_idx" ON "sms_messages" USING btree ("due_at") WHERE "sms_messages"."state" in ('scheduled', 'deferred', 'sending');--> statement-breakpoint
CREATE INDEX "sms_messages_client_idx" ON "sms_messages" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "sms_messages_booking_idx" ON "sms_messages" USING btree ("booking_id");