-- Session uses run inside the database: one call takes a session from the client's package that
-- expires soonest (undated last, then oldest purchase) and records its cause, or reports the use that
-- cause already made. The ClientLedger object sends the uses that queued up together in one call
-- (one round trip, one commit). A racing duplicate cause fails on the unique index and rolls back whole.
CREATE OR REPLACE FUNCTION ledger_use(p_org uuid, p_client uuid, p_cause text, p_booking uuid, p_actor uuid, p_today date)
RETURNS TABLE (ledger_id uuid, package_id uuid, remaining integer, replayed boolean) AS $$
DECLARE
  v_ledger uuid;
  v_package uuid;
  v_remaining integer;
BEGIN
  SELECT l.id, l.client_package_id INTO v_ledger, v_package
  FROM session_ledger l
  WHERE l.kind = 'use' AND l.cause = p_cause AND l.org_id = p_org AND l.client_id = p_client;
  IF FOUND THEN
    RETURN QUERY SELECT v_ledger, v_package, p.sessions_remaining, true FROM client_packages p WHERE p.id = v_package;
    RETURN;
  END IF;

  UPDATE client_packages p SET sessions_remaining = p.sessions_remaining - 1
  WHERE p.id = (
      SELECT c.id FROM client_packages c
      WHERE c.org_id = p_org AND c.client_id = p_client AND c.status = 'active' AND c.sessions_remaining > 0
        AND (c.expires_on IS NULL OR c.expires_on >= p_today)
      ORDER BY c.expires_on ASC NULLS LAST, c.purchased_on ASC, c.created_at ASC
      LIMIT 1
      FOR UPDATE)
    AND p.sessions_remaining > 0
  RETURNING p.id, p.sessions_remaining INTO v_package, v_remaining;
  IF NOT FOUND THEN
    RETURN; -- no package has a session left
  END IF;

  INSERT INTO session_ledger (org_id, client_id, client_package_id, kind, cause, booking_id, actor_id)
  VALUES (p_org, p_client, v_package, 'use', p_cause, p_booking, p_actor)
  RETURNING id INTO v_ledger;
  RETURN QUERY SELECT v_ledger, v_package, v_remaining, false;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Several uses strictly in the given order; `idx` says which request each row answers (none: no session left).
CREATE OR REPLACE FUNCTION ledger_use_batch(p_requests jsonb)
RETURNS TABLE (idx integer, ledger_id uuid, package_id uuid, remaining integer, replayed boolean) AS $$
DECLARE
  r jsonb;
  i integer := 0;
BEGIN
  FOR r IN SELECT value FROM jsonb_array_elements(p_requests) LOOP
    RETURN QUERY
      SELECT i, u.ledger_id, u.package_id, u.remaining, u.replayed
      FROM ledger_use((r->>'orgId')::uuid, (r->>'clientId')::uuid, r->>'cause', (r->>'bookingId')::uuid, (r->>'actorId')::uuid, (r->>'today')::date) u;
    i := i + 1;
  END LOOP;
END;
$$ LANGUAGE plpgsql;
