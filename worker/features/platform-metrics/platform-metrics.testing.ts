import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Harness } from '../../testing/harness';
import { createPlatformMetricsService } from './platform-metrics.service';

const DAY = 86_400_000;

/** A small platform of the test's own, its rows dated relative to `now`. */
export async function metricsWorld(db: Db, now: Date) {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const tag = crypto.randomUUID().slice(0, 8);
  async function user(role: string, createdDaysAgo: number): Promise<string> {
    const r = await db.execute(sql`
      INSERT INTO users (email, password_hash, display_name, role, created_at)
      VALUES (${`m-${role}-${crypto.randomUUID().slice(0, 8)}@example.test`}, 'x', ${`Metrics ${role} ${tag}`}, ${role}::user_role, ${ago(createdDaysAgo)})
      RETURNING id`);
    return (r.rows[0] as { id: string }).id;
  }
  async function seen(userId: string, daysAgo: number, impersonatorId: string | null = null) {
    await db.execute(sql`
      INSERT INTO sessions (token_hash, user_id, auth_version, last_seen_at, expires_at, impersonator_id)
      VALUES (${crypto.randomUUID()}, ${userId}, 1, ${ago(daysAgo)}, ${new Date(now.getTime() + 30 * DAY)}, ${impersonatorId})`);
  }
  const fresh = await user('athlete', 2); // new this week, active this week
  const month = await user('athlete', 20); // new this month, active 20 days ago
  const old = await user('athlete', 90); // neither new nor active (only an operator's impersonation session)
  const coach = await user('coach', 40);
  const owner = await user('owner', 400);
  await seen(fresh, 1);
  await seen(fresh, 3); // a second device: still one active user
  await seen(month, 20);
  await seen(old, 1, owner);
  await db.execute(sql`
    INSERT INTO provider_connections (user_id, provider, external_athlete_id, access_token_enc, refresh_token_enc, expires_at, scopes, created_at)
    VALUES (${fresh}, 'strava', ${`ext-${crypto.randomUUID()}`}, 'enc', 'enc', ${now}, 'read', ${ago(1)})`);
  for (const [status, daysAgo] of [
    ['done', 1],
    ['error', 2],
    ['done', 45],
  ] as const)
    await db.execute(sql`
      INSERT INTO import_jobs (user_id, filename, object_key, size_bytes, status, created_at)
      VALUES (${fresh}, 'run.fit', ${`k-${crypto.randomUUID()}`}, 10, ${status}::import_status, ${ago(daysAgo)})`);
  const org = (
    await db.execute(
      sql`INSERT INTO orgs (name, time_zone, created_by, created_at) VALUES ('Metrics Org', 'UTC', ${coach}, ${ago(30)}) RETURNING id`,
    )
  ).rows[0] as { id: string };
  const client = (
    await db.execute(sql`
      INSERT INTO clients (org_id, name, athlete_user_id) VALUES (${org.id}, 'Linked', ${fresh}), (${org.id}, 'Plain', null) RETURNING id`)
  ).rows[0] as { id: string };
  await db.execute(sql`INSERT INTO clients (org_id, name, archived) VALUES (${org.id}, 'Gone', true)`);
  for (const [state, daysAgo] of [
    ['sent', 1],
    ['sent', 10],
    ['failed', 1],
    ['sent', 60],
  ] as const)
    await db.execute(sql`
      INSERT INTO sms_messages (org_id, client_id, direction, kind, state, key, body, due_at, sent_at)
      VALUES (${org.id}, ${client.id}, 'outbound', 'manual', ${state}::sms_state, ${crypto.randomUUID()}, 'hi', ${ago(daysAgo)},
              ${state === 'sent' ? ago(daysAgo) : null})`);
  await db.execute(sql`
    INSERT INTO coach_llm_calls (user_id, provider, model, outcome, cost_nano_usd, created_at)
    VALUES (${fresh}, 'anthropic', 'm', 'ok', 2500000000, ${ago(1)})`);
  return { fresh, month, old, coach, owner };
}

const figures = {
  asOf: '',
  subscribers: { pro: 2, elite: 1, team: 0 },
  trialing: { pro: 1, elite: 0, team: 0 },
  mrrCents: 4500,
  currency: 'usd' as const,
  trials: { startedThisMonth: 2, converted: 1, conversionRate: 0.5 },
  churn: { canceledThisMonth: 0, rate: 0 },
};
const costs = {
  month: '2026-11',
  athletes: [],
  total: { calls: 3, inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0, costNanoUsd: 0, costUsd: 9 },
  revenue: { mrrCents: 4500, basis: 'current_mrr' as const },
  costToRevenue: 0.2,
};

/** The service on a fixed clock, billing and AI figures stood in (membership and coach-costs test theirs). */
export function metricsService(h: Harness, now: Date) {
  return createPlatformMetricsService({
    db: h.db,
    clock: { now: () => now },
    membership: { figures: async () => figures },
    coachCosts: { month: async () => costs },
  });
}
