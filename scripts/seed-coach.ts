// Demo coaching business for the demo coach: "Summit Endurance Coaching" in America/Denver with six
// fictional clients (plus the demo athlete, asked to share her training), two package types, packages at mixed counts (one client down to 1 session) and
// bookings over this week and next (org-local), the past ones completed with their session used.
// Idempotent: the org, clients and packages are made once; bookings are added only when the org has
// none in this fortnight, so the calendar is never empty whenever the seed runs.
import type pg from 'pg';
import { addDays, localParts, zonedToUtc } from '../worker/lib/dates.ts';

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
  { name: '10 × 60 min', sessions: 10, minutes: 60, priceCents: 90_000, validityDays: 180 },
  { name: '5 × 45 min', sessions: 5, minutes: 45, priceCents: 40_000, validityDays: 90 },
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

async function ensureOrg(client: pg.Client, coachId: string): Promise<{ orgId: string; created: boolean }> {
  const found = await client.query<{ org_id: string }>('SELECT org_id FROM org_members WHERE user_id = $1', [coachId]);
  if (found.rows[0]) return { orgId: found.rows[0].org_id, created: false };
  const org = await client.query<{ id: string }>('INSERT INTO orgs (name, time_zone, created_by) VALUES ($1, $2, $3) RETURNING id', [
    DEMO_ORG_NAME,
    TZ,
    coachId,
  ]);
  const orgId = org.rows[0]!.id;
  await client.query("INSERT INTO org_members (org_id, user_id, role) VALUES ($1, $2, 'owner')", [orgId, coachId]);
  return { orgId, created: true };
}

async function seedClients(client: pg.Client, orgId: string, coachId: string, today: string): Promise<void> {
  const typeIds: string[] = [];
  for (const t of TYPES) {
    const r = await client.query<{ id: string }>(
      "INSERT INTO package_types (org_id, name, sessions, session_minutes, price_cents, currency, validity_days) VALUES ($1, $2, $3, $4, $5, 'usd', $6) RETURNING id",
      [orgId, t.name, t.sessions, t.minutes, t.priceCents, t.validityDays],
    );
    typeIds.push(r.rows[0]!.id);
  }
  for (const [i, c] of CLIENTS.entries()) {
    const r = await client.query<{ id: string }>(
      'INSERT INTO clients (org_id, name, phone, email, notes, sms_consent) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [orgId, c.name, c.phone, c.email, c.notes, c.consent],
    );
    const clientId = r.rows[0]!.id;
    if (!c.pkg) continue;
    const t = TYPES[c.pkg.type]!;
    const purchasedOn = addDays(today, -20 - i * 3);
    await client.query(
      `INSERT INTO client_packages (org_id, client_id, package_type_id, name, sessions_total, sessions_remaining, purchased_on, expires_on, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'manual')`,
      [orgId, clientId, typeIds[c.pkg.type], t.name, t.sessions, t.sessions, purchasedOn, addDays(purchasedOn, t.validityDays - 1)],
    );
    // Sessions already gone were used by hand, a few days apart.
    for (let n = 0; n < c.pkg.used; n++)
      await useSession(
        client,
        orgId,
        clientId,
        `manual:${clientId}:seed-${n}`,
        null,
        coachId,
        zonedToUtc(addDays(purchasedOn, 3 + n * 4), '18:00', TZ),
      );
  }
}

/**
 * Uses a session through the database function the ClientLedger calls (the count and the ledger move
 * together, keyed by cause); only the demo's timestamp is moved back to when it happened.
 */
async function useSession(
  client: pg.Client,
  orgId: string,
  clientId: string,
  cause: string,
  bookingId: string | null,
  actorId: string,
  at: Date,
): Promise<void> {
  const used = await client.query<{ ledger_id: string }>('SELECT ledger_id FROM ledger_use($1, $2, $3, $4, $5, $6)', [
    orgId,
    clientId,
    cause,
    bookingId,
    actorId,
    localParts(at, TZ).date,
  ]);
  if (used.rows[0]) await client.query('UPDATE session_ledger SET created_at = $2 WHERE id = $1', [used.rows[0].ledger_id, at]);
}

