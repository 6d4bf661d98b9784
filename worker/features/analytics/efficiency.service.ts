// Aerobic efficiency: speed (runs) or power (rides) per heartbeat on easy sessions, with its trend and
// the decoupling of each session.

import type { DataUse } from '../activities';
import type { Athlete, ReadContext } from './analytics-shared';
import type { EfficiencyPoint } from './analytics.types';
import { addDays, daysBetween } from '../../lib/dates';
import { thresholdHr } from './calc/load.calc';
import { thresholdTimeline } from './calc/thresholds.calc';
import { createEfficiencyRepo } from './efficiency.repo';
import { lsSlope } from './insights/insight-helpers';
import * as thresholdsRepo from './thresholds.repo';

/**
 * Easy runs are those averaging at most this share of threshold HR (the top of Friel's zone 2): zones 1–2 of the
 * athlete's one heart-rate model (streams/zones.calc), whose threshold HR is their LTHR, else 89 % of max HR.
 */
export const EASY_HR_OF_THRESHOLD = 0.89;

/** The threshold HR the easy-run filter reads, named on the page: the LTHR, or the max HR it is taken from. */
export interface EasyHrBasis {
  kind: 'lthr' | 'max_hr';
  value: number;
  thresholdHr: number;
  source: 'manual' | 'estimated';
  effectiveFrom: string;
}
/** Efficiency points need at least this much moving time: short jogs are mostly warm-up. */
export const EFFICIENCY_MIN_MOVING_S = 20 * 60;

/** Least-squares line through the points (x in days from the first point), with its change over the window. */
function trend(points: EfficiencyPoint[]) {
  if (points.length < 2) return null;
  const x0 = points[0]!.date;
  const xs = points.map((p) => daysBetween(x0, p.date));
  const ys = points.map((p) => p.efficiency);
  const slope = lsSlope(xs, ys);
  const meanX = xs.reduce((s, v) => s + v, 0) / xs.length;
  const meanY = ys.reduce((s, v) => s + v, 0) / ys.length;
  const intercept = meanY - slope * meanX;
  const last = xs[xs.length - 1]!;
  const start = intercept;
  const end = intercept + slope * last;
  return {
    slopePerWeek: slope * 7,
    start,
    end,
    from: x0,
    to: points[points.length - 1]!.date,
    changePct: start !== 0 ? ((end - start) / start) * 100 : 0,
    n: points.length,
  };
}

export function createEfficiencyService(ctx: ReadContext) {
  async function efficiencyPoints(
    a: Athlete,
    fromDay: string,
    toDay: string,
    use: DataUse,
  ): Promise<{ points: EfficiencyPoint[]; easyHrCeiling: number | null; easyHrBasis: EasyHrBasis | null }> {
    const [sessions, thresholds] = await Promise.all([
      createEfficiencyRepo(ctx.db).hrSessions(a.id, await ctx.sourcesFor(use), fromDay, toDay),
      thresholdsRepo.thresholds(ctx.db, a.id),
    ]);
    const timeline = thresholdTimeline(thresholds);
    const latestThr = thresholdHr(timeline.at(toDay));
    const now = timeline.inEffect(toDay);
    const kind = now.lthr ? 'lthr' : now.max_hr ? 'max_hr' : null;
    const easyHrBasis: EasyHrBasis | null = kind && latestThr ? { kind, ...now[kind]!, thresholdHr: Math.round(latestThr) } : null;
    const points: EfficiencyPoint[] = [];
    for (const s of sessions) {
      if (s.movingTimeS < EFFICIENCY_MIN_MOVING_S || !s.avgHr) continue;
      const facts = s.facts;
      if (s.sport === 'run') {
        const thr = thresholdHr(timeline.at(s.date));
        if (!thr || s.avgHr > thr * EASY_HR_OF_THRESHOLD || s.distanceM <= 0) continue;
        const speed = s.distanceM / s.movingTimeS;
        points.push({
          activityId: s.id,
          date: s.date,
          name: s.name,
          sport: 'run',
          efficiency: (speed * 60) / s.avgHr,
          avgHr: s.avgHr,
          speedMps: speed,
          power: null,
          speedAtFixedHrMps: facts?.speedAtFixedHrMps ?? null,
          decouplingPct: facts?.decouplingPct ?? null,
        });
      } else if (s.sport === 'ride') {
        const power = facts?.normalizedPower ?? s.normalizedPower ?? s.avgPower;
        if (!power) continue;
        points.push({
          activityId: s.id,
          date: s.date,
          name: s.name,
          sport: 'ride',
          efficiency: power / s.avgHr,
          avgHr: s.avgHr,
          speedMps: s.distanceM > 0 ? s.distanceM / s.movingTimeS : null,
          power,
          speedAtFixedHrMps: null,
          decouplingPct: facts?.decouplingPct ?? null,
        });
      }
    }
    return { points, easyHrCeiling: latestThr ? Math.round(latestThr * EASY_HR_OF_THRESHOLD) : null, easyHrBasis };
  }

  return {
    efficiencyPoints,

    async efficiency(a: Athlete, weekCount: number, use: DataUse = 'analytics') {
      const end = ctx.today(a);
      const { points, easyHrCeiling, easyHrBasis } = await efficiencyPoints(a, addDays(end, -7 * weekCount + 1), end, use);
      const runs = points.filter((p) => p.sport === 'run');
      const rides = points.filter((p) => p.sport === 'ride');
      return {
        from: addDays(end, -7 * weekCount + 1),
        to: end,
        easyHrCeiling,
        easyHrBasis,
        runs: { points: runs, trend: trend(runs) },
        rides: { points: rides, trend: trend(rides) },
        decoupling: points
          .filter((p) => p.decouplingPct !== null)
          .map((p) => ({ activityId: p.activityId, date: p.date, name: p.name, sport: p.sport, decouplingPct: p.decouplingPct! })),
      };
    },
  };
}

export type EfficiencyService = ReturnType<typeof createEfficiencyService>;
