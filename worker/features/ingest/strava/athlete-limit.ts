// Strava caps how many athletes one API app may have connected (a Standard app: 10). Past it Strava refuses a
// new athlete on its own consent page, where we cannot explain anything, so we count our connections first and
// say so ourselves. Pure: the connect flow and Ops Pulse read the same figure.

/** `unlimited`: no limit configured; `near`: a few places left (operators should ask Strava for more); `full`: none. */
export type AthleteLimitState = 'unlimited' | 'open' | 'near' | 'full';

export interface AthleteCapacity {
  connected: number;
  limit: number | null;
  /** Places left (0 when at or past the limit); null without a limit. */
  remaining: number | null;
  state: AthleteLimitState;
}

/** Near means at most a fifth of the limit left (at least one place): 2 of a Standard app's 10. */
export const nearThreshold = (limit: number) => Math.max(1, Math.ceil(limit / 5));

export function athleteCapacity(connected: number, limit: number | null): AthleteCapacity {
  if (limit === null) return { connected, limit, remaining: null, state: 'unlimited' };
  const remaining = Math.max(0, limit - connected);
  const state = remaining === 0 ? 'full' : remaining <= nearThreshold(limit) ? 'near' : 'open';
  return { connected, limit, remaining, state };
}
