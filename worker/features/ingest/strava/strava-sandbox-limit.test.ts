// The Strava sandbox's athlete limit and revocations, over HTTP as the worker meets them: a full app's consent
// ends on Strava's 403 page (no redirect), a code issued before the app filled is refused at the exchange, an
// athlete already connected re-authorizes freely, and a revocation frees the slot. Plain Node: the sandbox alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../../../scripts/sandbox/server.ts';

let sandbox: RunningSandbox;
const REDIRECT = 'http://127.0.0.1:9/callback';
const APP = { clientId: 'limit-app', clientSecret: 'limit-secret' };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.stop());

const control = async (path: string, body: unknown) =>
  fetch(`${sandbox.url}/strava/_control/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** The consent page, approved at once for `athleteId`: the redirect's code, or Strava's answer when there is none. */
async function approve(athleteId: number): Promise<{ code: string | null; res: Response }> {
  const url = new URL(`${sandbox.url}/strava/oauth/authorize`);
  url.search = new URLSearchParams({
    client_id: APP.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'read,activity:read_all',
    state: 's',
    auto: 'approve',
    athlete_id: String(athleteId),
  }).toString();
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  return { code: location ? new URL(location).searchParams.get('code') : null, res };
}

const exchange = (code: string) =>
  fetch(`${sandbox.url}/strava/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...{ client_id: APP.clientId, client_secret: APP.clientSecret }, grant_type: 'authorization_code', code }),
  });

const appState = () => sandbox.strava.state().apps.find((a) => a.clientId === APP.clientId);

describe('Strava sandbox: the athlete limit', () => {
  it('refuses a new athlete on its consent page once full, and at the exchange for a code issued before it filled', async () => {
    expect((await control('apps', { ...APP, athleteLimit: 2 })).status).toBe(200);
    const early = await approve(71); // a code while there is room, redeemed last
    const first = await approve(72);
    const second = await approve(73);
    expect((await exchange(first.code!)).status).toBe(200);
    expect((await exchange(second.code!)).status).toBe(200);
    expect(appState()).toEqual({ clientId: APP.clientId, athleteLimit: 2, connected: 2 });

    const refused = await exchange(early.code!);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      message: 'Limit of connected athletes exceeded',
      errors: [{ resource: 'Application', field: 'connected athletes', code: 'exceeded' }],
    });

    const page = await approve(74);
    expect(page.code).toBeNull();
    expect(page.res.status).toBe(403);
    expect(page.res.headers.get('content-type')).toContain('text/html');
    expect(await page.res.text()).toContain('Error 403: Limit of connected athletes exceeded');

    // A connected athlete coming back takes no new slot.
    const again = await approve(72);
    expect((await exchange(again.code!)).status).toBe(200);
    expect(appState()?.connected).toBe(2);
  });

  it('records each revocation with the token presented, and a revocation frees the slot', async () => {
    await control('apps', { ...APP, athleteLimit: 1 });
    await control('athletes/73/deauthorize', { clientId: APP.clientId, notify: false });
    await control('athletes/72/deauthorize', { clientId: APP.clientId, notify: false });
    const { code } = await approve(75);
    const tokens = (await (await exchange(code!)).json()) as { access_token: string };
    const revoked = await fetch(`${sandbox.url}/strava/oauth/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(revoked.status).toBe(200);
    const athlete = sandbox.strava.state().athletes.find((a) => a.id === 75);
    expect(athlete?.revocations).toEqual([
      { clientId: APP.clientId, endpoint: '/oauth/revoke', at: expect.any(String), tokenIssuedBy: 'authorization_code' },
    ]);
    expect(athlete?.refreshTokens).toBe(0);
    expect(appState()?.connected).toBe(0);
    // Room again for a new athlete, with a code only the app it was issued to can redeem.
    const wrongApp = await fetch(`${sandbox.url}/strava/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: '12345',
        client_secret: 'sandbox-secret',
        grant_type: 'authorization_code',
        code: (await approve(76)).code!,
      }),
    });
    expect(wrongApp.status).toBe(400);
    expect((await exchange((await approve(76)).code!)).status).toBe(200);
    expect(appState()?.connected).toBe(1);
  });
});
