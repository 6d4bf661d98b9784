// Garmin's side of notifications: the ping bodies (activityFiles, deregistrations, userPermissionsChange) and
// their delivery to the app's endpoint with Garmin's headers, retried while the app does not answer 200.
// Unsigned, as Garmin's are. With no webhook URL configured they wait in the outbox for a test to take.
import type { GeneratedActivity } from '../strava/generator.ts';
import type { Delivery, GarminState, OutboxItem } from './state.ts';
import { garminActivityId } from './state.ts';

/** Garmin's activity types (Appendix A of its Activity API), for the sandbox's three sports. */
export function activityType(a: GeneratedActivity): string {
  if (a.plan.sport === 'Swim') return 'LAP_SWIMMING';
  if (a.plan.sport === 'Ride') return a.trainer ? 'VIRTUAL_RIDE' : 'ROAD_BIKING';
  return a.sportType === 'TrailRun' ? 'TRAIL_RUNNING' : 'RUNNING';
}

/** One `activityFiles` entry, with a fresh callback URL (one download within 24 hours). */
export function fileEntry(s: GarminState, n: number, a: GeneratedActivity): Record<string, unknown> {
  const id = garminActivityId(a);
  return {
    userId: s.user(n).userId,
    summaryId: `${id}-file`,
    fileType: 'FIT',
    callbackURL: s.callbackUrl(n, a),
    activityType: activityType(a),
    deviceName: a.deviceName,
    startTimeInSeconds: Math.floor(a.startMs / 1000),
    activityId: id,
    activityName: a.name,
    manual: false,
    isWebUpload: false,
  };
}

const GIVE_UP_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function postOnce(url: string, headers: Record<string, string>, body: string) {
  const started = performance.now();
  try {
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(GIVE_UP_MS) });
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status as number | null, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { status: null, ms: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) };
  }
}

export const garminHeaders = (clientId: string | null): Record<string, string> => ({
  'content-type': 'application/json;charset=UTF-8',
  'user-agent': 'Garmin Health API',
  accept: 'text/plain, application/json, application/*+json, */*',
  ...(clientId === null ? {} : { 'garmin-client-id': clientId }),
});

/**
 * Sends one notification, or queues it in the outbox when no webhook URL is set. A failed ping (no answer,
 * or anything but 200) is tried again with growing waits, as Garmin does, up to `deliveryAttempts`.
 */
export async function send(
  s: GarminState,
  kind: Delivery['kind'],
  userIds: string[],
  payload: unknown,
  opts: { clientId?: string | null; entries?: number } = {},
): Promise<Delivery | OutboxItem> {
  const headers = garminHeaders(opts.clientId === undefined ? s.config.clientId : opts.clientId);
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const entries = opts.entries ?? 1;
  const url = s.config.webhookUrl;
  if (!url) return s.queue({ kind, userIds, headers, body });
  let attempts = 0;
  let last: { status: number | null; ms: number; error?: string };
  for (;;) {
    attempts++;
    last = await postOnce(url, headers, body);
    if (last.status === 200 || attempts >= s.config.deliveryAttempts) break;
    await sleep(250 * 2 ** (attempts - 1));
  }
  const d: Delivery = {
    kind,
    userIds,
    entries,
    status: last.status,
    ms: last.ms,
    attempts,
    ok: last.status === 200,
    ...(last.error ? { error: last.error } : {}),
    at: new Date().toISOString(),
  };
  s.deliveries = [d, ...s.deliveries].slice(0, 200);
  return d;
}

/** Pings for sessions, at most 100 entries a POST (a backfill of a month is one or two). */
export async function sendFiles(s: GarminState, n: number, activities: GeneratedActivity[]): Promise<(Delivery | OutboxItem)[]> {
  const out: (Delivery | OutboxItem)[] = [];
  const userId = s.user(n).userId;
  for (let i = 0; i < activities.length; i += 100) {
    const entries = activities.slice(i, i + 100).map((a) => fileEntry(s, n, a));
    out.push(await send(s, 'activityFiles', [userId], { activityFiles: entries }, { entries: entries.length }));
  }
  return out;
}

export const sendDeregistration = (s: GarminState, n: number) => {
  const userId = s.user(n).userId;
  return send(s, 'deregistrations', [userId], { deregistrations: [{ userId }] });
};

export const sendPermissions = (s: GarminState, n: number) => {
  const u = s.user(n);
  return send(s, 'userPermissionsChange', [u.userId], {
    userPermissionsChange: [
      { userId: u.userId, summaryId: `x${u.number}-perm`, permissions: u.permissions, changeTimeInSeconds: Math.floor(Date.now() / 1000) },
    ],
  });
};
