// /garmin/_control: JSON endpoints for tests, benchmarks and `npm run dev` — state and config, the outbox of
// pings that had nowhere to go, "a session was just recorded", the athlete leaving on Garmin's side, a change
// of permissions, expired tokens, failures and rate limits on demand, and forged deliveries.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadJson, json, loopbackUrl, readJsonObject } from '../strava/common.ts';
import type { Sport } from '../strava/generator.ts';
import { healthControl } from './health.ts';
import { fileEntry, send, sendDeregistration, sendFiles, sendPermissions } from './notify.ts';
import { type FailEndpoint, type GarminOptions, type GarminState, garminActivityId, MAX_USER, PERMISSIONS } from './state.ts';

const PREFIX = '/garmin/_control/';
const fail = (res: ServerResponse, status: number, error: string) => json(res, status, { error });
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const ENDPOINTS: FailEndpoint[] = [
  'token',
  'user',
  'permissions',
  'registration',
  'backfill',
  'activityFile',
  'health',
  'training',
  'courses',
];

function configPatch(b: Record<string, unknown>): GarminOptions | string {
  const patch: GarminOptions = {};
  if (b.webhookUrl !== undefined) {
    if (b.webhookUrl === null) patch.webhookUrl = null;
    else {
      const url = loopbackUrl(b.webhookUrl);
      if (!url) return 'webhookUrl must be null or an http(s) URL on 127.0.0.1, localhost or [::1]';
      patch.webhookUrl = url.toString();
    }
  }
  for (const k of ['historyEnd', 'historyStart'] as const) {
    const v = b[k];
    if (v === undefined) continue;
    if (v === null && k === 'historyStart') patch.historyStart = null;
    else if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) patch[k] = new Date(v).toISOString();
    else return `${k} must be an ISO date${k === 'historyStart' ? ' or null' : ''}`;
  }
  const ints: [keyof GarminOptions, unknown, number, number][] = [
    ['activitiesPerUser', b.activitiesPerUser, 0, 5000],
    ['accessTtlSeconds', b.accessTtlSeconds, 1, 86_400 * 30],
    ['backfillDaysPerMinute', b.backfillDaysPerMinute, 1, 1_000_000],
    ['deliveryAttempts', b.deliveryAttempts, 1, 20],
  ];
  for (const [k, v, min, max] of ints) {
    if (v === undefined) continue;
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) return `${k} must be an integer ${min}..${max}`;
    (patch as Record<string, unknown>)[k] = v;
  }
  if (b.rateLimitPerMinute !== undefined) {
    if (b.rateLimitPerMinute !== null && !(Number.isInteger(b.rateLimitPerMinute) && (b.rateLimitPerMinute as number) >= 0))
      return 'rateLimitPerMinute must be null or a non-negative integer';
    patch.rateLimitPerMinute = b.rateLimitPerMinute as number | null;
  }
  if (typeof b.clientId === 'string' && b.clientId) patch.clientId = b.clientId;
  if (typeof b.clientSecret === 'string' && b.clientSecret) patch.clientSecret = b.clientSecret;
  return patch;
}

