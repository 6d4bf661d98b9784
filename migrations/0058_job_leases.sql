-- Leases on long jobs (issue 43, ADR 089): a running import, export or deletion holds its row until lease_until,
-- renewed by its consumer's heartbeat; the minute sweep re-queues a row whose lease lapsed (its worker was killed).
ALTER TABLE "import_jobs" ADD COLUMN "lease_until" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD COLUMN "lease_until" timestamp with time zone;
--> statement-breakpoint
CREATE INDEX "import_jobs_running_lease_idx" ON "import_jobs" USING btree ("lease_until") WHERE "status" = 'running';
--> statement-breakpoint
CREATE INDEX "privacy_requests_running_lease_idx" ON "privacy_requests" USING btree ("lease_until") WHERE "status" = 'running';
