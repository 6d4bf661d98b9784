// The adaptive plan's changes for the pages (issue 58): Home's card, /training/changes and the calendar's week notices
// read the same list the API answers; every form posts to its page's action, which calls the API's own service with
// the athlete's session (the rules and the refusals are the API's), so it all works without JavaScript.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { addDays, mondayOf } from '../../../worker/lib/dates';
import { isUuid } from '../../../worker/lib/ids';
import { HealthNoteEnd, HealthNoteInput, RaceDateInput } from '../../../worker/features/plans/adapt/adapt.schema';
import { athleteOf, todayFor } from './analytics.server';
import { appErrorToForm, isAppError, parseValues } from './forms.server';
import { formatDate, isCalendarDate, isoDateIn } from './format';
import { day as formatDay } from './analytics-format';

type Service = AppLoadContext['services']['adapt'];
type Item = Awaited<ReturnType<Service['list']>>['items'][number];

/** The engine's reasons name days as YYYY-MM-DD; the pages write them "3 Nov 2026". */
export const datesInWords = (text: string) => text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) => (isCalendarDate(d) ? formatDay(d) : d));

/** What a page shows of one change: the API's item with its dates as the pages write them. */
export function presentChange(i: Item, timeZone: string) {
  return {
    id: i.id,
    status: i.status,
    kind: i.trigger.kind,
    reason: datesInWords(i.reason),
    changes: i.changes.map((c) => ({ words: c.words, kind: c.step.kind, workoutId: 'workoutId' in c.step ? c.step.workoutId : null })),
    auto: i.auto,
    small: i.small,
    undoable: i.status === 'applied' && i.changeId !== null,
    created: formatDate(i.createdAt, timeZone),
    decided: i.decidedAt ? formatDate(i.decidedAt, timeZone) : null,
    decidedDay: i.decidedAt ? isoDateIn(i.decidedAt, timeZone) : null,
  };
}
export type PlanChange = ReturnType<typeof presentChange>;

/** The active plan's changes (null without an active plan): newest first, with the opt-in and whether a coach decides. */
export async function loadPlanChanges(context: AppLoadContext, viewer: Viewer) {
  const a = athleteOf(viewer);
  const plan = await context.services.plans.active(a.id);
  if (!plan) return null;
  const list = await context.services.adapt.list(a, plan.id);
  return {
    planId: plan.id,
    eventDate: plan.eventDate,
    auto: list.auto,
    waitsForCoach: list.waitsForCoach,
    today: todayFor(context, viewer),
    items: list.items.map((i) => presentChange(i, a.timeZone)),
  };
}
export type PlanChanges = NonNullable<Awaited<ReturnType<typeof loadPlanChanges>>>;

/** How long an applied change keeps its Undo on Home: one applied on its own a week, one confirmed two days. */
const AUTO_DAYS = 7;
const CONFIRMED_DAYS = 2;

/** Home's card: what waits for a decision, and what was applied in the last days (with Undo). Empty: no card. */
export function homeChanges(c: PlanChanges | null): PlanChange[] {
  if (!c) return [];
  return c.items.filter((i) => {
    if (i.status === 'proposed' || i.status === 'awaiting_coach') return true;
    if (!i.undoable || !i.decidedDay) return false;
    return i.decidedDay >= addDays(c.today, -(i.auto ? AUTO_DAYS : CONFIRMED_DAYS));
  });
}

/**
 * Per week (its Monday), how many changes waiting for a decision name its workouts: the calendar's "plan change
 * proposed" notice. `workouts` are the ones the calendar shows (their dates).
 */
export function proposedByWeek(c: PlanChanges | null, workouts: { id: string; date: string }[]): Record<string, number> {
  const dateOf = new Map(workouts.map((w) => [w.id, w.date]));
  const out: Record<string, number> = {};
  for (const i of c?.items ?? []) {
    if (i.status !== 'proposed' && i.status !== 'awaiting_coach') continue;
    const weeks = new Set(i.changes.flatMap((s) => (s.workoutId && dateOf.has(s.workoutId) ? [mondayOf(dateOf.get(s.workoutId)!)] : [])));
    for (const w of weeks) out[w] = (out[w] ?? 0) + 1;
  }
  return out;
}

