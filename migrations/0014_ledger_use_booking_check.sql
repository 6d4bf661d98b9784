-- A booking's use is taken only while that booking is completed. Without this, a cancel racing a
-- complete could release nothing (the use was not there yet) and the use then land on a cancelled
-- booking. The booking row is share-locked, so a cancel in flight either commits first (and the use is
-- refused) or waits for the use (and its release, which follows the cancel, finds it).
-- A refused use answers one row with no ledger id.
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

  IF p_booking IS NOT NULL THEN
    PERFORM 1 FROM bookings b
    WHERE b.id = p_booking AND b.org_id = p_org AND b.client_id = p_client AND b.status = 'completed'
    FOR SHARE;
    IF NOT FOUND THEN
      RETURN QUERY SELECT NULL::uuid, NULL::uuid, NULL::integer, false;
      RETURN;
    END IF;
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
