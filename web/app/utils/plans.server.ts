// The training plan for the pages: the same plan services the /api/v1/plans routes call, read in the
// athlete's time zone. Changes (move, skip, undo…) go through the JSON API from the browser; the
// wizard posts to its page's action so it works before (or without) JavaScript.
import { redirect, type AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { PlanRequestInput } from '../../../worker/features/plans/plans.schema';
import { changeDetails, presentCalendar, presentWorkoutDetails, type PlansService } from '../../../worker/features/plans';
import { athleteOf, todayFor } from './analytics.server';
import { appErrorToForm, formValues, isAppError, issuesToFields } from './forms.server';
import { formatDate, formatDateTime } from './format';
import { addDays } from './analytics-format';
import { changeLines } from './plan-history';
import { GOAL_LABELS, isDay, planRange, type PlanView, type Units, WIZARD_MIN_EVENT_DAYS } from './plans';
import type { WizardValues } from '~/components/plan/PlanWizardForm';
import { planLocks } from './plan-locks';
import { safeNext } from './redirects';
import { datesInWords } from './adapt.server';

type Day = Awaited<ReturnType<PlansService['calendar']>>[number];

export function presentWorkout(d: Day) {
  const w = d.workout;
  return {
    id: w.id,
    date: w.date,
    slot: w.slot,
    sport: w.sport,
    type: w.type,
    title: w.title,
    description: w.description,
    durationSec: w.durationSec,
    distanceM: w.distanceM,
    targetLoad: w.targetLoad,
    steps: w.steps as Record<string, unknown>[],
    phase: w.phase,
    week: w.week,
    why: w.why,
    skipped: w.skipped,
    linkMode: w.linkMode as 'manual' | 'unlinked' | null,
    status: d.compliance.status,
    compliance: { band: d.compliance.band, ratio: d.compliance.ratio, by: d.compliance.by },
    activity: d.activity
      ? { id: d.activity.id, movingTimeS: d.activity.movingTimeS, distanceM: d.activity.distanceM, load: d.activity.load }
      : null,
    // The athlete's own "done" (ADR 080).
    doneAt: w.doneAt?.toISOString() ?? null,
    doneNote: w.doneNote,
    doneRpe: w.doneRpe,
  };
}
export type PlanWorkout = ReturnType<typeof presentWorkout>;

const planOf = (p: NonNullable<Awaited<ReturnType<PlansService['active']>>>) => ({
  id: p.id,
  status: p.status,
  goal: { kind: p.goalKind, eventDate: p.eventDate, eventName: p.eventName },
  startDate: p.startDate,
  endDate: p.endDate,
  weeks: p.weeks as { week: number; startDate: string; phase: string; plannedHours: number; plannedLoad: number; why: string[] }[],
  rules: p.rules as string[],
  raceDayTsb: p.raceDayTsb,
});

/**
 * The training page: the week or month on the calendar (what was done, beside the plan's workouts when there
 * is a plan), and with a plan its header, history, weekly planned vs actual and what the drawer needs.
 */
export async function loadTraining(context: AppLoadContext, viewer: Viewer, url: URL) {
  const s = context.services;
  const a = athleteOf(viewer);
  const today = todayFor(context, viewer);
  const view: PlanView = url.searchParams.get('view') === 'month' ? 'month' : 'week';
  const asked = url.searchParams.get('date');
  const range = planRange(view, isDay(asked) ? asked : today);
  // A paused plan stays on the page (with Resume) rather than falling back to "No plan yet".
  const [plan, ent, read] = await Promise.all([
    s.plans.current(a.id),
    s.membership.entitlements(a.id),
    s.trainingCalendar.read(a, range.from, range.to),
  ]);
  const calendar = presentCalendar(read);
  // The controls the page shows locked: the actions the plan API would refuse this membership.
  const locks = planLocks(ent.features);
  const canExport = ent.features.exports;
  if (!plan) return { hasPlan: false as const, today, locks, canExport, range, calendar, plan: null };
  const [changes, weekly] = await Promise.all([
    s.workoutControl.changes(a.id, plan.id, 30),
    s.plans.weekly(a, plan.id, addDays(range.from, -27), range.to),
  ]);
  const items = calendar.days.flatMap((d) => d.items);
  return {
    hasPlan: true as const,
    today,
    locks,
    canExport,
    range,
    calendar,
    plan: planOf(plan),
    // The drawer's workouts: in full, with what completed each.
    workouts: presentWorkoutDetails(read),
    // Per local day, the activities on the calendar: the drawer's "Link an activity…" choices.
    activities: items.flatMap((i) =>
      i.activity
        ? [
            {
              id: i.activity.id,
              date: i.activity.date,
              sport: i.activity.sport,
              name: i.activity.name,
              movingTimeS: i.activity.movingTimeS,
            },
          ]
        : [],
    ),
    changes: changes.map((c) => ({
      id: c.id,
      action: c.action,
      source: c.source,
      // An adaptive change's reason names days as YYYY-MM-DD: written as the pages write dates.
      reason: c.reason && c.action === 'adapt' ? datesInWords(c.reason) : c.reason,
      undone: c.undoneAt !== null,
      when: formatDateTime(c.createdAt, a.timeZone),
      at: c.createdAt.toISOString(),
      // What it did, before → after, in words.
      lines: changeLines({ action: c.action, ...changeDetails(c) }, viewer.user.units as Units),
    })),
    weekly: weekly.map((w) => ({ week: w.week, startDate: w.startDate, endDate: w.endDate, planned: w.planned, actual: w.actual })),
  };
}

/**
 * Home's Today card: today's workouts of the active plan, or null without one. Without one, the answered goal
 * and what a new plan would start from: the answers while history is thin, else the recent training.
 */
export async function loadToday(context: AppLoadContext, viewer: Viewer) {
  const s = context.services;
  const a = athleteOf(viewer);
  const today = todayFor(context, viewer);
  const plan = await s.plans.active(a.id);
  if (!plan) {
    const intake = await s.intake.get(a);
    const startsFrom = intake.thinHistory ? ('answers' as const) : ('history' as const);
    return { today, plan: null, workouts: [], goal: answeredGoalName(intake.suggestedRequest), startsFrom };
  }
  // Today's done workout says what the activity page and the calendar's card say of it (issue 55).
  const days = await s.plans.judgedCalendar(a, plan.id, today, today);
  return {
    today,
    plan: { id: plan.id, goalKind: plan.goalKind, eventName: plan.eventName },
    workouts: days.map((d) => ({ ...presentWorkout(d), verdict: d.verdict })),
    goal: null,
    startsFrom: null,
  };
}

/**
 * "Mark done" / "Mark not done" posted as a plain form (ADR 080): the API's own service and rules (404 for
 * someone else's workout), then the page it came from, with the workout open on /training.
 */
export async function markDoneFromForm(context: AppLoadContext, viewer: Viewer, form: FormData): Promise<string> {
  const v = formValues(form);
  const s = context.services.workoutDone;
  const back = safeNext(v.back, '/training');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!uuid.test(v.planId ?? '') || !uuid.test(v.workoutId ?? '')) throw new Response('Workout not found', { status: 404 });
  const [planId, workoutId] = [v.planId!, v.workoutId!];
  const rpe = Number(v.rpe);
  try {
    if (v.intent === 'undo') await s.unmark(viewer.user.id, planId, workoutId);
    else
      await s.mark(viewer.user.id, planId, workoutId, {
        note: v.note?.trim().slice(0, 500) || null,
        rpe: Number.isInteger(rpe) && rpe >= 1 && rpe <= 10 ? rpe : null,
      });
  } catch (e) {
    // The API's refusal (someone else's workout: 404; a skipped one: 409) as the page's error, with its words.
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
  return back;
}

/** The wizard's page: today (for date limits), whether a plan is already active, and the form's starting values. */
export async function loadWizard(context: AppLoadContext, viewer: Viewer) {
  const a = athleteOf(viewer);
  const s = context.services;
  const [plan, ent, intake] = await Promise.all([s.plans.active(a.id), s.membership.entitlements(a.id), s.intake.get(a)]);
  const today = todayFor(context, viewer);
  return { today, hasPlan: Boolean(plan), allowance: ent.quotas.plans_generated, defaults: wizardDefaults(intake.suggestedRequest, today) };
}

type Suggested = Awaited<ReturnType<AppLoadContext['services']['intake']['get']>>['suggestedRequest'];

/**
 * The wizard starts from the onboarding answers (goal, event, days, hours) where there are some; the form's
 * own defaults fill the rest. An event too close to plan for (the date field's minimum) keeps its name only.
 */
export function wizardDefaults(s: Suggested, today: string): WizardValues {
  if (!s) return {};
  const out: WizardValues = {};
  if (s.goal) {
    out.goalKind = s.goal.kind;
    if (s.goal.eventName) out.eventName = s.goal.eventName;
    if (s.goal.eventDate && s.goal.eventDate >= addDays(today, WIZARD_MIN_EVENT_DAYS)) out.eventDate = s.goal.eventDate;
  }
  if (s.availableDays) out.days = s.availableDays;
  if (s.longDay !== undefined) out.longDay = String(s.longDay);
  if (s.hoursPerWeek !== undefined) out.hoursPerWeek = String(s.hoursPerWeek);
  return out;
}

/** Home's line without a plan: the answered goal's name (the event's, else the goal's), or null without one. */
export function answeredGoalName(s: Suggested): string | null {
  if (!s?.goal) return null;
  return s.goal.eventName ?? (GOAL_LABELS[s.goal.kind] ? `${GOAL_LABELS[s.goal.kind]!.toLowerCase()}` : null);
}

/** The wizard's form as a plan request (checkbox days, numbers from text). */
export function planRequestOf(v: Record<string, string>, days: number[]) {
  const general = v.goalKind === 'general_fitness';
  return PlanRequestInput.safeParse({
    goal: {
      kind: v.goalKind,
      eventDate: general ? null : v.eventDate || null,
      eventName: general ? null : v.eventName?.trim() || null,
    },
    startDate: v.startDate || undefined,
    availableDays: days,
    longDay: Number(v.longDay),
    hoursPerWeek: Number(v.hoursPerWeek),
    includeStrength: v.includeStrength === 'yes',
  });
}

const FIELD_OF: Record<string, string> = { 'goal.eventDate': 'eventDate', 'goal.eventName': 'eventName', 'goal.kind': 'goalKind' };

/** Preview (no allowance used) or create; every failure comes back as a form result with the values kept. */
export async function wizardAction(context: AppLoadContext, viewer: Viewer, request: Request) {
  const form = await request.formData();
  const values = formValues(form);
  const days = form.getAll('days').map(Number);
  const echo = { ...values, days };
  const parsed = planRequestOf(values, days);
  if (!parsed.success) return { ...issuesToFields(parsed.error.issues, { fieldOf: (p) => FIELD_OF[p] ?? p }), values: echo };
  if (!parsed.data.goal.eventDate && parsed.data.goal.kind !== 'general_fitness')
    return { ok: false as const, fieldErrors: { eventDate: 'Pick the date of your event.' }, values: echo };
  const a = athleteOf(viewer);
  const s = context.services;
  try {
    if (values.intent === 'create') {
      await s.plans.create(a, parsed.data);
      throw redirect('/training?created=1');
    }
    const [{ input, plan }, fitness] = await Promise.all([s.plans.preview(a, parsed.data), s.analytics.fitness(a, 42)]);
    return {
      ok: true as const,
      values: echo,
      preview: {
        startDate: plan.startDate,
        endDate: plan.endDate,
        weeks: plan.weeks,
        rules: plan.rules,
        projection: plan.projection,
        raceDayTsb: plan.raceDayTsb,
        workoutCount: plan.workouts.filter((w) => w.sport !== 'rest').length,
        fitnessSource: input.fitness.source,
        // While fitness is being established the plan starts from an estimate, not from today's measured CTL.
        estimatedStart: input.fitness.estimatedFromDays ? { ctl: input.fitness.ctl, days: input.fitness.estimatedFromDays } : null,
        eventDate: parsed.data.goal.eventDate,
      },
      recent: fitness.series.map((d) => ({ date: d.date, ctl: d.ctl, atl: d.atl, tsb: d.tsb })),
    };
  } catch (err) {
    if (err instanceof Response || !isAppError(err)) throw err;
    const failure = appErrorToForm(err, { fieldOf: (p) => FIELD_OF[p] ?? p });
    const resets =
      err.code === 'QUOTA_EXCEEDED' && err.details?.retryAfterSeconds
        ? formatDate(new Date(s.clock.now().getTime() + err.details.retryAfterSeconds * 1000), a.timeZone)
        : null;
    return { ...failure, values: echo, resets };
  }
}
