// The world the outbound-provider faults work in (bench/faults/providers-out.ts): a coach org of their own on
// Team, notification rows due now, the fault injected and always cleared, and the report they fill in.
import pg from 'pg';
import type { Stack } from '../../scripts/lib/stack.ts';
import type { FaultMode } from '../../scripts/sandbox/faults.ts';
import { createUsers, login } from '../users.ts';
import type { FaultContext, FaultReport } from './fault.ts';
import { sleep } from '../lib.ts';

export const WAIT_FOR_DELIVERY_MS = 8 * 60_000;

export { sleep };

export async function sql<T = Record<string, unknown>>(stack: Stack, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: stack.databaseUrl });
  c.on('error', () => {});
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** A coach (logged in) with an org on Team, `n` clients with phones and SMS consent, and one package type. */
export async function coachOrg(stack: Stack, tag: string, n: number) {
  const [email] = await createUsers(stack.databaseUrl, 1, tag);
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const [org] = await sql<{ id: string }>(
    stack,
    `with u as (update users set role = 'coach' where email = $1 returning id),
          o as (insert into orgs (name, time_zone, created_by) select $2, 'UTC', id from u returning id, created_by),
          m as (insert into org_members (org_id, user_id, role) select id, created_by, 'owner' from o),
          g as (insert into membership_grants (org_id, kind, tier, ends_at, reason) select id, 'comp', 'team', now() + interval '30 days', 'fault bench' from o)
     select id from o`,
    [email, `Fault bench ${tag} ${run}`],
  );
  const phones = Array.from({ length: n }, (_, i) => `+1555${String(Math.floor(Math.random() * 900) + 100)}${String(i).padStart(4, '0')}`);
  const clients = await sql<{ id: string; phone: string }>(
    stack,
    `insert into clients (org_id, name, phone, sms_consent, email)
     select $1, 'Client ' || i, p, 'granted', 'client-' || i || '-' || $3 || '@bench.cadence.test'
     from unnest($2::text[]) with ordinality as t(p, i) returning id, phone`,
    [org!.id, phones, run],
  );
  const [type] = await sql<{ id: string }>(
    stack,
    `insert into package_types (org_id, name, sessions, session_minutes, price_cents, currency) values ($1, '5 × 60', 5, 60, 25000, 'usd') returning id`,
    [org!.id],
  );
  const cookie = await login(stack.appUrl, stack.appUrl, email!);
  const api = async (path: string, body?: unknown) => {
    const t0 = Date.now();
    const res = await fetch(`${stack.appUrl}/api/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { cookie, origin: stack.appUrl, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, ms: Date.now() - t0, retryAfter: res.headers.get('retry-after'), body: text ? JSON.parse(text) : null };
  };
  return { orgId: org!.id, clients, typeId: type!.id, api };
}

export const faultedCount = (stack: Stack, prefix: string) =>
  Object.values(stack.sandbox.faults.state().faulted[prefix] ?? {}).reduce((a, b) => a + (b ?? 0), 0);

/** Waits until `done()` or the deadline; returns the seconds it took from `since`. */
export async function until(
  ctx: FaultContext,
  since: number,
  done: () => Promise<boolean>,
  maxMs = WAIT_FOR_DELIVERY_MS,
): Promise<number | null> {
  while (Date.now() - since < maxMs && !ctx.signal.aborted) {
    if (await done()) return Math.round((Date.now() - since) / 100) / 10;
    await sleep(2_000, ctx.signal);
  }
  return (await done()) ? Math.round((Date.now() - since) / 100) / 10 : null;
}

export function report(name: string, startedAt: Date, faultSeconds: number): FaultReport {
  return {
    name,
    startedAt: startedAt.toISOString(),
    faultSeconds,
    userSaw: [],
    retried: [],
    recoverySeconds: null,
    reconciliation: { accepted: 0, done: 0, lost: 0, duplicated: 0 },
    problems: [],
  };
}

/** Injects `prefix`'s fault, runs `during` while it lasts, always clears it; returns when it ended. */
export async function withFault(ctx: FaultContext, prefix: string, mode: FaultMode, seconds: number, during: () => Promise<void>) {
  // A rate limit asks for 20 s: shorter than our first backoff, so the next try is ours, not the header's.
  ctx.stack.sandbox.faults.inject({ prefix, mode, seconds, retryAfter: 20 });
  const started = Date.now();
  try {
    await during();
    await sleep(Math.max(0, started + seconds * 1000 - Date.now()), ctx.signal);
  } finally {
    ctx.stack.sandbox.faults.clear(prefix);
  }
  return Date.now();
}

/** Notification rows due now (email: a transactional notice; push: a coach proposal), handed to the due sweep. */
export async function dueDeliveries(stack: Stack, channel: 'email' | 'push', n: number, tag: string) {
  const emails = await createUsers(stack.databaseUrl, n, tag);
  const users = await sql<{ id: string; email: string }>(stack, 'select id, email from users where email = any($1)', [emails]);
  const subs: string[] = [];
  if (channel === 'push') {
    for (const u of users) {
      const s = (await (
        await fetch(`${stack.sandboxUrl}/push/subscriptions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).json()) as {
        endpoint: string;
        keys: { p256dh: string; auth: string };
      };
      await sql(
        stack,
        `insert into push_subscriptions (user_id, install_id, endpoint, p256dh, auth) values ($1, gen_random_uuid(), $2, $3, $4)`,
        [u.id, s.endpoint, s.keys.p256dh, s.keys.auth],
      );
      // The sandbox's subscription JSON is the browser's (endpoint and keys); its outbox is asked by endpoint.
      subs.push(s.endpoint);
    }
  }
  // Email mode off for push users, so the push is the only thing that goes out.
  await sql(stack, `insert into notification_preferences (user_id, email_mode) select unnest($1::uuid[]), $2::email_mode`, [
    users.map((u) => u.id),
    channel === 'push' ? 'off' : 'alerts',
  ]);
  const type = channel === 'push' ? 'coach.proposal' : 'strava.disconnected';
  const category = channel === 'push' ? 'coach' : 'account';
  const rows = await sql<{ id: string }>(
    stack,
    `insert into notification_deliveries (user_id, dedupe_key, kind, category, type, items, status, due_at, channel, push_subscription_id)
     select u.id, $2 || ':' || u.id, 'single', $3, $4,
            jsonb_build_array(jsonb_build_object('type', $4::text, 'dedupeKey', $2 || ':' || u.id, 'at', now(), 'data',
              case when $5 = 'push' then jsonb_build_object('conversationId', gen_random_uuid(), 'proposalId', gen_random_uuid(), 'summary', 'Swap Tuesday and Thursday.')
                   else jsonb_build_object('reason', 'operator', 'removed', 0, 'kept', 0) end)),
            'scheduled', now(), $5, ps.id
     from users u left join push_subscriptions ps on ps.user_id = u.id where u.id = any($1) returning id`,
    [users.map((u) => u.id), `fault-${tag}-${Date.now()}`, category, type, channel],
  );
  return { users, subs, ids: rows.map((x) => x.id) };
}
