// The Strava-is-full pages' address (…?by=…&invite=…), read defensively: anything unexpected falls back to our
// own count, and an invite is kept only when it looks like one.

export interface AthleteLimitParams {
  /** Who said no: our own count before Strava's page, or Strava at the code exchange. */
  by: 'cadence' | 'strava';
  invite: string | null;
}

export function athleteLimitParams(url: URL): AthleteLimitParams {
  const p = url.searchParams;
  const invite = p.get('invite');
  return { by: p.get('by') === 'strava' ? 'strava' : 'cadence', invite: invite && /^[A-Za-z0-9-]{1,64}$/.test(invite) ? invite : null };
}
