CREATE TYPE "public"."disconnect_reason" AS ENUM('athlete', 'revoked_at_provider', 'operator');--> statement-breakpoint
CREATE TABLE "provider_disconnects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" "provider_name" NOT NULL,
	"reason" "disconnect_reason" NOT NULL,
	"removed_activities" integer NOT NULL,
	"kept_activities" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "provider_disconnects" ADD CONSTRAINT "provider_disconnects_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "provider_disconnects_user_idx" ON "provider_disconnects" USING btree ("user_id","provider","created_at");