// The trends answers in the athlete's units, shared by the API and the page: zone bounds in the channel's
// units (and as pace for pace zones), every week and month with the activities list link behind it.
import type { Athlete } from '../analytics-shared';
import type { AnalyticsService } from '../analytics.service';
import { paceIn } from '../analytics.present';
import type { ZonesQuery } from './trends.service';

const round = (x: number, dp: number) => Math.round(x * 10 ** dp) / 10 ** dp;

/** The activities list filtered to a span (and a sport), as the page links it. */
export const listUrl = (from: string, to: string, sport?: string) =>
  `/activities?from=${from}&to=${to}${sport && sport !== 'all' ? `&sport=${sport}` : ''}`;

export const trendsViews = {
  async zones(svc: AnalyticsService, a: Athlete, q: ZonesQuery) {
    return svc.cached('trend-zones', a, { ...q }, async () => {
      const r = await svc.zoneWeeks(a, q);
      const pace = q.basis === 'pace';
      const sport = q.basis === 'power' ? 'ride' : q.basis === 'pace' ? 'run' : q.sport;
      return {
        units: a.units,
        sport: q.sport,
        basis: q.basis,
        from: r.from,
        to: r.to,
        zones: r.names.map((name, i) => ({ zone: i + 1, name })),
        weeks: r.weeks.map((w) => ({
          ...w,
          thresholds: w.thresholds.map((t) => {
            const edges = t.bounds.map((f) => round(f * t.value, pace ? 3 : 1));
            return {
              ...t,
              value: round(t.value, pace ? 3 : 1),
              bounds: [null, ...edges].map((low, i) => {
                const high = edges[i] ?? null;
                return {
                  zone: i + 1,
                  low,
                  high,
                  lowPace: pace && low ? paceIn(low, a.units) : null,
                  highPace: pace && high ? paceIn(high, a.units) : null,
                };
              }),
            };
          }),
          listUrl: listUrl(w.weekStart, w.weekEnd, sport),
        })),
      };
    });
  },

  async efficiency(svc: AnalyticsService, a: Athlete, sport: 'ride' | 'run', months: 12 | 24) {
    return svc.cached('trend-efficiency', a, { sport, months }, async () => {
      const r = await svc.efficiencyMonths(a, sport, months);
      const stat = (s: { n: number; median: number | null }, dp: number) => ({
        n: s.n,
        median: s.median === null ? null : round(s.median, dp),
      });
      return {
        units: a.units,
        sport,
        efficiencyUnit: sport === 'run' ? 'm per heartbeat' : 'W per bpm',
        from: r.from,
        to: r.to,
        minSample: r.minSample,
        months: r.months.map((m) => ({
          month: m.month,
          from: m.from,
          to: m.to,
          efficiency: stat(m.efficiency, 3),
          decoupling: stat(m.decoupling, 1),
          listUrl: listUrl(m.from, m.to, sport),
          activities: m.activities.map((p) => ({
            activityId: p.activityId,
            date: p.date,
            name: p.name,
            efficiency: round(p.efficiency, 3),
            decouplingPct: p.decouplingPct,
            avgHr: p.avgHr,
          })),
        })),
      };
    });
  },
};
