// Everything the Strava sandbox remembers: config, athletes, their changes to generated histories,
// OAuth codes and tokens, call counters, the clock and the rate limiter. In memory only. Its settings are
// config.ts; an athlete's record and the counters, records.ts.
import { randomBytes } from 'node:crypto';
import { MAX_ATHLETE_ID } from './athlete.ts';
import {
  ACCESS_TTL,
  type ActivityPatch,
  CODE_TTL,
  FIRST_ATHLETE_ID,
  type Revocation,
  SAME_TOKEN_ABOVE,
  type StravaApp,
  type StravaConfig,
} from './config.ts';
import { generateHistory, makeActivity } from './generator.ts';
import type { GeneratedActivity, NewActivityInput } from './generator.ts';
import { RateLimiter, SandboxClock } from './ratelimit.ts';
import type { RateLimits } from './ratelimit.ts';
import { type AthleteRecord, emptyCounters, patchedActivity } from './records.ts';
import { snapshotOf } from './snapshot.ts';
import type { Delivery } from './webhooks.ts';
import { World } from './world.ts';
import type { Scope, WorldPatch } from './world.ts';

/** What the athlete granted to which app. */
type Grant = { athleteId: number; scope: string[]; clientId: string };
export type AccessToken = Grant & { expiresAt: number; issuedBy: Revocation['tokenIssuedBy'] };
/** A refresh token remembers the access token it came with: Strava hands that one back while it has over an hour left. */
type RefreshGrant = Grant & { access: string };
export type Subscription = { id: number; callbackUrl: string; verifyToken: string; createdAt: string };

const token = () => randomBytes(20).toString('hex'); // 40 hex characters, like Strava's

export class StravaState {
  config: StravaConfig;
  readonly clock: SandboxClock;
  readonly limiter: RateLimiter;
  athletes = new Map<number, AthleteRecord>();
  codes = new Map<string, Grant & { expiresAt: number; redirectUri: string }>();
  access = new Map<string, AccessToken>();
  refresh = new Map<string, RefreshGrant>();
  /** Every token ever issued → its athlete (kept after expiry or revocation), so 401s and refreshes count per athlete. */
  owners = new Map<string, number>();
  counters = emptyCounters();
  /** The app's push subscription (one per application, as on Strava), and recent webhook deliveries. */
  subscription: Subscription | null = null;
  deliveries: Delivery[] = [];
  subscriptionsCreated = 0;
  /** Apps registered beside the default one (each with its own athlete limit), by client id. */
  apps = new Map<string, StravaApp>();
  /** Per app, the athletes whose authorization is live: a code exchanged, not revoked since. What the limit counts. */
  connected = new Map<string, Set<number>>();
  /** Per athlete, every revocation accepted (deauthorize or revoke), oldest first. */
  revocations = new Map<number, Revocation[]>();
  #nextId = FIRST_ATHLETE_ID;

  constructor(config: StravaConfig) {
    this.config = config;
    this.clock = new SandboxClock(config.timeScale);
    if (config.alignToWallClock) this.clock.alignToWall();
    this.limiter = new RateLimiter(this.clock, config.limits);
  }

  /** Applies a partial config; rate windows restart, and histories regenerate if their shape changed. */
  configure(patch: Partial<Omit<StravaConfig, 'limits'>> & { limits?: Partial<RateLimits> }): void {
    const before = this.config;
    this.config = { ...before, ...patch, limits: { ...before.limits, ...patch.limits } };
    if (this.config.timeScale !== this.clock.timeScale) this.clock.setScale(this.config.timeScale);
    if (this.config.alignToWallClock) this.clock.alignToWall();
    this.limiter.limits = { ...this.config.limits };
    this.limiter.reset();
    if (this.config.activitiesPerAthlete !== before.activitiesPerAthlete || this.config.historyEnd !== before.historyEnd) {
      for (const a of this.athletes.values()) a.history = null;
    }
  }

  /** Forgets athletes, tokens, changes and counters; keeps the config. */
  reset(): void {
    this.connected.clear();
    this.revocations.clear();
    this.athletes.clear();
    this.codes.clear();
    this.access.clear();
    this.refresh.clear();
    this.owners.clear();
    this.counters = emptyCounters();
    this.limiter.reset();
    this.subscription = null;
    this.deliveries = [];
    this.#nextId = FIRST_ATHLETE_ID;
  }

  /** What governs the athlete's tokens, reads and history: their own world if a test gave them one, else the sandbox. */
  scope(athleteId: number | undefined): Scope {
    return (athleteId === undefined ? undefined : this.athletes.get(athleteId)?.world) ?? this;
  }

