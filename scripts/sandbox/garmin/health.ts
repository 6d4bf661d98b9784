// Garmin Health API in the sandbox: a connected user's year of health summaries, generated deterministically from
// the user number (sleep 5.5–9 h ending 05:30–08:30 local, HRV 35–90 ms, resting HR 42–60, weight drifting), made
// available as Garmin's ping/pull mode does it (ADR 095): each upload is a ping `{ "<summaryType>": [{ userId,
// callbackURL }] }` (one type per POST) whose callback URL (`wellness-api/rest/<type>?uploadStartTimeInSeconds=…&
// uploadEndTimeInSeconds=…&token=…`) serves the summaries to the user's bearer token; the backfill endpoint answered by
// pings; and what a day looks like live: a night first TENTATIVE then FINAL under the same summaryId, and dailies re-sent
// as the day goes on. Field names as in worker/providers/garmin/garmin-health.wire.ts (ADR 071).
import type { ServerResponse } from 'node:http';
import { json } from '../strava/common.ts';
import { send } from './notify.ts';
import type { Delivery, GarminState, OutboxItem, User } from './state.ts';
import { mulberry32 } from '../../../worker/lib/random.ts';

export const HEALTH_TYPES = ['dailies', 'sleeps', 'hrv', 'bodyComps', 'stressDetails', 'userMetrics'] as const;
export type HealthType = (typeof HEALTH_TYPES)[number];
type Summary = Record<string, unknown> & { summaryId: string };

const DAY_S = 86_400;
const BACKFILL_MAX_S = 90 * DAY_S;
/** The sandbox's users live one hour east of UTC (Central Europe in winter): local days differ from UTC ones. */
export const HEALTH_OFFSET_S = 3600;
/** How much history the Health API keeps to send back (the sandbox's year). */
export const HEALTH_DAYS = 365;

const between = (r: () => number, lo: number, hi: number) => lo + (hi - lo) * r();
const hex = (n: number) => Math.max(0, Math.floor(n)).toString(16);
const dayOf = (epochS: number) => new Date(epochS * 1000).toISOString().slice(0, 10);
/** UTC seconds of a local calendar day's midnight. */
const localMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000 - HEALTH_OFFSET_S;

/** Garmin-like summary ids: the user's short hex, the summary's start, a type tag; stable for a day and type. */
const sid = (userId: string, type: HealthType, startS: number) => `x${userId.slice(0, 7)}-${hex(startS)}-${type.slice(0, 2)}`;

export interface HealthDay {
  day: string;
  dailies: Summary;
  sleeps: Summary;
  hrv: Summary;
  stressDetails: Summary;
  bodyComps: Summary | null;
  userMetrics: Summary | null;
}

/** One local day of user n's health (the night that ended that morning included). */
export function healthDay(
  n: number,
  userId: string,
  day: string,
  opts: { sleepValidation?: string; dailyStepsShare?: number; all?: boolean } = {},
): HealthDay {
  const dayIndex = Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000 / DAY_S);
  const r = mulberry32(n * 100_003 + dayIndex);
  const midnight = localMidnight(day);
  // The night: ends 05:30–08:30 local, 5.5–9 h long, so it started the evening before.
  const end = midnight + Math.round(between(r, 5.5, 8.5) * 3600);
  const duration = Math.round((between(r, 5.5, 9) * 3600) / 60) * 60;
  const sleepStart = end - duration;
  const hrvBase = 35 + ((n * 7) % 30);
  const hrv = Math.round(Math.min(90, Math.max(35, hrvBase + between(r, -8, 12) + (duration - 7 * 3600) / 1200)));
  const rhr = Math.round(Math.min(60, Math.max(42, 42 + ((n * 3) % 10) + between(r, 0, 8) - (hrv - hrvBase) / 6)));
  const stress = Math.round(between(r, 18, 45));
  const steps = Math.round(between(r, 4000, 16000) * (opts.dailyStepsShare ?? 1));
  const timed = (type: HealthType, startS: number, durationS: number) => ({
    userId,
    summaryId: sid(userId, type, startS),
    calendarDate: day,
    startTimeInSeconds: startS,
    startTimeOffsetInSeconds: HEALTH_OFFSET_S,
    durationInSeconds: durationS,
  });
  const stressValues: Record<string, number> = {};
  for (let t = 0; t < DAY_S; t += 180) stressValues[String(t)] = r() < 0.15 ? -1 : r() < 0.05 ? -2 : Math.round(between(r, 5, stress * 2));
  // Weight drifts over the year (a slow sine plus noise around the user's own weight), measured every third day.
  const weightKg = 62 + (n % 20) + 1.5 * Math.sin(dayIndex / 58) + between(r, -0.4, 0.4);
  const weighing = midnight + 7 * 3600 + Math.round(between(r, 0, 3600));
  return {
    day,
    dailies: {
      ...timed('dailies', midnight, DAY_S),
      activityType: 'GENERIC',
      steps,
      distanceInMeters: Math.round(steps * 0.78),
      restingHeartRateInBeatsPerMinute: rhr,
      minHeartRateInBeatsPerMinute: rhr - 2,
      averageHeartRateInBeatsPerMinute: rhr + 18,
      maxHeartRateInBeatsPerMinute: rhr + 110,
      averageStressLevel: stress,
      maxStressLevel: Math.min(100, stress * 2 + 10),
      stressQualifier: stress < 26 ? 'calm' : 'balanced',
    },
    sleeps: {
      ...timed('sleeps', sleepStart, duration),
      deepSleepDurationInSeconds: Math.round(duration * 0.18),
      lightSleepDurationInSeconds: Math.round(duration * 0.55),
      remSleepInSeconds: Math.round(duration * 0.22),
      awakeDurationInSeconds: Math.round(duration * 0.05),
      validation: opts.sleepValidation ?? 'ENHANCED_FINAL',
      overallSleepScore: { value: Math.round(Math.min(100, 40 + duration / 600 + between(r, -5, 5))), qualifierKey: 'GOOD' },
    },
    hrv: { ...timed('hrv', sleepStart, duration), lastNightAvg: hrv, lastNight5MinHigh: hrv + 25 },
    stressDetails: { ...timed('stressDetails', midnight, DAY_S), timeOffsetStressLevelValues: stressValues },
    bodyComps:
      dayIndex % 3 === 0 || opts.all
        ? {
            userId,
            summaryId: sid(userId, 'bodyComps', weighing),
            measurementTimeInSeconds: weighing,
            measurementTimeOffsetInSeconds: HEALTH_OFFSET_S,
            weightInGrams: Math.round(weightKg * 1000),
            bodyFatInPercent: Math.round((14 + (n % 8) + between(r, -0.5, 0.5)) * 10) / 10,
          }
        : null,
    userMetrics:
      dayIndex % 7 === 0 || opts.all
        ? { userId, summaryId: sid(userId, 'userMetrics', midnight), calendarDate: day, vo2Max: 48 + (n % 9), fitnessAge: 30 }
        : null,
  };
}

