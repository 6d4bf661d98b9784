ALTER TYPE "public"."activity_source" ADD VALUE 'strava_archive';--> statement-breakpoint
ALTER TYPE "public"."activity_source" ADD VALUE 'garmin_api';--> statement-breakpoint
ALTER TYPE "public"."activity_source" ADD VALUE 'polar_api';--> statement-breakpoint
ALTER TYPE "public"."provider_name" ADD VALUE 'garmin';--> statement-breakpoint
ALTER TYPE "public"."provider_name" ADD VALUE 'polar';