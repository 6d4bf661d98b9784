-- The athlete's second consent on a coach link (issue 40): their wellness (sleep, HRV, resting HR, check-ins, weight)
-- is shown to that coach only while this is set; only the athlete sets or clears it, and ending the link clears it.
ALTER TABLE "athlete_links" ADD COLUMN "wellness_shared_at" timestamp with time zone;
