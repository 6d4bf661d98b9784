import {
  ProviderConsentError,
  ProviderHttpError,
  ProviderRateLimitedError,
  ProviderUnauthorizedError,
} from '../file-provider/file-provider';
import { providerFetch } from '../provider-fetch';
import { retryAfterSeconds } from './garmin.http';
import type { GarminCoursesClient } from './garmin-courses';
import type { GarminCourse } from './garmin-courses.wire';
import { GarminRefusedError } from './garmin-training';

const slash = (u: string) => (u.endsWith('/') ? u : `${u}/`);

/** Garmin's Courses API over fetch, on the same API base as the Activity and Training APIs (Garmin's host, or the sandbox). */
export class HttpGarminCourses implements GarminCoursesClient {
  private readonly api: URL;

  constructor(
    apiUrl: string,
    private readonly timeoutMs?: number,
  ) {
    this.api = new URL(slash(apiUrl));
  }

  async createCourse(token: string, course: GarminCourse): Promise<string> {
    const res = await providerFetch(
      new URL('training-api/courses/v1/course', this.api),
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(course),
        redirect: 'manual',
      },
      this.timeoutMs,
    );
    const text = await res.text();
    if (res.ok) return idOf(safeJson(text));
    const message = messageOf(text);
    if (res.status === 400) throw new GarminRefusedError(message ?? 'Garmin refused the course');
    if (res.status === 401 || res.status === 403) throw new ProviderUnauthorizedError(`Garmin answered ${res.status}`);
    // 412: the athlete did not grant (or withdrew) COURSE_IMPORT on Garmin's side.
    if (res.status === 412) throw new ProviderConsentError('The athlete does not let this app add courses in Garmin Connect');
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

/** Garmin's error bodies carry `errorMessage` (as the Activity and Training APIs'). */
function messageOf(text: string): string | null {
  const body = safeJson(text);
  const m = body && typeof body === 'object' && 'errorMessage' in body ? (body as { errorMessage: unknown }).errorMessage : null;
  return typeof m === 'string' && m ? m.slice(0, 500) : null;
}

/** The created course is answered whole; its `courseId` is a Long. */
function idOf(body: unknown): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>).courseId : undefined;
  if ((typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && /^\d{1,20}$/.test(v))) return String(v);
  throw new ProviderHttpError(502);
}