/** This fortnight's bookings (from this week's Monday), unless the org already has some in it. */
async function seedBookings(client: pg.Client, orgId: string, coachId: string, now: Date): Promise<number> {
  const today = localParts(now, TZ).date;
  const monday = addDays(today, -((localParts(now, TZ).weekday + 6) % 7));
  const from = zonedToUtc(monday, '00:00', TZ);
  const to = zonedToUtc(addDays(monday, 14), '00:00', TZ);
  const existing = await client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM bookings WHERE org_id = $1 AND starts_at >= $2 AND starts_at < $3',
    [orgId, from, to],
  );
  if ((existing.rows[0]?.n ?? 0) > 0) return 0;
  const clients = await client.query<{ id: string; name: string }>('SELECT id, name FROM clients WHERE org_id = $1', [orgId]);
  const idOf = new Map(clients.rows.map((r) => [r.name, r.id]));
  let made = 0;
  for (let day = 0; day < 14; day++) {
    const date = addDays(monday, day);
    for (const [n, [ci, time, minutes, location]] of (WEEK[day % 7] ?? []).entries()) {
      const c = CLIENTS[ci]!;
      const clientId = idOf.get(c.name);
      if (!clientId) continue;
      const startsAt = zonedToUtc(date, time, TZ);
      const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
      const past = endsAt <= now;
      // A client whose count is set by hand gets no past session this fortnight (cancelled instead).
      const status = past
        ? c.pastBookings
          ? 'completed'
          : (day + n) % 2 === 0
            ? 'no_show'
            : 'cancelled'
        : (day + n) % 3 === 0
          ? 'scheduled'
          : 'confirmed';
      const b = await client.query<{ id: string }>(
        `INSERT INTO bookings (org_id, client_id, coach_id, starts_at, ends_at, location, notes, status, confirmed_at, completed_at)
         VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8, $9) RETURNING id`,
        [
          orgId,
          clientId,
          coachId,
          startsAt,
          endsAt,
          location,
          status,
          status === 'confirmed' || status === 'completed' ? new Date(startsAt.getTime() - 86_400_000) : null,
          status === 'completed' ? endsAt : null,
        ],
      );
      made++;
      if (status !== 'completed') continue;
      // Completed means its session was used, with the booking's own cause.
      await useSession(client, orgId, clientId, `booking:${b.rows[0]!.id}`, b.rows[0]!.id, coachId, endsAt);
    }
  }
  return made;
}

/**
 * The demo athlete as a client of the demo org, with the coach's request to see their training waiting
 * for them in Settings (made once: after that it is theirs to accept, decline or stop).
 */
async function ensureAthleteLink(client: pg.Client, orgId: string, coachId: string, athleteEmail: string): Promise<void> {
  const asked = await client.query('SELECT 1 FROM athlete_links WHERE org_id = $1', [orgId]);
  if (asked.rows.length > 0) return;
  const c = await client.query<{ id: string }>(
    "INSERT INTO clients (org_id, name, email, notes, sms_consent) VALUES ($1, 'Ada Athlete', $2, 'Also trains with Cadence: asked to share her training.', 'unknown') RETURNING id",
    [orgId, athleteEmail],
  );
  await client.query('INSERT INTO athlete_links (org_id, client_id, email, requested_by) VALUES ($1, $2, $3, $4)', [
    orgId,
    c.rows[0]!.id,
    athleteEmail,
    coachId,
  ]);
}

/** Runs inside the seed's transaction. */
export async function seedCoachDemo(
  client: pg.Client,
  coachId: string,
  athleteEmail: string,
  now = new Date(),
): Promise<{ org: number; bookings: number }> {
  const { orgId, created } = await ensureOrg(client, coachId);
  if (created) await seedClients(client, orgId, coachId, localParts(now, TZ).date);
  await ensureAthleteLink(client, orgId, coachId, athleteEmail);
  const bookings = await seedBookings(client, orgId, coachId, now);
  return { org: created ? 1 : 0, bookings };
}
