CREATE TABLE "activity_unlinks" (
	"user_id" uuid NOT NULL,
	"a_source" "activity_source" NOT NULL,
	"a_external_id" text NOT NULL,
	"b_source" "activity_source" NOT NULL,
	"b_external_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_unlinks_user_id_a_source_a_external_id_b_source_b_external_id_pk" PRIMARY KEY("user_id","a_source","a_external_id","b_source","b_external_id")
);
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "data_quality" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "sport_inferred" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "multisport_group" text;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "warnings" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_unlinks" ADD CONSTRAINT "activity_unlinks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;