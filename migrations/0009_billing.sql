CREATE TYPE "public"."money_kind" AS ENUM('income', 'refund', 'expense');--> statement-breakpoint
CREATE TYPE "public"."money_source" AS ENUM('stripe', 'manual');--> statement-breakpoint
CREATE TABLE "money_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" "money_kind" NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"occurred_on" date NOT NULL,
	"client_id" uuid,
	"package_type_id" uuid,
	"source" "money_source" NOT NULL,
	"external_id" text,
	"payment_ref" text,
	"description" text DEFAULT '' NOT NULL,
	"category" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "money_events_amount_positive" CHECK ("money_events"."amount_cents" > 0),
	CONSTRAINT "money_events_currency" CHECK ("money_events"."currency" ~ '^[a-z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stripe_event_id" text NOT NULL,
	"type" text NOT NULL,
	"created" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"outcome" text,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "money_events" ADD CONSTRAINT "money_events_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_events" ADD CONSTRAINT "money_events_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_events" ADD CONSTRAINT "money_events_package_type_id_package_types_id_fk" FOREIGN KEY ("package_type_id") REFERENCES "public"."package_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_events" ADD CONSTRAINT "money_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "money_events_external_idx" ON "money_events" USING btree ("external_id") WHERE "money_events"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "money_events_org_time_idx" ON "money_events" USING btree ("org_id","occurred_at");--> statement-breakpoint
CREATE INDEX "money_events_client_idx" ON "money_events" USING btree ("client_id","occurred_at");--> statement-breakpoint
CREATE INDEX "money_events_payment_idx" ON "money_events" USING btree ("payment_ref") WHERE "money_events"."payment_ref" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "stripe_events_event_id_idx" ON "stripe_events" USING btree ("stripe_event_id");--> statement-breakpoint
CREATE INDEX "stripe_events_unprocessed_idx" ON "stripe_events" USING btree ("received_at") WHERE "stripe_events"."processed_at" is null;