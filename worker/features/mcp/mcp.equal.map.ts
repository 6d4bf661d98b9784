// What each MCP tool must answer, worked out from the REST answers it wraps alone (pure): the REST field renamed
// with its unit (`distanceM` → `distance_m`), converted and rounded as the tool states. Runtime imports stay
// Node-runnable (.ts, no framework), so the api-access bench runs the very same mappings against a live stack.
import { addDays, mondayOf } from '../../lib/dates.ts';
import { encodeCursor, unavailableFor } from './mcp.plain.ts';
import type { ActivitySource } from '../activities';

/** The REST reads a mapping starts from, once per run: the athlete, their activity list, today, the active plan. */
export interface EqualWorld {
  /** GET /api/v1/me: the athlete's IANA zone (every tool's `time_zone`). */
  timeZone: string;
  /** GET /api/v1/activities?limit=200: every activity, newest first. */
  activities: RestActivity[];
  /** GET /api/v1/analytics/fitness: the athlete's local today. */
  today: string;
  /** GET /api/v1/plans/active: its id, or null (404). */
  planId: string | null;
  /** GET /api/v1/segments: the athlete's segments' ids, newest first. */
  segments: string[];
  /** GET /api/v1/races: the upcoming races, soonest first. */
  races: { id: string; sport: string }[];
  /**
   * The stated difference (ADR 036): sources the `ai` data use keeps from an assistant. REST shows their activities
   * to their owner; a tool lists them `unavailable`, without a figure, and counts them in `left_out`.
   */
  keptFromAi: ReadonlySet<string>;
}

export interface RestActivity {
  id: string;
  source: string;
  sport: string;
  name: string;
  startTime: string;
  localStartDate: string;
  movingTimeS: number;
  elapsedTimeS: number;
  distanceM: number;
  elevationGainM: number | null;
  avgHr: number | null;
  maxHr: number | null;
  avgPower: number | null;
}

type J = Record<string, any>; // a REST body as JSON: each mapping names the fields it reads
const round = (x: number, dp: number) => Math.round(x * 10 ** dp) / 10 ** dp;
const r1 = (x: number) => round(x, 1);
const opt = (v: number | null, dp = 0) => (v === null ? null : round(v, dp));
const FOOT = new Set(['run', 'walk', 'hike']);

/** One REST activity as the tool states it: SI units in the names, paces per km / 100 m, km/h to 0.1; or `unavailable`. */
export function activityFrom(r: RestActivity, w: EqualWorld) {
  const base = { id: r.id, date: r.localStartDate, source: r.source };
  if (w.keptFromAi.has(r.source)) return { ...base, unavailable: unavailableFor(r.source as ActivitySource) };
  const has = r.distanceM > 0 && r.movingTimeS > 0;
  return {
    ...base,
    start_utc: r.startTime,
    sport: r.sport,
    name: r.name,
    distance_m: round(r.distanceM, 1),
    moving_time_s: r.movingTimeS,
    elapsed_time_s: r.elapsedTimeS,
    elevation_gain_m: opt(r.elevationGainM),
    pace_s_per_km: has && FOOT.has(r.sport) ? r1(r.movingTimeS / (r.distanceM / 1000)) : null,
    pace_s_per_100m: has && r.sport === 'swim' ? r1(r.movingTimeS / (r.distanceM / 100)) : null,
    speed_km_per_h: has && r.sport === 'ride' ? r1((r.distanceM / r.movingTimeS) * 3.6) : null,
    avg_hr_bpm: opt(r.avgHr),
    max_hr_bpm: opt(r.maxHr),
    avg_power_w: opt(r.avgPower),
  };
}

/** REST has no activity time zone (only the local date and the UTC instant): the tool's `time_zone` is not compared. */
export const withoutActivityZone = (a: J) => {
  const { time_zone: _zone, ...rest } = a;
  return rest;
};

/** A page of `limit` from a REST page of `limit + 1` (the one more says whether a next page exists, as the tool asks). */
export function recentFrom(rows: RestActivity[], limit: number, w: EqualWorld) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    athlete_time_zone: w.timeZone,
    activities: page.map((r) => activityFrom(r, w)),
    next_cursor: rows.length > limit && last ? encodeCursor(new Date(last.startTime)) : null,
  };
}

