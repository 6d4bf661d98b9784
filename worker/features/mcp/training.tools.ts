// wellness_readiness (HRV and resting HR against the athlete's own range, and the last days' readings), plan
// (the active plan, today's workout and the week ahead) and plan_changes (the adaptive proposals, read-only:
// confirming one is the athlete's act in Cadence). Wellness reads the wellness policy's `ai` sources (ADR 074).
import { z } from 'zod';
import { addDays } from '../../lib/dates';
import { AI_USE, defineTool } from './mcp.kit';
import { ActivityId, LocalDate, TimeZone } from './mcp.schema';

const r2 = (x: number) => Math.round(x * 100) / 100;

const Metric = z.object({
  status: z.enum(['none', 'establishing', 'no_recent', 'within', 'below', 'above']),
  source: z.string().nullable(),
  week_mean: z.number().nullable().describe('The 7-day mean on the compared scale: ln(rMSSD ms) for HRV, bpm for resting HR'),
  normal_low: z.number().nullable(),
  normal_high: z.number().nullable(),
  baseline_days: z.number().int().nullable(),
  days_needed: z.number().int().nullable(),
  last_day: LocalDate.nullable(),
});
type MetricIn = {
  status: string;
  source?: string;
  week?: number;
  low?: number;
  high?: number;
  baselineDays?: number;
  needed?: number;
  days?: number;
  lastDay?: string;
};
const metric = (m: MetricIn): z.infer<typeof Metric> => ({
  status: m.status as z.infer<typeof Metric>['status'],
  source: m.source ?? null,
  week_mean: m.week === undefined ? null : r2(m.week),
  normal_low: m.low === undefined ? null : r2(m.low),
  normal_high: m.high === undefined ? null : r2(m.high),
  baseline_days: m.baselineDays ?? m.days ?? null,
  days_needed: m.needed ?? null,
  last_day: m.lastDay ?? null,
});

export const wellnessReadinessTool = defineTool({
  name: 'wellness_readiness',
  title: 'Wellness and readiness',
  description:
    'Readiness from HRV (rMSSD, compared as ln ms) and resting heart rate (bpm) against the athlete’s own normal range, and the last days’ readings by local day: sleep_h, resting_hr_bpm, hrv_rmssd_ms, and 1–4 check-in scales. Each reading names its source.',
  scope: 'wellness:read',
  input: z
    .object({ days: z.number().int().min(1).max(28).optional().describe('Days of readings up to today (1..28, default 7).') })
    .strict(),
  output: z.object({
    time_zone: TimeZone,
    as_of: LocalDate,
    hrv: Metric,
    resting_hr: Metric,
    days: z.array(
      z.object({
        date: LocalDate,
        sleep_h: z.number().nullable(),
        resting_hr_bpm: z.number().nullable(),
        hrv_rmssd_ms: z.number().nullable(),
        soreness_1_4: z.number().nullable(),
        fatigue_1_4: z.number().nullable(),
        stress_1_4: z.number().nullable(),
        sources: z.array(z.string()),
      }),
    ),
  }),
  async run(deps, input) {
    const a = deps.athlete;
    const r = await deps.wellness.readiness(a, AI_USE);
    const from = addDays(r.asOf, -((input.days ?? 7) - 1));
    const { days } = await deps.wellness.days(a, from, r.asOf, AI_USE);
    const num = (d: (typeof days)[number], k: string) => {
      const v = d.fields[k]?.value;
      return typeof v === 'number' ? r2(v) : null;
    };
    return {
      time_zone: a.timeZone,
      as_of: r.asOf,
      hrv: metric(r.hrv as MetricIn),
      resting_hr: metric(r.restingHr as MetricIn),
      days: days.map((d) => ({
        date: d.day,
        sleep_h: num(d, 'sleepHours'),
        resting_hr_bpm: num(d, 'restingHr'),
        hrv_rmssd_ms: num(d, 'hrvRmssd'),
        soreness_1_4: num(d, 'soreness'),
        fatigue_1_4: num(d, 'fatigue'),
        stress_1_4: num(d, 'stress'),
        sources: [...new Set(Object.values(d.fields).map((f) => f.source))].sort(),
      })),
    };
  },
});

const Workout = z.object({
  id: z.uuid(),
  date: LocalDate,
  sport: z.string(),
  type: z.string(),
  title: z.string(),
  duration_s: z.number().int(),
  distance_m: z.number().nullable(),
  target_load: z.number(),
  skipped: z.boolean(),
  status: z.string().describe('pending | completed | partial | missed …, from the matched activity'),
  compliance_pct: z.number().nullable(),
  matched_activity_id: ActivityId.nullable().describe('Only an activity Cadence may pass to an AI is matched here'),
});

