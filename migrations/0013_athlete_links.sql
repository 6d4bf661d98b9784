CREATE TYPE "public"."athlete_link_status" AS ENUM('pending', 'accepted', 'declined', 'cancelled', 'revoked');--> statement-breakpoint
CREATE TABLE "athlete_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"email" text NOT NULL,
	"status" "athlete_link_status" DEFAULT 'pending' NOT NULL,
	"athlete_user_id" uuid,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "athlete_links" ADD CONSTRAINT "athlete_links_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "athlete_links" ADD CONSTRAINT "athlete_links_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "athlete_links" ADD CONSTRAINT "athlete_links_athlete_user_id_users_id_fk" FOREIGN KEY ("athlete_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "athlete_links" ADD CONSTRAINT "athlete_links_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "athlete_links_live_idx" ON "athlete_links" USING btree ("client_id") WHERE "athlete_links"."status" in ('pending', 'accepted');--> statement-breakpoint
CREATE UNIQUE INDEX "athlete_links_athlete_idx" ON "athlete_links" USING btree ("org_id","athlete_user_id") WHERE "athlete_links"."status" = 'accepted';--> statement-breakpoint
CREATE INDEX "athlete_links_email_idx" ON "athlete_links" USING btree (lower("email")) WHERE "athlete_links"."status" = 'pending';