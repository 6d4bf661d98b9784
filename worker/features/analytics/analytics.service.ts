// Reads for the dashboard and the API. Everything is computed from the daily totals, the efforts table
// and per-activity metrics, scoped to one athlete and to the sources the data use allows.

import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import type { JsonCache } from '../../lib/json-cache';
import { sourcesAllowedFor, type ActivitySource, type DataUse, type Sport } from '../activities';
import { createAnalyticsRepo, type EffortRow, type ReceiptRow } from './analytics.repo';
import type {
  EffortExclusion,
  EfficiencyPoint,
  FitnessDay,
  LoadMethod,
  Receipt,
  Threshold,
  ThresholdKind,
  Units,
  WeekVolume,
} from './analytics.types';
import { ageGrade, ageOn } from './calc/age-grade';
import { addDays, daysBetween, mondayOf, todayIn } from '../../lib/dates';
import { thresholdHr } from './calc/load.calc';
import { exclusionMessage } from './calc/plausibility.calc';
import { fitnessSeries, rampRate } from './calc/pmc.calc';
import { RUN_PB_DISTANCES, POWER_DURATIONS } from './calc/best-efforts.calc';
import { thresholdTimeline } from './calc/thresholds.calc';
import { formStatus, rampBand } from './insights/bands';
import { buildInsights } from './insights/insights.engine';
import { lsSlope } from './insights/insight-helpers';
import type { PbEvent } from './insights/insights.types';

/** Who the numbers are for: the athlete's own settings decide units, calendar and age grading. */
export interface Athlete {
  id: string;
  units: Units;
  timeZone: string;
  birthDate: string | null;
  sex: 'female' | 'male' | null;
  /** users.analytics_version: bumped by every change to the athlete's training data. */
  version: number;
}

export const athleteOf = (u: Omit<Athlete, 'version'> & { analyticsVersion: number }): Athlete => ({
  id: u.id,
  units: u.units,
  timeZone: u.timeZone,
  birthDate: u.birthDate,
  sex: u.sex,
  version: u.analyticsVersion,
});

/** Cached answers expire after a day even if nothing changed (the key also holds the athlete's date). */
const CACHE_TTL_S = 86_400;

/** Easy runs are those averaging at most this share of threshold HR (the top of Friel's zone 2). */
export const EASY_HR_OF_THRESHOLD = 0.89;
/** Efficiency points need at least this much moving time: short jogs are mostly warm-up. */
export const EFFICIENCY_MIN_MOVING_S = 20 * 60;
export const PB_EVENT_DAYS = 30;

/** The thresholds each load method reads (hrTSS falls back to 89 % of max HR and 60 bpm resting when unset). */
const KINDS_BY_METHOD: Record<LoadMethod, ThresholdKind[]> = {
  power_tss: ['ftp'],
  rtss: ['threshold_pace'],
  swim_tss: ['css'],
  hr_tss: ['max_hr', 'lthr', 'resting_hr'],
  duration_estimate: [],
};

export const RUN_DISTANCE_LABELS: Record<number, string> = {
  400: '400 m',
  1000: '1 km',
  1609: '1 mile',
  5000: '5 km',
  10000: '10 km',
  21098: 'Half marathon',
  42195: 'Marathon',
};

/** "5-s", "1-min", "20-min": power durations as adjectives, for exclusion sentences. */
const powerLabel = (s: number) => (s < 60 ? `${s}-s` : `${Math.round(s / 60)}-min`);

export const receiptOf = (r: ReceiptRow, values: Receipt['values'] = {}): Receipt => ({
  activityId: r.id,
  date: r.date,
  name: r.name,
  sport: r.sport,
  distanceM: r.distanceM,
  movingTimeS: r.movingTimeS,
  values: { load: r.load === null ? null : Math.round(r.load), ...values },
});

const effortReceipt = (e: EffortRow, values: Receipt['values']): Receipt => ({
  activityId: e.activityId,
  date: e.date,
  name: e.name,
  sport: e.sport,
  distanceM: e.distanceM,
  movingTimeS: e.movingTimeS,
  values,
});

const emptyTotals = () => ({ distanceM: 0, movingS: 0, load: 0, count: 0 });

