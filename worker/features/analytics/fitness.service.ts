// The PMC (fitness, fatigue, form) computed on the fly from the daily loads.

import type { DataUse } from '../activities';
import { type Athlete, type ReadContext, receiptOf } from './analytics-shared';
import { createReceiptsRepo } from './analytics-shared.repo';
import type { FitnessDay, Receipt } from './analytics.types';
import { fitnessSeries, rampRate } from './calc/pmc.calc';
import { createFitnessRepo } from './fitness.repo';
import { formStatus, rampBand } from './insights/bands';

export function createFitnessService(ctx: ReadContext) {
  const repo = () => createFitnessRepo(ctx.db);

  async function fitness(a: Athlete, days: number, use: DataUse = 'owner_display') {
    const r = repo();
    const sources = ctx.sourcesFor(use);
    const end = ctx.today(a);
    const first = await r.firstDay(a.id, sources);
    if (!first || first > end) return { today: end, firstDay: first, series: [] as FitnessDay[], full: [] as FitnessDay[] };
    const loads = new Map((await r.dailyLoads(a.id, sources, end)).map((d) => [d.day, d.load]));
    const full = fitnessSeries(loads, first, end);
    return { today: end, firstDay: first, series: full.slice(-days), full };
  }

  return {
    fitness,

    /** The PMC over the last `days` days with each day's activities (the hover), current form and ramp. */
    async fitnessTimeline(a: Athlete, days: number, use: DataUse = 'owner_display') {
      const f = await fitness(a, days, use);
      const from = f.series[0]?.date;
      const receipts = from ? await createReceiptsRepo(ctx.db).receiptsBetween(a.id, ctx.sourcesFor(use), from, f.today) : [];
      const byDay = new Map<string, Receipt[]>();
      for (const r of receipts) byDay.set(r.date, [...(byDay.get(r.date) ?? []), receiptOf(r, { method: r.loadMethod })]);
      const last = f.full.at(-1);
      const ramp = rampRate(f.full);
      return {
        today: f.today,
        firstDay: f.firstDay,
        days: f.series.map((d) => ({ ...d, activities: byDay.get(d.date) ?? [] })),
        current: last
          ? {
              ctl: last.ctl,
              atl: last.atl,
              tsb: last.tsb,
              form: formStatus(last.tsb),
              rampRate: ramp,
              rampBand: ramp === null ? null : rampBand(ramp),
            }
          : null,
      };
    },
  };
}

export type FitnessService = ReturnType<typeof createFitnessService>;
