// Everything the Polar sandbox remembers, in memory: the client's config, Polar Flow users (their consent,
// registration with our client, tokens and exercises), OAuth codes, the client's one webhook and its
// deliveries, the rate windows and scripted failures. Time is the wall clock plus an offset (`clock`).
import { randomBytes } from 'node:crypto';
import { MAX_ATHLETE_ID } from '../strava/athlete.ts';
import { generateHistory, makeActivity } from '../strava/generator.ts';
import type { GeneratedActivity, NewActivityInput } from '../strava/generator.ts';

export interface PolarLimits {
  /** AccessLink's limits grow with the client's registered users: base + per user, per window. */
  shortBase: number;
  shortPerUser: number;
  longBase: number;
  longPerUser: number;
}

export interface PolarConfig {
  clientId: string;
  clientSecret: string;
  /** The `signature_secret_key` a created webhook gets (Polar draws one; fixed here so the app's config can hold it). */
  signatureSecret: string;
  limits: PolarLimits;
  /** Polar lists only exercises uploaded after the user registered with the client; false lists the last 30 days. */
  onlyAfterRegistration: boolean;
  /** Generated exercises each new user already has in Polar Flow, over the days before they first appear. */
  exercisesPerUser: number;
}

export type PolarOptions = Partial<Omit<PolarConfig, 'limits'>> & { limits?: Partial<PolarLimits> };

/** As reported for AccessLink: 500 + 20 per user per 15 minutes, 5000 + 100 per user per 24 hours. */
export const DEFAULT_LIMITS: PolarLimits = { shortBase: 500, shortPerUser: 20, longBase: 5000, longPerUser: 100 };
export const SHORT_WINDOW_S = 900;
export const LONG_WINDOW_S = 86_400;
/** AccessLink serves exercises uploaded in the last 30 days. */
export const EXERCISE_WINDOW_MS = 30 * 86_400_000;
/** The lifetime Polar states for an access token (`expires_in` in a token answer seen in the wild). */
export const TOKEN_LIFETIME_S = 315_359_999;
const CODE_TTL_MS = 10 * 60_000;
/** Polar deactivates a webhook whose deliveries have failed for seven days. */
const DEACTIVATE_AFTER_MS = 7 * 86_400_000;

export function configFrom(o: PolarOptions = {}): PolarConfig {
  return {
    clientId: o.clientId ?? '7e5a1c2d-90b4-4f7e-a1d3-5c0ffee0a11c',
    clientSecret: o.clientSecret ?? 'polar-sandbox-secret-dev-only',
    signatureSecret: o.signatureSecret ?? 'polar-sandbox-webhook-secret-dev-only',
    limits: { ...DEFAULT_LIMITS, ...o.limits },
    onlyAfterRegistration: o.onlyAfterRegistration ?? true,
    exercisesPerUser: o.exercisesPerUser ?? 0,
  };
}

export interface Exercise {
  /** Polar's hashed exercise id: what the webhook names and the URLs take. */
  id: string;
  userId: number;
  activity: GeneratedActivity;
  uploadMs: number;
}

export interface PolarUser {
  id: number;
  /** Consents accepted in the Polar account (without them every data call answers 403). */
  consents: boolean;
  memberId: string | null;
  registeredMs: number | null;
  exercises: Exercise[];
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  secret: string;
  /** First failure of the current run of failed deliveries (null while they succeed). */
  failingSinceMs: number | null;
}

export interface Delivery {
  at: string;
  url: string;
  event: string;
  userId: number | null;
  entityId: string | null;
  status: number | null;
  ms: number;
  ok: boolean;
  signed: boolean;
  error?: string;
}

export interface Failure {
  status: number;
  count: number;
  /** Only requests whose AccessLink path contains this. */
  path?: string;
  retryAfter?: number;
}

