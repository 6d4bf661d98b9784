// The provider side of the soak: new athletes registering and connecting Strava (a small spike, under Strava's
// real default budget), new activities arriving by Strava's push events, Garmin's pings and Polar's signed
// notifications, Stripe checkouts paid (the signed webhooks follow), and one account deleted mid-run.
import pg from 'pg';
import type { Stack } from '../../scripts/lib/stack.ts';
import { BENCH_PASSWORD, createUsers, login } from '../users.ts';
import { jsonHeaders } from './actors.ts';
import type { Recorder } from './recorder.ts';
import type { Tally } from './tally.ts';

// The wrangler.toml dev values the worker verifies Polar's signatures with.
const POLAR = {
  clientId: '7e5a1c2d-90b4-4f7e-a1d3-5c0ffee0a11c',
  clientSecret: 'polar-sandbox-secret-dev-only',
  secret: 'polar-sandbox-webhook-secret-dev-only',
};

class ProviderPageDown extends Error {}

/** The provider's consent page approved at once (the sandboxes' test shortcut), back through our callback. */
export async function oauthConnect(stack: Stack, cookie: string, provider: 'strava' | 'garmin' | 'polar', userParam: [string, number]) {
  const start = await fetch(`${stack.workerUrl}/api/v1/connections/${provider}/authorize`, { headers: { cookie }, redirect: 'manual' });
  await start.body?.cancel();
  const consent = new URL(start.headers.get('location') ?? '');
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set(userParam[0], String(userParam[1]));
  const back = await fetch(consent, { redirect: 'manual' });
  await back.body?.cancel();
  // The provider's own page failing (its outage injected): the athlete never reaches us; tried again later.
  if (back.status >= 500) throw new ProviderPageDown(`${provider} consent page answered ${back.status}`);
  const callback = new URL(back.headers.get('location') ?? '');
  const done = await fetch(`${stack.workerUrl}${callback.pathname}${callback.search}`, { headers: { cookie }, redirect: 'manual' });
  await done.body?.cancel();
  const to = done.headers.get('location') ?? '';
  if (!to.includes(`connected=${provider}`)) throw new Error(`${provider} connect ended at ${to || done.status}`);
}

