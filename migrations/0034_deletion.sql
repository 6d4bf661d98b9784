CREATE TABLE "erased_llm_costs" (
	"day" date NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_write_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_read_tokens" bigint DEFAULT 0 NOT NULL,
	"cost_nano_usd" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "erased_llm_costs_day_provider_model_pk" PRIMARY KEY("day","provider","model")
);
--> statement-breakpoint
CREATE TABLE "orphan_sweeps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL,
	"counts" jsonb NOT NULL,
	"total" integer NOT NULL
);
--> statement-breakpoint
-- Account deletion keeps the audit log's history but not who it was about (ADR 042). The log stays
-- append-only; the one rewrite allowed is audit_log_pseudonymise(), which swaps one deleted account's id for
-- its keyed pseudonym. The trigger checks every updated row again: only actor_id, target_id and the id's
-- occurrences in payload may change, and only into the pseudonym named by the transaction-local settings.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
DECLARE
  v_subject text := current_setting('cadence.audit_subject', true);
  v_pseudonym text := current_setting('cadence.audit_pseudonym', true);
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('cadence.audit_purge', true) = 'on'
     AND OLD.created_at < now() - audit_log_min_retention() THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE'
     AND current_setting('cadence.audit_pseudonymise', true) = 'on'
     AND coalesce(v_subject, '') <> '' AND coalesce(v_pseudonym, '') <> '' AND v_subject <> v_pseudonym
     AND NEW.id = OLD.id
     AND NEW.actor_role IS NOT DISTINCT FROM OLD.actor_role
     AND NEW.target_type = OLD.target_type
     AND NEW.action = OLD.action
     AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id
     AND NEW.created_at = OLD.created_at
     AND NEW.actor_id IS NOT DISTINCT FROM (CASE WHEN OLD.actor_id::text = v_subject THEN v_pseudonym::uuid ELSE OLD.actor_id END)
     AND NEW.target_id IS NOT DISTINCT FROM (CASE WHEN OLD.target_id = v_subject THEN v_pseudonym ELSE OLD.target_id END)
     AND NEW.payload = replace(OLD.payload::text, v_subject, v_pseudonym)::jsonb THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_pseudonymise(p_subject uuid, p_pseudonym uuid) RETURNS bigint AS $$
DECLARE
  v_updated bigint;
BEGIN
  IF p_subject IS NULL OR p_pseudonym IS NULL OR p_subject = p_pseudonym THEN
    RAISE EXCEPTION 'audit_log_pseudonymise needs a subject and a different pseudonym'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM set_config('cadence.audit_subject', p_subject::text, true);
  PERFORM set_config('cadence.audit_pseudonym', p_pseudonym::text, true);
  PERFORM set_config('cadence.audit_pseudonymise', 'on', true);
  UPDATE audit_log
     SET actor_id = CASE WHEN actor_id = p_subject THEN p_pseudonym ELSE actor_id END,
         target_id = CASE WHEN target_id = p_subject::text THEN p_pseudonym::text ELSE target_id END,
         payload = replace(payload::text, p_subject::text, p_pseudonym::text)::jsonb
   WHERE actor_id = p_subject OR target_id = p_subject::text OR payload::text LIKE '%' || p_subject::text || '%';
  GET DIAGNOSTICS v_updated = ROW_COUNT;
  PERFORM set_config('cadence.audit_pseudonymise', 'off', true);
  PERFORM set_config('cadence.audit_subject', '', true);
  PERFORM set_config('cadence.audit_pseudonym', '', true);
  RETURN v_updated;
END;
$$ LANGUAGE plpgsql;
