// /polar/_control: JSON endpoints for tests, benchmarks and `npm run dev` — config, clock, scripted
// failures, "the user records an exercise now" (stored, then the signed EXERCISE notification), and
// arbitrary signed (or unsigned, or wrongly signed) deliveries for the webhook route's tests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadJson, json, loopbackUrl, readJsonObject } from '../strava/common.ts';
import type { Sport } from '../strava/generator.ts';
import { exerciseJson } from './exercises.ts';
import type { PolarLimits, PolarOptions, PolarState } from './state.ts';
import { exercisePayload, notifyExercise, polarTime, post, signedRequest } from './webhooks.ts';

const PREFIX = '/polar/_control';
const fail = (res: ServerResponse, status: number, error: string) => json(res, status, { error });
/** The user routes say whether the path was theirs: true once answered. */
const answered = (res: ServerResponse, status: number, body: unknown): true => {
  json(res, status, body);
  return true;
};
const refused = (res: ServerResponse, status: number, error: string): true => answered(res, status, { error });
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const time = (v: unknown) => (v === undefined ? undefined : Date.parse(String(v)));

function configPatch(b: Record<string, unknown>): PolarOptions | string {
  const patch: PolarOptions = {};
  const limits = (b.limits ?? {}) as Record<string, unknown>;
  for (const k of ['shortBase', 'shortPerUser', 'longBase', 'longPerUser'] as const) {
    const v = limits[k];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || (v as number) < 0) return `limits.${k} must be a non-negative integer`;
    patch.limits = { ...patch.limits, [k]: v as number } as Partial<PolarLimits>;
  }
  for (const k of ['clientId', 'clientSecret', 'signatureSecret'] as const) if (str(b[k])) patch[k] = b[k] as string;
  if (typeof b.onlyAfterRegistration === 'boolean') patch.onlyAfterRegistration = b.onlyAfterRegistration;
  if (b.exercisesPerUser !== undefined) {
    if (!(Number.isInteger(b.exercisesPerUser) && (b.exercisesPerUser as number) >= 0 && (b.exercisesPerUser as number) <= 200))
      return 'exercisesPerUser must be an integer 0..200';
    patch.exercisesPerUser = b.exercisesPerUser as number;
  }
  return patch;
}

async function userRoutes(s: PolarState, req: IncomingMessage, res: ServerResponse, parts: string[]): Promise<boolean> {
  const id = Number(parts[1]);
  if (!/^\d+$/.test(parts[1] ?? '') || id < 1 || id > 9_999_999) return refused(res, 400, 'user id must be 1..9999999');
  const u = s.user(id);
  const sub = parts.slice(2).join('/');
  if (req.method === 'GET' && sub === '') {
    const visible = new Set(s.visibleExercises(u).map((e) => e.id));
    return answered(res, 200, {
      id: u.id,
      registered: u.registeredMs !== null,
      memberId: u.memberId,
      consents: u.consents,
      exercises: u.exercises.map((e) => ({ ...exerciseJson(e, s.origin), visible: visible.has(e.id) })),
    });
  }
  if (req.method !== 'POST') return false;
  const b = await readJsonObject(req);
  if (sub === 'exercises') {
    const sport = (str(b.sport) ?? 'Run') as Sport;
    if (!['Run', 'Ride', 'Swim'].includes(sport)) return refused(res, 400, 'sport must be Run, Ride or Swim');
    const startMs = time(b.start_time);
    const uploadMs = time(b.uploaded_at);
    if (Number.isNaN(startMs) || Number.isNaN(uploadMs)) return refused(res, 400, 'start_time and uploaded_at must be ISO dates');
    if (b.distance !== undefined && !(num(b.distance)! > 0)) return refused(res, 400, 'distance must be a positive number (metres)');
    if (b.moving_time !== undefined && !(Number.isInteger(b.moving_time) && (b.moving_time as number) >= 60))
      return refused(res, 400, 'moving_time must be an integer ≥ 60 (seconds)');
    const e = s.addExercise(u, {
      sport,
      ...(str(b.name) ? { name: b.name as string } : {}),
      ...(num(b.distance) ? { distance: b.distance as number } : {}),
      ...(num(b.moving_time) ? { movingTime: b.moving_time as number } : {}),
      ...(startMs !== undefined ? { startMs } : {}),
      ...(uploadMs !== undefined ? { uploadMs } : {}),
    });
    const delivery = b.notify === false ? null : await notifyExercise(s, u.id, e.id);
    return answered(res, 201, { exercise: exerciseJson(e, s.origin), delivery });
  }
  if (sub === 'consents') {
    if (typeof b.accepted !== 'boolean') return refused(res, 400, 'send { accepted: boolean }');
    u.consents = b.accepted;
    return answered(res, 200, { consents: u.consents });
  }
  if (sub === 'revoke') {
    // The user removes the app in their Polar account: tokens die and the registration ends.
    s.deregister(u);
    return answered(res, 200, { revoked: true });
  }
  return false;
}

