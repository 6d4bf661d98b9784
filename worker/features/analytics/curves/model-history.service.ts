// How CP and W′ (CS and D′) moved: the dated series' points for one sport, read from the sources the data use
// allows and computed with the same pure code the stored thresholds come from (ADR 065).
import type { DataUse } from '../../activities';
import type { Athlete, ReadContext } from '../analytics-shared';
import { type ModelPoint, thresholdSeries } from '../calc/threshold-series.calc';
import * as thresholdsRepo from '../thresholds.repo';

export interface ModelHistory {
  sport: 'ride' | 'run';
  /** The athlete's today: points after it (the next Monday's) are not in effect yet. */
  today: string;
  points: ModelPoint[];
  /** Why there is no point at all. */
  insufficient: string | null;
}

export function createModelHistoryService(ctx: ReadContext) {
  return {
    async modelHistory(a: Athlete, sport: 'ride' | 'run', use: DataUse = 'analytics'): Promise<ModelHistory> {
      const inputs = await thresholdsRepo.seriesInputs(ctx.db, a.id, await ctx.sourcesFor(use));
      const today = ctx.today(a);
      const series = thresholdSeries({ ...inputs, today });
      // Weeks before the sport's first effort say nothing: the history starts at its first point with a value.
      const all = series[sport];
      const first = all.findIndex((p) => p.threshold !== null);
      const points = first < 0 ? [] : all.slice(first);
      const insufficient =
        points.length > 0
          ? null
          : sport === 'ride'
            ? 'No rides with power yet: CP and an FTP estimate need efforts of 2–20 minutes, or 20 minutes at least'
            : 'No runs with pace yet: CS and a threshold pace estimate need efforts of 2–20 minutes, or 30 minutes at least';
      return { sport, today, points, insufficient };
    },
  };
}