export function createAnalyticsService(deps: { db: Db; clock: Clock; cache?: JsonCache | null }) {
  const repo = () => createAnalyticsRepo(deps.db);
  const today = (a: Athlete) => todayIn(a.timeZone, deps.clock.now());
  const sourcesFor = (use: DataUse): ActivitySource[] => sourcesAllowedFor(use);

  function gradeFor(a: Athlete, distanceM: number, timeS: number, date: string): number | null {
    if (!a.birthDate || !a.sex) return null;
    const g = ageGrade({ sex: a.sex, age: ageOn(a.birthDate, date), distanceM, timeS });
    return g ? Math.round(g.percent * 10) / 10 : null;
  }

  async function fitness(a: Athlete, days: number, use: DataUse = 'owner_display') {
    const r = repo();
    const sources = sourcesFor(use);
    const end = today(a);
    const first = await r.firstDay(a.id, sources);
    if (!first || first > end) return { today: end, firstDay: first, series: [] as FitnessDay[], full: [] as FitnessDay[] };
    const loads = new Map((await r.dailyLoads(a.id, sources, end)).map((d) => [d.day, d.load]));
    const full = fitnessSeries(loads, first, end);
    return { today: end, firstDay: first, series: full.slice(-days), full };
  }

  async function weeks(a: Athlete, count: number, use: DataUse = 'owner_display'): Promise<WeekVolume[]> {
    const end = today(a);
    const start = addDays(mondayOf(end), -7 * (count - 1));
    const rows = await repo().days(a.id, sourcesFor(use), start, end);
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

  async function efficiencyPoints(
    a: Athlete,
    fromDay: string,
    toDay: string,
    use: DataUse,
  ): Promise<{ points: EfficiencyPoint[]; easyHrCeiling: number | null }> {
    const r = repo();
    const [sessions, thresholds] = await Promise.all([r.hrSessions(a.id, sourcesFor(use), fromDay, toDay), r.thresholds(a.id)]);
    const timeline = thresholdTimeline(thresholds);
    const latestThr = thresholdHr(timeline.at(toDay));
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
    return { points, easyHrCeiling: latestThr ? Math.round(latestThr * EASY_HR_OF_THRESHOLD) : null };
  }

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

  async function runEfforts(a: Athlete, use: DataUse) {
    const r = repo();
    const sources = sourcesFor(use);
    const yearAgo = addDays(today(a), -365);
    const [byYear, recent] = await Promise.all([
      r.bestEffortsByYear(a.id, sources, 'run'),
      r.bestEffortsSince(a.id, sources, 'run', yearAgo),
    ]);
    return { byYear, recent };
  }

  return {
    fitness,
    weeks,
    today,

    /**
     * Answers keyed by everything they depend on: the athlete's data version, settings and today's date.
     * Any write to their activities or thresholds bumps the version, so a stale answer is never served.
     */
    async cached<T>(name: string, a: Athlete, params: Record<string, string | number>, compute: () => Promise<T>): Promise<T> {
      if (!deps.cache) return compute();
      const q = new URLSearchParams({
        ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
        u: a.units,
        tz: a.timeZone,
        b: a.birthDate ?? '',
        s: a.sex ?? '',
        d: today(a),
      });
      const key = `analytics/${a.id}/${a.version}/${name}?${q}`;
      const hit = await deps.cache.get<T>(key);
      if (hit !== undefined) return hit;
      const value = await compute();
      await deps.cache.put(key, value, CACHE_TTL_S);
      return value;
    },

    /** The PMC over the last `days` days with each day's activities (the hover), current form and ramp. */
    async fitnessTimeline(a: Athlete, days: number, use: DataUse = 'owner_display') {
      const f = await fitness(a, days, use);
      const from = f.series[0]?.date;
      const receipts = from ? await repo().receiptsBetween(a.id, sourcesFor(use), from, f.today) : [];
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

    async sportDistribution(a: Athlete, count: number, use: DataUse = 'owner_display') {
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
        to: today(a),
        sports: [...totals.entries()]
          .map(([sport, t]) => ({ sport, ...t, share: allTime > 0 ? t.movingS / allTime : 0 }))
          .sort((x, y) => y.movingS - x.movingS),
      };
    },

    async heatmap(a: Athlete, year: number, use: DataUse = 'owner_display') {
      const rows = await repo().days(a.id, sourcesFor(use), `${year}-01-01`, `${year}-12-31`);
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

    /** Run PBs (all time, last 12 months, per year) and ride power bests, each with its activity. */
    async personalBests(a: Athlete, use: DataUse = 'owner_display') {
      const r = repo();
      const sources = sourcesFor(use);
      const yearAgo = addDays(today(a), -365);
      const { byYear, recent } = await runEfforts(a, use);
      const [powerByYear, powerRecent] = await Promise.all([
        r.bestEffortsByYear(a.id, sources, 'power'),
        r.bestEffortsSince(a.id, sources, 'power', yearAgo),
      ]);
      const runEntry = (e: EffortRow) => ({
        timeS: e.value,
        date: e.date,
        ageGradePct: gradeFor(a, e.key, e.value, e.date),
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

    /** Age-graded % of each year's best at each table distance, and the best grade per year. */
    async ageGrades(a: Athlete, use: DataUse = 'owner_display') {
      const missing = [...(a.birthDate ? [] : ['birth_date']), ...(a.sex ? [] : ['sex'])] as ('birth_date' | 'sex')[];
      if (missing.length > 0) return { missing, performances: [], bestByYear: [] };
      const { byYear } = await runEfforts(a, use);
      const performances = byYear
        .map((e) => ({ e, pct: gradeFor(a, e.key, e.value, e.date) }))
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

    async efficiency(a: Athlete, weekCount: number, use: DataUse = 'owner_display') {
      const end = today(a);
      const { points, easyHrCeiling } = await efficiencyPoints(a, addDays(end, -7 * weekCount + 1), end, use);
      const runs = points.filter((p) => p.sport === 'run');
      const rides = points.filter((p) => p.sport === 'ride');
      return {
        from: addDays(end, -7 * weekCount + 1),
        to: end,
        easyHrCeiling,
        runs: { points: runs, trend: trend(runs) },
        rides: { points: rides, trend: trend(rides) },
        decoupling: points
          .filter((p) => p.decouplingPct !== null)
          .map((p) => ({ activityId: p.activityId, date: p.date, name: p.name, sport: p.sport, decouplingPct: p.decouplingPct! })),
      };
    },

    async insights(a: Athlete, use: DataUse = 'owner_display') {
      const r = repo();
      const sources = sourcesFor(use);
      const end = today(a);
      const from = addDays(mondayOf(end), -7 * 12);
      const pbFrom = addDays(end, -PB_EVENT_DAYS + 1);
      const [f, ws, eff, receipts, recentEfforts, before] = await Promise.all([
        fitness(a, 120, use),
        weeks(a, 13, use),
        efficiencyPoints(a, addDays(end, -7 * 12), end, use),
        r.receiptsBetween(a.id, sources, from, end),
        r.runEffortsSince(a.id, sources, pbFrom),
        r.runBestsBefore(a.id, sources, pbFrom),
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

      // Walk the last 30 days' efforts in date order: each one faster than everything before it is a PB event.
      const best = new Map(before.map((e) => [e.key, e]));
      const pbEvents: PbEvent[] = [];
      for (const e of recentEfforts) {
        const prev = best.get(e.key);
        if (prev && e.value >= prev.value) continue;
        pbEvents.push({
          distanceM: e.key,
          label: RUN_DISTANCE_LABELS[e.key] ?? `${e.key} m`,
          timeS: e.value,
          date: e.date,
          previousBestS: prev?.value ?? null,
          previousDate: prev?.date ?? null,
          ageGradePct: gradeFor(a, e.key, e.value, e.date),
          receipt: effortReceipt(e, { timeS: Math.round(e.value) }),
        });
        best.set(e.key, e);
      }
      // Several improvements at one distance within the window make one milestone: the newest, compared with the one before it.
      const newestPerDistance = [...new Map(pbEvents.map((p) => [p.distanceM, p])).values()];
      return buildInsights({
        today: end,
        units: a.units,
        firstActivityDate: f.firstDay,
        fitness: f.series,
        weeks: ws,
        efficiency: eff.points,
        runs,
        activitiesByDate,
        pbEvents: newestPerDistance,
      });
    },

    /** Manual history and current estimates, each estimate with its receipt. */
    async thresholds(a: Athlete): Promise<{ id: string; threshold: Threshold }[]> {
      const r = repo();
      const rows = await r.thresholds(a.id);
      const ids = rows.map((t) => t.activityId).filter((x): x is string => x !== null);
      const receipts = ids.length > 0 ? await r.receiptsByIds(a.id, ids) : [];
      const byId = new Map(receipts.map((x) => [x.id, x]));
      return rows
        .sort((x, y) => x.kind.localeCompare(y.kind) || x.source.localeCompare(y.source) || y.effectiveFrom.localeCompare(x.effectiveFrom))
        .map((t) => {
          const rec = t.activityId ? byId.get(t.activityId) : undefined;
          return {
            id: t.id,
            threshold: {
              kind: t.kind,
              value: t.value,
              effectiveFrom: t.effectiveFrom,
              source: t.source,
              note: t.note,
              receipt: rec ? receiptOf(rec) : null,
            },
          };
        });
    },

    /** How one activity's load was computed and the bests it holds; undefined when it is not the athlete's. */
    async activityAnalysis(a: Athlete, activityId: string) {
      const r = repo();
      const [metrics, efforts, thresholds] = await Promise.all([
        r.metricsOf(a.id, activityId),
        r.effortsOf(a.id, activityId),
        r.thresholds(a.id),
      ]);
      if (!metrics) return undefined;
      const [row] = await r.receiptsByIds(a.id, [activityId]);
      const used = row ? thresholdTimeline(thresholds).at(row.date) : {};
      const counted = efforts.filter((e) => e.excludedReason === null);
      // One line per best that was measured but not counted, and why (ADR 007, "Implausible bests").
      const exclusions: {
        kind: 'run' | 'power' | 'stream';
        key: number | null;
        reason: EffortExclusion | 'stream_distance_mismatch';
        message: string;
      }[] = efforts
        .filter((e) => e.excludedReason !== null)
        .sort((x, y) => x.kind.localeCompare(y.kind) || x.key - y.key)
        .map((e) => ({
          kind: e.kind,
          key: e.key,
          reason: e.excludedReason!,
          message: exclusionMessage({
            kind: e.kind,
            label: e.kind === 'run' ? (RUN_DISTANCE_LABELS[e.key] ?? `${e.key} m`) : powerLabel(e.key),
            value: e.value,
            reason: e.excludedReason!,
            ref: e.excludedRef,
          }),
        }));
      const mismatch = metrics.facts.streamDistanceMismatch;
      if (mismatch) {
        const unit = a.units === 'mi' ? 1609.344 : 1000;
        const d = (m: number) => `${(m / unit).toFixed(2)} ${a.units}`;
        exclusions.unshift({
          kind: 'stream',
          key: null,
          reason: 'stream_distance_mismatch',
          message: `Bests within this run not measured: its speed data adds up to ${d(mismatch.streamM)}, the activity to ${d(mismatch.activityM)}.`,
        });
      }
      return {
        usedKinds: KINDS_BY_METHOD[metrics.loadMethod],
        load: metrics.load,
        method: metrics.loadMethod,
        intensity: metrics.intensity,
        confidence: metrics.confidence,
        thresholdsUsed: used,
        facts: metrics.facts,
        exclusions,
        runBests: counted
          .filter((e) => e.kind === 'run')
          .map((e) => ({
            distanceM: e.key,
            label: RUN_DISTANCE_LABELS[e.key] ?? `${e.key} m`,
            timeS: e.value,
            origin: e.origin,
            ageGradePct: row ? gradeFor(a, e.key, e.value, row.date) : null,
          }))
          .sort((x, y) => x.distanceM - y.distanceM),
        powerBests: counted
          .filter((e) => e.kind === 'power')
          .map((e) => ({ durationS: e.key, watts: Math.round(e.value) }))
          .sort((x, y) => x.durationS - y.durationS),
      };
    },

    exportRows: (a: Athlete, use: DataUse = 'owner_display') => repo().exportRows(a.id, sourcesFor(use), 20_000),
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
