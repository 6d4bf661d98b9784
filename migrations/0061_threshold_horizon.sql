-- An estimated threshold's horizon (ADR 065): the first Monday whose windows hold none of the efforts it rests on.
-- From that day it is stale and no activity is scored against it. Null for the athlete's own values (in effect
-- until replaced) and for an estimate still resting on efforts in its window. The next rebuild fills it.
ALTER TABLE "athlete_thresholds" ADD COLUMN "effective_until" date;
