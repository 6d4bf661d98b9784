-- Time in zone over weeks (issue 39, ADR 067): every activity's derived facts gain value histograms of its
-- heart-rate, power and speed grids. Existing athletes' facts: a rebuild that re-reads their streams, drained
-- by the analytics.rebuilds cron (as 0040 did for the curves).
INSERT INTO "analytics_rebuilds" ("user_id", "reason")
SELECT DISTINCT a."user_id", 'curves' FROM "activities" a JOIN "activity_streams" s ON s."activity_id" = a."id"
ON CONFLICT ("user_id") DO UPDATE SET "reason" = 'curves';
