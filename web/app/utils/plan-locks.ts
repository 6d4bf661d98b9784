// The training page's controls and which of them the athlete's membership locks. The locks come from the
// table the plan API gates on (plans/browser.ts: each action's bucket and the feature it needs), so a
// control is locked exactly when pressing it would be refused (ADR 035).
import { actionFeature, lockedActions, type WorkoutAction } from '../../../worker/features/plans/browser';
import type { Feature } from './membership';

/** The actions the viewer's membership does not include, each with the feature that would. */
export type PlanLocks = Partial<Record<WorkoutAction, Feature>>;

export const planLocks = (features: Readonly<Record<Feature, boolean>>): PlanLocks => lockedActions(features);

/**
 * Every control the training page and its drawer offer: the actions it may take through the API, its name
 * on the page, and one line on what it does (what a locked control says instead of doing it).
 */
export const PLAN_CONTROLS = {
  skip: { actions: ['skip'], label: 'Skip', line: 'Take this workout out of the plan; restore it any time.' },
  restore: { actions: ['restore'], label: 'Restore', line: 'Put a skipped workout back in the plan.' },
  edit: { actions: ['edit'], label: 'Edit', line: 'Change its type, length, steps or intensity.' },
  move: { actions: ['move'], label: 'Move to…', line: 'Put this workout on another day of the plan.' },
  swap: { actions: ['swap'], label: 'Swap with…', line: 'Trade this day’s workouts with another day’s.' },
  add: { actions: ['add'], label: 'Add', line: 'Put a workout of your own on a free day.' },
  adjust: { actions: ['adjust'], label: 'Adjust load', line: 'Scale a week’s remaining workouts up or down.' },
  relink: {
    actions: ['link', 'auto', 'unlink'],
    label: 'Re-link',
    line: 'Link another of the day’s activities to this workout, or unlink it.',
  },
} as const satisfies Record<string, { actions: readonly WorkoutAction[]; label: string; line: string }>;
export type PlanControl = keyof typeof PLAN_CONTROLS;

/** The feature that locks this control for the viewer, or null when they may use it. */
export function controlLock(control: PlanControl, locks: PlanLocks): Feature | null {
  for (const action of PLAN_CONTROLS[control].actions) {
    const feature = locks[action];
    if (feature) return feature;
  }
  return null;
}

/** Whether a control needs more than every plan includes (what the pages mark "Pro"). */
export const isGated = (control: PlanControl) => PLAN_CONTROLS[control].actions.some((a) => actionFeature(a) !== null);

/** The controls of `shown` the viewer may use, and the locked ones with the feature that unlocks them. */
export function splitControls(shown: readonly PlanControl[], locks: PlanLocks) {
  const open: PlanControl[] = [];
  const locked: { control: PlanControl; feature: Feature }[] = [];
  for (const control of shown) {
    const feature = controlLock(control, locks);
    if (feature) locked.push({ control, feature });
    else open.push(control);
  }
  return { open, locked };
}

interface DrawerWorkout {
  status: string;
  skipped: boolean;
  sport: string;
}

/**
 * The controls a workout's drawer offers, in order: skip or restore, edit, the date pickers and re-linking
 * (a completed workout only re-links: its activity is recorded; a rest day has nothing to link).
 */
export function drawerControls(w: DrawerWorkout): PlanControl[] {
  const done = w.status === 'completed';
  const out: PlanControl[] = [];
  if (!done) out.push(w.skipped ? 'restore' : 'skip');
  if (!done && !w.skipped) out.push('edit');
  if (!done) out.push('move', 'swap');
  if (w.sport !== 'rest') out.push('relink');
  return out;
}
