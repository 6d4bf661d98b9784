// The calm page's address (/strava/full?flow=…&by=…&invite=…), read defensively: anything unexpected falls back
// to the plain connect case, and an invite is kept only when it looks like one.

export interface AthleteLimitParams {
  /** Connecting Strava to an account, or signing up with Strava (no account yet). */
  flow: 'connect' | 'signup';
  /** Who said no: our own count before Strava's page, or Strava at the code exchange. */
  by: 'cadence' | 'strava';
  invite: string | null;
}

export function athleteLimitParams(url: URL): AthleteLimitParams {
  const p = url.searchParams;
  const invite = p.get('invite');
  return {
    flow: p.get('flow') === 'signup' ? 'signup' : 'connect',
    by: p.get('by') === 'strava' ? 'strava' : 'cadence',
    invite: invite && /^[A-Za-z0-9-]{1,64}$/.test(invite) ? invite : null,
  };
}
