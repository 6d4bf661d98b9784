// Personal bests, age grades and PB events, from the counted efforts (`activity_efforts`).

import type { DataUse } from '../activities';
import { type Athlete, effortReceipt, type ReadContext, RUN_DISTANCE_LABELS } from './analytics-shared';
import { addDays } from '../../lib/dates';
import * as bestsRepo from './bests.repo';
import type { EffortRow } from './bests.repo';
import { ageOn } from './calc/age-grade';
import { POWER_DURATIONS, RUN_PB_DISTANCES } from './calc/best-efforts.calc';
import type { PbEvent } from './insights/insights.types';

export const PB_EVENT_DAYS = 30;

export function createBestsService(ctx: ReadContext) {
  async function runEfforts(a: Athlete, use: DataUse) {
    const sources = await ctx.sourcesFor(use);
    const yearAgo = addDays(ctx.today(a), -365);
    const [byYear, recent] = await Promise.all([
      bestsRepo.bestEffortsByYear(ctx.db, a.id, sources, 'run'),
      bestsRepo.bestEffortsSince(ctx.db, a.id, sources, 'run', yearAgo),
    ]);
    return { byYear, recent };
  }

  return {
    /** Run PBs (all time, last 12 months, per year) and ride power bests, each with its activity. */
    async personalBests(a: Athlete, use: DataUse = 'analytics') {
      const sources = await ctx.sourcesFor(use);
      const yearAgo = addDays(ctx.today(a), -365);
      const { byYear, recent } = await runEfforts(a, use);
      const [powerByYear, powerRecent] = await Promise.all([
        bestsRepo.bestEffortsByYear(ctx.db, a.id, sources, 'power'),
        bestsRepo.bestEffortsSince(ctx.db, a.id, sources, 'power', yearAgo),
      ]);
      const runEntry = (e: EffortRow) => ({
        timeS: e.value,
        date: e.date,
        ageGradePct: ctx.gradeFor(a, e.key, e.value, e.date),
        receipt: effortReceipt(e, { timeS: Math.round(e.value) }),
      });
      const powerEntry = (e: EffortRow) => ({
        watts: Math.round(e.value),
        date: e.date,
        receipt: effortReceipt(e, { watts: Math.round(e.value) }),
      });
      const pick = <T extends EffortRow>(rows: T[], key: number, better: (x: number, y: number) => boolean) =>
        rows
          .filter((e) => e.key === key)
          .reduce<T | null>(
            (best, e) => (!best || better(e.value, best.value) || (e.value === best.value && e.date < best.date) ? e : best),
            null,
          );
      return {
        run: RUN_PB_DISTANCES.map((d) => Math.round(d)).map((key) => {
          const all = pick(byYear, key, (x, y) => x < y);
          const last12 = pick(recent, key, (x, y) => x < y);
          return {
            distanceM: key,
            label: RUN_DISTANCE_LABELS[key] ?? `${key} m`,
            allTime: all ? runEntry(all) : null,
            last12Months: last12 ? runEntry(last12) : null,
            byYear: byYear
              .filter((e) => e.key === key)
              .map((e) => ({ year: e.year, ...runEntry(e) }))
              .sort((x, y) => y.year - x.year),
          };
        }),
        power: POWER_DURATIONS.map((key) => {
          const all = pick(powerByYear, key, (x, y) => x > y);
          const last12 = pick(powerRecent, key, (x, y) => x > y);
          return { durationS: key, allTime: all ? powerEntry(all) : null, last12Months: last12 ? powerEntry(last12) : null };
        }),
      };
    },

    /** The best counted run effort at each PB distance dated `from`…`to` (local dates), with its activity. */
    async runBestsBetween(a: Athlete, use: DataUse, from: string, to: string) {
      const rows = await bestsRepo.bestEffortsSince(ctx.db, a.id, await ctx.sourcesFor(use), 'run', from, to);
      return rows.map((e) => ({
        distanceM: e.key,
        label: RUN_DISTANCE_LABELS[e.key] ?? `${e.key} m`,
        timeS: e.value,
        date: e.date,
        ageGradePct: ctx.gradeFor(a, e.key, e.value, e.date),
        receipt: effortReceipt(e, { timeS: Math.round(e.value) }),
      }));
    },

    /** Age-graded % of each year's best at each table distance, and the best grade per year. */
    async ageGrades(a: Athlete, use: DataUse = 'analytics') {
      const missing = [...(a.birthDate ? [] : ['birth_date']), ...(a.sex ? [] : ['sex'])] as ('birth_date' | 'sex')[];
      if (missing.length > 0) return { missing, performances: [], bestByYear: [] };
      const { byYear } = await runEfforts(a, use);
      const performances = byYear
        .map((e) => ({ e, pct: ctx.gradeFor(a, e.key, e.value, e.date) }))
        .filter((x): x is { e: (typeof byYear)[number]; pct: number } => x.pct !== null)
        .map(({ e, pct }) => ({
          year: e.year,
          distanceM: e.key,
          label: RUN_DISTANCE_LABELS[e.key] ?? `${e.key} m`,
          timeS: e.value,
          date: e.date,
          age: ageOn(a.birthDate!, e.date),
          ageGradePct: pct,
          receipt: effortReceipt(e, { timeS: Math.round(e.value), ageGradePct: pct }),
        }))
        .sort((x, y) => y.date.localeCompare(x.date));
      const bestByYear = new Map<number, (typeof performances)[number]>();
      for (const p of performances) {
        const cur = bestByYear.get(p.year);
        if (!cur || p.ageGradePct > cur.ageGradePct) bestByYear.set(p.year, p);
      }
      return { missing, performances, bestByYear: [...bestByYear.values()].sort((x, y) => x.year - y.year) };
    },

    /** Run PBs set in the last PB_EVENT_DAYS days up to `today`: the newest per distance, with the best it beat. */
    async recentPbEvents(a: Athlete, today: string, use: DataUse): Promise<PbEvent[]> {
      const sources = await ctx.sourcesFor(use);
      const pbFrom = addDays(today, -PB_EVENT_DAYS + 1);
      const [recentEfforts, before] = await Promise.all([
        bestsRepo.runEffortsSince(ctx.db, a.id, sources, pbFrom),
        bestsRepo.runBestsBefore(ctx.db, a.id, sources, pbFrom),
      ]);
      // Walk the last 30 days' efforts in date order: each one faster than everything before it is a PB event.
      const best = new Map<number, EffortRow>(before.map((e) => [e.key, e]));
      // Efforts counted at each distance so far: the PB card's sample is what it compared.
      const counted = new Map(before.map((e) => [e.key, e.count]));
      const pbEvents: PbEvent[] = [];
      for (const e of recentEfforts) {
        counted.set(e.key, (counted.get(e.key) ?? 0) + 1);
        const prev = best.get(e.key);
        if (prev && e.value >= prev.value) continue;
        pbEvents.push({
          distanceM: e.key,
          label: RUN_DISTANCE_LABELS[e.key] ?? `${e.key} m`,
          timeS: e.value,
          date: e.date,
          previousBestS: prev?.value ?? null,
          previousDate: prev?.date ?? null,
          ageGradePct: ctx.gradeFor(a, e.key, e.value, e.date),
          receipt: effortReceipt(e, { timeS: Math.round(e.value) }),
          efforts: counted.get(e.key)!,
        });
        best.set(e.key, e);
      }
      // Several improvements at one distance within the window make one milestone: the newest, compared with the one before it.
      return [...new Map(pbEvents.map((p) => [p.distanceM, p])).values()];
    },
  };
}

export type BestsService = ReturnType<typeof createBestsService>;