  /** The athlete's own world, made from the sandbox's settings and time on first use, with `patch` applied. */
  configureAthlete(athleteId: number, patch: WorldPatch = {}): World {
    const rec = this.athlete(athleteId);
    rec.world ??= new World({ ...this.config, alignToWallClock: false }, this.clock.nowMs());
    const world = rec.world;
    if (world.configure(patch)) rec.history = null;
    return world;
  }

  /** The app a client id names: the config's, or one registered through the control API. */
  app(clientId: string | undefined): StravaApp | undefined {
    if (clientId === undefined) return undefined;
    if (clientId === this.config.clientId)
      return { clientId, clientSecret: this.config.clientSecret, athleteLimit: this.config.athleteLimit };
    return this.apps.get(clientId);
  }

  connectedTo(clientId: string): Set<number> {
    const set = this.connected.get(clientId) ?? new Set<number>();
    this.connected.set(clientId, set);
    return set;
  }

  /**
   * Whether connecting this athlete would pass the app's limit. An athlete already connected re-authorizes
   * freely (they hold their slot); a new one needs room.
   */
  isFull(clientId: string, athleteId: number): boolean {
    const limit = this.app(clientId)?.athleteLimit ?? null;
    const connected = this.connectedTo(clientId);
    return limit !== null && !connected.has(athleteId) && connected.size >= limit;
  }

  /** Adds one to a per-athlete counter for the athlete a token was issued to (unknown tokens count nowhere). */
  countFor(counter: 'unauthorizedPerAthlete' | 'refreshesPerAthlete', token: string | undefined): void {
    const athleteId = token === undefined ? undefined : this.owners.get(token);
    if (athleteId === undefined) return;
    const c = this.counters[counter];
    c[athleteId] = (c[athleteId] ?? 0) + 1;
  }

  /** The athlete, registered on first use; `id` omitted → the next free id from 1001. */
  athlete(id?: number): AthleteRecord {
    if (id === undefined) {
      while (this.athletes.has(this.#nextId)) this.#nextId++;
      id = this.#nextId++;
    }
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_ATHLETE_ID) throw new RangeError(`athlete id must be 1..${MAX_ATHLETE_ID}`);
    let rec = this.athletes.get(id);
    if (!rec) {
      rec = { id, history: null, added: [], patches: new Map(), deleted: new Set(), world: null };
      this.athletes.set(id, rec);
    }
    return rec;
  }

  /** All of an athlete's activities, oldest first, with patches applied and deletions left out. */
  activities(athleteId: number): GeneratedActivity[] {
    const rec = this.athlete(athleteId);
    rec.history ??= generateHistory(athleteId, {
      count: this.scope(athleteId).config.activitiesPerAthlete,
      endDate: new Date(this.scope(athleteId).config.historyEnd),
    });
    const from = this.config.historyStart === null ? Number.NEGATIVE_INFINITY : Date.parse(this.config.historyStart);
    const all = [...rec.history.filter((a) => a.startMs >= from), ...rec.added].filter((a) => !rec.deleted.has(a.id));
    return all.map((a) => patchedActivity(rec, a)).sort((x, y) => x.startMs - y.startMs || x.id - y.id);
  }

  findActivity(athleteId: number, activityId: number): GeneratedActivity | undefined {
    if (Math.floor(activityId / 100_000) !== athleteId) return undefined;
    return this.activities(athleteId).find((a) => a.id === activityId);
  }

  addActivity(athleteId: number, input: Omit<NewActivityInput, 'startMs'> & { startMs?: number }): GeneratedActivity {
    const rec = this.athlete(athleteId);
    const { config, clock } = this.scope(athleteId);
    const index = config.activitiesPerAthlete + rec.added.length;
    const startMs = input.startMs ?? clock.nowMs() - (input.movingTime ?? 3600) * 1000;
    const a = makeActivity(athleteId, index, { ...input, startMs });
    rec.added.push(a);
    return a;
  }

  patchActivity(athleteId: number, activityId: number, patch: ActivityPatch): GeneratedActivity | undefined {
    if (!this.findActivity(athleteId, activityId)) return undefined;
    const rec = this.athlete(athleteId);
    rec.patches.set(activityId, { ...rec.patches.get(activityId), ...patch });
    return this.findActivity(athleteId, activityId);
  }

  deleteActivity(athleteId: number, activityId: number): boolean {
    if (!this.findActivity(athleteId, activityId)) return false;
    this.athlete(athleteId).deleted.add(activityId);
    return true;
  }

  issueCode(clientId: string, athleteId: number, scope: string[], redirectUri: string): string {
    const code = token();
    // Codes expire on the wall clock: they only bridge a browser redirect, which time scaling must not break.
    this.codes.set(code, { clientId, athleteId, scope, redirectUri, expiresAt: Math.floor(Date.now() / 1000) + CODE_TTL });
    return code;
  }

  /** Single use: the code is gone after the first attempt, valid or not, and only the app it was issued to may redeem it. */
  redeemCode(code: string, clientId: string): Grant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    return grant && grant.clientId === clientId && grant.expiresAt > Date.now() / 1000
      ? { athleteId: grant.athleteId, scope: grant.scope, clientId }
      : undefined;
  }