export const planTool = defineTool({
  name: 'plan',
  title: 'Training plan and today’s workout',
  description:
    'The athlete’s active (or paused) training plan: its goal and dates, today’s workout, and the workouts of the next days (local dates) with planned duration (seconds), distance (metres), target load and whether each was done.',
  scope: 'plan:read',
  input: z.object({ days: z.number().int().min(1).max(28).optional().describe('Days from today (1..28, default 7).') }).strict(),
  output: z.object({
    time_zone: TimeZone,
    today: LocalDate,
    plan: z
      .object({
        id: z.uuid(),
        status: z.string(),
        goal: z.string(),
        event_name: z.string().nullable(),
        event_date: LocalDate.nullable(),
        start_date: LocalDate,
        end_date: LocalDate,
      })
      .nullable(),
    today_workouts: z.array(Workout),
    upcoming: z.array(Workout),
  }),
  async run(deps, input) {
    const a = deps.athlete;
    const today = deps.analytics.today(a);
    const plan = await deps.plans.current(a.id);
    if (!plan) return { time_zone: a.timeZone, today, plan: null, today_workouts: [], upcoming: [] };
    const entries = await deps.plans.calendar(a, plan.id, today, addDays(today, (input.days ?? 7) - 1), AI_USE);
    const items = entries.map((e) => ({
      id: e.workout.id,
      date: e.workout.date,
      sport: e.workout.sport,
      type: e.workout.type,
      title: e.workout.title,
      duration_s: Math.round(e.workout.durationSec),
      distance_m: e.workout.distanceM ?? null,
      target_load: Math.round(e.workout.targetLoad),
      skipped: e.workout.skipped,
      status: e.compliance.status,
      compliance_pct: e.compliance.ratio === null ? null : Math.round(e.compliance.ratio * 100),
      matched_activity_id: e.activity?.id ?? null,
    }));
    return {
      time_zone: a.timeZone,
      today,
      plan: {
        id: plan.id,
        status: plan.status,
        goal: plan.goalKind,
        event_name: plan.eventName,
        event_date: plan.eventDate,
        start_date: plan.startDate,
        end_date: plan.endDate,
      },
      today_workouts: items.filter((w) => w.date === today),
      upcoming: items.filter((w) => w.date > today),
    };
  },
});

export const planChangesTool = defineTool({
  name: 'plan_changes',
  title: 'Plan changes (adaptive proposals)',
  description:
    'The changes Cadence proposed to the active plan (newest first): what each does, why, its status and the workout or activity ids and days it rests on. Read-only: the athlete confirms or dismisses a proposal in Cadence.',
  scope: 'plan:read',
  input: z.object({ limit: z.number().int().min(1).max(30).optional().describe('Proposals (1..30, default 10).') }).strict(),
  output: z.object({
    time_zone: TimeZone,
    plan_id: z.uuid().nullable(),
    auto_applies_small: z.boolean(),
    waits_for_coach: z.boolean(),
    changes: z.array(
      z.object({
        id: z.uuid(),
        status: z.string(),
        trigger: z.string(),
        created_utc: z.string(),
        decided_utc: z.string().nullable(),
        steps: z.array(z.string()),
        reason: z.string(),
        receipts: z.array(z.string()).describe('Workout or activity ids and local days the proposal rests on'),
        small: z.boolean(),
      }),
    ),
  }),
  async run(deps, input) {
    const a = deps.athlete;
    const plan = await deps.plans.current(a.id);
    const none = { time_zone: a.timeZone, plan_id: null, auto_applies_small: false, waits_for_coach: false, changes: [] };
    if (!plan) return none;
    const list = await deps.adapt.list(a, plan.id, { limit: input.limit ?? 10 });
    return {
      time_zone: a.timeZone,
      plan_id: plan.id,
      auto_applies_small: list.auto,
      waits_for_coach: list.waitsForCoach,
      changes: list.items.map((p) => ({
        id: p.id,
        status: p.status,
        trigger: p.trigger.kind,
        created_utc: p.createdAt,
        decided_utc: p.decidedAt,
        steps: p.changes.map((c) => c.words),
        reason: p.reason,
        receipts: p.receipts,
        small: p.small,
      })),
    };
  },
});
