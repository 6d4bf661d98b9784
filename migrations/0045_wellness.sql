-- The athlete's whole day (issue 40): one reading per (day, source, field), each with where it came from.
CREATE TABLE "wellness_readings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"day" date NOT NULL,
	"source" text NOT NULL,
	"field" text NOT NULL,
	"value" double precision,
	"text_value" text,
	"external_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wellness_readings_value_check" CHECK ("value" is not null or "text_value" is not null)
);--> statement-breakpoint
CREATE UNIQUE INDEX "wellness_readings_key_idx" ON "wellness_readings" USING btree ("user_id","day","source","field");--> statement-breakpoint
CREATE INDEX "wellness_readings_field_idx" ON "wellness_readings" USING btree ("user_id","field","day");--> statement-breakpoint
CREATE INDEX "wellness_readings_external_idx" ON "wellness_readings" USING btree ("user_id","source","external_id") WHERE "wellness_readings"."external_id" is not null;