/** A delivery as the test wants it: the webhook's own, or to `url`, signed with `secret`, unsigned, or not sent at all. */
async function push(s: PolarState, res: ServerResponse, b: Record<string, unknown>): Promise<void> {
  const event = str(b.event) ?? 'EXERCISE';
  const userId = num(b.userId) ?? null;
  const entityId = str(b.entityId) ?? null;
  const payload =
    event === 'EXERCISE' && userId !== null && entityId !== null
      ? exercisePayload(s, userId, entityId)
      : { ...(userId !== null ? { user_id: userId } : {}), timestamp: polarTime(s.nowMs()) };
  const secret = b.unsigned === true ? null : (str(b.secret) ?? s.webhook?.secret ?? s.config.signatureSecret);
  const request = signedRequest(event, payload, secret);
  if (b.deliver === false) return json(res, 200, { request });
  const target = b.url === undefined ? s.webhook?.url : loopbackUrl(b.url)?.toString();
  if (!target) return fail(res, 400, 'no webhook, and no url on loopback given');
  const delivery = await post(s, target, request, { event, userId, entityId });
  return json(res, 200, { request, delivery });
}

async function control(s: PolarState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const parts = url.pathname
    .slice(PREFIX.length + 1)
    .replace(/\/+$/, '')
    .split('/');
  const route = `${req.method} ${parts.join('/')}`;
  // A cross-site page can POST a form here, but cannot send application/json without CORS consent.
  if (req.method === 'POST' && !(req.headers['content-type'] ?? '').toLowerCase().includes('application/json'))
    return fail(res, 415, 'Control POSTs need content-type: application/json.');
  s.origin = `http://${req.headers.host ?? '127.0.0.1'}`;
  if (route === 'GET state') return json(res, 200, s.snapshot());
  if (route === 'POST reset') {
    s.reset();
    return json(res, 200, { reset: true });
  }
  if (route === 'POST config') {
    const patch = configPatch(await readJsonObject(req));
    if (typeof patch === 'string') return fail(res, 400, patch);
    s.configure(patch);
    return json(res, 200, s.config);
  }
  if (route === 'POST clock') {
    const b = await readJsonObject(req);
    if (num(b.advanceSeconds) === undefined) return fail(res, 400, 'send { advanceSeconds }');
    s.offsetMs += (b.advanceSeconds as number) * 1000;
    return json(res, 200, { now: new Date(s.nowMs()).toISOString() });
  }
  if (route === 'POST fail-next') {
    const b = await readJsonObject(req);
    const status = num(b.status);
    if (status === undefined || !Number.isInteger(status) || status < 400 || status > 599) return fail(res, 400, 'status must be 400..599');
    const count = num(b.count) ?? 1;
    s.failures.push({
      status,
      count,
      ...(str(b.path) ? { path: b.path as string } : {}),
      ...(num(b.retryAfter) !== undefined ? { retryAfter: b.retryAfter as number } : {}),
    });
    return json(res, 200, { failures: s.failures });
  }
  if (route === 'POST webhooks/push') return push(s, res, await readJsonObject(req));
  if (parts[0] === 'users' && (await userRoutes(s, req, res, parts))) return;
  fail(res, 404, `No control route for ${req.method} ${url.pathname}`);
}

export async function handleControl(s: PolarState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (!url.pathname.startsWith(`${PREFIX}/`)) return false;
  try {
    await control(s, req, res, url);
  } catch (err) {
    if (!(err instanceof BadJson)) throw err;
    fail(res, 400, err.message);
  }
  return true;
}
