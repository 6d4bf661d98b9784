// AccessLink v3 (/polar/accesslink/v3): user registration and de-registration, the non-transactional
// exercise list and files behind the user's bearer token, and the client's webhook behind HTTP Basic.
// Every request passes the scripted failures and the rate windows first and carries the RateLimit-* headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http.ts';
import { athleteProfile } from '../strava/athlete.ts';
import { json, loopbackUrl } from '../strava/common.ts';
import { exerciseFit, exerciseGpx, exerciseJson, exerciseTcxGz } from './exercises.ts';
import { nightsOf } from './nights.ts';
import { basicAuth } from './oauth.ts';
import type { PolarState, PolarUser } from './state.ts';
import { ping, polarTime } from './webhooks.ts';

export const API_BASE = '/polar/accesslink/v3';
export const WEBHOOK_TYPES = [
  'EXERCISE',
  'SLEEP',
  'CONTINUOUS_HEART_RATE',
  'SLEEP_WISE_CIRCADIAN_BEDTIME',
  'SLEEP_WISE_ALERTNESS',
  'ACTIVITY_SUMMARY',
  'PHYSICAL_INFORMATION',
];

type Headers = Record<string, string>;
type Ctx = { s: PolarState; req: IncomingMessage; res: ServerResponse; h: Headers };

/** AccessLink's error model: `{ timestamp, status, errorType, message, corrId }`. */
function fail(c: Ctx, status: number, errorType: string, message: string): void {
  if (status === 401) c.s.calls.unauthorized++;
  json(c.res, status, { timestamp: polarTime(c.s.nowMs()), status, errorType, message, corrId: crypto.randomUUID() }, c.h);
}

function send(c: Ctx, status: number, contentType: string, body: string | Uint8Array): void {
  c.res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', ...c.h });
  c.res.end(body);
}

function userJson(u: PolarUser): Record<string, unknown> {
  const p = athleteProfile(u.id);
  const female = p.sex === 'F';
  return {
    'polar-user-id': u.id,
    'member-id': u.memberId,
    'registration-date': u.registeredMs === null ? null : new Date(u.registeredMs).toISOString(),
    'first-name': p.firstname,
    'last-name': p.lastname,
    birthdate: `${1970 + (u.id % 35)}-${String((u.id % 12) + 1).padStart(2, '0')}-${String((u.id % 28) + 1).padStart(2, '0')}`,
    gender: female ? 'FEMALE' : 'MALE',
    weight: p.weight,
    height: female ? 166 : 179,
    'extra-info': [],
  };
}

