// `npm run dev` connects the demo athlete to the Garmin Connect sandbox through the real OAuth flow (PKCE
// included). The backfill Cadence asks for on connect brings her recent two weeks as the original FIT files
// (the sandbox serves them from where her Garmin export ends, `historyStart`), so her AI coach and her coach see
// her whole history; Strava's copies of the same sessions are linked to them, never counted twice.
import { DEMO_ATHLETE_ID, demoLogin } from './demo-strava.ts';
import type { Stack } from './stack.ts';

/** The Garmin sandbox user of the demo athlete: the same generated history as her Strava athlete and her export. */
export const DEMO_GARMIN_USER = DEMO_ATHLETE_ID;

export async function connectDemoGarmin(stack: Stack, login: { email: string; password: string }): Promise<'connected' | 'already'> {
  const base = stack.workerUrl;
  const cookie = await demoLogin(stack, login);
  const status = (await (await fetch(`${base}/api/v1/ingestion`, { headers: { cookie } })).json()) as {
    doors?: { provider: string; connected: boolean }[];
  };
  if (status.doors?.find((d) => d.provider === 'garmin')?.connected) return 'already';

  const start = await fetch(`${base}/api/v1/connections/garmin/authorize`, { headers: { cookie }, redirect: 'manual' });
  const consent = new URL(start.headers.get('location') ?? '');
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set('user', String(DEMO_GARMIN_USER));
  const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '');
  const done = await fetch(`${base}${back.pathname}${back.search}`, { headers: { cookie }, redirect: 'manual' });
  await done.body?.cancel();
  if (done.headers.get('location') !== '/settings/data?connected=garmin') throw new Error('demo Garmin connect did not complete');
  return 'connected';
}
