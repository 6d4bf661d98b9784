CREATE TABLE "library_workouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid REFERENCES "users"("id") ON DELETE cascade,
	"org_id" uuid REFERENCES "orgs"("id") ON DELETE cascade,
	"created_by" uuid REFERENCES "users"("id") ON DELETE set null,
	"sport" text NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"duration_sec" integer NOT NULL,
	"distance_m" real,
	"target_load" real DEFAULT 0 NOT NULL,
	"intensity" jsonb,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"folder" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "library_workouts_owner_check" CHECK (("library_workouts"."user_id" is null) <> ("library_workouts"."org_id" is null)),
	CONSTRAINT "library_workouts_title_check" CHECK (char_length("library_workouts"."title") between 1 and 200)
);--> statement-breakpoint
CREATE INDEX "library_workouts_user_idx" ON "library_workouts" USING btree ("user_id","title");--> statement-breakpoint
CREATE INDEX "library_workouts_org_idx" ON "library_workouts" USING btree ("org_id","title");--> statement-breakpoint
CREATE TABLE "plan_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL REFERENCES "orgs"("id") ON DELETE cascade,
	"created_by" uuid REFERENCES "users"("id") ON DELETE set null,
	"name" text NOT NULL,
	"weeks" integer NOT NULL,
	"items" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "plan_templates_org_idx" ON "plan_templates" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE TABLE "template_applications" (
	"template_id" uuid NOT NULL REFERENCES "plan_templates"("id") ON DELETE cascade,
	"client_id" uuid NOT NULL REFERENCES "clients"("id") ON DELETE cascade,
	"start_date" date NOT NULL,
	"plan_id" uuid REFERENCES "plans"("id") ON DELETE set null,
	"change_id" uuid,
	"workouts" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "template_applications_pk" PRIMARY KEY("template_id","client_id","start_date")
);
