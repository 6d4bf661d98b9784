// The Strava sandbox's athlete worlds, over HTTP: time run fast, a clock set back, tight rate limits or a short
// history given to one athlete change nothing for another, who keeps the sandbox's own. The sandbox is shared by
// every test file of a run, so this is what lets a test bend Strava's time without reaching a neighbour's.
// Plain Node: the sandbox alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../../../scripts/sandbox/server.ts';

let sandbox: RunningSandbox;
const APP = { client_id: '12345', client_secret: 'sandbox-secret' };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, strava: { activitiesPerAthlete: 5 } });
});
afterAll(() => sandbox.stop());

const control = async <T = Record<string, unknown>>(path: string, body: unknown): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${sandbox.url}/strava/_control/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
};

type Tokens = { access_token: string; refresh_token: string; expires_at: number; expires_in: number };

/** Consent approved for the athlete, and the code exchanged: their first tokens. */
async function connect(athleteId: number): Promise<Tokens> {
  const url = new URL(`${sandbox.url}/strava/oauth/authorize`);
  url.search = new URLSearchParams({
    client_id: APP.client_id,
    redirect_uri: 'http://127.0.0.1:9/callback',
    response_type: 'code',
    scope: 'read,activity:read_all',
    state: 's',
    auto: 'approve',
    athlete_id: String(athleteId),
  }).toString();
  const code = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
  const res = await fetch(`${sandbox.url}/strava/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...APP, grant_type: 'authorization_code', code }),
  });
  return (await res.json()) as Tokens;
}

const list = (t: Tokens) =>
  fetch(`${sandbox.url}/strava/api/v3/athlete/activities?per_page=200`, { headers: { authorization: `Bearer ${t.access_token}` } });

const athlete = (id: number) => sandbox.strava.state().athletes.find((a) => a.id === id)!;

describe('Strava sandbox: an athlete’s own world', () => {
  it('runs one athlete’s time fast and back without moving another’s tokens or activities', async () => {
    const [fast, calm] = [201, 202];
    expect((await control(`athletes/${fast}/config`, { timeScale: 3600, activitiesPerAthlete: 2 })).status).toBe(200);
    const [fastTokens, calmTokens] = [await connect(fast), await connect(calm)];
    // Six sandbox hours of token: six real seconds in the fast world, six hours in the sandbox's.
    expect(fastTokens.expires_in).toBeLessThanOrEqual(6);
    expect(calmTokens.expires_in).toBeGreaterThan(6 * 3600 - 60);
    await expect.poll(() => athlete(fast).activeTokens, { timeout: 15_000, interval: 100 }).toBe(0);
    expect(athlete(calm).activeTokens).toBe(1);
    expect((await list(fastTokens)).status).toBe(401);
    const calmList = await list(calmTokens);
    expect(calmList.status).toBe(200);
    expect(await calmList.json()).toHaveLength(5);

    // A day back on the calm athlete's own clock: their token has a day more to live; the sandbox's time is untouched.
    const before = sandbox.strava.state().sandboxTime;
    const back = await control<{ sandboxTime: string }>(`athletes/${calm}/clock`, { now: new Date(Date.now() - 86_400_000).toISOString() });
    expect(Date.parse(back.body.sandboxTime)).toBeLessThan(Date.now() - 86_000_000);
    expect(Math.abs(Date.parse(sandbox.strava.state().sandboxTime) - Date.parse(before))).toBeLessThan(60_000);
    expect(sandbox.strava.state().config).toMatchObject({ timeScale: 1, activitiesPerAthlete: 5 });
    expect(athlete(fast).world).toMatchObject({ timeScale: 3600, activitiesPerAthlete: 2 });
  });

  it('spends one athlete’s rate window without limiting another', async () => {
    const [tight, free] = [203, 204];
    await control(`athletes/${tight}/config`, { limits: { readShortLimit: 1 } });
    const [tightTokens, freeTokens] = [await connect(tight), await connect(free)];
    expect((await list(tightTokens)).status).toBe(200);
    const refused = await list(tightTokens);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-readratelimit-limit')).toBe('1,1000');
    for (let i = 0; i < 3; i++) expect((await list(freeTokens)).status).toBe(200);
  });

  it('takes only the settings of an athlete’s world; the app’s stay with POST config', async () => {
    const res = await control<{ error: string }>('athletes/205/config', { clientId: 'other', timeScale: 2 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/clientId is the whole sandbox's/);
    expect((await control('athletes/205/config', { timeScale: 0 })).status).toBe(400);
    expect((await control('athletes/205/clock', {})).status).toBe(400);
  });
});
