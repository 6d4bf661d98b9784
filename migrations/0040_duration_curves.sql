CREATE TABLE "activity_curves" (
	"activity_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid NOT NULL,
	"sport" text NOT NULL,
	"source" "activity_source" NOT NULL,
	"local_date" date NOT NULL,
	"values" double precision[] NOT NULL,
	"starts" integer[] NOT NULL,
	"excluded" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "activity_curves_activity_id_kind_pk" PRIMARY KEY("activity_id","kind")
);
--> statement-breakpoint
CREATE TABLE "curve_months" (
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sport" text NOT NULL,
	"source" "activity_source" NOT NULL,
	"month" date NOT NULL,
	"values" double precision[] NOT NULL,
	"activity_ids" uuid[] NOT NULL,
	"dates" date[] NOT NULL,
	"starts" integer[] NOT NULL,
	CONSTRAINT "curve_months_user_id_kind_sport_source_month_pk" PRIMARY KEY("user_id","kind","sport","source","month")
);
--> statement-breakpoint
ALTER TABLE "activity_curves" ADD CONSTRAINT "activity_curves_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curve_months" ADD CONSTRAINT "curve_months_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_curves_user_date_idx" ON "activity_curves" USING btree ("user_id","local_date");
--> statement-breakpoint
-- Existing athletes' curves: a rebuild that re-reads their streams, drained by the analytics.rebuilds cron.
INSERT INTO "analytics_rebuilds" ("user_id", "reason")
SELECT DISTINCT a."user_id", 'curves' FROM "activities" a JOIN "activity_streams" s ON s."activity_id" = a."id"
ON CONFLICT ("user_id") DO UPDATE SET "reason" = 'curves';
