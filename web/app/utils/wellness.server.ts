// Home's check-in: the day's record (the athlete's own values in the form, a device's beside them) and readiness;
// the form saved through the API's own schema and service, so the page and PUT /api/v1/wellness share every rule.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { CheckInBody } from '../../../worker/features/wellness';
import { refuseWhileImpersonating } from '../../../worker/http/guards';
import { addDays, todayIn } from '../../../worker/lib/dates';
import { appErrorToForm, parseValues } from './forms.server';

const athleteOf = (v: Viewer) => ({ id: v.user.id, units: v.user.units, timeZone: v.user.timeZone });
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day the card shows: `?checkin=` when it is a real day no later than today, else today. */
export function checkInDay(viewer: Viewer, url: URL, now = new Date()): string {
  const today = todayIn(viewer.user.timeZone, now);
  const asked = url.searchParams.get('checkin');
  return asked && DAY.test(asked) && asked <= today && !Number.isNaN(Date.parse(asked)) ? asked : today;
}

export async function loadCheckIn(context: AppLoadContext, viewer: Viewer, url: URL) {
  const s = context.services.wellness;
  const a = athleteOf(viewer);
  const day = checkInDay(viewer, url);
  const today = todayIn(viewer.user.timeZone, new Date());
  const [days, readiness] = await Promise.all([s.days(a, day, day), s.readiness(a)]);
  const fields = days.days[0]?.fields ?? {};
  // The form holds the athlete's own values; what a device said is shown beside the field.
  const own: Record<string, string | number | boolean> = {};
  const devices: Record<string, { source: string; value: string | number | boolean }> = {};
  for (const [k, f] of Object.entries(fields)) {
    if (f.source === 'checkin') own[k] = f.value;
    const device = f.source === 'checkin' ? f.others[0] : f;
    if (device) devices[k] = { source: device.source, value: device.value };
  }
  return {
    day,
    today,
    previous: addDays(day, -1),
    next: day < today ? addDays(day, 1) : null,
    weightUnit: days.weightUnit,
    own,
    devices,
    saved: Object.keys(own).length > 0,
    readiness,
  };
}

export type CheckInView = Awaited<ReturnType<typeof loadCheckIn>>;

const NUMBERS = [
  'sleepHours',
  'sleepQuality',
  'soreness',
  'fatigue',
  'stress',
  'mood',
  'motivation',
  'restingHr',
  'hrvRmssd',
  'weight',
  'bodyFatPct',
];

/** The form as the API's body: every field the form holds is sent, an empty one as null (it clears the athlete's value). */
export function checkInFromForm(values: Record<string, string>) {
  const body: Record<string, unknown> = {};
  for (const k of NUMBERS) {
    const v = (values[k] ?? '').trim().replace(',', '.');
    body[k] = v === '' ? null : Number(v);
  }
  body.injury = values.injury === 'on' ? true : null;
  body.injuryWhere = body.injury ? (values.injuryWhere ?? '').trim() || null : null;
  body.note = (values.note ?? '').trim() || null;
  return body;
}

export async function saveCheckIn(context: AppLoadContext, viewer: Viewer, values: Record<string, string>) {
  refuseWhileImpersonating(viewer, 'write an athlete’s check-in');
  const parsed = parseValues(checkInFromForm(values), CheckInBody);
  if (!parsed.ok) return { intent: 'checkin' as const, ...parsed };
  try {
    await context.services.wellness.checkIn(athleteOf(viewer), values.day ?? '', parsed.data);
  } catch (err) {
    return { intent: 'checkin' as const, ...appErrorToForm(err) };
  }
  return { intent: 'checkin' as const, ok: true as const, day: values.day ?? '' };
}

/** The weight chart's span on the wellness page. */
export const WEIGHT_DAYS = 91;

/** The wellness page: four weeks of days ending `?to=` (default today), newest first, with readiness. */
export async function loadWellnessPage(context: AppLoadContext, viewer: Viewer, url: URL) {
  const s = context.services.wellness;
  const a = athleteOf(viewer);
  const today = todayIn(viewer.user.timeZone, new Date());
  const askedTo = url.searchParams.get('to');
  const to = askedTo && DAY.test(askedTo) && askedTo <= today && !Number.isNaN(Date.parse(askedTo)) ? askedTo : today;
  const from = addDays(to, -27);
  // 13 weeks for the weight chart; the table shows the last four of them.
  const weightFrom = addDays(to, -(WEIGHT_DAYS - 1));
  const [all, readiness] = await Promise.all([s.days(a, weightFrom, to), s.readiness(a)]);
  const days = { ...all, days: all.days.filter((d) => d.day >= from) };
  const byDay = new Map(days.days.map((d) => [d.day, d.fields]));
  const weight = all.days.flatMap((d) => {
    const f = d.fields.weight;
    return f && typeof f.value === 'number' ? [{ day: d.day, value: f.value, source: f.source }] : [];
  });
  // Only the days with something recorded: four weeks of dashes say less than "nothing on the other days".
  const rows = Array.from({ length: 28 }, (_, i) => addDays(to, -i)).flatMap((day) => {
    const fields = byDay.get(day);
    return fields ? [{ day, fields }] : [];
  });
  return {
    from,
    to,
    today,
    earlier: addDays(from, -1),
    later: to < today ? (addDays(to, 28) > today ? today : addDays(to, 28)) : null,
    weightUnit: days.weightUnit,
    rows,
    filled: days.days.length,
    readiness,
    weight: { from: weightFrom, to, points: weight },
  };
}

export type WellnessPageView = Awaited<ReturnType<typeof loadWellnessPage>>;
