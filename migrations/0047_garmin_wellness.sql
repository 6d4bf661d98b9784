-- The athlete's consent in Cadence to store wellness from Garmin's Health API (ADR 071); dies with the connection.
ALTER TABLE "provider_connections" ADD COLUMN "wellness_consent_at" timestamp with time zone;
