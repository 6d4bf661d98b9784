// Garmin's Training API V2 (apis.garmin.com): workouts created at /workoutportal/workout/v2, read, updated and
// deleted at /training-api/workout/v2/{id}; calendar entries at /training-api/schedule/ (ADR 057). A workout is
// checked as Garmin documents (training-validate.ts) and refused with Garmin's 400 `{ "errorMessage": … }`;
// writing needs the user's WORKOUT_IMPORT permission (412 without). Read back through /_control/users/{n}/training.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http.ts';
import { json } from '../strava/common.ts';
import type { GarminState, User } from './state.ts';
import { workoutError } from './training-validate.ts';

const WORKOUT_CREATE = '/garmin/workoutportal/workout/v2';
const WORKOUT = /^\/garmin\/training-api\/workout\/v2\/(\d+)$/;
const SCHEDULE_CREATE = /^\/garmin\/training-api\/schedule\/?$/;
const SCHEDULE = /^\/garmin\/training-api\/schedule\/(\d+)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const errorMessage = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
  json(res, status, { errorMessage: message }, headers);
/** Answers with Garmin's error shape; true: the request was this module's. */
const refuse = (res: ServerResponse, status: number, message: string): true => {
  errorMessage(res, status, message);
  return true;
};
const answer = (res: ServerResponse, body: unknown): true => {
  json(res, 200, body);
  return true;
};

function gate(s: GarminState, req: IncomingMessage, res: ServerResponse): User | null {
  const f = s.takeFailure('training');
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
  if (!u.permissions.includes('WORKOUT_IMPORT')) {
    errorMessage(res, 412, 'The user has not granted WORKOUT_IMPORT');
    return null;
  }
  return u;
}

async function body(req: IncomingMessage, res: ServerResponse): Promise<unknown | undefined> {
  const raw = await readBody(req, 1_000_000);
  try {
    return JSON.parse(raw);
  } catch {
    errorMessage(res, 400, 'Malformed request body');
    return undefined;
  }
}

/** The stored form: what was sent, with Garmin's own fields (ids, owner, dates). */
function stored(w: Record<string, unknown>, workoutId: number, u: User, created: string): Record<string, unknown> {
  return { ...w, workoutId, ownerId: u.number, createdDate: created, updatedDate: new Date().toISOString().slice(0, 19) };
}

export async function handleTraining(s: GarminState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const path = url.pathname;
  const workout = WORKOUT.exec(path);
  const schedule = SCHEDULE.exec(path);
  if (path !== WORKOUT_CREATE && !workout && !SCHEDULE_CREATE.test(path) && !schedule) return false;
  s.count(`${req.method} ${path.replace(/\/\d+$/, '/{id}')}`);
  const u = gate(s, req, res);
  if (!u) return true;
  if (path === WORKOUT_CREATE && req.method === 'POST') {
    const w = await body(req, res);
    if (w === undefined) return true;
    const error = workoutError(w);
    if (error) return refuse(res, 400, error);
    if ((w as Record<string, unknown>).workoutId != null) return refuse(res, 400, 'A workout ID should not be included on create');
    const id = ++s.trainingIds;
    const saved = stored(w as Record<string, unknown>, id, u, new Date().toISOString().slice(0, 19));
    s.workouts.set(id, { user: u.number, workout: saved });
    json(res, 200, saved);
    return true;
  }
  if (workout) {
    const id = Number(workout[1]);
    const found = s.workouts.get(id);
    if (!found || found.user !== u.number) return refuse(res, 404, `Workout ${id} not found`);
    if (req.method === 'GET') return answer(res, found.workout);
    if (req.method === 'PUT') {
      const w = await body(req, res);
      if (w === undefined) return true;
      const error = workoutError(w);
      if (error) return refuse(res, 400, error);
      const saved = stored(w as Record<string, unknown>, id, u, String(found.workout.createdDate));
      s.workouts.set(id, { user: u.number, workout: saved });
      json(res, 200, saved);
      return true;
    }
    if (req.method === 'DELETE') {
      s.workouts.delete(id);
      // A workout's calendar entries go with it, as in Garmin Connect.
      for (const [sid, x] of s.schedules) if (x.workoutId === id) s.schedules.delete(sid);
      res.writeHead(204).end();
      return true;
    }
    return refuse(res, 405, 'Method not allowed');
  }
  if (SCHEDULE_CREATE.test(path) && req.method === 'POST') {
    const b = await body(req, res);
    if (b === undefined) return true;
    const o = (b ?? {}) as Record<string, unknown>;
    if (o.scheduleId != null) return refuse(res, 400, 'A schedule ID should not be included on create');
    if (typeof o.date !== 'string' || !DATE.test(o.date) || Number.isNaN(Date.parse(o.date)))
      return refuse(res, 400, 'date must be formatted YYYY-mm-dd');
    const wid = Number(o.workoutId);
    const w = s.workouts.get(wid);
    if (!Number.isSafeInteger(wid) || !w || w.user !== u.number) return refuse(res, 400, `Workout ${String(o.workoutId)} not found`);
    const scheduleId = ++s.trainingIds;
    s.schedules.set(scheduleId, { user: u.number, scheduleId, workoutId: wid, date: o.date });
    json(res, 200, scheduleId);
    return true;
  }
  if (schedule) {
    const id = Number(schedule[1]);
    const found = s.schedules.get(id);
    if (!found || found.user !== u.number) return refuse(res, 404, `Schedule ${id} not found`);
    if (req.method === 'GET') return answer(res, { scheduleId: id, workoutId: found.workoutId, date: found.date });
    if (req.method === 'DELETE') {
      s.schedules.delete(id);
      res.writeHead(204).end();
      return true;
    }
    return refuse(res, 405, 'Method not allowed');
  }
  return refuse(res, 404, `No Garmin sandbox route for ${req.method} ${path}`);
}
