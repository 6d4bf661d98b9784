// The Analysis page's data: the address's choices (a bad or half-given one falls back, with a word, never
// an error), the curve and the comparison from the curve API's views, and the critical model beside them.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { curvesViews } from '../../../worker/features/analytics';
import { COMPARE_OPTIONS, CURVE_KINDS, CURVE_RANGE_OPTIONS, SPORTS_FOR, type AnalysisParams } from './analysis';
import { athleteOf, todayFor } from './analytics.server';
import { isCalendarDate } from './format';
import { loadIngestion } from './ingestion.server';

const pick = <T extends string>(options: readonly { value: T }[], v: string | null, fallback: T): T =>
  options.find((o) => o.value === v)?.value ?? fallback;

/** Two whole dates in order, or null. */
function span(from: string | null, to: string | null): { from: string; to: string } | null {
  return from && to && isCalendarDate(from) && isCalendarDate(to) && from <= to ? { from, to } : null;
}

/** The choices the address makes, each checked; `notes` says what was set aside and why. */
export function analysisParams(url: URL): { params: AnalysisParams; notes: string[] } {
  const q = url.searchParams;
  const notes: string[] = [];
  const kind = pick(CURVE_KINDS, q.get('kind'), 'power');
  const sports = SPORTS_FOR[kind];
  const sport = sports.find((s) => s === q.get('sport')) ?? sports[0]!;
  const range = pick(CURVE_RANGE_OPTIONS, q.get('range'), 'season');
  const custom = span(q.get('from'), q.get('to'));
  if (range === 'custom' && !custom && (q.get('from') || q.get('to')))
    notes.push('The custom range needs a first and a last day, the first on or before the last.');
  let compare = pick(COMPARE_OPTIONS, q.get('compare'), 'none');
  // All time has nothing before it.
  if (compare === 'previous' && range === 'all') compare = 'none';
  const other = span(q.get('compareFrom'), q.get('compareTo'));
  if (compare === 'custom' && !other && (q.get('compareFrom') || q.get('compareTo')))
    notes.push('The range to compare with needs a first and a last day, the first on or before the last.');
  return {
    params: {
      kind,
      sport,
      range,
      from: custom?.from ?? q.get('from') ?? '',
      to: custom?.to ?? q.get('to') ?? '',
      compare,
      compareFrom: other?.from ?? q.get('compareFrom') ?? '',
      compareTo: other?.to ?? q.get('compareTo') ?? '',
    },
    notes,
  };
}

export async function loadAnalysis(context: AppLoadContext, viewer: Viewer, url: URL) {
  const svc = context.services.analytics;
  const a = athleteOf(viewer);
  const today = todayFor(context, viewer);
  const { params, notes } = analysisParams(url);
  const custom = span(params.from, params.to);
  const other = span(params.compareFrom, params.compareTo);
  const lastYear = Number(today.slice(0, 4)) - 1;
  const compareQuery =
    params.compare === 'previous'
      ? { compare: 'previous' as const }
      : params.compare === 'last-season'
        ? { compareFrom: `${lastYear}-01-01`, compareTo: `${lastYear}-12-31` }
        : params.compare === 'custom' && other
          ? { compareFrom: other.from, compareTo: other.to }
          : {};
  // A custom range not yet given shows the season meanwhile, under the form that asks for it.
  const rangeQuery = params.range === 'custom' ? (custom ?? { range: 'season' as const }) : { range: params.range };
  const modelSport = params.kind === 'power' ? 'ride' : params.kind === 'pace' && params.sport === 'run' ? 'run' : null;
  const [curve, models] = await Promise.all([
    curvesViews.curve(svc, a, {
      kind: params.kind === 'pace' ? 'speed' : params.kind,
      sport: params.sport,
      ...rangeQuery,
      ...compareQuery,
    }),
    modelSport ? curvesViews.models(svc, a, modelSport) : null,
  ]);
  // Nothing drawn: a brand-new account is told how data arrives; an athlete with activities, that this range has none.
  const empty = curve.curve.points.length === 0 && (curve.compare?.points.length ?? 0) === 0;
  const activityCount = empty ? (await loadIngestion(context, viewer)).activityCount : null;
  return { params, notes, today, curve, models, empty, activityCount };
}