async function jsonBody(c: Ctx): Promise<Record<string, unknown> | null> {
  try {
    const body = JSON.parse(await readBody(c.req, 100_000)) as unknown;
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function userRoutes(c: Ctx, u: PolarUser, path: string): Promise<void> {
  const { s, req } = c;
  if (!u.consents) return fail(c, 403, 'consents_missing', 'User has not accepted all mandatory consents.');
  if (req.method === 'POST' && path === '/users') {
    const memberId = (await jsonBody(c))?.['member-id'];
    if (typeof memberId !== 'string' || !memberId) return fail(c, 400, 'invalid_request', 'member-id is required.');
    if (u.registeredMs !== null) return fail(c, 409, 'conflict', 'User already registered to partner.');
    for (const other of s.users.values()) if (other.memberId === memberId) return fail(c, 409, 'conflict', 'Duplicated member-id.');
    u.memberId = memberId;
    u.registeredMs = s.nowMs();
    return json(c.res, 200, userJson(u), c.h);
  }
  const one = /^\/users\/(\d+)$/.exec(path);
  if (one) {
    if (Number(one[1]) !== u.id) return fail(c, 403, 'forbidden', 'The token does not belong to this user.');
    if (req.method === 'GET') {
      if (u.registeredMs === null) return send(c, 204, 'application/json', '');
      return json(c.res, 200, userJson(u), c.h);
    }
    if (req.method === 'DELETE') {
      s.deregister(u);
      return send(c, 204, 'application/json', '');
    }
  }
  if ((path === '/users/sleep' || path === '/users/nightly-recharge') && req.method === 'GET') {
    if (u.registeredMs === null) return fail(c, 403, 'not_registered', 'User is not registered to this client.');
    const nights = nightsOf(u.id, s.nowMs(), s.origin);
    return json(c.res, 200, path === '/users/sleep' ? nights.sleep : nights.recharge, c.h);
  }
  if (!path.startsWith('/exercises') || req.method !== 'GET') return fail(c, 404, 'not_found', 'No such resource.');
  if (u.registeredMs === null) return fail(c, 403, 'not_registered', 'User is not registered to this client.');
  const visible = s.visibleExercises(u);
  if (path === '/exercises')
    return json(
      c.res,
      200,
      visible.map((e) => exerciseJson(e, s.origin)),
      c.h,
    );
  const m = /^\/exercises\/([^/]+)(?:\/(fit|tcx|gpx))?$/.exec(path);
  const e = m ? visible.find((x) => x.id === m[1]) : undefined;
  if (!m || !e) return fail(c, 404, 'not_found', 'Exercise not found.');
  if (!m[2]) return json(c.res, 200, exerciseJson(e, s.origin), c.h);
  if (m[2] === 'fit') return send(c, 200, 'application/octet-stream', exerciseFit(e));
  if (m[2] === 'tcx') return send(c, 200, 'application/vnd.garmin.tcx+xml', exerciseTcxGz(e));
  const gpx = exerciseGpx(e);
  return gpx === null ? fail(c, 404, 'not_found', 'Exercise has no route.') : send(c, 200, 'application/gpx+xml', gpx);
}

function eventsOf(raw: unknown): string[] | null {
  if (!Array.isArray(raw) || raw.length === 0) return null;
  return raw.every((x) => typeof x === 'string' && WEBHOOK_TYPES.includes(x)) ? [...new Set(raw as string[])] : null;
}

const webhookInfo = (s: PolarState) =>
  s.webhook ? [{ id: s.webhook.id, events: s.webhook.events, url: s.webhook.url, active: s.webhook.active }] : [];

async function webhookRoutes(c: Ctx, path: string): Promise<void> {
  const { s, req } = c;
  const route = `${req.method} ${path}`;
  if (route === 'GET /webhooks') return json(c.res, 200, { data: webhookInfo(s) }, c.h);
  if (route === 'POST /webhooks') {
    const b = await jsonBody(c);
    const events = eventsOf(b?.events);
    const url = loopbackUrl(b?.url);
    if (!events || !url) return fail(c, 400, 'invalid_request', 'events (webhook types) and an http(s) url on loopback are required.');
    if (s.webhook) return fail(c, 409, 'conflict', 'Webhook already exists.');
    const d = await ping(s, url.toString(), s.config.signatureSecret);
    if (!d.ok) return fail(c, 400, 'ping_failed', `The ping to the webhook url was answered ${d.status ?? d.error}.`);
    s.webhook = {
      id: crypto.randomUUID().slice(0, 8),
      url: url.toString(),
      events,
      active: true,
      secret: s.config.signatureSecret,
      failingSinceMs: null,
    };
    return json(c.res, 201, { data: { id: s.webhook.id, events, url: s.webhook.url, signature_secret_key: s.webhook.secret } }, c.h);
  }
  if (route === 'POST /webhooks/activate' || route === 'POST /webhooks/deactivate') {
    if (!s.webhook) return send(c, 204, 'application/json', '');
    if (route.endsWith('deactivate')) s.webhook.active = false;
    else {
      const d = await ping(s, s.webhook.url, s.webhook.secret);
      if (!d.ok) return fail(c, 400, 'ping_failed', `The ping to the webhook url was answered ${d.status ?? d.error}.`);
      s.webhook.active = true;
      s.webhook.failingSinceMs = null;
    }
    return send(c, 200, 'application/json', '');
  }
  const one = /^\/webhooks\/([^/]+)$/.exec(path);
  if (!one || (req.method !== 'PATCH' && req.method !== 'DELETE')) return fail(c, 404, 'not_found', 'No such resource.');
  if (!s.webhook || s.webhook.id !== one[1]) return fail(c, 404, 'not_found', 'Webhook not found.');
  if (req.method === 'DELETE') {
    s.webhook = null;
    return send(c, 204, 'application/json', '');
  }
  const b = await jsonBody(c);
  const events = b?.events === undefined ? s.webhook.events : eventsOf(b.events);
  const url = b?.url === undefined ? new URL(s.webhook.url) : loopbackUrl(b.url);
  if (!events || !url) return fail(c, 400, 'invalid_request', 'events must be webhook types and url an http(s) url on loopback.');
  if (url.toString() !== s.webhook.url) {
    const d = await ping(s, url.toString(), s.webhook.secret);
    if (!d.ok) return fail(c, 400, 'ping_failed', `The ping to the new url was answered ${d.status ?? d.error}.`);
  }
  Object.assign(s.webhook, { events, url: url.toString() });
  return json(c.res, 200, { data: webhookInfo(s) }, c.h);
}

/** "GET /exercises/{id}/fit": ids folded so the counters group by endpoint. */
const endpointOf = (method: string, path: string) =>
  `${method} ${path.replace(/^\/exercises\/[^/]+/, '/exercises/{id}').replace(/^\/(users|webhooks)\/(?!activate|deactivate|sleep|nightly-recharge)[^/]+/, '/$1/{id}')}`;

export async function handleApi(s: PolarState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (!url.pathname.startsWith(`${API_BASE}/`)) return false;
  s.origin = `http://${req.headers.host ?? '127.0.0.1'}`;
  const path = url.pathname.slice(API_BASE.length).replace(/\/+$/, '');
  const endpoint = endpointOf(req.method ?? 'GET', path);
  s.calls.total++;
  s.calls.byEndpoint[endpoint] = (s.calls.byEndpoint[endpoint] ?? 0) + 1;
  const rate = s.countCall();
  const h: Headers = {
    'RateLimit-Usage': rate.usage.join(', '),
    'RateLimit-Limit': rate.limit.join(', '),
    'RateLimit-Reset': rate.reset.join(', '),
  };
  const c: Ctx = { s, req, res, h };
  const scripted = s.takeFailure(path);
  if (scripted) {
    s.calls.failed++;
    if (scripted.status === 429) s.calls.rateLimited++;
    if (scripted.retryAfter !== undefined) h['Retry-After'] = String(scripted.retryAfter);
    fail(c, scripted.status, 'scripted', `Scripted failure (${scripted.status}).`);
    return true;
  }
  if (rate.over) {
    s.calls.rateLimited++;
    fail(c, 429, 'rate_limit_exceeded', 'Rate limit exceeded.');
    return true;
  }
  if (path === '/webhooks' || path.startsWith('/webhooks/')) {
    const client = basicAuth(req);
    if (!client || client.id !== s.config.clientId || client.secret !== s.config.clientSecret)
      fail(c, 401, 'unauthorized', 'Client credentials are required.');
    else await webhookRoutes(c, path);
    return true;
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const user = bearer ? s.userOfToken(bearer) : undefined;
  if (!user) fail(c, 401, 'unauthorized', 'Invalid or revoked access token.');
  else await userRoutes(c, user, path);
  return true;
}