const token = () => randomBytes(16).toString('hex');
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A short hashed-looking id (Polar's look like `aQlC83`), stable for the same user and activity. */
function hashedId(userId: number, activityId: number): string {
  let h = 0x811c9dc5;
  for (const ch of `${userId}:${activityId}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  let out = '';
  for (let x = h * 97 + (activityId % 97); out.length < 7; x = Math.floor(x / 62)) out += BASE62[x % 62];
  return out;
}

export class PolarState {
  config: PolarConfig;
  offsetMs = 0;
  users = new Map<number, PolarUser>();
  codes = new Map<string, { userId: number; redirectUri: string; expiresMs: number }>();
  tokens = new Map<string, { userId: number; revoked: boolean }>();
  webhook: Webhook | null = null;
  deliveries: Delivery[] = [];
  failures: Failure[] = [];
  windows = { short: { start: 0, count: 0 }, long: { start: 0, count: 0 } };
  calls = { total: 0, rateLimited: 0, unauthorized: 0, failed: 0, byEndpoint: {} as Record<string, number> };
  /** Where the sandbox was last reached: the AccessLink URLs it writes (webhook `url`, `polar_user`) use it. */
  origin = 'http://127.0.0.1';
  private nextUserId = 1001;

  constructor(config: PolarConfig) {
    this.config = config;
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  configure(patch: PolarOptions): void {
    this.config = { ...this.config, ...patch, limits: { ...this.config.limits, ...patch.limits } };
  }

  reset(): void {
    this.users.clear();
    this.codes.clear();
    this.tokens.clear();
    this.webhook = null;
    this.deliveries = [];
    this.failures = [];
    this.windows = { short: { start: 0, count: 0 }, long: { start: 0, count: 0 } };
    this.calls = { total: 0, rateLimited: 0, unauthorized: 0, failed: 0, byEndpoint: {} };
    this.offsetMs = 0;
    this.nextUserId = 1001;
  }

  /** The user, created on first sight (with `exercisesPerUser` generated exercises already in Flow). */
  user(id?: number): PolarUser {
    const userId = id ?? this.nextUserId++;
    if (userId < 1 || userId > MAX_ATHLETE_ID) throw new RangeError('user id out of range');
    let u = this.users.get(userId);
    if (!u) {
      u = { id: userId, consents: true, memberId: null, registeredMs: null, exercises: [] };
      if (this.config.exercisesPerUser > 0) {
        const now = this.nowMs();
        for (const a of generateHistory(userId, { count: this.config.exercisesPerUser, endDate: new Date(now) })) {
          const uploadMs = Math.min(now, a.startMs + (a.elapsedTime + 600) * 1000);
          u.exercises.push({ id: hashedId(userId, a.id), userId, activity: a, uploadMs });
        }
      }
      this.users.set(userId, u);
    }
    return u;
  }

  registeredCount(): number {
    let n = 0;
    for (const u of this.users.values()) if (u.registeredMs !== null) n++;
    return n;
  }

  issueCode(userId: number, redirectUri: string): string {
    const code = token();
    this.codes.set(code, { userId, redirectUri, expiresMs: Date.now() + CODE_TTL_MS });
    return code;
  }

  /** Single use, valid or not; the token request must repeat the redirect_uri of the authorization (RFC 6749 4.1.3). */
  redeemCode(code: string, redirectUri: string | null): number | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresMs < Date.now() || grant.redirectUri !== redirectUri) return undefined;
    return grant.userId;
  }

  issueToken(userId: number): string {
    const t = token();
    this.tokens.set(t, { userId, revoked: false });
    return t;
  }

  userOfToken(t: string): PolarUser | undefined {
    const grant = this.tokens.get(t);
    return grant && !grant.revoked ? this.users.get(grant.userId) : undefined;
  }

  revokeTokens(userId: number): number {
    let n = 0;
    for (const grant of this.tokens.values()) {
      if (grant.userId !== userId || grant.revoked) continue;
      grant.revoked = true;
      n++;
    }
    return n;
  }

  /** Polar's de-registration: the partner no longer gets the user's data and the user's token dies. */
  deregister(u: PolarUser): void {
    u.registeredMs = null;
    u.memberId = null;
    this.revokeTokens(u.id);
  }

  /** A new exercise synced to Flow now (or at `uploadMs`): the session just finished unless `startMs` says when. */
  addExercise(u: PolarUser, input: Omit<NewActivityInput, 'startMs'> & { startMs?: number; uploadMs?: number }): Exercise {
    const uploadMs = input.uploadMs ?? this.nowMs();
    // Generated exercises hold indexes 0…n-1, so the next index is the count.
    const index = u.exercises.length;
    // Without a start, the session ended two minutes before the upload: its length is known once it is made.
    const draft = makeActivity(u.id, index, { ...input, startMs: input.startMs ?? uploadMs });
    const activity =
      input.startMs === undefined ? makeActivity(u.id, index, { ...input, startMs: uploadMs - (draft.elapsedTime + 120) * 1000 }) : draft;
    let id = hashedId(u.id, activity.id);
    while (u.exercises.some((x) => x.id === id)) id += BASE62[activity.id % 62];
    const e: Exercise = { id, userId: u.id, activity, uploadMs };
    u.exercises.push(e);
    return e;
  }

  /** What AccessLink shows the client: the last 30 days' uploads, and only those since registration (Polar's rule). */
  visibleExercises(u: PolarUser): Exercise[] {
    const now = this.nowMs();
    return u.exercises.filter(
      (e) =>
        e.uploadMs <= now &&
        e.uploadMs > now - EXERCISE_WINDOW_MS &&
        (!this.config.onlyAfterRegistration || (u.registeredMs !== null && e.uploadMs >= u.registeredMs)),
    );
  }

  /** Counts one AccessLink call against both windows; the usage, limits and resets it answers with. */
  countCall(): { usage: [number, number]; limit: [number, number]; reset: [number, number]; over: boolean } {
    const nowS = Math.floor(this.nowMs() / 1000);
    const roll = (w: { start: number; count: number }, size: number) => {
      const start = nowS - (nowS % size);
      if (w.start !== start) {
        w.start = start;
        w.count = 0;
      }
      w.count++;
      return { count: w.count, reset: start + size - nowS };
    };
    const s = roll(this.windows.short, SHORT_WINDOW_S);
    const l = roll(this.windows.long, LONG_WINDOW_S);
    const n = this.registeredCount();
    const lim = this.config.limits;
    const limit: [number, number] = [lim.shortBase + lim.shortPerUser * n, lim.longBase + lim.longPerUser * n];
    return { usage: [s.count, l.count], limit, reset: [s.reset, l.reset], over: s.count > limit[0] || l.count > limit[1] };
  }

  /** The scripted failure this request meets, if any (and one use of it spent). */
  takeFailure(path: string): Failure | undefined {
    const f = this.failures.find((x) => x.count > 0 && (!x.path || path.includes(x.path)));
    if (!f) return undefined;
    f.count--;
    this.failures = this.failures.filter((x) => x.count > 0);
    return f;
  }

  record(d: Delivery): void {
    this.deliveries = [d, ...this.deliveries].slice(0, 100);
    const w = this.webhook;
    if (!w || d.url !== w.url) return;
    if (d.ok) w.failingSinceMs = null;
    else {
      w.failingSinceMs ??= this.nowMs();
      if (this.nowMs() - w.failingSinceMs >= DEACTIVATE_AFTER_MS) w.active = false;
    }
  }

  snapshot() {
    const n = this.registeredCount();
    return {
      now: new Date(this.nowMs()).toISOString(),
      config: this.config,
      registeredUsers: n,
      usage: { short: this.windows.short.count, long: this.windows.long.count },
      calls: this.calls,
      webhook: this.webhook && { id: this.webhook.id, url: this.webhook.url, events: this.webhook.events, active: this.webhook.active },
      deliveries: this.deliveries,
      users: [...this.users.values()].map((u) => ({
        id: u.id,
        registered: u.registeredMs !== null,
        consents: u.consents,
        exercises: u.exercises.length,
        visible: this.visibleExercises(u).length,
        activeTokens: [...this.tokens.values()].filter((t) => t.userId === u.id && !t.revoked).length,
      })),
    };
  }
}
