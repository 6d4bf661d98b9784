import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { curvesViews, trendsViews } from '../../../worker/features/analytics';
import { athleteOf } from './analytics.server';
import { EFFICIENCY_SPORTS, TREND_MONTHS, TREND_WEEKS, ZONE_BASES, ZONE_SPORTS } from './trends';

const pick = <T extends string>(options: readonly { value: T }[], raw: string | null, fallback: T): T =>
  options.find((o) => o.value === raw)?.value ?? fallback;

/** The page's choices from the address; unknown values fall back to the defaults, and a basis fixes its sport. */
export function trendsParams(url: URL) {
  const q = url.searchParams;
  const basis = pick(ZONE_BASES, q.get('basis'), 'hr');
  const sport = basis === 'power' ? 'ride' : basis === 'pace' ? 'run' : pick(ZONE_SPORTS, q.get('sport'), 'all');
  return {
    basis,
    sport,
    weeks: Number(pick(TREND_WEEKS, q.get('weeks'), '12')) as 12 | 26 | 52,
    effSport: pick(EFFICIENCY_SPORTS, q.get('eff'), 'run'),
    months: Number(pick(TREND_MONTHS, q.get('months'), '12')) as 12 | 24,
  };
}

/** Weeks of time in zone and months of efficiency, in the viewer's units. */
export async function loadTrends(context: AppLoadContext, viewer: Viewer, url: URL) {
  const svc = context.services.analytics;
  const a = athleteOf(viewer);
  const params = trendsParams(url);
  const [zones, efficiency, ride, run] = await Promise.all([
    trendsViews.zones(svc, a, { basis: params.basis, sport: params.sport, weeks: params.weeks }),
    trendsViews.efficiency(svc, a, params.effSport, params.months),
    curvesViews.modelHistory(svc, a, 'ride'),
    curvesViews.modelHistory(svc, a, 'run'),
  ]);
  return { params, zones, efficiency, history: { ride, run } };
}
