// Demo coaching business for the demo coach: "Summit Endurance Coaching" in America/Denver with six
// fictional clients (plus the demo athlete, asked to share her training), two package types, packages at
// mixed counts (one client down to 1 session) and bookings over this week and next (org-local), the past
// ones completed with their session used. The org is on Team through the demo operator's comp.
// Built through the running app's coach API with the test scenario kit's builder (the same routes and
// services a coach uses); confirmations are real client replies ("Y") through the SMS sandbox. The only
// SQL is the demo clock: it moves the seeded ledger rows back to when those sessions happened.
// Idempotent: the org and its clients are made once; bookings are added only when the org has none in
// this fortnight, so the calendar is never empty whenever the seed runs.
import pg from 'pg';
import { addDays, localParts, zonedToUtc } from '../worker/lib/dates.ts';
import { coachBusiness, createCoachOrg } from '../worker/testing/scenarios/coach-business.ts';
import type { CoachBusiness, JsonHttp } from '../worker/testing/scenarios/coach-business.ts';
import { demoLogin } from './lib/demo-strava.ts';
import type { Stack } from './lib/stack.ts';

const TZ = 'America/Denver';
export const DEMO_ORG_NAME = 'Summit Endurance Coaching';

interface DemoClient {
  name: string;
  phone: string;
  email: string;
  consent: 'granted' | 'unknown' | 'revoked';
  notes: string;
  /** Package type index and sessions already used by hand before this fortnight; null = no package. */
  pkg: { type: 0 | 1; used: number } | null;
  /** Past bookings of this fortnight are completed and use a session; false keeps this client's count as set. */
  pastBookings: boolean;
}

const TYPES = [
  { name: '10 × 60 min', sessions: 10, sessionMinutes: 60, priceCents: 90_000, validityDays: 180 },
  { name: '5 × 45 min', sessions: 5, sessionMinutes: 45, priceCents: 40_000, validityDays: 90 },
];

const CLIENTS: DemoClient[] = [
  {
    name: 'Maya Okafor',
    phone: '+13035550101',
    email: 'maya.okafor@example.test',
    consent: 'granted',
    notes: 'Marathon build, goal sub-3:30 in October.',
    pkg: { type: 0, used: 2 },
    pastBookings: true,
  },
  {
    name: 'Diego Alvarez',
    phone: '+13035550102',
    email: 'diego.alvarez@example.test',
    consent: 'granted',
    notes: 'Gravel racer; prefers early sessions.',
    pkg: { type: 0, used: 0 },
    pastBookings: true,
  },
  {
    name: 'Priya Raman',
    phone: '+13035550103',
    email: 'priya.raman@example.test',
    consent: 'granted',
    notes: 'Returning from a calf strain: keep intensity low.',
    pkg: { type: 1, used: 4 },
    pastBookings: false,
  },
  {
    name: 'Tom Becker',
    phone: '+13035550104',
    email: 'tom.becker@example.test',
    consent: 'revoked',
    notes: 'Asked for no texts; email only.',
    pkg: { type: 1, used: 1 },
    pastBookings: true,
  },
  {
    name: 'Hannah Lee',
    phone: '+13035550105',
    email: 'hannah.lee@example.test',
    consent: 'unknown',
    notes: 'New client: first triathlon next summer.',
    pkg: { type: 0, used: 0 },
    pastBookings: false,
  },
  {
    name: 'Sam Whitfield',
    phone: '+13035550106',
    email: 'sam.whitfield@example.test',
    consent: 'granted',
    notes: 'Used up his last package; follow up about renewing.',
    pkg: { type: 1, used: 5 },
    pastBookings: false,
  },
];

