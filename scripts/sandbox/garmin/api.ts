// Garmin's REST side (apis.garmin.com/wellness-api/rest/…): who the user is, what they share, the end of a
// registration, backfill (answered 202 and then by pings), the original file behind a ping's callback URL and the
// health summaries behind a health ping's.
// Errors are Garmin's `{ "errorMessage": … }`; 429s carry Retry-After.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json } from '../strava/common.ts';
import { HEALTH_TYPES, type HealthType, healthBackfill, healthPull } from './health.ts';
import { sendDeregistration, sendFiles } from './notify.ts';
import type { FailEndpoint, GarminState, User } from './state.ts';

const PREFIX = '/garmin/wellness-api/rest/';
const BACKFILL_MAX_S = 30 * 86_400;

const errorMessage = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
  json(res, status, { errorMessage: message }, headers);

/** The endpoint's queued failure, the key's rate limit, then the bearer token: a response, or the user to serve. */
function gate(s: GarminState, req: IncomingMessage, res: ServerResponse, endpoint: FailEndpoint, backfillDays = 0): User | null {
  const f = s.takeFailure(endpoint);
  if (f) {
    errorMessage(
      res,
      f.status,
      'Failure requested through the sandbox control API',
      f.retryAfter ? { 'retry-after': String(f.retryAfter) } : {},
    );
    return null;
  }
  const wait = s.limited(backfillDays);
  if (wait > 0) {
    errorMessage(res, 429, 'Rate limit exceeded', { 'retry-after': String(wait) });
    return null;
  }
  const u = s.bearer(req.headers.authorization);
  if (!u) errorMessage(res, 401, 'Unauthorized: the access token is invalid, expired or deregistered');
  return u ?? null;
}

function backfill(s: GarminState, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const start = Number(url.searchParams.get('summaryStartTimeInSeconds'));
  const end = Number(url.searchParams.get('summaryEndTimeInSeconds'));
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start) {
    errorMessage(res, 400, 'summaryStartTimeInSeconds and summaryEndTimeInSeconds must be unix seconds, start before end');
    return;
  }
  if (end - start > BACKFILL_MAX_S) {
    errorMessage(res, 400, 'The maximum date range of a backfill request is 30 days');
    return;
  }
  const u = gate(s, req, res, 'backfill', Math.ceil((end - start) / 86_400));
  if (!u) return;
  if (!u.permissions.includes('ACTIVITY_EXPORT')) {
    errorMessage(res, 412, 'The user has not granted ACTIVITY_EXPORT');
    return;
  }
  if (s.backfills.some((b) => b.userId === u.userId && b.start === start && b.end === end)) {
    errorMessage(res, 409, `duplicate backfill for ${new Date(start * 1000).toISOString()} to ${new Date(end * 1000).toISOString()}`);
    return;
  }
  const sessions = s.activities(u.number).filter((a) => a.startMs >= start * 1000 && a.startMs < end * 1000);
  s.backfills.unshift({ userId: u.userId, start, end, entries: sessions.length, at: new Date().toISOString() });
  json(res, 202, {});
  // Answered as if the sessions had just synced: pings after the response.
  if (u.heldBackfill) u.heldBackfill.push(...sessions);
  else if (sessions.length) setTimeout(() => void sendFiles(s, u.number, sessions), 20);
}

function activityFile(s: GarminState, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const u = gate(s, req, res, 'activityFile');
  if (!u) return;
  if (!u.permissions.includes('ACTIVITY_EXPORT')) {
    errorMessage(res, 412, 'The user has not granted ACTIVITY_EXPORT');
    return;
  }
  const pull = s.pulls.get(url.searchParams.get('token') ?? '');
  const id = Number(url.searchParams.get('id'));
  if (!pull || pull.user !== u.number || pull.activityId !== id) {
    errorMessage(res, 400, 'Invalid download token');
    return;
  }
  // A callback URL serves its file once, within 24 hours.
  if (pull.used || pull.expiresAt <= Date.now()) {
    errorMessage(res, 410, 'This file was already downloaded or has expired');
    return;
  }
  const a = s.findActivity(u.number, id);
  if (!a) {
    errorMessage(res, 410, 'The activity no longer exists');
    return;
  }
  pull.used = true;
  s.downloads++;
  const bytes = s.fit(a);
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': String(bytes.length),
    'content-disposition': `attachment; filename="${id}.fit"`,
    'cache-control': 'no-store',
  });
  res.end(bytes);
}

export async function handleApi(s: GarminState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (!url.pathname.startsWith(PREFIX)) return false;
  const route = `${req.method} ${url.pathname.slice(PREFIX.length).replace(/\/+$/, '')}`;
  s.count(route);
  switch (route) {
    case 'GET user/id': {
      const u = gate(s, req, res, 'user');
      if (u) json(res, 200, { userId: u.userId });
      return true;
    }
    case 'GET user/permissions': {
      const u = gate(s, req, res, 'permissions');
      if (u) json(res, 200, u.permissions);
      return true;
    }
    case 'DELETE user/registration': {
      const u = gate(s, req, res, 'registration');
      if (!u) return true;
      s.deregister(u.number, 'partner');
      res.writeHead(204, { 'cache-control': 'no-store' });
      res.end();
      // Garmin then sends a final deregistration notification, as when the user withdraws consent.
      setTimeout(() => void sendDeregistration(s, u.number), 20);
      return true;
    }
    case 'GET backfill/activities':
      backfill(s, req, res, url);
      return true;
    case 'GET activityFile':
      activityFile(s, req, res, url);
      return true;
    default: {
      const health = /^GET backfill\/(\w+)$/.exec(route)?.[1];
      if (health && HEALTH_TYPES.includes(health as HealthType)) {
        healthBackfill(s, res, url, health as HealthType, (days) => gate(s, req, res, 'backfill', days));
        return true;
      }
      // A health ping's callback URL: the summaries of one upload (ping/pull mode).
      const pull = /^GET (\w+)$/.exec(route)?.[1];
      if (pull && HEALTH_TYPES.includes(pull as HealthType)) {
        healthPull(s, res, url, pull as HealthType, gate(s, req, res, 'health'));
        return true;
      }
      errorMessage(res, 404, `No Garmin sandbox route for ${route}`);
      return true;
    }
  }
}
