ALTER TABLE "membership_grants" DROP CONSTRAINT "membership_grants_tier_check";--> statement-breakpoint
ALTER TABLE "membership_grants" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "membership_grants" ADD COLUMN "org_id" uuid;--> statement-breakpoint
ALTER TABLE "membership_grants" ADD CONSTRAINT "membership_grants_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "membership_grants_org_idx" ON "membership_grants" USING btree ("org_id","ends_at");--> statement-breakpoint
ALTER TABLE "membership_grants" ADD CONSTRAINT "membership_grants_tier_check" CHECK (("membership_grants"."user_id" is not null and "membership_grants"."org_id" is null and "membership_grants"."tier" in ('pro', 'elite')) or ("membership_grants"."org_id" is not null and "membership_grants"."user_id" is null and "membership_grants"."tier" = 'team'));