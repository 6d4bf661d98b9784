// `npm run dev` connects the demo athlete to the Strava sandbox through the real OAuth flow, so a
// fresh start shows a populated account (the backfill then runs in the background, as in production).
import type { Stack } from './stack.ts';

const DEMO_ATHLETE_ID = 1001;

export async function connectDemoAthlete(stack: Stack, login: { email: string; password: string }): Promise<'connected' | 'already'> {
  const base = stack.workerUrl;
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.appUrl },
    body: JSON.stringify(login),
  });
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`demo login failed (${res.status})`);
  const status = (await (await fetch(`${base}/api/v1/ingestion`, { headers: { cookie } })).json()) as { connections: { strava: { connected: boolean } } };
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