/** Per weekday (Mon = 0): [client index, local start, minutes, location]. Never overlapping. */
const WEEK: [number, string, number, string][][] = [
  [
    [0, '07:00', 60, 'Wash Park loop'],
    [2, '12:00', 45, 'Video call'],
  ],
  [
    [1, '06:30', 60, 'Cherry Creek trail'],
    [3, '17:30', 45, 'Track, South High'],
  ],
  [
    [4, '09:30', 60, 'Studio'],
    [0, '17:30', 60, 'Track, South High'],
  ],
  [
    [1, '07:00', 60, 'Video call'],
    [5, '12:30', 45, 'Studio'],
  ],
  [
    [3, '08:00', 45, 'Studio'],
    [2, '16:00', 45, 'Wash Park loop'],
  ],
  [
    [0, '08:00', 60, 'Red Rocks'],
    [1, '10:30', 60, 'Red Rocks'],
  ],
  [],
];

/** A ledger row to move back to when its session happened (the API stamps "now"). */
type Backdate = { cause: string; at: Date };

/** The app's JSON API over HTTP, as the kit's builder expects it. */
function httpOf(stack: Stack): JsonHttp {
  return {
    async json<T>(path: string, init: { method?: string; body?: unknown; cookie: string }) {
      const res = await fetch(`${stack.workerUrl}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          cookie: init.cookie,
          origin: stack.appUrl,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
  };
}

/**
 * The demo business runs on Team (SMS, automations, six clients): a year's comp from the demo operator,
 * through the admin API, whenever the org is not on Team. Returns 1 when it granted one.
 */
async function giveTeam(http: JsonHttp, orgId: string, adminCookie: () => Promise<string>, coach: { cookie: string }): Promise<number> {
  const billing = await http.json<{ plan: string | null }>('/api/v1/coach/billing', { cookie: coach.cookie });
  if (billing.status !== 200) throw new Error(`demo coach: reading the plan answered ${billing.status}`);
  if (billing.body.plan === 'team') return 0;
  const comp = await http.json(`/api/v1/admin/orgs/${orgId}/comps`, {
    body: { days: 366, reason: 'Demo business' },
    cookie: await adminCookie(),
  });
  if (comp.status !== 201) throw new Error(`demo coach: the Team comp answered ${comp.status}`);
  return 1;
}

/** Package types, clients, their packages and the sessions they used by hand before this fortnight. */
async function seedClients(w: CoachBusiness, today: string, backdates: Backdate[]): Promise<void> {
  const types = [];
  for (const t of TYPES) types.push(await w.addPackageType({ ...t, currency: 'usd' }));
  for (const [i, c] of CLIENTS.entries()) {
    const client = await w.addClient(c.name, { phone: c.phone, email: c.email, notes: c.notes, smsConsent: c.consent });
    if (!c.pkg) continue;
    const purchasedOn = addDays(today, -20 - i * 3);
    const given = await w.givePackage(client.id, types[c.pkg.type]!.id, { purchasedOn });
    if (given.status !== 201) throw new Error(`demo coach: package for ${c.name} answered ${given.status}`);
    for (let n = 0; n < c.pkg.used; n++) {
      const used = await w.useSession(client.id, `demo-seed-use-${n}`);
      if (used.status !== 200 && used.status !== 201) throw new Error(`demo coach: session use answered ${used.status}`);
      backdates.push({ cause: `manual:${client.id}:demo-seed-use-${n}`, at: zonedToUtc(addDays(purchasedOn, 3 + n * 4), '18:00', TZ) });
    }
  }
}

/** This fortnight's bookings (from this week's Monday) through the calendar's own actions. */
async function seedBookings(w: CoachBusiness, stack: Stack, now: Date, backdates: Backdate[]): Promise<number> {
  const today = localParts(now, TZ).date;
  const monday = addDays(today, -((localParts(now, TZ).weekday + 6) % 7));
  const from = zonedToUtc(monday, '00:00', TZ);
  const to = zonedToUtc(addDays(monday, 14), '00:00', TZ);
  const existing = await w.api<{ bookings: unknown[] }>(`/bookings?from=${from.toISOString()}&to=${to.toISOString()}`);
  if (existing.status !== 200) throw new Error(`demo coach: listing bookings answered ${existing.status}`);
  if (existing.body.bookings.length > 0) return 0;

  const clientList = await w.api<{ clients: { id: string; name: string }[] }>('/clients');
  const idOf = new Map(clientList.body.clients.map((c) => [c.name, c.id]));
  let made = 0;
  for (let day = 0; day < 14; day++) {
    const date = addDays(monday, day);
    for (const [n, [ci, time, minutes, location]] of (WEEK[day % 7] ?? []).entries()) {
      const c = CLIENTS[ci]!;
      const clientId = idOf.get(c.name);
      if (!clientId) continue;
      const startsAt = zonedToUtc(date, time, TZ);
      const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
      const booking = await w.book(clientId, startsAt, { durationMinutes: minutes, location });
      made++;
      if (endsAt > now) continue;
      // A client whose count is set by hand gets no past session this fortnight (a no-show or a cancellation).
      const action = c.pastBookings ? 'complete' : (day + n) % 2 === 0 ? 'no-show' : 'cancel';
      const done = await w.bookingAction(booking.id, action);
      if (done.status !== 200) throw new Error(`demo coach: ${action} answered ${done.status}`);
      if (action === 'complete') backdates.push({ cause: `booking:${booking.id}`, at: endsAt });
    }
  }
  // Clients who text replied "Y" to their next session, as Twilio would deliver it (signed, through the webhook).
  for (const c of CLIENTS.filter((c) => c.consent === 'granted')) {
    const res = await fetch(`${stack.sandboxUrl}/twilio/_control/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: c.phone, body: 'Y' }),
    });
    if (!res.ok) throw new Error(`demo coach: SMS reply answered ${res.status}`);
    await res.body?.cancel();
  }
  return made;
}

