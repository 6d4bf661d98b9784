// Trends over weeks and months, with receipts: time in zone per week counted from each activity's stored
// histograms with the threshold its load used on its day (ADR 067), and efficiency and decoupling per month
// from the efficiency read model's per-activity points.
import { AppError, ErrorCode } from '../../../lib/errors';
import { addDays, mondayOf } from '../../../lib/dates';
import type { DataUse, Sport } from '../../activities';
import type { Athlete, ReadContext } from '../analytics-shared';
import type { EfficiencyPoint } from '../analytics.types';
import { thresholdTimeline } from '../calc/thresholds.calc';
import { type TrendBasis, activityZones } from './zone-weeks.calc';
import type { EfficiencyService } from '../efficiency.service';
import { type ThresholdUsed, ZONE_MODELS, zoneThreshold } from '../streams/zones.calc';
import * as thresholdsRepo from '../thresholds.repo';
import { loadFor } from '../training-load.calc';
import * as repo from './trends.repo';

export const TREND_WEEKS = [12, 26, 52] as const;
export const TREND_MONTHS = [12, 24] as const;
/** A month's median stands on at least this many activities; fewer are shown, but "not enough data". */
export const MIN_MONTH_SAMPLE = 3;

export type ZoneSport = 'ride' | 'run' | 'all';
export interface ZonesQuery {
  sport: ZoneSport;
  basis: TrendBasis;
  weeks: (typeof TREND_WEEKS)[number];
}

/** Why a week (or an activity in it) has no zone seconds. */
export type WeekState = 'ok' | 'no_activities' | 'no_stream' | 'no_threshold' | 'pending';

export interface ThresholdInWeek extends ThresholdUsed {
  /** Upper bounds of every zone but the last, as fractions of `value`. */
  bounds: readonly number[];
  activities: number;
}

export interface ZoneWeek {
  weekStart: string;
  weekEnd: string;
  state: WeekState;
  /** Seconds per zone (1-based order), whole seconds; null when no activity was counted. */
  seconds: number[] | null;
  totalS: number;
  thresholds: ThresholdInWeek[];
  activities: { activityId: string; date: string; name: string; sport: Sport; seconds: number }[];
  uncounted: Record<Exclude<WeekState, 'ok' | 'no_activities'>, number>;
}

const invalid = (message: string) => new AppError(ErrorCode.VALIDATION, message);

