import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { type IntakeAnswers, IntakeInput } from '../../../worker/features/plans';
import { METRES_PER_UNIT } from '../../../worker/lib/format';
import { athleteOf } from './analytics.server';
import { appErrorToForm, type FormResult, issuesToFields } from './forms.server';
import { ONBOARDING_STEPS, type OnboardingStep, type OnboardingValues } from './intake';

const num = (n: number) => String(Math.round(n * 10) / 10);

/** The stored answers (SI) as the form shows them, distances in the athlete's units. */
export function valuesOf(a: IntakeAnswers | null, units: 'km' | 'mi'): OnboardingValues {
  const dist = (m: number) => num(m / METRES_PER_UNIT[units]);
  return {
    goalKind: a?.goal?.kind ?? '',
    eventName: a?.goal?.eventName ?? '',
    eventDate: a?.goal?.eventDate ?? '',
    days: (a?.availableDays ?? []).map(String),
    longDay: a?.longDay === null || a?.longDay === undefined ? '' : String(a.longDay),
    hoursPerWeek: a?.hoursPerWeek ? num(a.hoursPerWeek) : '',
    injuries: a?.injuries ?? '',
    returning: a?.returningFromBreak === null || a?.returningFromBreak === undefined ? '' : a.returningFromBreak ? 'yes' : 'no',
    returnDate: a?.returnDate ?? '',
    runsPerWeek: a?.runsPerWeek === null || a?.runsPerWeek === undefined ? '' : String(a.runsPerWeek),
    weeklyVolume: a?.weeklyDurationS ? num(a.weeklyDurationS / 3600) : a?.weeklyDistanceM ? dist(a.weeklyDistanceM) : '',
    weeklyVolumeUnit: a?.weeklyDurationS ? 'h' : units,
    longestRun: a?.longestRunS ? String(Math.round(a.longestRunS / 60)) : a?.longestRunM ? dist(a.longestRunM) : '',
    longestRunUnit: a?.longestRunM ? units : 'min',
  };
}

/** The questionnaire: the answers so far, which steps apply (the baseline only while history is thin). */
export async function loadOnboarding(context: AppLoadContext, viewer: Viewer) {
  const intake = await context.services.intake.get(athleteOf(viewer));
  const steps = ONBOARDING_STEPS.filter((s) => s.key !== 'baseline' || intake.thinHistory);
  return { values: valuesOf(intake.answers, viewer.user.units), answered: intake.answers !== null, steps };
}

export const hasAnswers = async (context: AppLoadContext, viewer: Viewer) =>
  (await context.services.intake.get(athleteOf(viewer))).answers !== null;

const STEP_FIELDS: Record<OnboardingStep, (keyof OnboardingValues)[]> = {
  goal: ['goalKind', 'eventName', 'eventDate'],
  availability: ['days', 'longDay', 'hoursPerWeek'],
  background: ['injuries', 'returning', 'returnDate'],
  baseline: ['runsPerWeek', 'weeklyVolume', 'weeklyVolumeUnit', 'longestRun', 'longestRunUnit'],
};

// Schema paths to the form's field names.
function fieldOf(path: string): string {
  if (path.startsWith('goal.kind') || path === 'goal') return 'goalKind';
  if (path.startsWith('goal.')) return path.slice(5);
  if (path.startsWith('availableDays')) return 'days';
  if (path.startsWith('weeklyVolume')) return 'weeklyVolume';
  if (path.startsWith('longestRun')) return 'longestRun';
  if (path === 'returningFromBreak') return 'returning';
  return path;
}

function numberOr(v: string, field: string, bad: Record<string, string>): number | null {
  if (v.trim() === '') return null;
  const n = Number(v.replace(',', '.'));
  if (!Number.isFinite(n)) bad[field] = 'Enter a number';
  return n;
}

/** The form values as the API's input (what a PUT /intake would send). */
function inputOf(v: OnboardingValues): { input: unknown; bad: Record<string, string> } {
  const bad: Record<string, string> = {};
  const weekly = numberOr(v.weeklyVolume, 'weeklyVolume', bad);
  const longest = numberOr(v.longestRun, 'longestRun', bad);
  const general = v.goalKind === 'general_fitness';
  const input = {
    goal: v.goalKind
      ? { kind: v.goalKind, eventName: general ? null : v.eventName.trim() || null, eventDate: general ? null : v.eventDate || null }
      : null,
    availableDays: v.days.length ? v.days.map(Number) : null,
    longDay: v.longDay === '' ? null : Number(v.longDay),
    hoursPerWeek: numberOr(v.hoursPerWeek, 'hoursPerWeek', bad),
    injuries: v.injuries.trim() || null,
    returningFromBreak: v.returning === '' ? null : v.returning === 'yes',
    returnDate: v.returning === 'yes' ? v.returnDate || null : null,
    runsPerWeek: numberOr(v.runsPerWeek, 'runsPerWeek', bad),
    weeklyVolume: weekly === null ? null : { unit: v.weeklyVolumeUnit, value: weekly },
    longestRun: longest === null ? null : { unit: v.longestRunUnit, value: longest },
  };
  return { input, bad };
}

/** One step's answers merged into the ones before and saved; every question may be left empty. */
export async function saveStep(
  context: AppLoadContext,
  viewer: Viewer,
  step: OnboardingStep,
  form: FormData,
): Promise<FormResult<null> & { values?: OnboardingValues }> {
  const a = athleteOf(viewer);
  const current = valuesOf((await context.services.intake.get(a)).answers, viewer.user.units);
  const values: OnboardingValues = { ...current };
  for (const key of STEP_FIELDS[step]) {
    if (key === 'days') values.days = form.getAll('days').filter((d): d is string => typeof d === 'string');
    else {
      const raw = form.get(key);
      (values as unknown as Record<string, string>)[key] = typeof raw === 'string' ? raw : '';
    }
  }
  const { input, bad } = inputOf(values);
  if (Object.keys(bad).length) return { ok: false, fieldErrors: bad, values };
  const parsed = IntakeInput.safeParse(input);
  if (!parsed.success) return { ...issuesToFields(parsed.error.issues, { fieldOf }), values };
  try {
    await context.services.intake.save(a, parsed.data);
    return { ok: true, data: null };
  } catch (err) {
    const failure = appErrorToForm(err, { fieldOf });
    return { ok: false, fieldErrors: failure.fieldErrors, ...(failure.formError ? { formError: failure.formError } : {}), values };
  }
}

/** Leaving the questionnaire: with nothing answered, an empty record says it was offered (not asked again). */
export async function finishOnboarding(context: AppLoadContext, viewer: Viewer) {
  const a = athleteOf(viewer);
  if ((await context.services.intake.get(a)).answers) return;
  await context.services.intake.save(a, IntakeInput.parse({}));
}

/** Home's and the plan page's plan notice: where its fitness came from and whether to offer a rebuild. */
export async function loadPlanNotice(context: AppLoadContext, viewer: Viewer) {
  const a = athleteOf(viewer);
  const plan = await context.services.plans.active(a.id);
  if (!plan) return null;
  const rebuild = await context.services.rebuild.advice(a, plan);
  const source = (plan.inputs as { fitness: { source: 'history' | 'intake' } }).fitness.source;
  return { planId: plan.id, fitnessSource: source, rebuild };
}