  /** A new access token and a new refresh token; the caller has already invalidated the old refresh token. */
  issueTokens(
    grant: Grant,
    issuedBy: AccessToken['issuedBy'] = 'authorization_code',
  ): { access: string; refresh: string; expiresAt: number } {
    const access = token();
    const refresh = token();
    const expiresAt = this.scope(grant.athleteId).clock.nowSec() + ACCESS_TTL;
    this.access.set(access, { ...grant, expiresAt, issuedBy });
    this.connectedTo(grant.clientId).add(grant.athleteId);
    this.refresh.set(refresh, { athleteId: grant.athleteId, scope: grant.scope, clientId: grant.clientId, access });
    this.owners.set(access, grant.athleteId);
    this.owners.set(refresh, grant.athleteId);
    return { access, refresh, expiresAt };
  }

  /**
   * A refresh: Strava hands back the current access token (same expiry) while it has more than an hour
   * left, and a new one otherwise. The refresh token rotates either way.
   */
  refreshTokens(grant: RefreshGrant): { access: string; refresh: string; expiresAt: number } {
    const current = this.access.get(grant.access);
    if (!current || current.expiresAt - this.scope(grant.athleteId).clock.nowSec() <= SAME_TOKEN_ABOVE)
      return this.issueTokens(grant, 'refresh_token');
    const refresh = token();
    this.refresh.set(refresh, { athleteId: grant.athleteId, scope: grant.scope, clientId: grant.clientId, access: grant.access });
    this.owners.set(refresh, grant.athleteId);
    return { access: grant.access, refresh, expiresAt: current.expiresAt };
  }

  /**
   * A token's expiry as the client must read it: on the client's (wall) clock, as Strava's and its clients'
   * clocks agree. Under a time scale it comes `timeScale` times sooner, like the rate windows.
   */
  expiryOnClientClock(athleteId: number, expiresAt: number): { expires_at: number; expires_in: number } {
    const { clock } = this.scope(athleteId);
    return {
      expires_at: Math.floor(clock.wallMsAt(expiresAt * 1000) / 1000),
      expires_in: Math.max(0, Math.floor((expiresAt - clock.nowSec()) / clock.timeScale)),
    };
  }

  /** Rotation: the refresh token works once. Older access tokens stay valid until they expire. */
  useRefreshToken(refresh: string): RefreshGrant | undefined {
    const grant = this.refresh.get(refresh);
    this.refresh.delete(refresh);
    return grant;
  }

  validAccess(accessToken: string): AccessToken | undefined {
    const t = this.access.get(accessToken);
    return t && t.expiresAt > this.scope(t.athleteId).clock.nowSec() ? t : undefined;
  }

  /** Deauthorization of one app: every token and pending code the athlete gave it stops working, and its slot frees. */
  revokeAthlete(athleteId: number, clientId: string = this.config.clientId): void {
    for (const map of [this.access, this.refresh, this.codes] as Map<string, Grant>[]) {
      for (const [k, v] of map) if (v.athleteId === athleteId && v.clientId === clientId) map.delete(k);
    }
    this.connectedTo(clientId).delete(athleteId);
  }

  /** A revocation through the OAuth endpoint, with the token that asked for it (recorded for tests to check). */
  recordRevocation(t: AccessToken, endpoint: string): void {
    const list = this.revocations.get(t.athleteId) ?? [];
    list.push({
      clientId: t.clientId,
      endpoint,
      at: new Date(this.scope(t.athleteId).clock.nowMs()).toISOString(),
      tokenIssuedBy: t.issuedBy,
    });
    this.revocations.set(t.athleteId, list);
  }

  /** Everything, as the control API's `GET state` and the dashboard show it. */
  snapshot() {
    return snapshotOf(this);
  }
}
