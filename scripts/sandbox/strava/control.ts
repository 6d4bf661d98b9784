// /strava/_control: JSON endpoints for tests, benchmarks and `npm run dev` — inspect counters,
// change limits and time, edit athletes' activities, and play Strava's webhook calls to the app.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { athleteDetail, athleteProfile } from './athlete.ts';
import { BadJson, json, loopbackUrl, readJsonObject } from './common.ts';
import type { Sport } from './generator.ts';
import type { SandboxClock } from './ratelimit.ts';
import type { ActivityPatch, StravaApp } from './config.ts';
import { appsOf } from './snapshot.ts';
import type { StravaState } from './state.ts';
import { push, validateCallback } from './webhooks.ts';
import type { EventInput } from './webhooks.ts';
import { activitySummary } from './wire.ts';
import { archiveVariants, stravaArchiveZip } from '../strava-archive.ts';

const PREFIX = '/strava/_control';
const fail = (res: ServerResponse, status: number, error: string) => json(res, status, { error });
const LOOPBACK_ONLY = 'callbackUrl must be an http(s) URL on 127.0.0.1, localhost or [::1]';
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

const ATHLETE_LIMIT = 'athleteLimit must be an integer 0..1000000 or null (no limit)';
const athleteLimit = (v: unknown): number | null | undefined | 'invalid' =>
  v === undefined || v === null
    ? (v as undefined | null)
    : Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1_000_000
      ? (v as number)
      : 'invalid';

/** `POST apps`: another API application beside the config's, e.g. one a test fills to its athlete limit alone. */
function appInput(b: Record<string, unknown>): StravaApp | string {
  const clientId = str(b.clientId) ?? (num(b.clientId) !== undefined ? String(b.clientId) : undefined);
  if (!clientId || !/^[A-Za-z0-9_-]{1,40}$/.test(clientId)) return 'clientId must be 1..40 letters, digits, - or _';
  const clientSecret = str(b.clientSecret);
  if (!clientSecret) return 'clientSecret must be a non-empty string';
  const limit = athleteLimit(b.athleteLimit);
  if (limit === 'invalid') return ATHLETE_LIMIT;
  return { clientId, clientSecret, athleteLimit: limit ?? null };
}

function configPatch(b: Record<string, unknown>): Parameters<StravaState['configure']>[0] | string {
  const patch: Parameters<StravaState['configure']>[0] = {};
  const limits = (b.limits ?? {}) as Record<string, unknown>;
  for (const k of ['shortLimit', 'dailyLimit', 'readShortLimit', 'readDailyLimit'] as const) {
    const v = limits[k] ?? b[k];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || (v as number) < 0) return `${k} must be a non-negative integer`;
    patch.limits = { ...patch.limits, [k]: v as number };
  }
  // Beyond ×3600 a window lasts under a quarter of a second: too short to test anything with.
  if (b.timeScale !== undefined && !(num(b.timeScale)! > 0 && (b.timeScale as number) <= 3600))
    return 'timeScale must be a number in (0, 3600]';
  if (
    b.activitiesPerAthlete !== undefined &&
    !(Number.isInteger(b.activitiesPerAthlete) && (b.activitiesPerAthlete as number) >= 0 && (b.activitiesPerAthlete as number) <= 5000)
  ) {
    return 'activitiesPerAthlete must be an integer 0..5000';
  }
  if (b.historyEnd !== undefined && Number.isNaN(Date.parse(String(b.historyEnd)))) return 'historyEnd must be an ISO date';
  if (b.historyStart !== undefined && b.historyStart !== null && Number.isNaN(Date.parse(String(b.historyStart))))
    return 'historyStart must be an ISO date or null';
  const limit = athleteLimit(b.athleteLimit);
  if (limit === 'invalid') return ATHLETE_LIMIT;
  if (limit !== undefined) patch.athleteLimit = limit;
  if (b.timeScale !== undefined) patch.timeScale = b.timeScale as number;
  if (b.activitiesPerAthlete !== undefined) patch.activitiesPerAthlete = b.activitiesPerAthlete as number;
  if (b.historyEnd !== undefined) patch.historyEnd = new Date(String(b.historyEnd)).toISOString();
  if (b.historyStart !== undefined) patch.historyStart = b.historyStart === null ? null : new Date(String(b.historyStart)).toISOString();
  if (str(b.clientId) ?? num(b.clientId)) patch.clientId = String(b.clientId);
  if (str(b.clientSecret)) patch.clientSecret = b.clientSecret as string;
  if (typeof b.alignToWallClock === 'boolean') patch.alignToWallClock = b.alignToWallClock;
  return patch;
}

/** An athlete's own world takes the settings that shape time, windows and history; app-wide ones are refused. */
const WORLD_KEYS = new Set([
  'limits',
  'shortLimit',
  'dailyLimit',
  'readShortLimit',
  'readDailyLimit',
  'timeScale',
  'alignToWallClock',
  'activitiesPerAthlete',
  'historyEnd',
]);

function worldPatch(b: Record<string, unknown>): ReturnType<typeof configPatch> {
  const other = Object.keys(b).find((k) => !WORLD_KEYS.has(k));
  return other ? `${other} is the whole sandbox's: change it with POST config` : configPatch(b);
}

