import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/executor';

export type Period = 'week' | 'month';

const DAY = 86_400_000;

const num = (v: unknown) => Number(v ?? 0);

/** Platform-wide counts over our own tables (no tenant filter on purpose: they are counts, not rows). */
export function createPlatformMetricsRepo(db: Executor) {
  async function one(query: SQL): Promise<Record<string, unknown>> {
    const r = await db.execute(query);
    return (r.rows[0] ?? {}) as Record<string, unknown>;
  }

  return {
    async users(now: Date) {
      const d7 = new Date(now.getTime() - 7 * DAY);
      const d30 = new Date(now.getTime() - 30 * DAY);
      const u = await one(sql`
        SELECT count(*) AS total,
               count(*) FILTER (WHERE u.created_at >= ${d7}) AS new7,
               count(*) FILTER (WHERE u.created_at >= ${d30}) AS new30,
               count(*) FILTER (WHERE u.role = 'athlete') AS athletes,
               count(*) FILTER (WHERE u.role = 'coach') AS coaches,
               count(*) FILTER (WHERE u.role IN ('admin', 'owner')) AS operators,
               count(*) FILTER (WHERE u.role = 'demo') AS demo
          FROM users u WHERE u.created_at <= ${now}`);
      // Active = seen by a session (sessions.last_seen_at) in the window. Impersonation sessions are the
      // operator's doing, not the user's, so they do not count.
      const a = await one(sql`
        SELECT count(DISTINCT s.user_id) FILTER (WHERE s.last_seen_at >= ${d7}) AS active7,
               count(DISTINCT s.user_id) FILTER (WHERE s.last_seen_at >= ${d30}) AS active30
          FROM sessions s
         WHERE s.impersonator_id IS NULL AND s.last_seen_at <= ${now}`);
      return {
        total: num(u.total),
        new7: num(u.new7),
        new30: num(u.new30),
        active7: num(a.active7),
        active30: num(a.active30),
        athletes: num(u.athletes),
        coaches: num(u.coaches),
        operators: num(u.operators),
        demo: num(u.demo),
      };
    },

    async sources(now: Date) {
      const d30 = new Date(now.getTime() - 30 * DAY);
      const c = await one(sql`
        SELECT count(*) AS connections FROM provider_connections p
         WHERE p.created_at <= ${now}`);
      const i = await one(sql`
        SELECT count(*) AS total,
               count(*) FILTER (WHERE i.created_at >= ${d30}) AS last30,
               count(*) FILTER (WHERE i.created_at >= ${d30} AND i.status = 'error') AS failed30
          FROM import_jobs i WHERE i.created_at <= ${now}`);
      return { connections: num(c.connections), imports: num(i.total), imports30: num(i.last30), importsFailed30: num(i.failed30) };
    },

    /** Coach orgs, their clients, and SMS sent in the last 30 days. */
    async coaching(now: Date) {
      const d30 = new Date(now.getTime() - 30 * DAY);
      const o = await one(sql`
        SELECT count(DISTINCT o.id) AS orgs,
               count(c.id) FILTER (WHERE NOT c.archived) AS clients,
               count(c.id) FILTER (WHERE NOT c.archived AND c.athlete_user_id IS NOT NULL) AS linked
          FROM orgs o LEFT JOIN clients c ON c.org_id = o.id
         WHERE o.created_at <= ${now}`);
      const s = await one(sql`
        SELECT count(*) AS sent FROM sms_messages m JOIN orgs o ON o.id = m.org_id
         WHERE m.direction = 'outbound' AND m.state = 'sent' AND m.sent_at >= ${d30} AND m.sent_at <= ${now}`);
      return { orgs: num(o.orgs), clients: num(o.clients), linkedClients: num(o.linked), smsSent30: num(s.sent) };
    },

    /** The last 12 periods (UTC weeks from Monday, or months) up to the one holding `now`, oldest first. */
    async series(now: Date, period: Period) {
      const unit = sql.raw(`'${period}'`);
      const step = sql.raw(`interval '1 ${period}'`);
      const r = await db.execute(sql`
        WITH p AS (
          SELECT g AS start, g + ${step} AS stop
            FROM generate_series(
              date_trunc(${unit}, ${now}::timestamptz AT TIME ZONE 'UTC') - 11 * ${step},
              date_trunc(${unit}, ${now}::timestamptz AT TIME ZONE 'UTC'), ${step}) AS g
        )
        SELECT to_char(p.start, 'YYYY-MM-DD') AS start,
          (SELECT count(*) FROM users u WHERE u.created_at AT TIME ZONE 'UTC' >= p.start
              AND u.created_at AT TIME ZONE 'UTC' < p.stop) AS signups,
          (SELECT count(*) FROM provider_connections c WHERE c.created_at AT TIME ZONE 'UTC' >= p.start
              AND c.created_at AT TIME ZONE 'UTC' < p.stop) AS connections,
          (SELECT count(*) FROM import_jobs i WHERE i.created_at AT TIME ZONE 'UTC' >= p.start
              AND i.created_at AT TIME ZONE 'UTC' < p.stop) AS imports,
          (SELECT count(*) FROM sms_messages m JOIN orgs o ON o.id = m.org_id
            WHERE m.direction = 'outbound' AND m.state = 'sent' AND m.sent_at AT TIME ZONE 'UTC' >= p.start
              AND m.sent_at AT TIME ZONE 'UTC' < p.stop) AS sms_sent,
          -- Deleted accounts' calls live on as anonymous daily totals (ADR 042): counted here too.
          (SELECT coalesce(sum(l.cost_nano_usd), 0) FROM coach_llm_calls l WHERE l.created_at AT TIME ZONE 'UTC' >= p.start
              AND l.created_at AT TIME ZONE 'UTC' < p.stop)
            + (SELECT coalesce(sum(e.cost_nano_usd), 0) FROM erased_llm_costs e WHERE e.day >= p.start::date AND e.day < p.stop::date)
            AS ai_cost_nano
          FROM p ORDER BY p.start`);
      return (r.rows as Record<string, unknown>[]).map((row) => ({
        start: String(row.start),
        signups: num(row.signups),
        connections: num(row.connections),
        imports: num(row.imports),
        smsSent: num(row.sms_sent),
        aiCostUsd: Math.round(num(row.ai_cost_nano) / 10_000) / 100_000,
      }));
    },
  };
}
