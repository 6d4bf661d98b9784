// Coach-business builders: an org with its owner (and staff), clients, package types and packages,
// session uses and bookings, all made through the coach API as a coach would (never raw SQL). The same
// builders make the tests' coach worlds (coach-world.ts, over the in-process worker) and the demo coach's
// business (scripts/seed-coach.ts, over HTTP), so both exercise the routes a coach uses. Builders throw on
// an unexpected status, naming the route: a broken setup fails loudly, before anyone relies on it.
// Type-only imports (plus nothing relative at run time): Node's type stripping loads this file for the seed.
import type { z } from '@hono/zod-openapi';
import type { AthleteLink } from '../../features/coach-os/athlete-link/athlete-link.schema';
import type { Booking as BookingSchema, Deduction } from '../../features/coach-os/bookings/bookings.schema';
import type {
  Client as ClientSchema,
  ClientPackage as ClientPackageSchema,
  ClientPackages as ClientPackagesSchema,
  CreateClientInput,
  CreatePackageTypeInput,
  Org as OrgSchema,
  PackageType as PackageTypeSchema,
} from '../../features/coach-os/coach-os.schema';
import type { LedgerResultSchema } from '../../features/coach-os/ledger/ledger.schema';
import type { SmsMessage } from '../../features/coach-os/sms/sms.schema';

/** An untyped JSON body, for answers a test reads loosely (errors, lists it indexes into). */
export type Json = Record<string, any>;
export type Org = z.infer<typeof OrgSchema>;
export type Client = z.infer<typeof ClientSchema>;
export type PackageType = z.infer<typeof PackageTypeSchema>;
/** What giving a package answers (the route picks these fields of a ClientPackage). */
export type GivenPackage = Pick<
  z.infer<typeof ClientPackageSchema>,
  'id' | 'name' | 'sessionsTotal' | 'sessionsRemaining' | 'purchasedOn' | 'expiresOn'
>;
export type ClientPackages = z.infer<typeof ClientPackagesSchema>;
export type LedgerResult = z.infer<typeof LedgerResultSchema>;
export type Booking = z.infer<typeof BookingSchema>;
export type { SmsMessage };
/** What each booking action answers. */
export interface BookingActionBody {
  complete: { booking: Booking; deduction: z.infer<typeof Deduction> };
  cancel: { booking: Booking; released: boolean };
  'no-show': Booking;
}

/** A client's fields as a test sends them; `phone: 'unique'` draws a number no other test uses. */
export type ClientFields = Omit<Partial<z.input<typeof CreateClientInput>>, 'phone'> & { phone?: string | null | 'unique' };
export type PackageTypeFields = Partial<z.input<typeof CreatePackageTypeInput>>;
export interface BookingFields {
  durationMinutes?: number;
  location?: string;
  notes?: string;
  coachId?: string;
}

export interface CoachOrgOptions {
  /** Default 'Summit Coaching'. */
  name?: string;
  /** Default 'America/Denver'. */
  timeZone?: string;
  /** Set with a PATCH after creating the org when given (null: no quiet hours). */
  quietHours?: { start: string; end: string } | null;
  reminderOffsetsMinutes?: number[];
  /** Staff coaches: invited by the owner and accepted through the API. Default 0. */
  staff?: number;
  /** Sent with every addClient unless the call overrides them, e.g. `{ phone: 'unique', smsConsent: 'granted' }`. */
  clientDefaults?: ClientFields;
  /** 'team' (the tests' default: an operator's Team comp) or 'free' (up to 3 active clients, no SMS, automations or staff). */
  plan?: 'team' | 'free';
}

