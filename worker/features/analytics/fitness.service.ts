// The PMC (fitness, fatigue, form) computed on the fly from the daily loads.

import type { DataUse } from '../activities';
import { addDays } from '../../lib/dates';
import { type Athlete, type ReadContext, receiptOf } from './analytics-shared';
import { createReceiptsRepo } from './analytics-shared.repo';
import type { FitnessDay, Receipt } from './analytics.types';
import { type Establishment, fitnessEstablishment } from './calc/establishing.calc';
import { fitnessSeries, rampRate } from './calc/pmc.calc';
import { createFitnessRepo } from './fitness.repo';
import { formStatus, rampBand } from './insights/bands';

/**
 * How far back the many-athlete read looks. A load this old weighs e^(−730/42) ≈ 3·10⁻⁸ of itself in
 * today's CTL (ATL forgets far sooner), so the figures equal the full-history ones at any shown precision,
 * while a dashboard of many athletes never reads their whole lives.
 */
export const FORM_HISTORY_DAYS = 730;

/** While fitness is being established: how long still, and what the rule counted. */
export type Establishing = Omit<Establishment, 'established'>;

/**
 * Today's fitness, fatigue, form and ramp, as `fitnessTimeline().current` says them. While `establishing`
 * the numbers stand but `form` and `rampBand` are null: a zero start would label them, not the training.
 */
export interface CurrentForm {
  ctl: number;
  atl: number;
  tsb: number;
  form: ReturnType<typeof formStatus> | null;
  rampRate: number | null;
  rampBand: ReturnType<typeof rampBand> | null;
  establishing: Establishing | null;
}

/** The establishment rule over a day → load map (every key is a day with recorded training). */
export function establishmentOf(loads: ReadonlyMap<string, number>, today: string): Establishment {
  return fitnessEstablishment([...loads.keys()].sort(), today);
}

function currentOf(full: FitnessDay[], e: Establishment): CurrentForm | null {
  const last = full.at(-1);
  if (!last) return null;
  const ramp = rampRate(full);
  const { established, ...establishing } = e;
  return {
    ctl: last.ctl,
    atl: last.atl,
    tsb: last.tsb,
    form: established ? formStatus(last.tsb) : null,
    rampRate: ramp,
    rampBand: established && ramp !== null ? rampBand(ramp) : null,
    establishing: established ? null : establishing,
  };
}

/**
 * The last day of the series: today, or tomorrow when a device recorded there already dated an activity
 * tomorrow (an athlete east of their account's zone). Recorded means done, so it counts now, on its own date.
 */
const dayOfLatest = (today: string, lastLoadDay: string | undefined): string =>
  lastLoadDay !== undefined && lastLoadDay > today ? lastLoadDay : today;

export function createFitnessService(ctx: ReadContext) {
  const repo = () => createFitnessRepo(ctx.db);

  async function fitness(a: Athlete, days: number, use: DataUse = 'analytics') {
    const r = repo();
    const sources = await ctx.sourcesFor(use);
    // Side by side, one round trip (without a first day there are no loads either).
    const [first, rows] = await Promise.all([r.firstDay(a.id, sources), r.dailyLoads(a.id, sources, addDays(ctx.today(a), 1))]);
    const end = dayOfLatest(ctx.today(a), rows.at(-1)?.day);
    if (!first || first > end)
      return {
        today: end,
        firstDay: first,
        series: [] as FitnessDay[],
        full: [] as FitnessDay[],
        trainingDays: [] as string[],
        establishment: fitnessEstablishment([], end),
      };
    const loads = new Map(rows.map((d) => [d.day, d.load]));
    const full = fitnessSeries(loads, first, end);
    // Rows come by day: the days with recorded training, ascending, as the establishment rule reads them.
    const trainingDays = rows.map((d) => d.day);
    return {
      today: end,
      firstDay: first,
      series: full.slice(-days),
      full,
      trainingDays,
      establishment: fitnessEstablishment(trainingDays, end),
    };
  }

  return {
    fitness,

    /** The PMC over the last `days` days with each day's activities (the hover), current form and ramp. */
    async fitnessTimeline(a: Athlete, days: number, use: DataUse = 'analytics') {
      const f = await fitness(a, days, use);
      const from = f.series[0]?.date;
      const receipts = from ? await createReceiptsRepo(ctx.db).receiptsBetween(a.id, await ctx.sourcesFor(use), from, f.today) : [];
      const byDay = new Map<string, Receipt[]>();
      for (const r of receipts) byDay.set(r.date, [...(byDay.get(r.date) ?? []), receiptOf(r, { method: r.loadMethod })]);
      return {
        today: f.today,
        firstDay: f.firstDay,
        days: f.series.map((d) => ({ ...d, activities: byDay.get(d.date) ?? [] })),
        current: currentOf(f.full, f.establishment),
      };
    },

    /**
     * Today's form for several athletes from one read of their daily loads (the coach's dashboard): by
     * athlete id, null for one with no loads from the sources `use` allows. Each athlete's today is in
     * their own zone.
     */
    async currentFormOfMany(athletes: Athlete[], use: DataUse): Promise<Map<string, CurrentForm | null>> {
      const todays = new Map(athletes.map((a) => [a.id, ctx.today(a)]));
      const days = [...todays.values()].sort();
      const out = new Map<string, CurrentForm | null>(athletes.map((a) => [a.id, null]));
      if (days.length === 0) return out;
      const rows = await repo().dailyLoadsOfMany(
        athletes.map((a) => a.id),
        await ctx.sourcesFor(use),
        addDays(days[0]!, -FORM_HISTORY_DAYS),
        addDays(days.at(-1)!, 1),
      );
      const loads = new Map<string, Map<string, number>>();
      for (const r of rows) {
        if (r.day > addDays(todays.get(r.userId)!, 1)) continue;
        const m = loads.get(r.userId) ?? new Map<string, number>();
        loads.set(r.userId, m.set(r.day, r.load));
      }
      for (const [id, m] of loads) {
        // Rows come by day, so the first key is the athlete's first day within the window.
        const first = m.keys().next().value!;
        const today = dayOfLatest(todays.get(id)!, [...m.keys()].at(-1));
        // The window reaches 730 days back, far beyond the rule's 56: a stretch cut by it is established either way.
        out.set(id, currentOf(fitnessSeries(m, first, today), establishmentOf(m, today)));
      }
      return out;
    },
  };
}

export type FitnessService = ReturnType<typeof createFitnessService>;