async function userRoutes(s: GarminState, req: IncomingMessage, res: ServerResponse, parts: string[]): Promise<void> {
  const n = Number(parts[1]);
  if (!/^\d+$/.test(parts[1] ?? '') || n < 1 || n > MAX_USER) return fail(res, 400, `user must be 1..${MAX_USER}`);
  const sub = parts.slice(2).join('/');
  const u = s.user(n);
  if (req.method === 'GET' && sub === '') {
    const activities = s.activities(n).map((a) => ({
      activityId: garminActivityId(a),
      name: a.name,
      sport: a.plan.sport,
      startTimeInSeconds: Math.floor(a.startMs / 1000),
      distanceInMeters: a.distance,
      durationInSeconds: a.elapsedTime,
      deviceName: a.deviceName,
    }));
    return json(res, 200, { userId: u.userId, registered: u.registered, permissions: u.permissions, activities });
  }
  if (req.method === 'GET' && sub === 'training') {
    // What the user has in Garmin Connect from the Training API: workouts as stored, and the calendar.
    const workouts = [...s.workouts.entries()].filter(([, w]) => w.user === n).map(([, w]) => w.workout);
    const schedules = [...s.schedules.values()].filter((x) => x.user === n).map(({ user: _u, ...x }) => x);
    return json(res, 200, { userId: u.userId, workouts, schedules });
  }
  if (req.method === 'GET' && sub === 'courses') {
    // What the user has in Garmin Connect from the Courses API (ADR 101), as stored.
    return json(res, 200, { userId: u.userId, courses: [...s.courses.values()].filter((c) => c.user === n).map((c) => c.course) });
  }
  const file = /^activities\/(\d+)\/file$/.exec(sub);
  if (req.method === 'GET' && file) {
    // The original file, without tokens: what a test uploads as the athlete's own copy of the same session.
    const a = s.findActivity(n, Number(file[1]));
    if (!a) return fail(res, 404, 'no such activity');
    const bytes = s.fit(a);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) });
    res.end(bytes);
    return;
  }
  if (req.method !== 'POST') return fail(res, 404, 'no such control route');
  const b = await readJsonObject(req);
  if (sub === 'activities') {
    const sport = b.sport === undefined ? 'Run' : b.sport;
    if (sport !== 'Run' && sport !== 'Ride' && sport !== 'Swim') return fail(res, 400, 'sport must be Run, Ride or Swim');
    if (b.distance !== undefined && !(num(b.distance)! > 0)) return fail(res, 400, 'distance must be metres > 0');
    if (b.movingTime !== undefined && !(num(b.movingTime)! >= 60)) return fail(res, 400, 'movingTime must be seconds ≥ 60');
    if (b.startTime !== undefined && (typeof b.startTime !== 'string' || Number.isNaN(Date.parse(b.startTime))))
      return fail(res, 400, 'startTime must be an ISO date');
    const a = s.record(n, {
      sport: sport as Sport,
      distance: num(b.distance),
      movingTime: num(b.movingTime),
      name: typeof b.name === 'string' ? b.name.slice(0, 200) : undefined,
      startMs: typeof b.startTime === 'string' ? Date.parse(b.startTime) : undefined,
    });
    // A registered user's device sync makes a ping; `notify: false` records the session only.
    const notify = b.notify !== false && u.registered;
    const delivery = notify ? (await sendFiles(s, n, [a]))[0] : null;
    return json(res, 201, {
      activity: {
        activityId: garminActivityId(a),
        name: a.name,
        startTimeInSeconds: Math.floor(a.startMs / 1000),
        distanceInMeters: a.distance,
      },
      delivery,
    });
  }
  if (sub === 'ping') {
    // Pings for sessions already recorded (ids), e.g. a resend; each gets a fresh callback URL.
    const ids = Array.isArray(b.activityIds) ? b.activityIds.filter((x): x is number => Number.isSafeInteger(x)) : [];
    const sessions = ids.map((id) => s.findActivity(n, id)).filter((a) => a !== undefined);
    if (!sessions.length) return fail(res, 404, 'no such activities');
    return json(res, 200, { notification: { activityFiles: sessions.map((a) => fileEntry(s, n, a)) } });
  }
  if (sub === 'deregister') {
    // The athlete removes the app in Garmin Connect: tokens die and the app is told.
    s.deregister(n, 'user');
    const delivery = b.notify === false ? null : await sendDeregistration(s, n);
    return json(res, 200, { userId: u.userId, delivery });
  }
  if (sub === 'permissions') {
    const perms = Array.isArray(b.permissions) ? b.permissions.filter((p): p is string => PERMISSIONS.includes(p as never)) : null;
    if (!perms) return fail(res, 400, `permissions must be a list of ${PERMISSIONS.join(', ')}`);
    u.permissions = perms;
    return json(res, 200, { userId: u.userId, delivery: await sendPermissions(s, n) });
  }
  if (sub.startsWith('health/')) {
    const r = await healthControl(s, n, sub.slice('health/'.length), b);
    return json(res, r.status, r.body);
  }
  if (sub === 'expire-tokens') return json(res, 200, { expired: s.expireTokens(n) });
  if (sub === 'backfill-hold') {
    // `{ hold: true }` keeps the user's backfill pings back (Garmin's delay); `{ hold: false }` sends what was held.
    if (typeof b.hold !== 'boolean') return fail(res, 400, 'hold must be true or false');
    if (b.hold) {
      u.heldBackfill ??= [];
      return json(res, 200, { held: u.heldBackfill.length, deliveries: [] });
    }
    const held = u.heldBackfill ?? [];
    u.heldBackfill = null;
    return json(res, 200, { held: held.length, deliveries: held.length ? await sendFiles(s, n, held) : [] });
  }
  return fail(res, 404, 'no such control route');
}

export async function handleControl(s: GarminState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (!url.pathname.startsWith(PREFIX)) return false;
  const parts = url.pathname.slice(PREFIX.length).replace(/\/+$/, '').split('/');
  const route = `${req.method} ${parts[0] ?? ''}`;
  try {
    if (route === 'GET state') json(res, 200, s.snapshot());
    else if (route === 'POST config') {
      const patch = configPatch(await readJsonObject(req));
      if (typeof patch === 'string') fail(res, 400, patch);
      else {
        s.configure(patch);
        json(res, 200, s.snapshot().config);
      }
    } else if (route === 'POST reset') {
      s.reset();
      json(res, 200, { ok: true });
    } else if (route === 'POST outbox') {
      // Takes the pings that had nowhere to go (no webhook URL), for one Garmin user id or all.
      const b = await readJsonObject(req);
      json(res, 200, { notifications: s.takeOutbox(typeof b.userId === 'string' ? b.userId : undefined) });
    } else if (route === 'POST fail') {
      const b = await readJsonObject(req);
      const times = b.times === undefined ? 1 : b.times;
      if (!ENDPOINTS.includes(b.endpoint as FailEndpoint)) fail(res, 400, `endpoint must be one of ${ENDPOINTS.join(', ')}`);
      else if (!Number.isInteger(b.status) || (b.status as number) < 400 || (b.status as number) > 599)
        fail(res, 400, 'status must be 400..599');
      else if (!Number.isInteger(times) || (times as number) < 1) fail(res, 400, 'times must be a positive integer');
      else {
        s.fail({ endpoint: b.endpoint as FailEndpoint, status: b.status as number, times: times as number, retryAfter: num(b.retryAfter) });
        json(res, 200, { failures: s.failures });
      }
    } else if (route === 'POST notify') {
      // A delivery of any body, with or without our client id: how the app treats what Garmin did not send.
      const b = await readJsonObject(req);
      if (b.body === undefined) fail(res, 400, 'body is required');
      else {
        const clientId = b.clientId === null ? null : typeof b.clientId === 'string' ? b.clientId : undefined;
        json(res, 200, { delivery: await send(s, 'custom', [], b.body, { clientId }) });
      }
    } else if (parts[0] === 'users') await userRoutes(s, req, res, parts);
    else fail(res, 404, 'no such control route');
  } catch (err) {
    if (err instanceof BadJson) fail(res, 400, err.message);
    else throw err;
  }
  return true;
}
