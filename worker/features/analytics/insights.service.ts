// Gathers the insights engine's inputs (insights/insights.engine.ts) from the other read models.

import type { DataUse } from '../activities';
import { type Athlete, type ReadContext, receiptOf } from './analytics-shared';
import { createReceiptsRepo } from './analytics-shared.repo';
import type { Receipt } from './analytics.types';
import type { BestsService } from './bests.service';
import type { EfficiencyService } from './efficiency.service';
import type { FitnessService } from './fitness.service';
import { addDays, mondayOf } from '../../lib/dates';
import { buildInsights } from './insights/insights.engine';
import type { VolumeService } from './volume.service';

export function createInsightsService(
  ctx: ReadContext,
  models: { fitness: FitnessService; volume: VolumeService; efficiency: EfficiencyService; bests: BestsService },
) {
  return {
    async insights(a: Athlete, use: DataUse = 'analytics') {
      const end = ctx.today(a);
      const from = addDays(mondayOf(end), -7 * 12);
      const [f, ws, eff, receipts, pbEvents] = await Promise.all([
        models.fitness.fitness(a, 120, use),
        models.volume.weeks(a, 13, use),
        models.efficiency.efficiencyPoints(a, addDays(end, -7 * 12), end, use),
        createReceiptsRepo(ctx.db).receiptsBetween(a.id, await ctx.sourcesFor(use), from, end),
        models.bests.recentPbEvents(a, end, use),
      ]);
      const activitiesByDate: Record<string, Receipt[]> = {};
      for (const row of receipts) {
        const onDay = activitiesByDate[row.date] ?? [];
        activitiesByDate[row.date] = onDay;
        onDay.push(receiptOf(row));
      }
      const runs = receipts
        .filter((row) => row.sport === 'run')
        .map((row) => ({ receipt: receiptOf(row), distanceM: row.distanceM, movingTimeS: row.movingTimeS }));
      return buildInsights({
        today: end,
        units: a.units,
        firstActivityDate: f.firstDay,
        trainingDays: f.trainingDays,
        establishment: f.establishment,
        fitness: f.series,
        weeks: ws,
        efficiency: eff.points,
        runs,
        activitiesByDate,
        pbEvents,
      });
    },
  };
}
