ALTER TYPE "public"."user_role" ADD VALUE 'demo';--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "blocked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "blocked_reason" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Audit retention (issue 16). The log stays append-only; the one way to erase is audit_log_purge(),
-- and even it can only take rows older than the minimum retention, which the trigger checks again
-- per row, so setting the flag by hand cannot reach younger history.
CREATE OR REPLACE FUNCTION audit_log_min_retention() RETURNS interval AS $$
  SELECT interval '365 days';
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('cadence.audit_purge', true) = 'on'
     AND OLD.created_at < now() - audit_log_min_retention() THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_purge(p_retention_days integer, p_dry_run boolean)
RETURNS TABLE (cutoff timestamptz, matched bigint, deleted bigint) AS $$
DECLARE
  v_cutoff timestamptz;
  v_matched bigint;
  v_deleted bigint := 0;
BEGIN
  IF p_retention_days IS NULL OR make_interval(days => p_retention_days) < audit_log_min_retention() THEN
    RAISE EXCEPTION 'audit retention must be at least %', audit_log_min_retention()
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  v_cutoff := now() - make_interval(days => p_retention_days);
  SELECT count(*) INTO v_matched FROM audit_log WHERE created_at < v_cutoff;
  IF NOT p_dry_run AND v_matched > 0 THEN
    PERFORM set_config('cadence.audit_purge', 'on', true);
    DELETE FROM audit_log WHERE created_at < v_cutoff;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    PERFORM set_config('cadence.audit_purge', 'off', true);
  END IF;
  RETURN QUERY SELECT v_cutoff, v_matched, v_deleted;
END;
$$ LANGUAGE plpgsql;
