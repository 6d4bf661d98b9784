// fitness (CTL/ATL/TSB by day with the activities each day rests on), weekly_volume and bests: figures computed
// by analytics from the sources the `ai` use allows only, each with its receipts and what it left out.
import { z } from 'zod';
import { addDays, mondayOf } from '../../lib/dates';
import { AI_USE, defineTool, leftOut } from './mcp.kit';
import { ActivityId, LeftOut, LocalDate, TimeZone } from './mcp.schema';

const r1 = (x: number) => Math.round(x * 10) / 10;

export const fitnessTool = defineTool({
  name: 'fitness',
  title: 'Fitness, fatigue and form',
  description:
    'Fitness (CTL, 42-day load average), fatigue (ATL, 7-day) and form (TSB: yesterday’s CTL − ATL) for each local day of the window, with the activity ids whose load made each day. Load is in training-load points (TSS-like). Only activities Cadence may pass to an AI are counted; `left_out` says how many were not and why.',
  scope: 'analytics:read',
  input: z.object({ days: z.number().int().min(7).max(180).optional().describe('Days up to today (7..180, default 42).') }).strict(),
  output: z.object({
    time_zone: TimeZone,
    as_of: LocalDate,
    current: z
      .object({
        ctl: z.number(),
        atl: z.number(),
        tsb: z.number(),
        form: z.string().nullable().describe('fresh | neutral | productive | overreaching; null while fitness is being established'),
        ramp_ctl_per_week: z.number().nullable(),
        establishing_days_more: z.number().int().nullable(),
      })
      .nullable(),
    days: z.array(
      z.object({ date: LocalDate, load: z.number(), ctl: z.number(), atl: z.number(), tsb: z.number(), activity_ids: z.array(ActivityId) }),
    ),
    left_out: LeftOut,
  }),
  async run(deps, input) {
    const days = input.days ?? 42;
    const t = await deps.analytics.fitnessTimeline(deps.athlete, days, AI_USE);
    const c = t.current;
    return {
      time_zone: deps.athlete.timeZone,
      as_of: t.today,
      current: c
        ? {
            ctl: r1(c.ctl),
            atl: r1(c.atl),
            tsb: r1(c.tsb),
            form: c.form,
            ramp_ctl_per_week: c.rampRate === null ? null : r1(c.rampRate),
            establishing_days_more: c.establishing?.daysMore ?? null,
          }
        : null,
      days: t.days.map((d) => ({
        date: d.date,
        // To 0.1, as REST states it: rounded coarser, a mapped 40.46 (REST 40.5) would read 41 against the tool's 40.
        load: r1(d.load),
        ctl: r1(d.ctl),
        atl: r1(d.atl),
        tsb: r1(d.tsb),
        activity_ids: d.activities.map((a) => a.activityId),
      })),
      left_out: await leftOut(deps, { from: addDays(t.today, -days + 1), to: t.today }),
    };
  },
});

const Totals = z.object({ distance_m: z.number(), moving_time_s: z.number().int(), load: z.number(), count: z.number().int() });

