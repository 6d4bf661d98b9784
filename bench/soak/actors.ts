// Who the soak's traffic belongs to, made through the app's own API where a user would (register, plans,
// push subscriptions, the coach's business) and straight into Postgres only where the bench tools already do
// (bulk users, a Pro comp): a coach org on Team with clients holding packages, athletes with plans, a Pro
// comp for the AI coach, push subscriptions, and the operator who reads Ops Pulse.
import pg from 'pg';
import type { Stack } from '../../scripts/lib/stack.ts';
import { createCoachOrg, type CoachBusiness, type JsonHttp } from '../../worker/testing/scenarios/coach-business.ts';
import { newConversation } from '../coach-turns.ts';
import { createUsers, login } from '../users.ts';
import { withDatabase } from '../lib.ts';

export interface Athlete {
  userId: string;
  email: string;
  cookie: string;
  planId: string | null;
  conversationId: string;
  /** Uploads made so far: each one starts three hours before the last, so none overlap. */
  uploads: number;
  /** The push service's endpoint of this athlete's browser. */
  pushEndpoint: string | null;
  /** Plan moves made in the clock hour `movesHour`. */
  moves: number;
  movesHour: number;
}

export interface Cast {
  athletes: Athlete[];
  /** Clients who share their training with the coach: the coach's comments reach these athletes. */
  links: { clientId: string; athlete: Athlete }[];
  coach: CoachBusiness & { clientIds: string[]; phones: Map<string, string> };
  adminCookie: string;
  /** The owner's session: Ops Pulse needs ops.read, which the seeded admin (invites, audit, billing) does not hold. */
  operatorCookie: string;
}

export const jsonHeaders = (stack: Stack, cookie: string) => ({ cookie, origin: stack.appUrl, 'content-type': 'application/json' });