/** `POST clock`, for the sandbox's clock or an athlete's: an error message, or null when moved. */
function moveClock(clock: SandboxClock, b: Record<string, unknown>): string | null {
  if (num(b.advanceSeconds) !== undefined) clock.advance(b.advanceSeconds as number);
  else if (b.now !== undefined && !Number.isNaN(Date.parse(String(b.now)))) clock.set(Date.parse(String(b.now)));
  else return 'send { advanceSeconds } or { now: ISO date }';
  return null;
}

function eventInput(raw: unknown): EventInput | string {
  const e = (raw ?? {}) as Record<string, unknown>;
  if (e.object_type !== 'activity' && e.object_type !== 'athlete') return 'event.object_type must be activity or athlete';
  if (e.aspect_type !== 'create' && e.aspect_type !== 'update' && e.aspect_type !== 'delete')
    return 'event.aspect_type must be create, update or delete';
  if (!Number.isSafeInteger(e.object_id) || !Number.isSafeInteger(e.owner_id)) return 'event.object_id and event.owner_id must be integers';
  const updates = Object.fromEntries(Object.entries((e.updates ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  return {
    object_type: e.object_type,
    aspect_type: e.aspect_type,
    object_id: e.object_id as number,
    owner_id: e.owner_id as number,
    updates,
    ...(num(e.event_time) !== undefined ? { event_time: e.event_time as number } : {}),
    ...(num(e.subscription_id) !== undefined ? { subscription_id: e.subscription_id as number } : {}),
  };
}

async function athleteRoutes(s: StravaState, req: IncomingMessage, res: ServerResponse, parts: string[], url: URL): Promise<void | false> {
  const athleteId = Number(parts[1]);
  if (!/^\d+$/.test(parts[1] ?? '') || athleteId < 1 || athleteId > 9_999_999) return fail(res, 400, 'athlete id must be 1..9999999');
  const method = req.method;
  const sub = parts.slice(2).join('/');
  if (method === 'GET' && sub === '') {
    const activities = s.activities(athleteId).reverse().map(activitySummary);
    return json(res, 200, { athlete: athleteDetail(athleteProfile(athleteId)), activities });
  }
  if (method === 'GET' && sub === 'archive.zip') {
    // The athlete's own Strava archive of exactly what this Strava serves them (same ids, edits, additions).
    const activities = s.activities(athleteId);
    const variants = url.searchParams.get('variants') !== 'false';
    const zip = stravaArchiveZip(athleteId, activities, variants ? archiveVariants(athleteId, activities) : {});
    res.writeHead(200, {
      'content-type': 'application/zip',
      'content-length': String(zip.length),
      'content-disposition': `attachment; filename="export_${athleteId}.zip"`,
      'cache-control': 'no-store',
    });
    res.end(zip);
    return;
  }
  if (method === 'POST' && (sub === 'deauthorize' || sub === 'expire-tokens')) {
    const b = await readJsonObject(req);
    if (sub === 'expire-tokens') {
      let expired = 0;
      const now = s.scope(athleteId).clock.nowSec();
      for (const t of s.access.values()) if (t.athleteId === athleteId && t.expiresAt > now) (t.expiresAt = now), expired++;
      return json(res, 200, { expired });
    }
    s.revokeAthlete(athleteId, str(b.clientId) ?? s.config.clientId);
    const webhook =
      b.notify === false
        ? null
        : await push(s, {
            object_type: 'athlete',
            aspect_type: 'update',
            object_id: athleteId,
            owner_id: athleteId,
            updates: { authorized: 'false' },
          });
    return json(res, 200, { revoked: true, webhook });
  }
  // The athlete's own world: their clock, rate limits and history size, apart from every other athlete's.
  if (method === 'POST' && sub === 'config') {
    const patch = worldPatch(await readJsonObject(req));
    if (typeof patch === 'string') return fail(res, 400, patch);
    return json(res, 200, s.configureAthlete(athleteId, patch).config);
  }
  if (method === 'POST' && sub === 'clock') {
    const world = s.configureAthlete(athleteId);
    const error = moveClock(world.clock, await readJsonObject(req));
    return error ? fail(res, 400, error) : json(res, 200, { sandboxTime: new Date(world.clock.nowMs()).toISOString() });
  }
  if (method === 'POST' && sub === 'activities') {
    const b = await readJsonObject(req);
    const sport = (str(b.sport) ?? str(b.type) ?? 'Run') as Sport;
    if (!['Run', 'Ride', 'Swim'].includes(sport)) return fail(res, 400, 'type must be Run, Ride or Swim');
    const start = b.start_date === undefined ? undefined : Date.parse(String(b.start_date));
    if (start !== undefined && Number.isNaN(start)) return fail(res, 400, 'start_date must be an ISO date');
    if (b.distance !== undefined && !(num(b.distance)! > 0)) return fail(res, 400, 'distance must be a positive number (metres)');
    if (b.moving_time !== undefined && !(Number.isInteger(b.moving_time) && (b.moving_time as number) >= 60))
      return fail(res, 400, 'moving_time must be an integer ≥ 60 (seconds)');
    const a = s.addActivity(athleteId, {
      sport,
      ...(str(b.name) ? { name: b.name as string } : {}),
      ...(num(b.distance) ? { distance: b.distance as number } : {}),
      ...(num(b.moving_time) ? { movingTime: b.moving_time as number } : {}),
      ...(start !== undefined ? { startMs: start } : {}),
      ...(typeof b.private === 'boolean' ? { private: b.private } : {}),
      ...(b.workout_type === 1 || b.race === true ? { workout: 'race' as const } : {}),
    });
    if (b.notify === true)
      await push(s, { object_type: 'activity', aspect_type: 'create', object_id: a.id, owner_id: athleteId, updates: {} });
    return json(res, 201, activitySummary(a));
  }
  const one = /^activities\/(\d+)$/.exec(sub);
  if (one && (method === 'PATCH' || method === 'DELETE')) {
    const id = Number(one[1]);
    const b = await readJsonObject(req);
    if (method === 'DELETE') {
      if (!s.deleteActivity(athleteId, id)) return fail(res, 404, 'no such activity for this athlete');
      if (b.notify === true)
        await push(s, { object_type: 'activity', aspect_type: 'delete', object_id: id, owner_id: athleteId, updates: {} });
      return json(res, 200, { deleted: true, id });
    }
    const patch: ActivityPatch = {};
    const updates: Record<string, string> = {};
    const title = str(b.name) ?? str(b.title);
    if (title !== undefined) (patch.name = title), (updates.title = title);
    if (str(b.type)) (patch.type = b.type as string), (updates.type = b.type as string);
    if (str(b.sport_type)) patch.sport_type = b.sport_type as string;
    if (typeof b.private === 'boolean') (patch.private = b.private), (updates.private = String(b.private));
    const a = s.patchActivity(athleteId, id, patch);
    if (!a) return fail(res, 404, 'no such activity for this athlete');
    if (b.notify === true) await push(s, { object_type: 'activity', aspect_type: 'update', object_id: id, owner_id: athleteId, updates });
    return json(res, 200, activitySummary(a));
  }
  return false;
}

async function control(s: StravaState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const parts = url.pathname
    .slice(PREFIX.length + 1)
    .replace(/\/+$/, '')
    .split('/');
  const route = `${req.method} ${parts.join('/')}`;
  // A cross-site page can POST a form here, but cannot send application/json without CORS consent.
  if (req.method === 'POST' && !(req.headers['content-type'] ?? '').toLowerCase().includes('application/json')) {
    return fail(res, 415, 'Control POSTs need content-type: application/json.');
  }
  if (route === 'GET state') return json(res, 200, s.snapshot());
  if (route === 'POST reset') {
    s.reset();
    return json(res, 200, { reset: true });
  }
  if (route === 'POST config') {
    const patch = configPatch(await readJsonObject(req));
    if (typeof patch === 'string') return fail(res, 400, patch);
    s.configure(patch);
    return json(res, 200, s.snapshot().config);
  }
  if (route === 'POST apps') {
    const app = appInput(await readJsonObject(req));
    if (typeof app === 'string') return fail(res, 400, app);
    if (app.clientId === s.config.clientId) return fail(res, 400, 'that is the default app: change it with POST config');
    s.apps.set(app.clientId, app);
    return json(
      res,
      200,
      appsOf(s).find((a) => a.clientId === app.clientId),
    );
  }
  if (route === 'POST clock') {
    const error = moveClock(s.clock, await readJsonObject(req));
    return error ? fail(res, 400, error) : json(res, 200, { sandboxTime: new Date(s.clock.nowMs()).toISOString() });
  }
  if (route === 'POST webhooks/push') {
    const b = await readJsonObject(req);
    const target = b.callbackUrl === undefined ? undefined : loopbackUrl(b.callbackUrl);
    if (target === null) return fail(res, 400, LOOPBACK_ONLY);
    const event = eventInput(b.event);
    if (typeof event === 'string') return fail(res, 400, event);
    const d = await push(s, event, target, Number.isInteger(b.retries) ? (b.retries as number) : 0);
    return d ? json(res, 200, d) : fail(res, 400, 'no callbackUrl given and no push subscription');
  }
  if (route === 'GET webhooks/validate') {
    const target = loopbackUrl(url.searchParams.get('callbackUrl') ?? s.subscription?.callbackUrl);
    if (!target) return fail(res, 400, LOOPBACK_ONLY);
    return json(res, 200, await validateCallback(target, url.searchParams.get('verifyToken') ?? ''));
  }
  if (parts[0] === 'athletes' && (await athleteRoutes(s, req, res, parts, url)) !== false) return;
  fail(res, 404, `No control route for ${req.method} ${url.pathname}`);
}

export async function handleControl(s: StravaState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (!url.pathname.startsWith(`${PREFIX}/`)) return false;
  try {
    await control(s, req, res, url);
  } catch (err) {
    if (!(err instanceof BadJson)) throw err;
    fail(res, 400, err.message);
  }
  return true;
}