/** What an aggregate over local days from..to (null: all time) did not count: the kept-out activities REST lists. */
export function leftOutFrom(w: EqualWorld, from: string | null, to: string | null) {
  const counts = new Map<string, number>();
  for (const a of w.activities)
    if (w.keptFromAi.has(a.source) && (from === null || a.localStartDate >= from) && (to === null || a.localStartDate <= to))
      counts.set(a.source, (counts.get(a.source) ?? 0) + 1);
  const by = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([source, count]) => ({ source, count }));
  const words = by[0] ? unavailableFor(by[0].source as ActivitySource) : null;
  return { count: by.reduce((s, b) => s + b.count, 0), by_source: by, reason: words?.reason ?? null, fix: words?.fix ?? null };
}

/** GET /api/v1/analytics/fitness?days=N → fitness: CTL/ATL/TSB and load to 0.1 (as REST), the receipts' ids. */
export function fitnessFrom(f: J, days: number, w: EqualWorld) {
  const c = f.current;
  return {
    time_zone: w.timeZone,
    as_of: f.today,
    current: c
      ? {
          ctl: c.ctl,
          atl: c.atl,
          tsb: c.tsb,
          form: c.form,
          ramp_ctl_per_week: c.rampRate,
          establishing_days_more: c.establishing?.daysMore ?? null,
        }
      : null,
    days: (f.days as J[]).map((d) => ({
      date: d.date,
      load: d.load,
      ctl: d.ctl,
      atl: d.atl,
      tsb: d.tsb,
      activity_ids: (d.activities as J[]).map((a) => a.activityId),
    })),
    left_out: leftOutFrom(w, addDays(f.today, -days + 1), f.today),
  };
}

/** GET weekly-volume?weeks=N, with fitness?days=7N+7 for each week's receipts → weekly_volume. */
export function weeklyFrom(v: J, f: J, weeks: number, w: EqualWorld) {
  const ids = new Map<string, string[]>();
  for (const d of f.days as J[])
    for (const a of d.activities as J[]) ids.set(mondayOf(d.date), [...(ids.get(mondayOf(d.date)) ?? []), a.activityId]);
  const totals = (t: J) => ({ distance_m: Math.round(t.distanceM), moving_time_s: Math.round(t.movingS), load: t.load, count: t.count });
  return {
    time_zone: w.timeZone,
    weeks: (v.weeks as J[]).map((x) => ({
      week_start: x.weekStart,
      total: totals(x.total),
      by_sport: Object.fromEntries(Object.entries(x.bySport as Record<string, J>).map(([s, t]) => [s, totals(t)])),
      activity_ids: ids.get(x.weekStart) ?? [],
    })),
    left_out: leftOutFrom(w, addDays(mondayOf(w.today), -7 * (weeks - 1)), w.today),
  };
}

/** GET personal-bests and age-grades → bests: times to 0.1 s, age grades to 0.1 %, power bests in W. */
export function bestsFrom(pb: J, grades: J, w: EqualWorld) {
  const run = (e: J | null) =>
    e
      ? {
          time_s: e.timeS,
          date: e.date,
          activity_id: e.receipt.activityId,
          age_grade_pct: e.ageGradePct === null ? null : r1(e.ageGradePct),
        }
      : null;
  const power = (e: J | null) => (e ? { power_w: e.watts, date: e.date, activity_id: e.receipt.activityId } : null);
  return {
    time_zone: w.timeZone,
    run: (pb.run as J[]).map((d) => ({
      distance_m: d.distanceM,
      label: d.label,
      all_time: run(d.allTime),
      last_12_months: run(d.last12Months),
    })),
    ride_power: (pb.power as J[]).map((d) => ({
      duration_s: d.durationS,
      all_time: power(d.allTime),
      last_12_months: power(d.last12Months),
    })),
    age_grading_missing: grades.missing,
    left_out: leftOutFrom(w, null, null),
  };
}

/** GET /api/v1/analytics/models?sport=… → one model: CP and efforts to 0.1 W, CS to 0.001 m/s, r² to 4 places, pace to 0.1 s. */
function modelFrom(m: J) {
  const ride = m.sport === 'ride';
  const f = m.fit as J | null;
  return {
    fitted: f !== null,
    insufficient: m.insufficient,
    critical_power_w: f && ride ? f.critical : null,
    w_prime_j: f && ride ? f.reserve : null,
    critical_speed_m_per_s: f && !ride ? f.critical : null,
    // REST states pace in the athlete's unit: per km as it is, per mile back to per km (the test's athlete is in km).
    critical_pace_s_per_km: f && !ride && f.critical > 0 ? (m.units === 'km' ? f.criticalPace : r1(1000 / f.critical)) : null,
    d_prime_m: f && !ride ? f.reserve : null,
    r2: f ? f.r2 : null,
    window: { from: m.span.from, to: m.span.to },
    efforts: (m.efforts as J[]).map((e) => ({
      duration_s: e.durationS,
      power_w: ride ? e.value : null,
      speed_m_per_s: ride ? null : e.value,
      activity_id: e.activityId,
      date: e.date,
    })),
  };
}

