import {
  ProviderConsentError,
  ProviderHttpError,
  ProviderRateLimitedError,
  ProviderUnauthorizedError,
} from '../file-provider/file-provider';
import { retryAfterSeconds } from './garmin.http';
import { GarminGoneError, GarminRefusedError, type GarminTrainingClient } from './garmin-training';
import type { GarminWorkout } from './garmin-training.wire';
import { providerFetch } from '../provider-fetch';

const slash = (u: string) => (u.endsWith('/') ? u : `${u}/`);

/** Garmin's Training API over fetch, on the same API base as the Activity API (Garmin's host, or the sandbox). */
export class HttpGarminTraining implements GarminTrainingClient {
  private readonly api: URL;

  /** `timeoutMs`: each call's deadline (PROVIDER_TIMEOUT_MS unless set). */
  constructor(
    apiUrl: string,
    private readonly timeoutMs?: number,
  ) {
    this.api = new URL(slash(apiUrl));
  }

  async createWorkout(token: string, workout: GarminWorkout): Promise<string> {
    // Creating lives on a path of its own; reading, updating and deleting under training-api.
    const body = await this.send(token, 'POST', 'workoutportal/workout/v2', workout);
    return idOf(body, ['workoutId']);
  }

  async updateWorkout(token: string, workoutId: string, workout: GarminWorkout): Promise<void> {
    await this.send(token, 'PUT', `training-api/workout/v2/${encodeURIComponent(workoutId)}`, workout);
  }

  async deleteWorkout(token: string, workoutId: string): Promise<void> {
    await this.gone(() => this.send(token, 'DELETE', `training-api/workout/v2/${encodeURIComponent(workoutId)}`));
  }

  async createSchedule(token: string, workoutId: string, date: string): Promise<string> {
    const body = await this.send(token, 'POST', 'training-api/schedule/', { workoutId: Number(workoutId), date });
    // Public clients read the new id as a bare number or as scheduleId / workoutScheduleId.
    return idOf(body, ['scheduleId', 'workoutScheduleId']);
  }

  async deleteSchedule(token: string, scheduleId: string): Promise<void> {
    await this.gone(() => this.send(token, 'DELETE', `training-api/schedule/${encodeURIComponent(scheduleId)}`));
  }

  private async gone(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (!(err instanceof GarminGoneError)) throw err;
    }
  }

  private async send(token: string, method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await providerFetch(
      new URL(path, this.api),
      {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
      },
      this.timeoutMs,
    );
    const text = await res.text();
    if (res.ok) return text ? safeJson(text) : null;
    const message = messageOf(text);
    if (res.status === 400) throw new GarminRefusedError(message ?? 'Garmin refused the workout');
    if (res.status === 404) throw new GarminGoneError(message ?? 'Garmin has no such item');
    if (res.status === 401 || res.status === 403) throw new ProviderUnauthorizedError(`Garmin answered ${res.status}`);
    // 412: the athlete did not grant (or withdrew) WORKOUT_IMPORT on Garmin's side.
    if (res.status === 412) throw new ProviderConsentError('The athlete does not let this app add workouts in Garmin Connect');
    if (res.status === 429) throw new ProviderRateLimitedError(retryAfterSeconds(res.headers.get('retry-after')));
    throw new ProviderHttpError(res.status);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Garmin's error bodies carry `errorMessage` (the Activity API's shape; the Training API answers the same). */
function messageOf(text: string): string | null {
  const body = safeJson(text);
  const m = body && typeof body === 'object' && 'errorMessage' in body ? (body as { errorMessage: unknown }).errorMessage : null;
  return typeof m === 'string' && m ? m.slice(0, 500) : null;
}

function idOf(body: unknown, keys: string[]): string {
  if (typeof body === 'number' && Number.isSafeInteger(body)) return String(body);
  if (body && typeof body === 'object')
    for (const k of keys) {
      const v = (body as Record<string, unknown>)[k];
      if ((typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && /^\d{1,20}$/.test(v))) return String(v);
    }
  throw new ProviderHttpError(502);
}