const control = async (stack: Stack, path: string, body: unknown) => {
  const res = await fetch(`${stack.sandboxUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
};

export async function registerPolarWebhook(stack: Stack): Promise<void> {
  // What an operator does once per deployment (scripts/polar-webhook.ts), straight to AccessLink's API.
  stack.sandbox.polar.configure({ signatureSecret: POLAR.secret });
  const res = await fetch(`${stack.sandboxUrl}/polar/accesslink/v3/webhooks`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${POLAR.clientId}:${POLAR.clientSecret}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ events: ['EXERCISE'], url: `${stack.workerUrl}/webhooks/polar` }),
  });
  await res.body?.cancel();
  if (res.status !== 201 && res.status !== 409) throw new Error(`soak: the Polar webhook answered ${res.status}`);
}

export function providerActions(stack: Stack, rec: Recorder, tally: Tally) {
  let next = 0;
  const firstUser = 40_000 + Math.floor(Math.random() * 1_000) * 100;

  async function newAthlete(tag: string) {
    const [email] = await createUsers(stack.databaseUrl, 1, tag);
    const cookie = await login(stack.workerUrl, stack.appUrl, email!);
    const me = (await (await fetch(`${stack.workerUrl}/api/v1/me`, { headers: { cookie } })).json()) as {
      user?: { id: string };
      id?: string;
    };
    return { email: email!, cookie, userId: me.user?.id ?? me.id ?? '' };
  }

  /** Registers through the sign-up form's API with the demo invite, then connects Strava. */
  async function signupAndConnectStrava() {
    const email = `soak-signup-${Date.now()}-${next}@bench.cadence.test`;
    const reg = await rec.call('api-write', `${stack.workerUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: stack.appUrl,
        'cf-connecting-ip': `10.7.${next % 250}.${Math.floor(Math.random() * 250)}`,
      },
      body: JSON.stringify({ email, password: BENCH_PASSWORD, inviteCode: stack.seed!.inviteCode, displayName: 'Soak Signup' }),
    });
    if (reg.status !== 201 || !reg.res) return;
    tally.signups++;
    const cookie = reg.res.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const userId = (JSON.parse(reg.text) as { user: { id: string } }).user.id;
    const athleteId = firstUser + next++;
    const started = Date.now();
    try {
      await oauthConnect(stack, cookie, 'strava', ['athlete_id', athleteId]);
      rec.note('connect', started, 200, true, '/api/v1/connections/strava/callback');
      tally.strava.push({ userId, athleteId, added: 0 });
    } catch (err) {
      if (err instanceof ProviderPageDown) {
        tally.connectsStoppedAtProvider++;
        return;
      }
      rec.note(
        'connect',
        started,
        err instanceof Error ? err.message.slice(0, 60) : 'failed',
        false,
        '/api/v1/connections/strava/callback',
      );
    }
  }

  /** A new activity on Strava, announced by its push event to our webhook. */
  async function stravaActivity() {
    const athlete = tally.strava[Math.floor(Math.random() * tally.strava.length)];
    if (!athlete) return;
    const added = await control(stack, `/strava/_control/athletes/${athlete.athleteId}/activities`, {
      type: 'Run',
      distance: 6000,
      moving_time: 1800,
    });
    athlete.added++;
    const started = Date.now();
    const event = { object_type: 'activity', object_id: Number(added.id), aspect_type: 'create', owner_id: athlete.athleteId };
    const push = await control(stack, '/strava/_control/webhooks/push', { callbackUrl: `${stack.workerUrl}/webhooks/strava`, event });
    // Strava delivers at least once: a fifth of the events arrive twice (the reconciliation finds one activity).
    if (Math.random() < 0.2)
      await control(stack, '/strava/_control/webhooks/push', { callbackUrl: `${stack.workerUrl}/webhooks/strava`, event });
    // Strava wants a 200 within 2 s, else it retries the event: a late 200 is counted as `late`.
    const status = Number(push.status ?? 0);
    rec.note('webhook', started, status === 200 && push.ok !== true ? 'late (over 2 s)' : status, push.ok === true, '/webhooks/strava');
  }

  async function connectGarmin() {
    const a = await newAthlete('soak-garmin');
    const user = firstUser + 50 + next++;
    await oauthConnect(stack, a.cookie, 'garmin', ['user', user]);
    tally.garmin.push({ userId: a.userId, user, activityIds: [] });
  }

  async function garminActivity() {
    const g = tally.garmin[Math.floor(Math.random() * tally.garmin.length)];
    if (!g) return;
    const started = Date.now();
    // Each a day further back: one athlete's sessions never overlap (they would be linked as one effort).
    const startTime = new Date(Date.now() - (g.activityIds.length + 1) * 86_400_000).toISOString();
    const r = (await control(stack, `/garmin/_control/users/${g.user}/activities`, {
      sport: 'Run',
      name: 'Soak',
      distance: 7000,
      startTime,
    })) as {
      activity: { activityId: number };
      delivery: { status: number | null } | null;
    };
    g.activityIds.push(String(r.activity.activityId));
    rec.note('webhook', started, r.delivery?.status ?? 0, r.delivery?.status === 200, '/webhooks/garmin');
  }

  async function connectPolar() {
    const a = await newAthlete('soak-polar');
    const user = firstUser + 80 + next++;
    await oauthConnect(stack, a.cookie, 'polar', ['user_id', user]);
    tally.polar.push({ userId: a.userId, user, added: 0 });
  }

  async function polarExercise() {
    const p = tally.polar[Math.floor(Math.random() * tally.polar.length)];
    if (!p) return;
    const started = Date.now();
    const startTime = new Date(Date.now() - (p.added + 1) * 86_400_000).toISOString();
    const r = (await control(stack, `/polar/_control/users/${p.user}/exercises`, {
      sport: 'Run',
      distance: 5000,
      moving_time: 1500,
      start_time: startTime,
    })) as {
      delivery: { status: number | null } | null;
    };
    p.added++;
    rec.note('webhook', started, r.delivery?.status ?? 0, r.delivery?.status === 200, '/webhooks/polar');
  }

  /** Checkout for Elite, paid on Stripe's hosted page (the sandbox's control), its webhooks delivered. */
  async function checkout() {
    const a = await newAthlete('soak-pay');
    const res = await rec.call('api-write', `${stack.workerUrl}/api/v1/membership/checkout`, {
      method: 'POST',
      headers: jsonHeaders(stack, a.cookie),
      body: JSON.stringify({ tier: 'elite', interval: 'month' }),
    });
    if (res.status !== 200 && res.status !== 201) return;
    const url = (JSON.parse(res.text) as { url: string }).url;
    const sessionId = /cs_test_[A-Za-z0-9]+/.exec(url)?.[0];
    if (!sessionId) return;
    const started = Date.now();
    const paid = await fetch(`${stack.sandboxUrl}/stripe/_control/checkout/${sessionId}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await paid.body?.cancel();
    rec.note('webhook', started, paid.status, paid.ok, '/webhooks/stripe');
    if (paid.ok) tally.checkouts.push({ userId: a.userId, sessionId });
  }

  /** An account with some data, deleted (password and the word DELETE, as the settings page asks). */
  async function deletion() {
    const a = await newAthlete('soak-delete');
    const res = await rec.call('api-write', `${stack.workerUrl}/api/v1/me/deletion`, {
      method: 'POST',
      headers: jsonHeaders(stack, a.cookie),
      body: JSON.stringify({ password: BENCH_PASSWORD, confirm: 'DELETE' }),
    });
    if (res.status !== 202) return;
    // Accepted: the reconciliation looks for the account gone and its one receipt.
    tally.deletions.push({ userId: a.userId, requestId: (JSON.parse(res.text) as { requestId?: string | null }).requestId ?? null });
    // The account waits out its seven-day grace before anything is erased; the soak moves that day to now (as
    // the clock would) so the deletion itself runs inside the soak, from the scheduler's own tick.
    const db = new pg.Client({ connectionString: stack.databaseUrl });
    db.on('error', () => {});
    await db.connect();
    try {
      await db.query(`update privacy_requests set run_after = now() where user_id = $1 and kind = 'deletion' and status = 'queued'`, [
        a.userId,
      ]);
    } finally {
      await db.end();
    }
  }

  return { signupAndConnectStrava, stravaActivity, connectGarmin, garminActivity, connectPolar, polarExercise, checkout, deletion };
}
