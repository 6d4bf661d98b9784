// Training volume from the daily totals: weeks by sport, the sport mix, the year heatmap, the CSV export.

import type { DataUse, Sport } from '../activities';
import type { Athlete, ReadContext } from './analytics-shared';
import type { WeekVolume } from './analytics.types';
import { addDays, daysBetween, mondayOf } from '../../lib/dates';
import { createVolumeRepo } from './volume.repo';

const emptyTotals = () => ({ distanceM: 0, movingS: 0, load: 0, count: 0 });

export function createVolumeService(ctx: ReadContext) {
  const repo = () => createVolumeRepo(ctx.db);

  async function weeks(a: Athlete, count: number, use: DataUse = 'analytics'): Promise<WeekVolume[]> {
    const end = ctx.today(a);
    const start = addDays(mondayOf(end), -7 * (count - 1));
    const rows = await repo().days(a.id, await ctx.sourcesFor(use), start, end);
    const out: WeekVolume[] = [];
    for (let w = start; w <= end; w = addDays(w, 7)) out.push({ weekStart: w, bySport: {}, total: emptyTotals() });
    for (const row of rows) {
      const week = out[Math.floor(daysBetween(start, row.day) / 7)];
      if (!week) continue;
      let s = week.bySport[row.sport];
      if (!s) {
        s = emptyTotals();
        week.bySport[row.sport] = s;
      }
      for (const t of [s, week.total]) {
        t.distanceM += row.distanceM;
        t.movingS += row.movingS;
        t.load += row.load;
        t.count += row.count;
      }
    }
    return out;
  }

  return {
    weeks,

    async sportDistribution(a: Athlete, count: number, use: DataUse = 'analytics') {
      const ws = await weeks(a, count, use);
      const totals = new Map<Sport, ReturnType<typeof emptyTotals>>();
      for (const w of ws)
        for (const [sport, t] of Object.entries(w.bySport) as [Sport, ReturnType<typeof emptyTotals>][]) {
          const acc = totals.get(sport) ?? emptyTotals();
          acc.distanceM += t.distanceM;
          acc.movingS += t.movingS;
          acc.load += t.load;
          acc.count += t.count;
          totals.set(sport, acc);
        }
      const allTime = [...totals.values()].reduce((s, t) => s + t.movingS, 0);
      return {
        from: ws[0]!.weekStart,
        to: ctx.today(a),
        sports: [...totals.entries()]
          .map(([sport, t]) => ({ sport, ...t, share: allTime > 0 ? t.movingS / allTime : 0 }))
          .sort((x, y) => y.movingS - x.movingS),
      };
    },

    async heatmap(a: Athlete, year: number, use: DataUse = 'analytics') {
      const rows = await repo().days(a.id, await ctx.sourcesFor(use), `${year}-01-01`, `${year}-12-31`);
      const byDay = new Map<string, { date: string; load: number; movingS: number; distanceM: number; count: number }>();
      for (const r of rows) {
        const d = byDay.get(r.day) ?? { date: r.day, load: 0, movingS: 0, distanceM: 0, count: 0 };
        d.load += r.load;
        d.movingS += r.movingS;
        d.distanceM += r.distanceM;
        d.count += r.count;
        byDay.set(r.day, d);
      }
      return { year, days: [...byDay.values()] };
    },

    exportRows: async (a: Athlete, use: DataUse = 'owner') => repo().exportRows(a.id, await ctx.sourcesFor(use), 20_000),
  };
}

export type VolumeService = ReturnType<typeof createVolumeService>;
