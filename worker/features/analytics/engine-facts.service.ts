// What the wellness feature's N=1 engine reads of the athlete's training (issue 40): daily load and TSB, each
// activity's moving time, easy-session efficiency and time above threshold HR (from the stored HR histogram),
// and every counted run effort with its age grade. Read under a data use's sources like every analytics view.
import type { DataUse } from '../activities';
import type { Athlete, ReadContext } from './analytics-shared';
import * as bestsRepo from './bests.repo';
import { engineActivities, rebuildPending } from './engine-facts.repo';
import { thresholdHr } from './calc/load.calc';
import { fitnessSeries } from './calc/pmc.calc';
import { thresholdTimeline } from './calc/thresholds.calc';
import { histogramZones } from './calc/zone-histogram.calc';
import type { EfficiencyService } from './efficiency.service';
import { createFitnessRepo } from './fitness.repo';
import * as thresholdsRepo from './thresholds.repo';

export interface EngineFacts {
  firstTrainingDay: string | null;
  load: Record<string, number>;
  tsb: Record<string, number>;
  activities: {
    id: string;
    name: string;
    day: string;
    sport: string;
    movingS: number;
    ef: number | null;
    aboveS: number | null;
    zonedS: number | null;
  }[];
  efforts: { activityId: string; name: string; day: string; distanceM: number; timeS: number; ageGradePct: number | null }[];
}

export function createEngineFactsService(ctx: ReadContext, deps: { efficiency: Pick<EfficiencyService, 'efficiencyPoints'> }) {
  /** Activities from..to; load and TSB up to `to` (TSB from the first training day, as the PMC counts it). */
  async function engineFacts(a: Athlete, from: string, to: string, use: DataUse = 'analytics'): Promise<EngineFacts> {
    const sources = await ctx.sourcesFor(use);
    const fitness = createFitnessRepo(ctx.db);
    const [first, loads, rows, thresholds, efficiency, efforts] = await Promise.all([
      fitness.firstDay(a.id, sources),
      fitness.dailyLoads(a.id, sources, to),
      engineActivities(ctx.db, a.id, sources, from, to),
      thresholdsRepo.thresholds(ctx.db, a.id),
      deps.efficiency.efficiencyPoints(a, from, to, use),
      bestsRepo.runEffortsSince(ctx.db, a.id, sources, '0001-01-01'),
    ]);
    const load: Record<string, number> = {};
    for (const l of loads) if (l.load > 0) load[l.day] = l.load;
    const tsb: Record<string, number> = {};
    if (first && first <= to)
      for (const d of fitnessSeries(new Map(loads.map((l) => [l.day, l.load])), first, to))
        if (d.date >= from) tsb[d.date] = Math.round(d.tsb * 10) / 10;
    const timeline = thresholdTimeline(thresholds);
    const ef = new Map(efficiency.points.map((p) => [p.activityId, p.efficiency]));
    return {
      firstTrainingDay: first,
      load,
      tsb,
      activities: rows.map(({ hrHist, ...r }) => {
        const thr = hrHist ? thresholdHr(timeline.at(r.day)) : null;
        const zones = hrHist && thr ? histogramZones(hrHist, thr, [1]) : null;
        return {
          ...r,
          ef: ef.get(r.id) ?? null,
          aboveS: zones ? Math.round(zones[1]!) : null,
          zonedS: zones ? Math.round(zones[0]! + zones[1]!) : null,
        };
      }),
      efforts: efforts.map((e) => ({
        activityId: e.activityId,
        name: e.name,
        day: e.date,
        distanceM: e.key,
        timeS: e.value,
        ageGradePct: ctx.gradeFor(a, e.key, e.value, e.date),
      })),
    };
  }
  /** Analytics is recomputing this athlete (a rebuild is queued): an answer read now may change in a minute. */
  const settling = (userId: string) => rebuildPending(ctx.db, userId);
  return { engineFacts, settling };
}