export const weeklyVolumeTool = defineTool({
  name: 'weekly_volume',
  title: 'Weekly volume',
  description:
    'Distance (metres), moving time (seconds), load and count per week (weeks start Monday, local dates), in total and by sport, with the activity ids counted. Only activities Cadence may pass to an AI are counted; `left_out` says how many were not and why.',
  scope: 'analytics:read',
  input: z
    .object({ weeks: z.number().int().min(1).max(26).optional().describe('Weeks back including this one (1..26, default 8).') })
    .strict(),
  output: z.object({
    time_zone: TimeZone,
    weeks: z.array(
      z.object({
        week_start: LocalDate.describe('The Monday the week starts'),
        total: Totals,
        by_sport: z.record(z.string(), Totals),
        activity_ids: z.array(ActivityId),
      }),
    ),
    left_out: LeftOut,
  }),
  async run(deps, input) {
    const count = input.weeks ?? 8;
    const today = deps.analytics.today(deps.athlete);
    const from = addDays(mondayOf(today), -7 * (count - 1));
    // The receipts: each day's activities from the same reads fitness makes, grouped by their week.
    const [weeks, timeline] = await Promise.all([
      deps.analytics.weeks(deps.athlete, count, AI_USE),
      deps.analytics.fitnessTimeline(deps.athlete, 7 * count + 7, AI_USE),
    ]);
    const ids = new Map<string, string[]>();
    for (const d of timeline.days)
      for (const a of d.activities) ids.set(mondayOf(d.date), [...(ids.get(mondayOf(d.date)) ?? []), a.activityId]);
    const totals = (t: { distanceM: number; movingS: number; load: number; count: number }) => ({
      distance_m: Math.round(t.distanceM),
      moving_time_s: Math.round(t.movingS),
      load: r1(t.load),
      count: t.count,
    });
    return {
      time_zone: deps.athlete.timeZone,
      weeks: weeks.map((w) => ({
        week_start: w.weekStart,
        total: totals(w.total),
        by_sport: Object.fromEntries(Object.entries(w.bySport).flatMap(([s, t]) => (t ? [[s, totals(t)]] : []))),
        activity_ids: ids.get(w.weekStart) ?? [],
      })),
      left_out: await leftOut(deps, { from, to: today }),
    };
  },
});

const RunBest = z.object({ time_s: z.number(), date: LocalDate, activity_id: ActivityId, age_grade_pct: z.number().nullable() });
const PowerBest = z.object({ power_w: z.number(), date: LocalDate, activity_id: ActivityId });

export const bestsTool = defineTool({
  name: 'bests',
  title: 'Personal bests and age grades',
  description:
    'Run bests at standard distances (time in seconds, all time and the last 12 months, with age grade % when birth date and sex are set) and ride power bests by duration (watts), each with the activity and local date it came from. Only activities Cadence may pass to an AI are counted; `left_out` says how many were not and why.',
  scope: 'analytics:read',
  input: z.object({}).strict(),
  output: z.object({
    time_zone: TimeZone,
    run: z.array(z.object({ distance_m: z.number(), label: z.string(), all_time: RunBest.nullable(), last_12_months: RunBest.nullable() })),
    ride_power: z.array(z.object({ duration_s: z.number(), all_time: PowerBest.nullable(), last_12_months: PowerBest.nullable() })),
    age_grading_missing: z.array(z.string()).describe('What the athlete has not set that age grading needs'),
    left_out: LeftOut,
  }),
  async run(deps) {
    const [pb, grades] = await Promise.all([
      deps.analytics.personalBests(deps.athlete, AI_USE),
      deps.analytics.ageGrades(deps.athlete, AI_USE),
    ]);
    const run = (e: { timeS: number; date: string; ageGradePct: number | null; receipt: { activityId: string } } | null) =>
      e
        ? {
            time_s: r1(e.timeS),
            date: e.date,
            activity_id: e.receipt.activityId,
            age_grade_pct: e.ageGradePct === null ? null : r1(e.ageGradePct),
          }
        : null;
    const power = (e: { watts: number; date: string; receipt: { activityId: string } } | null) =>
      e ? { power_w: e.watts, date: e.date, activity_id: e.receipt.activityId } : null;
    return {
      time_zone: deps.athlete.timeZone,
      run: pb.run.map((d) => ({ distance_m: d.distanceM, label: d.label, all_time: run(d.allTime), last_12_months: run(d.last12Months) })),
      ride_power: pb.power.map((d) => ({ duration_s: d.durationS, all_time: power(d.allTime), last_12_months: power(d.last12Months) })),
      age_grading_missing: grades.missing,
      left_out: await leftOut(deps, { from: null, to: null }),
    };
  },
});