interface ApiInit {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The JSON API as the builders need it: the in-process worker in tests, HTTP for the demo seed. */
export interface JsonHttp {
  json<T>(path: string, init: ApiInit & { cookie: string }): Promise<{ status: number; body: T }>;
}

/** Whoever calls: the owner (or a staff coach). */
export interface Caller {
  email: string;
  cookie: string;
}

/** A number no other test uses (+1 555 01xx xxxx is reserved for fiction; uniqueness is what matters). */
export const uniquePhone = () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

/** POSTs the org (and its settings) as `coach`, invites and admits staff, and answers its builders. */
export async function createCoachOrg<C extends Caller>(
  http: JsonHttp,
  coach: C,
  opts: CoachOrgOptions & {
    newCoach?: () => Promise<C>;
    /** Called once the org exists, before staff are invited: how the org gets its plan (Team needs an operator or Stripe). */
    onOrg?: (org: Org) => Promise<void>;
  } = {},
) {
  const call = madeBy(http, coach);
  let org = await call.made<Org>('/org', { body: { name: opts.name ?? 'Summit Coaching', timeZone: opts.timeZone ?? 'America/Denver' } });
  const settings: Json = {};
  if (opts.quietHours !== undefined) settings.quietHours = opts.quietHours;
  if (opts.reminderOffsetsMinutes) settings.reminderOffsetsMinutes = opts.reminderOffsetsMinutes;
  if (Object.keys(settings).length) org = await call.made<Org>('/org', { method: 'PATCH', body: settings }, 200);
  await opts.onOrg?.(org);

  const staff: C[] = [];
  for (let i = 0; i < (opts.staff ?? 0); i++) {
    if (!opts.newCoach) throw new Error('coach world: staff need a newCoach()');
    const member = await opts.newCoach();
    const { invite } = await call.made<{ invite: { id: string } }>('/team/invites', { body: { email: member.email } });
    const joined = await http.json<Json>(`/api/v1/me/org-invites/${invite.id}/accept`, { method: 'POST', cookie: member.cookie });
    if (joined.status !== 200) throw new Error(`coach world: staff could not join: ${joined.status} ${JSON.stringify(joined.body)}`);
    staff.push(member);
  }
  return { ...coachBusiness(http, coach, org, opts), staff };
}

/** `coach`'s calls to /api/v1/coach…, loose and checked. */
function madeBy(http: JsonHttp, coach: Caller) {
  const api = <T = Json>(path: string, init: ApiInit = {}) => http.json<T>(`/api/v1/coach${path}`, { ...init, cookie: coach.cookie });
  // Answers are typed as the route's success body (as Harness.json does); pass `Json` to read an error.
  /** A call that must answer `status`; returns its body. */
  const made = async <T>(path: string, init: ApiInit, status = 201): Promise<T> => {
    const r = await api<T>(path, init);
    if (r.status !== status)
      throw new Error(
        `coach world: ${init.method ?? (init.body === undefined ? 'GET' : 'POST')} ${path} answered ${r.status}, not ${status}: ${JSON.stringify(r.body)}`,
      );
    return r.body;
  };
  return { api, made };
}

/** Builders for everything inside an existing org, as `coach`. */
export function coachBusiness<C extends Caller>(http: JsonHttp, coach: C, org: Org, opts: Pick<CoachOrgOptions, 'clientDefaults'> = {}) {
  const { api, made } = madeBy(http, coach);
  const bookingBody = (clientId: string, startsAt: Date, fields: BookingFields) => ({
    clientId,
    startsAt: startsAt.toISOString(),
    durationMinutes: fields.durationMinutes ?? 60,
    ...(fields.location ? { location: fields.location } : {}),
    ...(fields.notes ? { notes: fields.notes } : {}),
    ...(fields.coachId ? { coachId: fields.coachId } : {}),
  });

  const world = {
    coach,
    org,
    api,
    /** POST /clients with the org's client defaults, then `fields`. */
    async addClient(name: string, fields: ClientFields = {}): Promise<Client> {
      const { phone, ...rest } = { ...opts.clientDefaults, ...fields };
      return made<Client>('/clients', {
        body: { name, ...rest, ...(phone === undefined ? {} : { phone: phone === 'unique' ? uniquePhone() : phone }) },
      });
    },
    /** POST /package-types: 10 × 60 min, 1,000.00 usd unless told otherwise (no validity unless given). */
    addPackageType(fields: PackageTypeFields = {}): Promise<PackageType> {
      const sessions = fields.sessions ?? 10;
      return made<PackageType>('/package-types', {
        body: { name: `${sessions} × 60`, sessions, sessionMinutes: 60, priceCents: 100_000, currency: 'usd', ...fields },
      });
    },
    /** POST /clients/{id}/packages, answered as it is (tests check the status). */
    givePackage<T = GivenPackage>(clientId: string, packageTypeId: string, extra: { purchasedOn?: string } = {}) {
      return api<T>(`/clients/${clientId}/packages`, { body: { packageTypeId, ...extra } });
    },
    /** A client holding `packages` (default 1) packages of a new type. */
    async clientWithPackage(name: string, type: PackageTypeFields = {}, opts: { client?: ClientFields; packages?: number } = {}) {
      const client = await world.addClient(name, opts.client);
      const packageType = await world.addPackageType(type);
      const packages: GivenPackage[] = [];
      for (let i = 0; i < (opts.packages ?? 1); i++)
        packages.push(await made<GivenPackage>(`/clients/${client.id}/packages`, { body: { packageTypeId: packageType.id } }));
      return { client, type: packageType, packages };
    },
    /** "Use 1 session" with an idempotency key, answered as it is (409 when none is left). */
    useSession<T = LedgerResult>(clientId: string, idempotencyKey: string) {
      return api<T>(`/clients/${clientId}/sessions/use`, { body: { idempotencyKey } });
    },
    /** Undo a use, answered as it is. */
    releaseSession<T = LedgerResult>(clientId: string, ledgerId: string) {
      return api<T>(`/clients/${clientId}/sessions/release`, { body: { ledgerId } });
    },
    /** The client's packages and ledger. */
    async packages<T = ClientPackages>(clientId: string): Promise<T> {
      return (await api<T>(`/clients/${clientId}/packages`)).body;
    },
    /** Books a session (60 min unless told); throws unless it was booked. */
    book(clientId: string, startsAt: Date, fields: BookingFields = {}): Promise<Booking> {
      return made<Booking>('/bookings', { body: bookingBody(clientId, startsAt, fields) });
    },
    /** Asks for a booking and answers as the API did (for tests about refusals). */
    tryBook(clientId: string, startsAt: Date, fields: BookingFields = {}) {
      return api<Booking>('/bookings', { body: bookingBody(clientId, startsAt, fields) });
    },
    /** POST /bookings/{id}/complete | cancel | no-show, answered as it is. */
    bookingAction<A extends keyof BookingActionBody>(id: string, action: A) {
      return api<BookingActionBody[A]>(`/bookings/${id}/${action}`, { method: 'POST' });
    },
    /** The client's SMS thread, newest first. */
    async messages(clientId: string): Promise<SmsMessage[]> {
      return (await api<{ messages: SmsMessage[] }>(`/clients/${clientId}/messages`)).body.messages;
    },
    /** Asks the athlete with this email to share their training with this client's coach (pending until they answer). */
    async requestAthleteLink(clientId: string, email: string): Promise<z.infer<typeof AthleteLink>> {
      return (await made<{ link: z.infer<typeof AthleteLink> }>(`/clients/${clientId}/athlete-link`, { body: { email } })).link;
    },
    /** Asks `athlete` (by email) to share their training with this client's coach, and has them agree. */
    async linkAthlete(clientId: string, athlete: { email: string; cookie: string }) {
      const link = await world.requestAthleteLink(clientId, athlete.email);
      const accepted = await http.json<Json>(`/api/v1/me/coach-links/${link.id}/accept`, { method: 'POST', cookie: athlete.cookie });
      if (accepted.status !== 200) throw new Error(`coach world: link not accepted: ${JSON.stringify(accepted.body)}`);
      return link;
    },
  };
  return world;
}
export type CoachBusiness = ReturnType<typeof coachBusiness>;