/** When a summary starts: a weighing has its measurement time, user metrics only a calendar date. */
const startOf = (x: Summary): number =>
  typeof x.startTimeInSeconds === 'number'
    ? x.startTimeInSeconds
    : typeof x.measurementTimeInSeconds === 'number'
      ? x.measurementTimeInSeconds
      : localMidnight(String(x.calendarDate));

/** The user's summaries of a type that start in [startS, endS), up to now. */
export function summariesIn(s: GarminState, n: number, type: HealthType, startS: number, endS: number): Summary[] {
  const u = s.user(n);
  const last = Math.min(endS, Math.floor(Date.now() / 1000));
  const out: Summary[] = [];
  for (let d = Math.floor(startS / DAY_S) - 1; d * DAY_S < last + DAY_S; d++) {
    const day = dayOf(d * DAY_S);
    const summary = healthDay(n, u.userId, day)[type];
    if (summary && startOf(summary) >= startS && startOf(summary) < last) out.push(summary);
  }
  return out;
}

/** Pull tokens of health callback URLs live a week (Garmin keeps pings 7 days) and may be used more than once. */
const PULL_TTL_MS = 7 * DAY_S * 1000;

/**
 * An upload of summaries of one type (a sync, a backfill window): kept behind a fresh pull token, and pinged as
 * Garmin's ping mode does, one ping per upload with its callback URL (at most 100 summaries an upload).
 */
export async function pushHealth(s: GarminState, n: number, type: HealthType, summaries: Summary[]): Promise<(Delivery | OutboxItem)[]> {
  const out: (Delivery | OutboxItem)[] = [];
  const userId = s.user(n).userId;
  for (let i = 0; i < summaries.length; i += 100) {
    const chunk = summaries.slice(i, i + 100);
    const callbackURL = s.healthUpload(n, type, chunk, PULL_TTL_MS);
    out.push(await send(s, 'health', [userId], { [type]: [{ userId, callbackURL }] }, { entries: chunk.length }));
  }
  return out;
}

/**
 * `GET {type}?uploadStartTimeInSeconds&uploadEndTimeInSeconds&token`: the summaries of the upload behind the pull token,
 * to that user's bearer token only (at most 24 hours by upload time). 400 for a token that is not the user's, not this
 * type's or window's, or expired; 412 without HEALTH_EXPORT. Answered as Garmin's pull answers: a list, no userId.
 */
export function healthPull(s: GarminState, res: ServerResponse, url: URL, type: HealthType, u: User | null): void {
  if (!u) return;
  const start = Number(url.searchParams.get('uploadStartTimeInSeconds'));
  const end = Number(url.searchParams.get('uploadEndTimeInSeconds'));
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end - start > DAY_S) {
    errorMessage(res, 400, 'uploadStartTimeInSeconds and uploadEndTimeInSeconds must be unix seconds at most 24 hours apart');
    return;
  }
  if (!u.permissions.includes('HEALTH_EXPORT')) {
    errorMessage(res, 412, 'The user has not granted HEALTH_EXPORT');
    return;
  }
  const pull = s.healthPulls.get(url.searchParams.get('token') ?? '');
  if (!pull || pull.user !== u.number || pull.type !== type || pull.start !== start || pull.end !== end || pull.expiresAt <= Date.now()) {
    errorMessage(res, 400, 'Invalid or expired pull token');
    return;
  }
  json(
    res,
    200,
    pull.summaries.map(({ userId: _u, ...summary }) => summary),
  );
}

