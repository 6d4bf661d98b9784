-- A provider's permission pings may arrive late or out of order (issue 43, ADR 087): the time of the change
-- last applied, so an older ping never overwrites a newer one. Null until the first ping after connecting.
ALTER TABLE "provider_connections" ADD COLUMN "scopes_changed_at" timestamp with time zone;
