// Duration curves for a range of days and the critical models fitted from them, every point with its receipt
// (the activity and the second its best window starts), read only from the sources the data use allows.
import { AppError, ErrorCode } from '../../../lib/errors';
import { addDays, daysBetween } from '../../../lib/dates';
import type { ActivitySource, DataUse } from '../../activities';
import type { Athlete, ReadContext } from '../analytics-shared';
import type { CurveSport } from './activity-curves.calc';
import { DEFAULT_WINDOW, type FitAnswer, fitCritical } from './critical-power.calc';
import * as repo from './curves.repo';
import { CURVE_DURATIONS, type CurveKind } from './mean-max.calc';
import type { RangeCurve } from './range-curve.calc';

export const CURVE_RANGES = ['42d', '90d', 'season', 'year', 'all'] as const;
export type CurveRange = (typeof CURVE_RANGES)[number];
/** The models rest on this many days of curve, ending today (intervals.icu's and WKO's usual 90). */
export const MODEL_DAYS = 90;

export interface Span {
  from: string;
  to: string;
}

export interface CurveQuery {
  kind: CurveKind;
  sport: CurveSport;
  range?: CurveRange;
  from?: string;
  to?: string;
  /** `previous`: the span before (last season for a season, the same length before otherwise). */
  compare?: 'previous';
  compareFrom?: string;
  compareTo?: string;
}

export interface CurvePointAnswer {
  durationS: number;
  value: number;
  activityId: string;
  date: string;
  startS: number;
  name: string;
}

export interface CurveAnswer {
  span: Span & { label: string };
  points: CurvePointAnswer[];
  /** Sources with activities in the span that this data use may not read (always empty for 'analytics'). */
  withheld: ActivitySource[];
}

const invalid = (message: string) => new AppError(ErrorCode.VALIDATION, message);

/** The days a named range covers on `today` (the athlete's date); a season is the calendar year so far. */
export function spanOf(range: CurveRange, today: string, firstDay: string | null): Span {
  switch (range) {
    case '42d':
      return { from: addDays(today, -41), to: today };
    case '90d':
      return { from: addDays(today, -89), to: today };
    case 'year':
      return { from: addDays(today, -364), to: today };
    case 'season':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'all':
      return { from: firstDay && firstDay < today ? firstDay : today, to: today };
  }
}

/** The span compared with `s`: the previous calendar year for a season, else as many days just before. */
export function previousSpan(s: Span, range: CurveRange | null): Span {
  if (range === 'season') {
    const y = Number(s.from.slice(0, 4)) - 1;
    return { from: `${y}-01-01`, to: `${y}-12-31` };
  }
  const days = daysBetween(s.from, s.to) + 1;
  return { from: addDays(s.from, -days), to: addDays(s.from, -1) };
}

export function createCurvesService(ctx: ReadContext) {
  async function answer(
    a: Athlete,
    kind: CurveKind,
    sport: CurveSport,
    span: Span & { label: string },
    use: DataUse,
  ): Promise<CurveAnswer> {
    const q = { kind, sport, sources: await ctx.sourcesFor(use), from: span.from, to: span.to };
    const [curve, withheld] = await Promise.all([
      repo.rangeCurve(ctx.db, a.id, q),
      // The athlete's own reads leave out only what strict mode keeps from everyone; only other uses say so.
      use === 'analytics' ? Promise.resolve([]) : repo.withheldSources(ctx.db, a.id, q),
    ]);
    return { span, points: withNames(curve.curve, curve.names), withheld };
  }

  function withNames(curve: RangeCurve, names: Map<string, string>): CurvePointAnswer[] {
    return curve.flatMap((p, i) =>
      p
        ? [
            {
              durationS: CURVE_DURATIONS[i]!,
              value: p.value,
              activityId: p.activityId,
              date: p.date,
              startS: p.startS,
              name: names.get(p.activityId) ?? '',
            },
          ]
        : [],
    );
  }

  return {
    /** The range's curve (and the compared range's), points ordered by duration. */
    async curve(a: Athlete, q: CurveQuery, use: DataUse = 'analytics'): Promise<{ main: CurveAnswer; compare: CurveAnswer | null }> {
      const today = ctx.today(a);
      if ((q.from === undefined) !== (q.to === undefined)) throw invalid('Give both from and to, or a range.');
      if ((q.compareFrom === undefined) !== (q.compareTo === undefined)) throw invalid('Give both compareFrom and compareTo.');
      const range = q.from ? null : (q.range ?? 'season');
      const first = range === 'all' ? await repo.firstCurveDay(ctx.db, a.id, q.kind, q.sport) : null;
      const main = range ? { ...spanOf(range, today, first), label: range } : { from: q.from!, to: q.to!, label: 'custom' };
      if (main.from > main.to) throw invalid('from must be on or before to.');
      let other: (Span & { label: string }) | null = null;
      if (q.compareFrom) other = { from: q.compareFrom, to: q.compareTo!, label: 'custom' };
      else if (q.compare === 'previous') {
        if (range === 'all') throw invalid('All time has no previous range to compare with; give compareFrom and compareTo.');
        other = { ...previousSpan(main, range), label: range === 'season' ? 'last season' : 'previous' };
      }
      if (other && other.from > other.to) throw invalid('compareFrom must be on or before compareTo.');
      const [m, c] = await Promise.all([answer(a, q.kind, q.sport, main, use), other ? answer(a, q.kind, q.sport, other, use) : null]);
      return { main: m, compare: c };
    },

    /**
     * CP and W′ (rides) or CS and D′ (runs) from the last MODEL_DAYS days' curve inside the model's window, with the
     * efforts the fit rests on, or the reason there is none.
     */
    async models(a: Athlete, sport: 'ride' | 'run', use: DataUse = 'analytics') {
      const today = ctx.today(a);
      return modelOn(a, sport, { from: addDays(today, -(MODEL_DAYS - 1)), to: today, label: `${MODEL_DAYS}d` }, use);
    },

    modelOn,
    /** The curve of `span` with a receipt (and the activity's name) on every point. */
    rangeAnswer: answer,
  };

  /** The model fitted on the curve of `span` (MODEL_DAYS days ending on a day the caller chooses). */
  async function modelOn(a: Athlete, sport: 'ride' | 'run', span: Span & { label: string }, use: DataUse) {
    const kind: CurveKind = sport === 'ride' ? 'power' : 'speed';
    const { points, withheld } = await answer(a, kind, sport, span, use);
    const inWindow = points.filter((p) => p.durationS >= DEFAULT_WINDOW.fromS && p.durationS <= DEFAULT_WINDOW.toS);
    const fit: FitAnswer = fitCritical(
      inWindow.map((p) => ({ t: p.durationS, mean: p.value, activityId: p.activityId, startS: p.startS })),
    );
    const used = 'fit' in fit ? new Set(fit.fit.used) : null;
    const efforts = inWindow.filter((p) => !used || used.has(p.durationS));
    // The receipts of what the fit left out: each other point with its reason (none without a fit).
    const why = new Map('fit' in fit ? fit.fit.leftOut.map((l) => [l.t, l.reason]) : []);
    const leftOut = inWindow.flatMap((p) => {
      const reason = why.get(p.durationS);
      return reason ? [{ ...p, reason }] : [];
    });
    return { sport, kind, span, window: DEFAULT_WINDOW, fit, efforts, leftOut, withheld };
  }
}

export type CurvesService = ReturnType<typeof createCurvesService>;