/** The app's JSON API over HTTP, as the scenario kit's builders expect it. */
export function httpOf(stack: Stack): JsonHttp {
  return {
    async json<T>(path: string, init: { method?: string; body?: unknown; cookie: string; headers?: Record<string, string> }) {
      const res = await fetch(`${stack.workerUrl}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { ...jsonHeaders(stack, init.cookie), ...init.headers },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
  };
}

export async function passwordLogin(stack: Stack, email: string, password: string): Promise<string> {
  const res = await fetch(`${stack.workerUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.appUrl, 'cf-connecting-ip': `10.8.${Math.floor(Math.random() * 250)}.1` },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`soak login answered ${res.status}`);
  return cookie;
}

const withDb = <T>(stack: Stack, fn: (db: pg.Client) => Promise<T>) => withDatabase(stack.databaseUrl, fn);

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

async function makeAthletes(stack: Stack, n: number): Promise<Athlete[]> {
  const emails = await createUsers(stack.databaseUrl, n, 'soak');
  const ids = await withDb(stack, async (db) => {
    // A Pro comp: the AI coach's Free quota (5 a month) would end the conversations in the first minutes.
    await db.query(
      `insert into membership_grants (user_id, kind, tier, ends_at, reason)
       select id, 'comp', 'pro', now() + interval '7 days', 'soak' from users where email = any($1)`,
      [emails],
    );
    const { rows } = await db.query<{ id: string; email: string }>('select id, email from users where email = any($1)', [emails]);
    return new Map(rows.map((r) => [r.email, r.id]));
  });
  let vapidKey: string | undefined;
  let pushEndpoint: string | null = null;
  const out: Athlete[] = [];
  for (const email of emails) {
    const cookie = await login(stack.workerUrl, stack.appUrl, email);
    const plan = await fetch(`${stack.workerUrl}/api/v1/plans`, {
      method: 'POST',
      headers: jsonHeaders(stack, cookie),
      body: JSON.stringify({
        goal: { kind: 'run_half', eventDate: isoDate(new Date(Date.now() + 84 * 86_400_000)), eventName: 'Soak Half' },
        startDate: isoDate(new Date()),
        availableDays: [1, 2, 4, 6],
        longDay: 6,
        hoursPerWeek: 5,
      }),
    });
    const planBody = (await plan.json()) as { id?: string };
    // No do-not-disturb window: the soak runs at any hour, and a coach's comment at 22:00 would otherwise wait for the
    // morning (which the reconciliation would count as waiting, not delivered).
    await fetch(`${stack.workerUrl}/api/v1/notifications/preferences`, {
      method: 'PUT',
      headers: jsonHeaders(stack, cookie),
      body: JSON.stringify({ dnd: [] }),
    }).then((r) => r.body?.cancel());
    vapidKey ??= (
      (await (await fetch(`${stack.workerUrl}/api/v1/notifications/push-subscriptions/vapid-key`, { headers: { cookie } })).json()) as {
        publicKey?: string;
      }
    ).publicKey;
    if (vapidKey) {
      const sub = stack.sandbox.push.createSubscription({ applicationServerKey: vapidKey });
      pushEndpoint = sub.endpoint;
      await fetch(`${stack.workerUrl}/api/v1/notifications/push-subscriptions`, {
        method: 'PUT',
        headers: jsonHeaders(stack, cookie),
        body: JSON.stringify({ installId: crypto.randomUUID(), endpoint: sub.endpoint, keys: sub.keys, label: 'Soak browser' }),
      }).then((r) => r.body?.cancel());
    }
    out.push({
      userId: ids.get(email)!,
      email,
      cookie,
      planId: planBody.id ?? null,
      conversationId: await newConversation(stack.workerUrl, stack.appUrl, cookie),
      uploads: 0,
      pushEndpoint,
      moves: 0,
      movesHour: 0,
    });
    pushEndpoint = null;
  }
  return out;
}

/** A coach org on Team (the operator's comp) with `clients` clients, each holding two 100-session packages. */
async function makeCoach(stack: Stack, adminCookie: string, clients: number): Promise<Cast['coach']> {
  const [email] = await createUsers(stack.databaseUrl, 1, 'soak-coach');
  await withDb(stack, (db) => db.query(`update users set role = 'coach' where email = $1`, [email]));
  const coach = { email: email!, cookie: await login(stack.workerUrl, stack.appUrl, email!) };
  const http = httpOf(stack);
  const world = await createCoachOrg(http, coach, {
    name: 'Soak Coaching',
    quietHours: null,
    clientDefaults: { phone: 'unique', smsConsent: 'granted' },
    onOrg: async (org) => {
      const comp = await http.json(`/api/v1/admin/orgs/${org.id}/comps`, { body: { days: 30, reason: 'Soak' }, cookie: adminCookie });
      if (comp.status !== 201) throw new Error(`soak: the Team comp answered ${comp.status}`);
    },
  });
  const type = await world.addPackageType({ name: 'Soak 100', sessions: 100 });
  const clientIds: string[] = [];
  const phones = new Map<string, string>();
  for (let i = 0; i < clients; i++) {
    const client = await world.addClient(`Soak Client ${i + 1}`);
    for (let p = 0; p < 2; p++) {
      const given = await world.givePackage(client.id, type.id);
      if (given.status !== 201) throw new Error(`soak: package answered ${given.status}`);
    }
    clientIds.push(client.id);
    if (client.phone) phones.set(client.id, client.phone);
  }
  return Object.assign(world, { clientIds, phones });
}

export async function makeCast(stack: Stack, opts: { athletes: number; clients: number }): Promise<Cast> {
  const admin = stack.seed?.logins.find((l) => l.role === 'admin');
  const owner = stack.seed?.logins.find((l) => l.role === 'owner');
  if (!admin || !owner) throw new Error('the soak needs the seeded operators (seed: true)');
  const adminCookie = await passwordLogin(stack, admin.email, admin.password);
  const operatorCookie = await passwordLogin(stack, owner.email, owner.password);
  const coach = await makeCoach(stack, adminCookie, opts.clients);
  const athletes = await makeAthletes(stack, opts.athletes);
  // Some athletes are also clients who share their training: the coach's comments reach them.
  const links: Cast['links'] = [];
  for (const [i, a] of athletes.entries()) {
    const clientId = coach.clientIds[i];
    if (!clientId || i % 2) continue;
    await coach.linkAthlete(clientId, { email: a.email, cookie: a.cookie });
    links.push({ clientId, athlete: a });
  }
  return { athletes, links, coach, adminCookie, operatorCookie };
}
