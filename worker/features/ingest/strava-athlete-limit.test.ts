// Strava's athlete limit met calmly, and revocation one setting away from Strava's announced endpoint. Each test
// runs the worker as a Strava app of its own in the sandbox (its own client id and athlete limit), so filling it
// refuses no one else on the shared sandbox; the brake is on in this file's database, so connecting fetches nothing.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import worker from '../../index';
import { providerConnections, systemFlags } from '../../db/schema';
import { type Call, Harness, ORIGIN } from '../../testing/harness';
import { control, newAthleteId } from '../../testing/strava';

/** A Strava app of this test's own, registered in the sandbox with `athleteLimit`; the worker's settings for it. */
async function stravaApp(athleteLimit: number | null) {
  const clientId = `limit-${crypto.randomUUID().slice(0, 8)}`;
  await control('apps', { body: { clientId, clientSecret: 'limit-secret', athleteLimit } });
  return { STRAVA_CLIENT_ID: clientId, STRAVA_CLIENT_SECRET: 'limit-secret' };
}

/** The real fetch handler with some settings changed, as the harness calls it otherwise. */
async function callWith(h: Harness, settings: Record<string, string>, path: string, init: Call = {}): Promise<Response> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { host: 'cadence.test', 'cf-connecting-ip': h.ip };
  if (method !== 'GET') headers.origin = ORIGIN;
  if (init.cookie) headers.cookie = init.cookie;
  const ctx = createExecutionContext();
  const request = new Request(`${ORIGIN}${path}`, { method, headers, redirect: 'manual' }) as Parameters<typeof worker.fetch>[0];
  const res = await worker.fetch(request, { ...env, ...settings }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/**
 * Our redirect to Strava (connect, or `startPath` such as sign-up), then the sandbox's consent approved for
 * `athleteId`: the callback path, not yet called.
 */
async function approvedAtStrava(
  h: Harness,
  settings: Record<string, string>,
  cookie: string | null,
  athleteId: number,
  startPath = '/api/v1/connections/strava/authorize',
): Promise<string> {
  const start = await callWith(h, settings, startPath, { cookie });
  const consent = new URL(start.headers.get('location') ?? '');
  expect(consent.protocol).toBe('http:');
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set('athlete_id', String(athleteId));
  const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '');
  expect(back.searchParams.get('code')).toBeTruthy();
  return back.pathname + back.search;
}

const appState = async (clientId: string) =>
  (await control<{ apps: { clientId: string; connected: number }[] }>('state')).apps.find((a) => a.clientId === clientId);
const ourCount = async (h: Harness) =>
  (await h.db.select({ n: sql<number>`count(*)::int` }).from(providerConnections).where(eq(providerConnections.provider, 'strava')))[0]!.n;
const brakeOn = (h: Harness) => h.db.insert(systemFlags).values({ key: 'ingestion_paused', value: true }).onConflictDoNothing();

