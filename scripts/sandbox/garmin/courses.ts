// Garmin Connect's Courses API v1 (apis.garmin.com): a course created at /training-api/courses/v1/course, read and
// deleted at /training-api/courses/v1/course/{id} (ADR 101). A course is checked as Garmin documents
// (courses-validate.ts) and refused with Garmin's 400 `{ "errorMessage": … }`; writing needs the user's
// COURSE_IMPORT permission (412 without). Read back through /_control/users/{n}/courses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http.ts';
import { json } from '../strava/common.ts';
import { courseError } from './courses-validate.ts';
import type { GarminState, User } from './state.ts';

const CREATE = /^\/garmin\/training-api\/courses\/v1\/course\/?$/;
const ONE = /^\/garmin\/training-api\/courses\/v1\/course\/(\d+)$/;
// A 10,000-point course is ~700 kB of JSON; Garmin's own body cap is not published (ADR 101: assumed 2 MB).
const BODY_MAX = 2_000_000;

const errorMessage = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
  json(res, status, { errorMessage: message }, headers);

function gate(s: GarminState, req: IncomingMessage, res: ServerResponse): User | null {
  const f = s.takeFailure('courses');
  if (f) {
    errorMessage(
      res,
      f.status,
      'Failure requested through the sandbox control API',
      f.retryAfter ? { 'retry-after': String(f.retryAfter) } : {},
    );
    return null;
  }
  const wait = s.limited(0);
  if (wait > 0) {
    errorMessage(res, 429, 'Rate limit exceeded', { 'retry-after': String(wait) });
    return null;
  }
  const u = s.bearer(req.headers.authorization);
  if (!u) {
    errorMessage(res, 401, 'Unauthorized: the access token is invalid, expired or deregistered');
    return null;
  }
  // The document's answer for a missing permission: 412 "User permission error".
  if (!u.permissions.includes('COURSE_IMPORT')) {
    errorMessage(res, 412, 'User permission error: the user has not granted COURSE_IMPORT');
    return null;
  }
  return u;
}

export async function handleCourses(s: GarminState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const path = url.pathname;
  const one = ONE.exec(path);
  if (!CREATE.test(path) && !one) return false;
  s.count(`${req.method} ${path.replace(/\/\d+$/, '/{id}')}`);
  const u = gate(s, req, res);
  if (!u) return true;
  if (!one && req.method === 'POST') {
    const raw = await readBody(req, BODY_MAX);
    let c: unknown;
    try {
      c = JSON.parse(raw);
    } catch {
      errorMessage(res, 400, 'Malformed request body');
      return true;
    }
    const error = courseError(c);
    if (error) {
      errorMessage(res, 400, error);
      return true;
    }
    const courseId = ++s.trainingIds;
    const saved = { ...(c as Record<string, unknown>), courseId };
    s.courses.set(courseId, { user: u.number, course: saved });
    json(res, 200, saved);
    return true;
  }
  if (one) {
    const id = Number(one[1]);
    const found = s.courses.get(id);
    if (!found || found.user !== u.number) {
      errorMessage(res, 404, `Course ${id} not found`);
      return true;
    }
    if (req.method === 'GET') {
      json(res, 200, found.course);
      return true;
    }
    if (req.method === 'DELETE') {
      s.courses.delete(id);
      res.writeHead(204).end();
      return true;
    }
  }
  errorMessage(res, 405, 'Method not allowed');
  return true;
}
