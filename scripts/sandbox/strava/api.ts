// /strava/api/v3: the athlete and activity read endpoints behind bearer tokens and rate limits,
// plus the app-level push subscription endpoints (client credentials, not rate limited).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { athleteDetail, athleteProfile } from './athlete.ts';
import { badRequest, fault, intParam, json, loopbackUrl, notFound, readParams, unauthorized } from './common.ts';
import type { Headers } from './common.ts';
import { countCall } from './records.ts';
import type { AccessToken, StravaState } from './state.ts';
import { DEFAULT_SUBSCRIPTION_ID, validateCallback } from './webhooks.ts';
import { activityDetail, activityLaps, activityStreams, activitySummary } from './wire.ts';

const BASE = '/strava/api/v3';

/** Route template for counters ("GET /activities/{id}/laps"), and the numeric id if any. */
function routeOf(method: string, path: string): { endpoint: string; id: number | null } {
  const m = /^\/activities\/([^/]+)(\/laps|\/streams)?$/.exec(path);
  if (m) return { endpoint: `${method} /activities/{id}${m[2] ?? ''}`, id: /^\d+$/.test(m[1] ?? '') ? Number(m[1]) : null };
  return { endpoint: `${method} ${path}`, id: null };
}

const canRead = (t: AccessToken) => t.scope.includes('activity:read') || t.scope.includes('activity:read_all');

function listActivities(s: StravaState, t: AccessToken, url: URL, res: ServerResponse, h: Headers): void {
  const before = intParam(url, 'before');
  const after = intParam(url, 'after');
  const page = intParam(url, 'page') ?? 1;
  const perPage = intParam(url, 'per_page') ?? 30;
  for (const [name, v] of [
    ['before', before],
    ['after', after],
    ['page', page],
    ['per_page', perPage],
  ] as const) {
    if (v !== undefined && Number.isNaN(v)) {
      badRequest(res, 'Application', name, h);
      return;
    }
  }
  const now = s.scope(t.athleteId).clock.nowSec();
  const size = Math.min(Math.max(perPage, 1), 200); // Strava caps per_page at 200
  const all = s
    .activities(t.athleteId)
    .filter((a) => {
      const start = Math.floor(a.startMs / 1000);
      return (
        start <= now &&
        (before === undefined || start < before) &&
        (after === undefined || start > after) &&
        (!a.private || t.scope.includes('activity:read_all'))
      );
    })
    .reverse(); // newest first
  const from = (Math.max(page, 1) - 1) * size;
  json(res, 200, all.slice(from, from + size).map(activitySummary), h);
}

async function subscriptions(s: StravaState, req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<void> {
  const p = await readParams(req, url);
  if (p.client_id !== s.config.clientId || p.client_secret !== s.config.clientSecret) return badRequest(res, 'Application', 'client_id');
  const view = () =>
    s.subscription && {
      id: s.subscription.id,
      resource_state: 2,
      application_id: Number(s.config.clientId) || s.config.clientId,
      callback_url: s.subscription.callbackUrl,
      created_at: s.subscription.createdAt,
      updated_at: s.subscription.createdAt,
    };
  if (req.method === 'GET' && path === '/push_subscriptions') return json(res, 200, s.subscription ? [view()] : []);
  if (req.method === 'POST' && path === '/push_subscriptions') {
    if (s.subscription) return fault(res, 400, 'Bad Request', 'PushSubscription', '', 'already exists');
    const callback = loopbackUrl(p.callback_url);
    if (!callback)
      return fault(res, 400, 'Bad Request', 'PushSubscription', 'callback url', 'invalid (the sandbox only calls loopback URLs)');
    // Strava checks the callback before creating the subscription.
    const check = await validateCallback(callback, p.verify_token ?? '');
    if (!check.ok) return fault(res, 400, 'Bad Request', 'PushSubscription', 'callback url', 'GET to callback URL does not return 200');
    s.subscription = {
      id: DEFAULT_SUBSCRIPTION_ID + s.subscriptionsCreated++,
      callbackUrl: callback.toString(),
      verifyToken: p.verify_token ?? '',
      createdAt: new Date(s.clock.nowMs()).toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    return json(res, 201, { id: s.subscription.id });
  }
  const del = /^\/push_subscriptions\/(\d+)$/.exec(path);
  if (req.method === 'DELETE' && del && s.subscription?.id === Number(del[1])) {
    s.subscription = null;
    return json(res, 204, null);
  }
  notFound(res, 'PushSubscription', 'id');
}

export async function handleApi(s: StravaState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (url.pathname !== BASE && !url.pathname.startsWith(`${BASE}/`)) return false;
  const path = url.pathname.slice(BASE.length).replace(/\/+$/, '') || '/';
  if (path === '/push_subscriptions' || path.startsWith('/push_subscriptions/')) {
    await subscriptions(s, req, res, url, path);
    return true;
  }
  const method = req.method ?? 'GET';
  const isRead = method === 'GET' || method === 'HEAD';
  const { endpoint, id } = routeOf(method, path);
  // Header tokens only: Strava stops accepting query-string tokens on 2027-06-01.
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const t = bearer ? s.validAccess(bearer) : undefined;
  // Every request counts, including the ones answered 401/404/429 (see README); in the token's athlete's own
  // world when a test gave them one, so its windows are theirs alone.
  const { limiter, clock } = s.scope(t?.athleteId);
  const allowed = limiter.take(isRead);
  countCall(s.counters, endpoint, isRead, t?.athleteId ?? null);
  const h = limiter.headers();
  if (!allowed) {
    s.counters.rateLimited++;
    // Benchmarks judge the scheduler by 429s beyond the first of each window.
    const w = String(limiter.windowIndex);
    s.counters.rateLimitedByWindow[w] = (s.counters.rateLimitedByWindow[w] ?? 0) + 1;
    fault(res, 429, 'Rate Limit Exceeded', 'Application', 'rate limit', 'exceeded', h);
    return true;
  }
  if (!t) {
    s.counters.unauthorized++;
    s.countFor('unauthorizedPerAthlete', bearer);
    unauthorized(res, h);
    return true;
  }
  if (method === 'GET' && path === '/athlete') {
    json(res, 200, athleteDetail(athleteProfile(t.athleteId)), h);
    return true;
  }
  const activityRoute = method === 'GET' && (path === '/athlete/activities' || endpoint.startsWith('GET /activities/{id}'));
  if (activityRoute && !canRead(t)) {
    s.counters.unauthorized++;
    s.countFor('unauthorizedPerAthlete', bearer);
    fault(res, 401, 'Authorization Error', 'AccessToken', 'activity:read_permission', 'missing', h);
    return true;
  }
  if (method === 'GET' && path === '/athlete/activities') {
    listActivities(s, t, url, res, h);
    return true;
  }
  if (activityRoute) {
    const a = id === null ? undefined : s.findActivity(t.athleteId, id);
    // Other athletes' and deleted activities look exactly like ids that never existed.
    const visible = a && a.startMs <= clock.nowMs() && (!a.private || t.scope.includes('activity:read_all'));
    if (!a || !visible) {
      s.counters.notFound++;
      notFound(res, 'Activity', 'id', h);
    } else if (endpoint.endsWith('/laps')) json(res, 200, activityLaps(a), h);
    else if (endpoint.endsWith('/streams')) {
      const keys = (url.searchParams.get('keys') ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean);
      json(res, 200, activityStreams(a, keys, url.searchParams.get('key_by_type') !== 'false'), h);
    } else json(res, 200, activityDetail(a), h);
    return true;
  }
  s.counters.notFound++;
  notFound(res, 'resource', 'path', h);
  return true;
}
