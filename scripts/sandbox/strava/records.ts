// What the Strava sandbox keeps per athlete (a generated history and the changes made to it beside it) and
// its call counters. StravaState (state.ts) holds these.
import type { GeneratedActivity } from './generator.ts';
import type { ActivityPatch } from './config.ts';
import type { World } from './world.ts';

/** `history` is generated on first use; edits are kept beside it, never written into it. */
export type AthleteRecord = {
  id: number;
  history: GeneratedActivity[] | null;
  added: GeneratedActivity[];
  patches: Map<number, ActivityPatch>;
  deleted: Set<number>;
  /** The athlete's own clock, limits and history size (POST _control/athletes/{id}/config); null: the sandbox's. */
  world: World | null;
};

/** Fresh call counters. */
export function emptyCounters() {
  // total/reads/writes/perAthlete: API v3 calls (the rate-limited ones); byEndpoint also lists OAuth calls.
  return {
    total: 0,
    reads: 0,
    writes: 0,
    rateLimited: 0,
    unauthorized: 0,
    notFound: 0,
    oauth: 0,
    byEndpoint: {} as Record<string, number>,
    perAthlete: {} as Record<string, number>,
    // Per athlete, by the token presented: 401s (expired, revoked or lacking scope) and refresh_token grants (refused ones too).
    unauthorizedPerAthlete: {} as Record<string, number>,
    refreshesPerAthlete: {} as Record<string, number>,
    rateLimitedByWindow: {} as Record<string, number>,
  };
}

export type Counters = ReturnType<typeof emptyCounters>;

/** One OAuth call (not rate-limited), by endpoint. */
export function countOAuth(c: Counters, endpoint: string): void {
  c.oauth++;
  c.byEndpoint[endpoint] = (c.byEndpoint[endpoint] ?? 0) + 1;
}

/** One API v3 call, by kind, endpoint and the athlete its token was issued to. */
export function countCall(c: Counters, endpoint: string, isRead: boolean, athleteId: number | null): void {
  c.total++;
  if (isRead) c.reads++;
  else c.writes++;
  c.byEndpoint[endpoint] = (c.byEndpoint[endpoint] ?? 0) + 1;
  if (athleteId !== null) c.perAthlete[athleteId] = (c.perAthlete[athleteId] ?? 0) + 1;
}

/** The activity with the athlete's patch applied. */
export function patchedActivity(rec: AthleteRecord, a: GeneratedActivity): GeneratedActivity {
  const p = rec.patches.get(a.id);
  if (!p) return a;
  // A copy sharing the lazily computed stats (the getter is copied, not called); the original
  // stays untouched so patches can be changed or undone later.
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(a)) as GeneratedActivity;
  if (p.name !== undefined) copy.name = p.name;
  if (p.type !== undefined) copy.type = p.type;
  if (p.sport_type !== undefined || p.type !== undefined) copy.sportType = p.sport_type ?? p.type ?? a.sportType;
  if (p.private !== undefined) {
    copy.private = p.private;
    copy.visibility = p.private ? 'only_me' : 'everyone';
  }
  return copy;
}