describe('Strava’s athlete limit, met calmly', () => {
  it('Strava refuses at the exchange: the athlete lands on the explanation with the other doors, nothing connected', async () => {
    const h = Harness.init();
    await brakeOn(h);
    const app = await stravaApp(1);
    const first = await h.signup();
    const second = await h.signup();
    // All on Strava's consent page while the app has its one place free; the first to come back takes it.
    const firstBack = await approvedAtStrava(h, app, first.cookie, newAthleteId());
    const secondBack = await approvedAtStrava(h, app, second.cookie, newAthleteId());
    const invite = await h.createInvite();
    const newcomerBack = await approvedAtStrava(h, app, null, newAthleteId(), `/api/v1/connections/strava/signup?invite=${invite}`);
    expect((await callWith(h, app, firstBack, { cookie: first.cookie })).headers.get('location')).toBe('/home?connected=strava');
    const refused = await callWith(h, app, secondBack, { cookie: second.cookie });
    expect(refused.status).toBe(302);
    expect(refused.headers.get('location')).toBe('/strava/full?by=strava');
    expect(await h.db.select().from(providerConnections).where(eq(providerConnections.userId, second.user.id))).toEqual([]);
    // Signing up with Strava ends on the public page, the invite kept for signing up by email.
    const signup = await callWith(h, app, newcomerBack);
    expect(signup.headers.get('location')).toBe(`/signup/strava-full?by=strava&invite=${invite}`);
    expect(signup.headers.getSetCookie()).toEqual([]);
    expect((await appState(app.STRAVA_CLIENT_ID))?.connected).toBe(1);

    const page = await h.call('/strava/full?by=strava', { cookie: second.cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Strava has no room for another athlete on Cadence right now');
    expect(html).toContain('Strava turned the connection down');
    expect(html).toContain('Request archive');
    expect(html).toContain('href="/settings/data#files"');
    expect(html).toContain('Garmin Connect and Polar Flow');
    expect(html).toContain('href="/settings/data"');
  });

  it('at our own limit a new athlete is not sent to Strava (connect or sign up); one reconnecting is; Ops Pulse shows it', async () => {
    const h = Harness.init();
    await brakeOn(h);
    const app = await stravaApp(null);
    const connected = await h.signup();
    expect(
      (await callWith(h, app, await approvedAtStrava(h, app, connected.cookie, newAthleteId()), { cookie: connected.cookie })).status,
    ).toBe(302);
    const full = { ...app, STRAVA_ATHLETE_LIMIT: String(await ourCount(h)) };

    const newcomer = await h.signup();
    const turnedAway = await callWith(h, full, '/api/v1/connections/strava/authorize', { cookie: newcomer.cookie });
    expect(turnedAway.headers.get('location')).toBe('/strava/full?by=cadence');
    const back = await callWith(h, full, '/api/v1/connections/strava/authorize', { cookie: connected.cookie });
    expect(new URL(back.headers.get('location') ?? '/', ORIGIN).origin).not.toBe(ORIGIN);
    const invite = await h.createInvite();
    const signup = await callWith(h, full, `/api/v1/connections/strava/signup?invite=${invite}`);
    expect(signup.headers.get('location')).toBe(`/signup/strava-full?by=cadence&invite=${invite}`);
    const signupPage = await (await h.call(`/signup/strava-full?by=cadence&invite=${invite}`)).text();
    expect(signupPage).toContain('We stopped before sending you to Strava');
    expect(signupPage).toContain(`href="/signup?invite=${invite}"`);

    const admin = await h.userWithRole('admin', ['ops.read']);
    const pulse = async (limit: string) =>
      (await (await callWith(h, { ...app, STRAVA_ATHLETE_LIMIT: limit }, '/api/v1/admin/ops/pulse', { cookie: admin.cookie })).json()) as {
        stravaAthletes: unknown;
      };
    const n = await ourCount(h);
    expect((await pulse(String(n))).stravaAthletes).toEqual({ connected: n, limit: n, remaining: 0, state: 'full' });
    expect((await pulse(String(n + 1))).stravaAthletes).toEqual({ connected: n, limit: n + 1, remaining: 1, state: 'near' });
    expect((await pulse(String(n + 10))).stravaAthletes).toMatchObject({ remaining: 10, state: 'open' });
    const pulsePage = (
      await (await callWith(h, { ...app, STRAVA_ATHLETE_LIMIT: String(n + 1) }, '/admin/pulse', { cookie: admin.cookie })).text()
    )
      // React separates adjacent text with comments.
      .replaceAll('<!-- -->', '');
    expect(pulsePage).toContain('Strava athletes');
    expect(pulsePage).toContain('Nearly full: ask Strava for more');
    expect(pulsePage).toContain(`Connected: ${n} / ${n + 1}`);
  });

  it('revoking goes to oauth/revoke when STRAVA_REVOKE_URL says so, with the athlete’s token, and frees their place', async () => {
    const h = Harness.init();
    await brakeOn(h);
    const app = await stravaApp(1);
    const me = await h.signup();
    const athleteId = newAthleteId();
    await callWith(h, app, await approvedAtStrava(h, app, me.cookie, athleteId), { cookie: me.cookie });
    expect((await appState(app.STRAVA_CLIENT_ID))?.connected).toBe(1);
    const successor = { ...app, STRAVA_REVOKE_URL: new URL('revoke', env.STRAVA_OAUTH_URL).toString() };
    const gone = await callWith(h, successor, '/api/v1/connections/strava', { method: 'DELETE', cookie: me.cookie });
    expect(gone.status).toBe(200);
    expect(await gone.json()).toEqual({ removedActivities: 0, keptActivities: 0 });
    const { athletes } = await control<{ athletes: { id: number; revocations: unknown[] }[] }>('state');
    expect(athletes.find((a) => a.id === athleteId)?.revocations).toEqual([
      { clientId: app.STRAVA_CLIENT_ID, endpoint: '/oauth/revoke', at: expect.any(String), tokenIssuedBy: 'authorization_code' },
    ]);
    // The place is free again at Strava: the next athlete connects.
    expect((await appState(app.STRAVA_CLIENT_ID))?.connected).toBe(0);
    const next = await h.signup();
    expect(
      (await callWith(h, app, await approvedAtStrava(h, app, next.cookie, newAthleteId()), { cookie: next.cookie })).headers.get(
        'location',
      ),
    ).toBe('/home?connected=strava');
  });
});