const errorMessage = (res: ServerResponse, status: number, message: string) => json(res, status, { errorMessage: message });

/** `GET backfill/{type}`: 202 and the window's summaries pushed after the answer; > 90 days 400, again 409, without HEALTH_EXPORT 412. */
export function healthBackfill(
  s: GarminState,
  res: ServerResponse,
  url: URL,
  type: HealthType,
  gate: (backfillDays: number) => ReturnType<GarminState['bearer']> | null,
): void {
  const start = Number(url.searchParams.get('summaryStartTimeInSeconds'));
  const end = Number(url.searchParams.get('summaryEndTimeInSeconds'));
  const refused = (): [number, string] | null => {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start)
      return [400, 'summaryStartTimeInSeconds and summaryEndTimeInSeconds must be unix seconds, start before end'];
    return end - start > BACKFILL_MAX_S ? [400, 'The maximum date range of a backfill request is 90 days'] : null;
  };
  const bad = refused();
  if (bad) {
    errorMessage(res, ...bad);
    return;
  }
  const u = gate(Math.ceil((end - start) / DAY_S));
  if (!u) return;
  if (!u.permissions.includes('HEALTH_EXPORT')) {
    errorMessage(res, 412, 'The user has not granted HEALTH_EXPORT');
    return;
  }
  if (s.healthBackfills.some((b) => b.userId === u.userId && b.type === type && b.start === start && b.end === end)) {
    errorMessage(res, 409, `duplicate backfill for ${type}`);
    return;
  }
  const from = Math.max(start, Math.floor(Date.now() / 1000) - HEALTH_DAYS * DAY_S);
  const summaries = summariesIn(s, u.number, type, from, end);
  s.healthBackfills.unshift({ userId: u.userId, type, start, end, entries: summaries.length, at: new Date().toISOString() });
  json(res, 202, {});
  if (summaries.length) setTimeout(() => void pushHealth(s, u.number, type, summaries), 20);
}

/**
 * `POST users/{n}/health/…` for tests, benchmarks and the dev stack:
 * - `today` — the morning's pushes: the night TENTATIVE, then FINAL (other values, same summaryId), the HRV, and the
 *   dailies twice (steps so far, then more: the same summaryId with changed values).
 * - `push` `{ type, day?, summary? }` — one summary of the day (generated, with `summary`'s fields over it).
 */
export async function healthControl(s: GarminState, n: number, sub: string, b: Record<string, unknown>) {
  const u = s.user(n);
  const today = dayOf(Math.floor(Date.now() / 1000) + HEALTH_OFFSET_S);
  const day = typeof b.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(b.day) ? b.day : today;
  if (sub === 'today') {
    const tentative = healthDay(n, u.userId, day, { sleepValidation: 'AUTO_TENTATIVE' });
    const final = healthDay(n, u.userId, day);
    // Garmin refines a night after the device's next sync: the tentative record is shorter, the final one complete.
    const shorter = {
      ...tentative.sleeps,
      durationInSeconds: (tentative.sleeps.durationInSeconds as number) - 1800,
      startTimeInSeconds: (tentative.sleeps.startTimeInSeconds as number) + 1800,
    };
    const partial = healthDay(n, u.userId, day, { dailyStepsShare: 0.4 });
    const deliveries = [
      ...(await pushHealth(s, n, 'sleeps', [shorter])),
      ...(await pushHealth(s, n, 'sleeps', [final.sleeps])),
      ...(await pushHealth(s, n, 'hrv', [final.hrv])),
      ...(await pushHealth(s, n, 'dailies', [partial.dailies])),
      ...(await pushHealth(s, n, 'dailies', [final.dailies])),
    ];
    return { status: 200, body: { day, tentative: shorter, final: final.sleeps, dailies: [partial.dailies, final.dailies], deliveries } };
  }
  if (sub === 'push') {
    const type = b.type as HealthType;
    if (!HEALTH_TYPES.includes(type)) return { status: 400, body: { error: `type must be one of ${HEALTH_TYPES.join(', ')}` } };
    const base = healthDay(n, u.userId, day, { all: true })[type] as Summary;
    const extra = b.summary && typeof b.summary === 'object' && !Array.isArray(b.summary) ? (b.summary as Record<string, unknown>) : {};
    const summary = { ...base, ...extra, userId: u.userId } as Summary;
    return { status: 200, body: { summary, deliveries: await pushHealth(s, n, type, [summary]) } };
  }
  return { status: 404, body: { error: 'no such control route' } };
}
