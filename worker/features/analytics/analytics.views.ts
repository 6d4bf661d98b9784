// The API's answers, shared by the routes and the dashboard's loaders so both show the same numbers:
// internal SI values converted to the athlete's units, rounded for display.

import type { DataUse } from '../activities';
import type { Athlete } from './analytics-shared';
import type { AnalyticsService } from './analytics.service';
import { METRES_PER_UNIT } from '../../lib/format';
import {
  distanceIn,
  paceIn,
  presentLoadBasis,
  presentReceipt,
  presentThreshold,
  presentTotals,
  thresholdDisplay,
} from './analytics.present';
import type { ThresholdKind } from './analytics.types';
import { FORM_BANDS, RAMP_BANDS } from './insights/bands';

const r1 = (x: number) => Math.round(x * 10) / 10;

export const analyticsViews = {
  async fitness(svc: AnalyticsService, a: Athlete, days: number) {
    return svc.cached('fitness', a, { days }, async () => {
      const t = await svc.fitnessTimeline(a, days);
      return {
        units: a.units,
        today: t.today,
        firstDay: t.firstDay,
        days: t.days.map((d) => ({
          date: d.date,
          load: r1(d.load),
          ctl: r1(d.ctl),
          atl: r1(d.atl),
          tsb: r1(d.tsb),
          activities: d.activities.map((r) => presentReceipt(r, a.units)),
        })),
        current: t.current && {
          ...t.current,
          ctl: r1(t.current.ctl),
          atl: r1(t.current.atl),
          tsb: r1(t.current.tsb),
          rampRate: t.current.rampRate === null ? null : r1(t.current.rampRate),
        },
        bands: { form: [...FORM_BANDS], ramp: [...RAMP_BANDS] },
      };
    });
  },

  async weeklyVolume(svc: AnalyticsService, a: Athlete, weeks: number) {
    return svc.cached('weeklyVolume', a, { weeks }, async () => {
      const ws = await svc.weeks(a, weeks);
      return {
        units: a.units,
        weeks: ws.map((w) => ({
          weekStart: w.weekStart,
          bySport: Object.fromEntries(Object.entries(w.bySport).map(([s, t]) => [s, presentTotals(t, a.units)])),
          total: presentTotals(w.total, a.units),
        })),
      };
    });
  },

  async sportDistribution(svc: AnalyticsService, a: Athlete, weeks: number) {
    return svc.cached('sportDistribution', a, { weeks }, async () => {
      const d = await svc.sportDistribution(a, weeks);
      return {
        units: a.units,
        from: d.from,
        to: d.to,
        sports: d.sports.map((s) => ({ ...presentTotals(s, a.units), sport: s.sport, share: s.share })),
      };
    });
  },

  async heatmap(svc: AnalyticsService, a: Athlete, year: number) {
    return svc.cached('heatmap', a, { year }, async () => {
      const h = await svc.heatmap(a, year);
      return {
        units: a.units,
        year: h.year,
        days: h.days.map((d) => ({
          date: d.date,
          load: r1(d.load),
          movingS: d.movingS,
          count: d.count,
          distance: distanceIn(d.distanceM, a.units),
        })),
      };
    });
  },

  async personalBests(svc: AnalyticsService, a: Athlete) {
    return svc.cached('personalBests', a, {}, async () => {
      const pb = await svc.personalBests(a);
      const run = <T extends { timeS: number; receipt: Parameters<typeof presentReceipt>[0] }>(e: T, distanceM: number) => ({
        ...e,
        timeS: r1(e.timeS),
        pace: r1((e.timeS / distanceM) * METRES_PER_UNIT[a.units]),
        receipt: presentReceipt(e.receipt, a.units),
      });
      return {
        units: a.units,
        run: pb.run.map((p) => ({
          ...p,
          allTime: p.allTime && run(p.allTime, p.distanceM),
          last12Months: p.last12Months && run(p.last12Months, p.distanceM),
          byYear: p.byYear.map((y) => run(y, p.distanceM)),
        })),
        power: pb.power.map((p) => ({
          durationS: p.durationS,
          allTime: p.allTime && { ...p.allTime, receipt: presentReceipt(p.allTime.receipt, a.units) },
          last12Months: p.last12Months && { ...p.last12Months, receipt: presentReceipt(p.last12Months.receipt, a.units) },
        })),
      };
    });
  },

  async ageGrades(svc: AnalyticsService, a: Athlete) {
    return svc.cached('ageGrades', a, {}, async () => {
      const g = await svc.ageGrades(a);
      return {
        missing: g.missing,
        performances: g.performances.map((p) => ({ ...p, receipt: presentReceipt(p.receipt, a.units) })),
        bestByYear: g.bestByYear.map((p) => ({
          year: p.year,
          label: p.label,
          ageGradePct: p.ageGradePct,
          date: p.date,
          receipt: presentReceipt(p.receipt, a.units),
        })),
        source: 'WMA/USATF MLDR road age-grading standards, 2025 (Alan Jones, Tom Bernhard; CC0)',
      };
    });
  },

  async efficiency(svc: AnalyticsService, a: Athlete, weeks: number) {
    return svc.cached('efficiency', a, { weeks }, async () => {
      const e = await svc.efficiency(a, weeks);
      const point = (p: (typeof e.runs.points)[number]) => ({
        activityId: p.activityId,
        date: p.date,
        name: p.name,
        efficiency: Math.round(p.efficiency * 1000) / 1000,
        avgHr: p.avgHr,
        pace: paceIn(p.speedMps, a.units),
        paceAtFixedHr: paceIn(p.speedAtFixedHrMps, a.units),
        power: p.power,
        decouplingPct: p.decouplingPct === null ? null : r1(p.decouplingPct),
      });
      return {
        units: a.units,
        from: e.from,
        to: e.to,
        easyHrCeiling: e.easyHrCeiling,
        easyHrBasis: e.easyHrBasis,
        runs: { points: e.runs.points.map(point), trend: e.runs.trend },
        rides: { points: e.rides.points.map(point), trend: e.rides.trend },
        decoupling: e.decoupling,
      };
    });
  },

  async insights(svc: AnalyticsService, a: Athlete) {
    return svc.cached('insights', a, {}, async () => {
      const insights = await svc.insights(a);
      const numbers = (n: Record<string, number>) =>
        Object.fromEntries(Object.entries(n).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
      return {
        units: a.units,
        insights: insights.map((i) => ({ ...i, numbers: numbers(i.numbers), receipts: i.receipts.map((r) => presentReceipt(r, a.units)) })),
      };
    });
  },

  /** `use`: whose eyes (ADR 061); a coach's thresholds leave out estimates from activities kept from them. */
  async activity(svc: AnalyticsService, a: Athlete, activityId: string, use: DataUse = 'owner') {
    return svc.cached(use === 'owner' ? 'activity' : `activity-${use}`, a, { activityId }, async () => {
      const x = await svc.activityAnalysis(a, activityId, use);
      if (!x) return null;
      return {
        units: a.units,
        load: r1(x.load),
        method: x.method,
        intensity: x.intensity === null ? null : Math.round(x.intensity * 1000) / 1000,
        confidence: x.confidence,
        usedKinds: x.usedKinds,
        thresholdsUsed: Object.fromEntries(
          Object.entries(x.thresholdsUsed).map(([k, v]) => [k, thresholdDisplay(k as ThresholdKind, v, a.units)]),
        ),
        loadBasis: x.loadBasis ? presentLoadBasis(x.loadBasis, a.units) : null,
        normalizedPower: x.facts.normalizedPower,
        gradedPace: paceIn(x.facts.ngpMps, a.units),
        decouplingPct: x.facts.decouplingPct,
        runBests: x.runBests.map((b) => ({ ...b, timeS: r1(b.timeS) })),
        powerBests: x.powerBests,
        exclusions: x.exclusions,
      };
    });
  },

  async thresholds(svc: AnalyticsService, a: Athlete) {
    return svc.cached('thresholds', a, {}, async () => {
      const rows = await svc.thresholds(a);
      return { units: a.units, thresholds: rows.map((r) => presentThreshold(r.id, r.threshold, a.units)) };
    });
  },
};
