// Everything the Garmin sandbox remembers: config, users (Garmin accounts standing in for athletes of the
// Strava sandbox's generator), OAuth codes and tokens, pull tokens of the pings it sent, the outbox of pings
// it could not deliver, call counters, failures queued on demand and the rate limiter. In memory only. Its
// settings and shapes are config.ts.
import { randomBytes } from 'node:crypto';
import { activityFit } from '../garmin-fit.ts';
import { generateHistory, makeActivity } from '../strava/generator.ts';
import type { GeneratedActivity, Sport } from '../strava/generator.ts';
import {
  type Delivery,
  type FailEndpoint,
  type Failure,
  type GarminConfig,
  type GarminOptions,
  garminActivityId,
  MAX_USER,
  type OutboxItem,
  type User,
  userIdOf,
} from './config.ts';

// The shapes and settings live in config.ts; the sandbox's modules import them from here too.
export {
  configFrom,
  type Delivery,
  type FailEndpoint,
  type GarminConfig,
  type GarminOptions,
  garminActivityId,
  MAX_USER,
  type OutboxItem,
  PERMISSIONS,
  type User,
  userIdOf,
} from './config.ts';

const CODE_TTL_MS = 10 * 60_000;
const PULL_TTL_MS = 24 * 3600_000;
const REFRESH_TTL_S = 7_775_998;

const token = () => randomBytes(24).toString('base64url');

export class GarminState {
  config: GarminConfig;
  readonly users = new Map<number, User>();
  readonly byUserId = new Map<string, number>();
  readonly codes = new Map<string, { user: number; permissions: string[]; challenge: string; redirectUri: string; expiresAt: number }>();
  readonly access = new Map<string, { user: number; expiresAt: number }>();
  readonly refresh = new Map<string, { user: number; expiresAt: number }>();
  /** The token of each callback URL: one download within 24 hours. */
  readonly pulls = new Map<string, { user: number; activityId: number; expiresAt: number; used: boolean }>();
  readonly backfills: { userId: string; start: number; end: number; entries: number; at: string }[] = [];
  /** Health uploads behind the pull tokens of their callback URLs (ping/pull mode; ADR 095). */
  readonly healthPulls = new Map<
    string,
    { user: number; type: string; start: number; end: number; summaries: Record<string, unknown>[]; expiresAt: number }
  >();
  /** Health API backfill requests (one per summary type and window), answered by pushes. */
  readonly healthBackfills: { userId: string; type: string; start: number; end: number; entries: number; at: string }[] = [];
  readonly deregistrations: { userId: string; by: 'partner' | 'user'; at: string }[] = [];
  deliveries: Delivery[] = [];
  outbox: OutboxItem[] = [];
  failures: Failure[] = [];
  calls: Record<string, number> = {};
  downloads = 0;
  /** The Training API's store: workouts and calendar entries by id, each with its Garmin user (ADR 057). */
  readonly workouts = new Map<number, { user: number; workout: Record<string, unknown> }>();
  readonly schedules = new Map<number, { user: number; scheduleId: number; workoutId: number; date: string }>();
  trainingIds = 9_000_000;
  /** The Courses API's store: courses by id, each with its Garmin user (ADR 101). */
  readonly courses = new Map<number, { user: number; course: Record<string, unknown> }>();
  #outboxId = 0;
  #minute = { start: 0, calls: 0, backfillDays: 0 };
  #fits = new Map<number, Uint8Array>();

  constructor(config: GarminConfig) {
    this.config = config;
  }

  configure(patch: GarminOptions): void {
    const historyChanged =
      (patch.historyEnd !== undefined && patch.historyEnd !== this.config.historyEnd) ||
      (patch.activitiesPerUser !== undefined && patch.activitiesPerUser !== this.config.activitiesPerUser);
    this.config = { ...this.config, ...patch };
    if (historyChanged) for (const u of this.users.values()) u.history = null;
  }

