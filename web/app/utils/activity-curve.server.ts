// The activity page's curve card, W′ balance chart, efficiency card and "open at a moment" (?at=&for=, the links
// from the curves page): read for the owner through the analytics views, as the API answers them.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { activityEfficiency, curvesViews } from '../../../worker/features/analytics';
import { isUuid } from '../../../worker/lib/ids';
import { METRES_PER } from './analytics-format';
import { athleteOf, type loadActivityPage } from './analytics.server';

const CURVE_KINDS = ['power', 'speed', 'hr'] as const;
type Kind = (typeof CURVE_KINDS)[number];
type Page = Awaited<ReturnType<typeof loadActivityPage>>;

/** `?at=<second>&for=<seconds>`: the window to open the charts on; anything else is ignored, never an error. */
export function momentOf(url: URL): { from: number; to: number } | null {
  const at = Number(url.searchParams.get('at'));
  const span = Number(url.searchParams.get('for') ?? '60');
  if (!url.searchParams.has('at') || !Number.isInteger(at) || at < 0 || !Number.isFinite(span) || span < 1) return null;
  return { from: at, to: at + Math.round(span) };
}

type Summary = { sport: string; movingTimeS: number; avgHr: number | null };
type Analysis = { normalizedPower: number | null; gradedPace: number | null; decouplingPct: number | null } | null;

/** The efficiency card's facts from the page's summary and analysis: the athlete's page and the coach's read it alike. */
export function efficiencyOf(activity: Summary, x: Analysis, units: keyof typeof METRES_PER) {
  return activityEfficiency({
    sport: activity.sport,
    movingTimeS: activity.movingTimeS,
    avgHr: activity.avgHr,
    normalizedPower: x?.normalizedPower ?? null,
    // The analysis states NGP as a pace in the athlete's unit; EF reads it as a speed.
    ngpMps: x?.gradedPace ? METRES_PER[units] / x.gradedPace : null,
    decouplingPct: x?.decouplingPct ?? null,
  });
}

export async function loadActivityCurves(context: AppLoadContext, viewer: Viewer, id: string, url: URL, page: Page) {
  if (!isUuid(id)) return null;
  const svc = context.services.analytics;
  const a = athleteOf(viewer);
  const asked = url.searchParams.get('curve');
  const kind = CURVE_KINDS.find((k) => k === asked) as Kind | undefined;
  const moment = momentOf(url);
  const [curve, balance, range] = await Promise.all([
    curvesViews.activityCurve(svc, a, id, kind),
    curvesViews.activityBalance(svc, a, id),
    moment ? svc.activityStreamsRange(a, id, 'owner', moment.from, moment.to) : null,
  ]);
  const efficiency = efficiencyOf(page.activity, page.analysis, a.units);
  // The window as the charts will show it: clamped to the recording by the range's own figures.
  const opened = moment && range ? { from: range.figures.from, to: range.figures.to, view: range } : null;
  return { curve, balance, efficiency, opened };
}
