import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { analyticsViews, athleteOf as athleteFromUser, DURATION_LOAD_PER_HOUR, type Athlete } from '../../../worker/features/analytics';
import { todayIn } from '../../../worker/lib/dates';
import { isUuid } from '../../../worker/lib/ids';
import { SOURCE_LABELS } from './activities.server';
import { activityZone, formatDateTime, isoDateIn } from './format';
import { DEFAULT_PMC_RANGE, DEFAULT_VOLUME_METRIC, PMC_RANGES, VOLUME_METRICS, type PmcRange, type VolumeMetric } from './analytics';

/** Weeks the volume chart and the sport split cover, and how far back efficiency looks. */
export const VOLUME_WEEKS = 12;
export const EFFICIENCY_WEEKS = 26;

/** Who the numbers are for: units, calendar and age grading follow the athlete's own settings. */
export const athleteOf = ({ user }: Viewer): Athlete => athleteFromUser(user);

export function todayFor(context: AppLoadContext, viewer: Viewer): string {
  return todayIn(viewer.user.timeZone, context.services.clock.now());
}

/** The dashboard's choices from the address: unknown values fall back to the defaults, never an error. */
export function dashboardParams(url: URL, thisYear: number) {
  const rangeParam = url.searchParams.get('range');
  const range: PmcRange = PMC_RANGES.find((r) => r.value === rangeParam)?.value ?? DEFAULT_PMC_RANGE;
  const metricParam = url.searchParams.get('volume');
  const volume: VolumeMetric = VOLUME_METRICS.find((m) => m.value === metricParam)?.value ?? DEFAULT_VOLUME_METRIC;
  const yearParam = Number(url.searchParams.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 1970 && yearParam <= thisYear ? yearParam : thisYear;
  return { range, volume, year };
}

/** Everything the dashboard shows, read in one go (each view is a handful of small queries). */
export async function loadDashboard(context: AppLoadContext, viewer: Viewer, url: URL) {
  const svc = context.services.analytics;
  const a = athleteOf(viewer);
  const today = todayFor(context, viewer);
  const params = dashboardParams(url, Number(today.slice(0, 4)));
  const days = PMC_RANGES.find((r) => r.value === params.range)!.days;
  const [fitness, volume, sports, heatmap, bests, ageGrades, efficiency, insights] = await Promise.all([
    analyticsViews.fitness(svc, a, days),
    analyticsViews.weeklyVolume(svc, a, VOLUME_WEEKS),
    analyticsViews.sportDistribution(svc, a, VOLUME_WEEKS),
    analyticsViews.heatmap(svc, a, params.year),
    analyticsViews.personalBests(svc, a),
    analyticsViews.ageGrades(svc, a),
    analyticsViews.efficiency(svc, a, EFFICIENCY_WEEKS),
    analyticsViews.insights(svc, a),
  ]);
  return { params, today, fitness, volume, sports, heatmap, bests, ageGrades, efficiency, insights };
}

export type HeldRecord = { label: string; kind: 'all-time' | 'recent' | 'year' };

/**
 * One of the viewer's activities with how its load was computed and the bests it holds; a 404 for an
 * id that is not theirs (or not an id at all), so nobody learns whether someone else's exists.
 */
export async function loadActivityPage(context: AppLoadContext, viewer: Viewer, id: string) {
  if (!isUuid(id)) throw new Response('Not found', { status: 404 });
  const { services } = context;
  const a = athleteOf(viewer);
  const [activity, analysis, bests] = await Promise.all([
    services.activities.get(a.id, id),
    analyticsViews.activity(services.analytics, a, id),
    analyticsViews.personalBests(services.analytics, a),
  ]);
  if (!activity) throw new Response('Not found', { status: 404 });

  // Which of the athlete's bests this activity holds: all time, the last 12 months, or a calendar year.
  const runRecords: Record<number, HeldRecord[]> = {};
  for (const r of bests.run) {
    const held: HeldRecord[] = [];
    const allTime = r.allTime?.receipt.activityId === id;
    if (allTime) held.push({ label: 'All-time best', kind: 'all-time' });
    else if (r.last12Months?.receipt.activityId === id) held.push({ label: 'Best of the last 12 months', kind: 'recent' });
    // An all-time best is also its year's best; saying so again adds nothing.
    if (!allTime) for (const y of r.byYear) if (y.receipt.activityId === id) held.push({ label: `Best of ${y.year}`, kind: 'year' });
    if (held.length) runRecords[r.distanceM] = held;
  }
  const powerRecords: Record<number, HeldRecord[]> = {};
  for (const p of bests.power) {
    const held: HeldRecord[] = [];
    if (p.allTime?.receipt.activityId === id) held.push({ label: 'All-time best', kind: 'all-time' });
    else if (p.last12Months?.receipt.activityId === id) held.push({ label: 'Best of the last 12 months', kind: 'recent' });
    if (held.length) powerRecords[p.durationS] = held;
  }

  return {
    activity: {
      id: activity.id,
      name: activity.name,
      sport: activity.sport,
      sportOriginal: activity.sportOriginal,
      source: SOURCE_LABELS[activity.source] ?? activity.source,
      // One zone for the page: the header's date and the start line agree (format.ts, activityZone).
      date: isoDateIn(activity.startTime, activityZone(activity.timezone, viewer.user.timeZone)),
      startedAt: formatDateTime(activity.startTime, activityZone(activity.timezone, viewer.user.timeZone)),
      movingTimeS: activity.movingTimeS,
      elapsedTimeS: activity.elapsedTimeS,
      distanceM: activity.distanceM,
      elevationGainM: activity.elevationGainM,
      avgHr: activity.avgHr,
      maxHr: activity.maxHr,
      avgPower: activity.avgPower,
      duplicateOf: activity.duplicateOf,
    },
    analysis,
    durationRate: DURATION_LOAD_PER_HOUR[activity.sport] ?? null,
    ageGradeMissing: [...(a.birthDate ? [] : ['birth date']), ...(a.sex ? [] : ['sex'])],
    runRecords,
    powerRecords,
    units: a.units,
  };
}