  reset(): void {
    for (const m of [this.users, this.byUserId, this.codes, this.access, this.refresh, this.pulls, this.healthPulls, this.#fits]) m.clear();
    this.backfills.length = 0;
    this.healthBackfills.length = 0;
    this.deregistrations.length = 0;
    this.deliveries = [];
    this.outbox = [];
    this.failures = [];
    this.calls = {};
    this.downloads = 0;
    this.workouts.clear();
    this.schedules.clear();
    this.courses.clear();
    this.#minute = { start: 0, calls: 0, backfillDays: 0 };
  }

  user(n: number): User {
    if (!Number.isSafeInteger(n) || n < 1 || n > MAX_USER) throw new RangeError(`user must be 1..${MAX_USER}`);
    let u = this.users.get(n);
    if (!u) {
      u = { number: n, userId: userIdOf(n), history: null, added: [], registered: false, permissions: [], heldBackfill: null };
      this.users.set(n, u);
      this.byUserId.set(u.userId, n);
    }
    return u;
  }

  /** The user's sessions that have started by now, oldest first. */
  activities(n: number): GeneratedActivity[] {
    const u = this.user(n);
    u.history ??= generateHistory(n, { count: this.config.activitiesPerUser, endDate: new Date(this.config.historyEnd) });
    const from = this.config.historyStart === null ? Number.NEGATIVE_INFINITY : Date.parse(this.config.historyStart);
    const now = Date.now();
    return [...u.history.filter((a) => a.startMs >= from), ...u.added]
      .filter((a) => a.startMs <= now)
      .sort((x, y) => x.startMs - y.startMs);
  }

  /** "The athlete just synced a session": recorded now, ending now unless a start is given. */
  record(n: number, input: { sport?: Sport; distance?: number; movingTime?: number; name?: string; startMs?: number }): GeneratedActivity {
    const u = this.user(n);
    const index = this.config.activitiesPerUser + u.added.length;
    const movingTime = input.movingTime ?? (input.sport === 'Ride' ? 3600 : input.sport === 'Swim' ? 2400 : 3000);
    const startMs = input.startMs ?? Date.now() - movingTime * 1000 - 60_000;
    const a = makeActivity(n, index, { ...input, movingTime, startMs });
    u.added.push(a);
    return a;
  }

  /** The FIT file of a session, written with Garmin's encoder; kept, since encoding costs tens of milliseconds. */
  fit(a: GeneratedActivity): Uint8Array {
    let bytes = this.#fits.get(a.id);
    if (!bytes) {
      bytes = activityFit(a);
      if (this.#fits.size > 500) this.#fits.delete(this.#fits.keys().next().value as number);
      this.#fits.set(a.id, bytes);
    }
    return bytes;
  }

  findActivity(n: number, activityId: number): GeneratedActivity | undefined {
    return this.activities(n).find((a) => garminActivityId(a) === activityId);
  }

  issueCode(user: number, permissions: string[], challenge: string, redirectUri: string): string {
    const code = token();
    this.codes.set(code, { user, permissions, challenge, redirectUri, expiresAt: Date.now() + CODE_TTL_MS });
    return code;
  }

  redeemCode(code: string) {
    const c = this.codes.get(code);
    this.codes.delete(code);
    return c && c.expiresAt > Date.now() ? c : undefined;
  }

  issueTokens(user: number): { access: string; refresh: string; expiresIn: number } {
    const access = token();
    const refresh = token();
    const now = Date.now();
    this.access.set(access, { user, expiresAt: now + this.config.accessTtlSeconds * 1000 });
    this.refresh.set(refresh, { user, expiresAt: now + REFRESH_TTL_S * 1000 });
    return { access, refresh, expiresIn: this.config.accessTtlSeconds };
  }

  /** Refresh tokens rotate: the one used stops working. */
  useRefresh(refreshToken: string): number | undefined {
    const r = this.refresh.get(refreshToken);
    this.refresh.delete(refreshToken);
    if (!r || r.expiresAt <= Date.now() || !this.user(r.user).registered) return undefined;
    return r.user;
  }

  /** The user behind a bearer token that still works. */
  bearer(header: string | undefined): User | undefined {
    const t = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    const a = t ? this.access.get(t) : undefined;
    if (!a || a.expiresAt <= Date.now()) return undefined;
    const u = this.user(a.user);
    return u.registered ? u : undefined;
  }

  /** Consent withdrawn (by the user in Garmin Connect, or the partner's DELETE): every token dies. */
  deregister(n: number, by: 'partner' | 'user'): void {
    const u = this.user(n);
    u.registered = false;
    for (const m of [this.access, this.refresh]) for (const [k, v] of m) if (v.user === n) m.delete(k);
    this.deregistrations.unshift({ userId: u.userId, by, at: new Date().toISOString() });
  }

  expireTokens(n: number): number {
    let expired = 0;
    for (const v of this.access.values())
      if (v.user === n) {
        v.expiresAt = 0;
        expired++;
      }
    return expired;
  }

  /** A callback URL for one session's file, good for one download within 24 hours. */
  callbackUrl(n: number, a: GeneratedActivity): string {
    const pull = token();
    this.pulls.set(pull, { user: n, activityId: garminActivityId(a), expiresAt: Date.now() + PULL_TTL_MS, used: false });
    const url = new URL('/garmin/wellness-api/rest/activityFile', this.config.baseUrl);
    url.search = new URLSearchParams({ id: String(garminActivityId(a)), token: pull }).toString();
    return url.toString();
  }

  /**
   * Summaries of one type uploaded now: kept behind a pull token, and the callback URL a ping names. The upload window
   * is this second (Garmin's is the sync's start and end).
   */
  healthUpload(n: number, type: string, summaries: Record<string, unknown>[], ttlMs: number): string {
    const pull = token();
    const at = Math.floor(Date.now() / 1000);
    this.healthPulls.set(pull, { user: n, type, start: at, end: at, summaries, expiresAt: Date.now() + ttlMs });
    const url = new URL(`/garmin/wellness-api/rest/${type}`, this.config.baseUrl);
    url.search = new URLSearchParams({ uploadStartTimeInSeconds: String(at), uploadEndTimeInSeconds: String(at), token: pull }).toString();
    return url.toString();
  }

  count(endpoint: string): void {
    this.calls[endpoint] = (this.calls[endpoint] ?? 0) + 1;
  }

  /** A failure queued through the control API for this endpoint, used up one request at a time. */
  takeFailure(endpoint: FailEndpoint): Failure | undefined {
    const f = this.failures.find((x) => x.endpoint === endpoint);
    if (!f) return undefined;
    if (--f.times <= 0) this.failures.splice(this.failures.indexOf(f), 1);
    return f;
  }

  fail(f: Failure): void {
    this.failures.push(f);
  }

  /** Seconds until the key may call again, or 0. Counts every API call; backfill also counts its days. */
  limited(backfillDays = 0): number {
    const now = Date.now();
    const start = Math.floor(now / 60_000) * 60_000;
    if (start !== this.#minute.start) this.#minute = { start, calls: 0, backfillDays: 0 };
    const wait = Math.max(1, Math.ceil((start + 60_000 - now) / 1000));
    const perMinute = this.config.rateLimitPerMinute;
    if (perMinute !== null && this.#minute.calls >= perMinute) return wait;
    if (backfillDays > 0 && this.#minute.backfillDays + backfillDays > this.config.backfillDaysPerMinute) return wait;
    this.#minute.calls++;
    this.#minute.backfillDays += backfillDays;
    return 0;
  }

  queue(item: Omit<OutboxItem, 'id' | 'at'>): OutboxItem {
    const full = { ...item, id: ++this.#outboxId, at: new Date().toISOString() };
    this.outbox = [full, ...this.outbox].slice(0, 2000);
    return full;
  }

  /** Takes (and removes) the outbox items for one user id, or all of them, oldest first. */
  takeOutbox(userId?: string): OutboxItem[] {
    const taken = this.outbox.filter((o) => userId === undefined || o.userIds.includes(userId));
    this.outbox = this.outbox.filter((o) => !taken.includes(o));
    return taken.reverse();
  }

  snapshot() {
    const { clientSecret: _secret, ...config } = this.config;
    const now = Date.now();
    return {
      config,
      users: [...this.users.values()].map((u) => ({
        number: u.number,
        userId: u.userId,
        registered: u.registered,
        permissions: u.permissions,
        added: u.added.length,
        activeTokens: [...this.access.values()].filter((t) => t.user === u.number && t.expiresAt > now).length,
      })),
      calls: this.calls,
      downloads: this.downloads,
      backfills: this.backfills.slice(0, 100),
      healthBackfills: this.healthBackfills.slice(0, 100),
      deregistrations: this.deregistrations.slice(0, 100),
      deliveries: this.deliveries.slice(0, 50),
      outbox: this.outbox.length,
      failures: this.failures,
    };
  }
}