/** The sports a basis reads: power zones are FTP's (rides), pace zones threshold pace's (runs); heart rate any. */
export function sportsOf(q: Pick<ZonesQuery, 'sport' | 'basis'>): Sport[] | null {
  const only: Sport | null = q.basis === 'power' ? 'ride' : q.basis === 'pace' ? 'run' : null;
  if (only && q.sport !== 'all' && q.sport !== only) throw invalid(`${q.basis} zones are counted for ${only}s only`);
  if (only) return [only];
  return q.sport === 'all' ? null : [q.sport];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const monthEnd = (month: string): string => addDays(`${nextMonth(month)}-01`, -1);
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
function monthsBack(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function createTrendsService(ctx: ReadContext, deps: { efficiency: Pick<EfficiencyService, 'efficiencyPoints'> }) {
  async function zoneWeeks(a: Athlete, q: ZonesQuery, use: DataUse = 'analytics') {
    const sports = sportsOf(q);
    const end = ctx.today(a);
    const from = addDays(mondayOf(end), -7 * (q.weeks - 1));
    const [rows, thresholds] = await Promise.all([
      repo.zoneSessions(ctx.db, a.id, await ctx.sourcesFor(use), from, end, sports),
      thresholdsRepo.thresholds(ctx.db, a.id),
    ]);
    const timeline = thresholdTimeline(thresholds);
    const weeks = new Map<string, ZoneWeek>();
    for (let w = from; w <= end; w = addDays(w, 7))
      weeks.set(w, {
        weekStart: w,
        weekEnd: addDays(w, 6),
        state: 'no_activities',
        seconds: null,
        totalS: 0,
        thresholds: [],
        activities: [],
        uncounted: { no_stream: 0, no_threshold: 0, pending: 0 },
      });
    for (const r of rows) {
      const week = weeks.get(mondayOf(r.localDate))!;
      const hist = r.facts?.zoneHist;
      if (!r.facts || !hist) {
        // Facts from before the histograms: the derive rebuild (migration 0042) will add them.
        week.uncounted[r.hasStreams ? 'pending' : 'no_stream']++;
        continue;
      }
      // The threshold the activity's load used on its day, as the activity page's zones read it.
      const basis = loadFor(r, r.facts, timeline).basis;
      const inEffect = timeline.inEffect(r.localDate);
      const z = activityZones(q.basis, r.sport, hist, (k) => zoneThreshold(inEffect, basis, k, r.localDate));
      if (z.state !== 'ok') {
        week.uncounted[z.state]++;
        continue;
      }
      week.seconds ??= new Array<number>(z.seconds.length).fill(0);
      const sums = week.seconds;
      for (const [i, s] of z.seconds.entries()) sums[i]! += s;
      const total = z.seconds.reduce((x, y) => x + y, 0);
      week.activities.push({ activityId: r.id, date: r.localDate, name: r.name, sport: r.sport, seconds: Math.round(total) });
      const same = week.thresholds.find(
        (t) =>
          t.kind === z.threshold.kind &&
          t.value === z.threshold.value &&
          t.effectiveFrom === z.threshold.effectiveFrom &&
          t.bounds === z.bounds,
      );
      if (same) same.activities++;
      else week.thresholds.push({ ...z.threshold, bounds: z.bounds, activities: 1 });
    }
    for (const w of weeks.values()) {
      if (w.seconds) {
        w.seconds = w.seconds.map(Math.round);
        w.totalS = w.seconds.reduce((x, y) => x + y, 0);
        w.state = 'ok';
      } else if (w.uncounted.no_threshold > 0) w.state = 'no_threshold';
      else if (w.uncounted.pending > 0) w.state = 'pending';
      else if (w.uncounted.no_stream > 0) w.state = 'no_stream';
    }
    // The legend: Coggan's seven for power, five for heart rate and pace (whichever threshold each activity used).
    const names = q.basis === 'power' ? ZONE_MODELS.POWER.names : ZONE_MODELS.RUN_PACE.names;
    return { from, to: end, names, weeks: [...weeks.values()] };
  }

  async function efficiencyMonths(a: Athlete, sport: 'ride' | 'run', months: (typeof TREND_MONTHS)[number], use: DataUse = 'analytics') {
    const end = ctx.today(a);
    const first = monthsBack(end.slice(0, 7), months - 1);
    const { points } = await deps.efficiency.efficiencyPoints(a, `${first}-01`, end, use);
    const byMonth = new Map<string, EfficiencyPoint[]>();
    for (let m = first; m <= end.slice(0, 7); m = nextMonth(m)) byMonth.set(m, []);
    for (const p of points) if (p.sport === sport) byMonth.get(p.date.slice(0, 7))?.push(p);
    const stat = (xs: number[]) => ({ n: xs.length, median: xs.length >= MIN_MONTH_SAMPLE ? median(xs) : null });
    return {
      from: `${first}-01`,
      to: end,
      minSample: MIN_MONTH_SAMPLE,
      months: [...byMonth].map(([month, ps]) => ({
        month,
        from: `${month}-01`,
        to: monthEnd(month),
        efficiency: stat(ps.map((p) => p.efficiency)),
        decoupling: stat(ps.filter((p) => p.decouplingPct !== null).map((p) => p.decouplingPct!)),
        activities: ps,
      })),
    };
  }

  return { zoneWeeks, efficiencyMonths };
}

export type TrendsService = ReturnType<typeof createTrendsService>;
