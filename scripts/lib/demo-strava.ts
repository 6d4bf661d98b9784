// `npm run dev` connects the demo athlete to the Strava sandbox through the real OAuth flow, so a
// fresh start shows her recent weeks (the backfill then runs in the background, as in production);
// her older history comes from files (demo-history.ts).
import type { Stack } from './stack.ts';

/** The Strava sandbox athlete the demo athlete signs in as (and whose history her files hold). */
export const DEMO_ATHLETE_ID = 1001;

/** Logs in through the API; answers the session cookie. */
export async function demoLogin(stack: Stack, login: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${stack.workerUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.appUrl },
    body: JSON.stringify(login),
  });
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  await res.body?.cancel();
  if (!res.ok || !cookie) throw new Error(`demo login failed (${res.status})`);
  return cookie;
}

export async function connectDemoAthlete(stack: Stack, login: { email: string; password: string }): Promise<'connected' | 'already'> {
  const base = stack.workerUrl;
  const cookie = await demoLogin(stack, login);
  const status = (await (await fetch(`${base}/api/v1/ingestion`, { headers: { cookie } })).json()) as {
    connections: { strava: { connected: boolean } };
  };
  if (status.connections.strava.connected) return 'already';

  const start = await fetch(`${base}/api/v1/connections/strava/authorize`, { headers: { cookie }, redirect: 'manual' });
  const consent = new URL(start.headers.get('location') ?? '');
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set('athlete_id', String(DEMO_ATHLETE_ID));
  const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '');
  const done = await fetch(`${base}${back.pathname}${back.search}`, { headers: { cookie }, redirect: 'manual' });
  await done.body?.cancel();
  if (done.headers.get('location') !== '/home?connected=strava') throw new Error('demo Strava connect did not complete');
  return 'connected';
}
