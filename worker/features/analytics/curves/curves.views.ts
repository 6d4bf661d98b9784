// The curve and model answers in the athlete's units, shared by the API and the pages. Read for someone else (a
// coach's 'coach' use), they also name the sources left out, so the reader can say so.
import { METRES_PER_UNIT } from '../../../lib/format';
import type { Athlete } from '../analytics-shared';
import type { AnalyticsService } from '../analytics.service';
import { paceIn } from '../analytics.present';
import type { ActivitySource, DataUse } from '../../activities';
import { roundEstimate } from '../calc/threshold-series.calc';
import { type CriticalFit, claimsMargin } from './critical-power.calc';
import type { CurveQuery } from './curves.service';
import type { CurveKind } from './mean-max.calc';

const round = (x: number, dp: number) => Math.round(x * 10 ** dp) / 10 ** dp;
const UNIT = { power: 'W', speed: 'm/s', hr: 'bpm' } as const;

function pointIn<P extends { value: number }>(p: P, kind: CurveQuery['kind'], sport: CurveQuery['sport'], a: Athlete) {
  const pace = kind !== 'speed' ? null : sport === 'swim' ? round(100 / p.value, 1) : paceIn(p.value, a.units);
  return { ...p, value: round(p.value, kind === 'speed' ? 3 : 1), pace };
}

const withheld = (sources: ActivitySource[]) => [...new Set(sources)].sort();

const paceUnitOf = (kind: CurveKind, sport: CurveQuery['sport'] | null, a: Athlete) =>
  kind !== 'speed' ? null : sport === 'swim' ? '/100m' : `/${a.units}`;

/**
 * CP/W′ or CS/D′ as the models answer shows them; no ± from one session's efforts (`efforts`: those the fit
 * used), by the thresholds page's own rule (claimsMargin).
 */
function fitIn(f: CriticalFit, sport: 'ride' | 'run', a: Athlete, efforts: { activityId: string }[]) {
  const margin = claimsMargin(efforts.map((e) => e.activityId));
  return {
    critical: round(f.critical, sport === 'ride' ? 1 : 3),
    criticalSE: margin ? round(f.criticalSE, sport === 'ride' ? 1 : 3) : null,
    criticalPace: sport === 'run' ? round(METRES_PER_UNIT[a.units] / f.critical, 1) : null,
    reserve: Math.round(f.reserve),
    reserveSE: margin ? Math.round(f.reserveSE) : null,
    see: Math.round(f.see),
    r2: round(f.r2, 4),
    usedS: f.used,
  };
}

export const curvesViews = {
  async curve(svc: AnalyticsService, a: Athlete, q: CurveQuery, use: DataUse = 'analytics') {
    const params = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>;
    if (use !== 'analytics') params.use = use;
    return svc.cached('curve', a, params, async () => {
      const r = await svc.curve(a, q, use);
      const shape = (c: typeof r.main) => ({ span: c.span, points: c.points.map((p) => pointIn(p, q.kind, q.sport, a)) });
      return {
        units: a.units,
        kind: q.kind,
        sport: q.sport,
        unit: UNIT[q.kind],
        paceUnit: q.kind !== 'speed' ? null : q.sport === 'swim' ? '/100m' : `/${a.units}`,
        curve: shape(r.main),
        compare: r.compare && shape(r.compare),
        withheld: withheld([...r.main.withheld, ...(r.compare?.withheld ?? [])]),
      };
    });
  },

  async models(svc: AnalyticsService, a: Athlete, sport: 'ride' | 'run', use: DataUse = 'analytics') {
    return svc.cached('models', a, use === 'analytics' ? { sport } : { sport, use }, async () => {
      const m = await svc.models(a, sport, use);
      const f = 'fit' in m.fit ? m.fit.fit : null;
      return {
        units: a.units,
        sport,
        model:
          sport === 'ride'
            ? 'Critical power, two-parameter (Monod & Scherrer), least squares on work = CP·t + W′'
            : 'Critical speed, two-parameter (Monod & Scherrer), least squares on distance = CS·t + D′',
        span: m.span,
        window: m.window,
        fit: f && fitIn(f, sport, a, m.efforts),
        insufficient: 'insufficient' in m.fit ? m.fit.insufficient : null,
        efforts: m.efforts.map((p) => pointIn(p, m.kind, sport, a)),
        leftOut: m.leftOut.map((p) => pointIn(p, m.kind, sport, a)),
        withheld: withheld(m.withheld),
      };
    });
  },

  /** One activity's curve against its season's, in the athlete's units. */
  async activityCurve(svc: AnalyticsService, a: Athlete, activityId: string, kind?: CurveKind, use: DataUse = 'owner') {
    return svc.cached('activity-curve', a, { activityId, kind: kind ?? '', use }, async () => {
      const r = await svc.activityCurve(a, activityId, kind, use);
      if (!r) return null;
      const sport = r.sport;
      return {
        ...r,
        units: a.units,
        unit: UNIT[r.kind],
        paceUnit: paceUnitOf(r.kind, sport, a),
        points: r.points.map((p) => pointIn(p, r.kind, sport ?? 'ride', a)),
        season: r.season && { span: r.season.span, points: r.season.points.map((p) => pointIn(p, r.kind, sport ?? 'ride', a)) },
      };
    });
  },

  /** W′ (D′) balance across one activity, with its model shown as the models answer shows it. */
  async activityBalance(svc: AnalyticsService, a: Athlete, activityId: string, use: DataUse = 'owner') {
    return svc.cached('activity-balance', a, { activityId, use }, async () => {
      const r = await svc.activityBalance(a, activityId, use);
      if (!r) return null;
      const sport = r.sport ?? 'ride';
      return {
        ...r,
        units: a.units,
        unit: r.kind === 'speed' ? ('m' as const) : ('J' as const),
        model: r.model && {
          ...r.model,
          fit: r.model.fit && fitIn(r.model.fit, sport, a, r.model.efforts),
          efforts: r.model.efforts.map((p) => pointIn(p, r.kind, sport, a)),
        },
      };
    });
  },

  async modelHistory(svc: AnalyticsService, a: Athlete, sport: 'ride' | 'run') {
    return svc.cached('model-history', a, { sport }, async () => {
      const h = await svc.modelHistory(a, sport);
      const dp = sport === 'ride' ? 1 : 3;
      const r = (x: number | null, d = dp) => (x === null ? null : round(x, d));
      return {
        units: a.units,
        sport,
        today: h.today,
        model:
          sport === 'ride'
            ? 'Critical power and W′, two-parameter, fitted each Monday on the 90 days before it (2–20 min); eFTP = CP'
            : 'Critical speed and D′, two-parameter, fitted each Monday on the 90 days before it (2–20 min); threshold pace = CS',
        points: h.points.map((p) => ({
          date: p.date,
          critical: r(p.critical),
          criticalSE: r(p.criticalSE),
          reserve: p.reserve === null ? null : Math.round(p.reserve),
          reserveSE: p.reserveSE === null ? null : Math.round(p.reserveSE),
          efforts: p.efforts,
          // Rounded as the stored rows are, so the card's caption and Settings' current value read one number.
          threshold: p.threshold === null ? null : roundEstimate(sport === 'ride' ? 'ftp' : 'threshold_pace', p.threshold),
          thresholdPace: sport === 'run' && p.threshold !== null ? paceIn(roundEstimate('threshold_pace', p.threshold), a.units) : null,
          basis: p.basis,
          activityId: p.activityId,
          note: p.note,
        })),
        insufficient: h.insufficient,
      };
    });
  },
};