export function curvesFrom(ride: J, run: J, w: EqualWorld) {
  return { time_zone: w.timeZone, ride: modelFrom(ride), run: modelFrom(run), left_out: leftOutFrom(w, ride.span.from, ride.span.to) };
}

/** GET /api/v1/wellness/readiness and /days → wellness_readiness: readings to 0.01, each day's sources sorted. */
export function wellnessFrom(r: J, d: J, w: EqualWorld) {
  const r2 = (x: number) => round(x, 2);
  const metric = (m: J) => ({
    status: m.status,
    source: m.source ?? null,
    week_mean: m.week === undefined ? null : r2(m.week),
    normal_low: m.low === undefined ? null : r2(m.low),
    normal_high: m.high === undefined ? null : r2(m.high),
    baseline_days: m.baselineDays ?? m.days ?? null,
    days_needed: m.needed ?? null,
    last_day: m.lastDay ?? null,
  });
  const num = (day: J, k: string) => (typeof day.fields[k]?.value === 'number' ? r2(day.fields[k].value) : null);
  return {
    time_zone: w.timeZone,
    as_of: r.asOf,
    hrv: metric(r.hrv),
    resting_hr: metric(r.restingHr),
    days: (d.days as J[]).map((day) => ({
      date: day.day,
      sleep_h: num(day, 'sleepHours'),
      resting_hr_bpm: num(day, 'restingHr'),
      hrv_rmssd_ms: num(day, 'hrvRmssd'),
      soreness_1_4: num(day, 'soreness'),
      fatigue_1_4: num(day, 'fatigue'),
      stress_1_4: num(day, 'stress'),
      sources: [...new Set(Object.values(day.fields as Record<string, J>).map((f) => f.source as string))].sort(),
    })),
  };
}

/** GET /api/v1/plans/active (404: no plan) and its calendar today..today+N−1 → plan: seconds, metres, compliance %. */
export function planFrom(active: { status: number; body: J }, calendar: J | null, w: EqualWorld) {
  const base = { time_zone: w.timeZone, today: w.today };
  if (active.status === 404 || !calendar) return { ...base, plan: null, today_workouts: [], upcoming: [] };
  const p = active.body;
  const items = (calendar.workouts as J[]).map((x) => ({
    id: x.id,
    date: x.date,
    sport: x.sport,
    type: x.type,
    title: x.title,
    duration_s: Math.round(x.durationSec),
    distance_m: x.distanceM ?? null,
    target_load: Math.round(x.targetLoad),
    skipped: x.skipped,
    status: x.status,
    compliance_pct: x.compliance.ratio === null ? null : Math.round(x.compliance.ratio * 100),
    matched_activity_id: x.activityId,
  }));
  return {
    ...base,
    plan: {
      id: p.id,
      status: p.status,
      goal: p.goal.kind,
      event_name: p.goal.eventName,
      event_date: p.goal.eventDate,
      start_date: p.startDate,
      end_date: p.endDate,
    },
    today_workouts: items.filter((x) => x.date === w.today),
    upcoming: items.filter((x) => x.date > w.today),
  };
}

/** GET /api/v1/plans/{id}/adaptations (newest first) → plan_changes: the first `limit`. */
export function planChangesFrom(list: J | null, limit: number, w: EqualWorld) {
  if (!list || !w.planId) return { time_zone: w.timeZone, plan_id: null, auto_applies_small: false, waits_for_coach: false, changes: [] };
  return {
    time_zone: w.timeZone,
    plan_id: w.planId,
    auto_applies_small: list.auto,
    waits_for_coach: list.waitsForCoach,
    changes: (list.items as J[]).slice(0, limit).map((p) => ({
      id: p.id,
      status: p.status,
      trigger: p.trigger.kind,
      created_utc: p.createdAt,
      decided_utc: p.decidedAt,
      steps: (p.changes as J[]).map((c) => c.words),
      reason: p.reason,
      receipts: p.receipts,
      small: p.small,
    })),
  };
}