export const ADAPT_INTENTS = ['adapt-confirm', 'adapt-dismiss', 'adapt-undo', 'adapt-auto', 'health-add', 'health-end', 'race-moved'];

type Outcome =
  | { ok: true; message: string; fieldErrors: Record<string, string> }
  | { ok: false; fieldErrors: Record<string, string>; formError?: string };
const done = (message: string): Outcome => ({ ok: true, message, fieldErrors: {} });
const uuid = (v: string | undefined) => {
  if (!isUuid(v)) throw new Response('Not found', { status: 404 });
  return v;
};

/** One of the forms above, posted to its page's action: the intent, the plan and the change or note it names. */
export async function adaptAction(
  context: AppLoadContext,
  viewer: Viewer,
  v: Record<string, string>,
): Promise<Outcome & { intent: string; adapt: true }> {
  const s = context.services.adapt;
  const a = athleteOf(viewer);
  const planId = uuid(v.planId);
  const intent = v.intent ?? '';
  try {
    const out = await run();
    return { intent, adapt: true as const, ...out };
  } catch (err) {
    if (!isAppError(err)) throw err;
    const f = appErrorToForm(err);
    if (f.status === 404) throw new Response(err.message, { status: 404 });
    return { intent, adapt: true as const, ok: false, fieldErrors: f.fieldErrors, formError: f.formError ?? err.message };
  }

  async function run(): Promise<Outcome> {
    switch (intent) {
      case 'adapt-confirm':
        await s.confirm(a, planId, uuid(v.id));
        return done('Applied to your plan. You can undo it here.');
      case 'adapt-dismiss':
        await s.dismiss(a, planId, uuid(v.id));
        return done('Set aside: your plan stays as it is.');
      case 'adapt-undo':
        await s.undo(a, planId, uuid(v.id));
        return done('Undone: your plan is back as it was.');
      case 'adapt-auto': {
        const on = v.auto === 'on';
        await s.setAuto(a, planId, on);
        return done(on ? 'Small changes now apply on their own; each stays listed with Undo.' : 'Every change now waits for you.');
      }
      case 'health-add': {
        const parsed = parseValues(
          { kind: v.kind, from: v.from, to: v.ongoing === 'on' ? null : v.to || null, note: v.note?.trim() || null },
          HealthNoteInput,
          { messages: { from: 'Pick the first day.', to: 'Pick the last day, on or after the first, or tick “still going”.' } },
        );
        if (!parsed.ok) return parsed;
        const d = parsed.data;
        const { proposals } = await s.addHealthNote(a, planId, { kind: d.kind, from: d.from, to: d.to ?? null, note: d.note ?? null });
        return done(noted(proposals.length));
      }
      case 'health-end': {
        const parsed = parseValues({ to: v.to }, HealthNoteEnd, { messages: { to: 'Pick the day it ended.' } });
        if (!parsed.ok) return parsed;
        const { proposals } = await s.endHealthNote(a, planId, uuid(v.noteId), parsed.data.to);
        return done(noted(proposals.length));
      }
      case 'race-moved': {
        const parsed = parseValues({ date: v.date }, RaceDateInput, { messages: { date: 'Pick the race’s new date.' } });
        if (!parsed.ok) return parsed;
        const rows = await s.moveRace(a, planId, parsed.data.date);
        return done(
          rows.length ? 'Your plan proposes its weeks made again for the new date: see it below.' : 'That is already your race day.',
        );
      }
      default:
        throw new Response('Unknown action', { status: 400 });
    }
  }
}

const noted = (n: number) =>
  n === 0
    ? 'Noted. Nothing in your plan needs to change for it.'
    : `Noted. Your plan proposes ${n === 1 ? 'a change' : `${n} changes`}: see below.`;
