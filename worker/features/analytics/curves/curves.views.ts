// The curve and model answers in the athlete's units, shared by the API and (later) the pages.
import { METRES_PER_UNIT } from '../../../lib/format';
import type { Athlete } from '../analytics-shared';
import type { AnalyticsService } from '../analytics.service';
import { paceIn } from '../analytics.present';
import type { CurveQuery, CurvePointAnswer } from './curves.service';

const round = (x: number, dp: number) => Math.round(x * 10 ** dp) / 10 ** dp;
const UNIT = { power: 'W', speed: 'm/s', hr: 'bpm' } as const;

function pointIn(p: CurvePointAnswer, kind: CurveQuery['kind'], sport: CurveQuery['sport'], a: Athlete) {
  const pace = kind !== 'speed' ? null : sport === 'swim' ? round(100 / p.value, 1) : paceIn(p.value, a.units);
  return { ...p, value: round(p.value, kind === 'speed' ? 3 : 1), pace };
}

export const curvesViews = {
  async curve(svc: AnalyticsService, a: Athlete, q: CurveQuery) {
    const params = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>;
    return svc.cached('curve', a, params, async () => {
      const r = await svc.curve(a, q);
      const shape = (c: typeof r.main) => ({ span: c.span, points: c.points.map((p) => pointIn(p, q.kind, q.sport, a)) });
      return {
        units: a.units,
        kind: q.kind,
        sport: q.sport,
        unit: UNIT[q.kind],
        paceUnit: q.kind !== 'speed' ? null : q.sport === 'swim' ? '/100m' : `/${a.units}`,
        curve: shape(r.main),
        compare: r.compare && shape(r.compare),
      };
    });
  },

  async models(svc: AnalyticsService, a: Athlete, sport: 'ride' | 'run') {
    return svc.cached('models', a, { sport }, async () => {
      const m = await svc.models(a, sport);
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
        fit: f && {
          critical: round(f.critical, sport === 'ride' ? 1 : 3),
          criticalSE: round(f.criticalSE, sport === 'ride' ? 1 : 3),
          criticalPace: sport === 'run' ? round(METRES_PER_UNIT[a.units] / f.critical, 1) : null,
          reserve: Math.round(f.reserve),
          reserveSE: Math.round(f.reserveSE),
          see: Math.round(f.see),
          r2: round(f.r2, 4),
          usedS: f.used,
        },
        insufficient: 'insufficient' in m.fit ? m.fit.insufficient : null,
        efforts: m.efforts.map((p) => pointIn(p, m.kind, sport, a)),
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
          threshold: sport === 'ride' ? r(p.threshold, 0) : r(p.threshold, 3),
          thresholdPace: sport === 'run' ? paceIn(p.threshold, a.units) : null,
          basis: p.basis,
          activityId: p.activityId,
          note: p.note,
        })),
        insufficient: h.insufficient,
      };
    });
  },
};
