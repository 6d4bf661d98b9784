-- The queue delivery that last claimed each ingest job (ADR 090): when that same delivery comes back (retried after
-- its run failed because the database went away, or ran past its deadline), it may take the job again instead of
-- leaving it `running` until the ten-minute stuck sweep.
ALTER TABLE "ingest_jobs" ADD COLUMN "delivery_id" text;