/** The demo clock: the API records uses as they happen; the demo's happened earlier. */
async function backdate(databaseUrl: string, rows: Backdate[]): Promise<void> {
  if (!rows.length) return;
  const db = new pg.Client({ connectionString: databaseUrl });
  db.on('error', () => {});
  await db.connect();
  try {
    await db.query(
      `UPDATE session_ledger l SET created_at = v.at
         FROM unnest($1::text[], $2::timestamptz[]) AS v(cause, at)
        WHERE l.kind = 'use' AND l.cause = v.cause`,
      [rows.map((r) => r.cause), rows.map((r) => r.at.toISOString())],
    );
  } finally {
    await db.end();
  }
}

/**
 * Makes the demo coach's business once, and this fortnight's bookings whenever it has none. The demo
 * athlete is a client too, with the coach's request to see her training waiting for her in Settings.
 */
export async function seedCoachDemo(
  stack: Stack,
  logins: { coach: { email: string; password: string }; athlete: { email: string }; admin: { email: string; password: string } },
  now = new Date(),
): Promise<{ org: number; team: number; bookings: number }> {
  const http = httpOf(stack);
  const coach = { email: logins.coach.email, cookie: await demoLogin(stack, logins.coach) };
  let team = 0;
  const onTeam = async (org: { id: string }) => {
    // The operator logs in only when there is a comp to grant.
    team = await giveTeam(http, org.id, () => demoLogin(stack, logins.admin), coach);
  };
  const backdates: Backdate[] = [];
  const found = await http.json<CoachBusiness['org']>('/api/v1/coach/org', { cookie: coach.cookie });
  let w: CoachBusiness;
  let created = 0;
  if (found.status === 200) {
    w = coachBusiness(http, coach, found.body);
    await onTeam(found.body);
  } else {
    w = await createCoachOrg(http, coach, { name: DEMO_ORG_NAME, timeZone: TZ, onOrg: onTeam });
    created = 1;
    await seedClients(w, localParts(now, TZ).date, backdates);
    const ada = await w.addClient('Ada Athlete', {
      email: logins.athlete.email,
      notes: 'Also trains with Cadence: asked to share her training.',
    });
    await w.requestAthleteLink(ada.id, logins.athlete.email);
  }
  const bookings = await seedBookings(w, stack, now, backdates);
  await backdate(stack.databaseUrl, backdates);
  return { org: created, team, bookings };
}
