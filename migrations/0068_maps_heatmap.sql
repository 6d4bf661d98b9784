-- The personal heatmap (issue 57, ADR 100): each athlete's routes pre-aggregated per sport and period (a month, a
-- year summed from its months, all time summed from the years) and Web Mercator tile at zooms 0–14, as sparse pixel counts; a bucket's fingerprint
-- of the tracks it was built from finds stale buckets; the repair pass's marker per athlete.
CREATE TABLE "heatmap_buckets" (
	"user_id" uuid NOT NULL,
	"sport" "sport" NOT NULL,
	"period" text NOT NULL,
	"fingerprint" text NOT NULL,
	"activities" integer NOT NULL,
	"min_lat" double precision NOT NULL,
	"min_lon" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"max_lon" double precision NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "heatmap_buckets_user_id_sport_period_pk" PRIMARY KEY("user_id","sport","period"),
	CONSTRAINT "heatmap_buckets_period" CHECK ("heatmap_buckets"."period" ~ '^([0-9]{4}(-[0-9]{2})?|all)$')
);
--> statement-breakpoint
CREATE TABLE "heatmap_tiles" (
	"user_id" uuid NOT NULL,
	"z" smallint NOT NULL,
	"x" integer NOT NULL,
	"y" integer NOT NULL,
	"sport" "sport" NOT NULL,
	"period" text NOT NULL,
	"pixels" bytea NOT NULL,
	CONSTRAINT "heatmap_tiles_user_id_z_x_y_sport_period_pk" PRIMARY KEY("user_id","z","x","y","sport","period"),
	CONSTRAINT "heatmap_tiles_z" CHECK ("heatmap_tiles"."z" between 0 and 14)
);
--> statement-breakpoint
CREATE TABLE "heatmap_states" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "heatmap_buckets" ADD CONSTRAINT "heatmap_buckets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "heatmap_tiles" ADD CONSTRAINT "heatmap_tiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "heatmap_states" ADD CONSTRAINT "heatmap_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "heatmap_tiles_bucket_idx" ON "heatmap_tiles" USING btree ("user_id","sport","period");
