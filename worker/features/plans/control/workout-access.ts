// Which plan changes an athlete's membership must include, in one table that the service's gate and the
// pages' locked controls both read (ADR 035): each action names the hourly bucket it uses, and a bucket
// other than `skip` needs workout_control. Pure, so the browser bundle loads it (plans/browser.ts).
import type { DataUse } from '../../activities';
import type { Feature } from '../../membership';

/** Actions per athlete per hour (fixed windows on the hour). */
export const ACTION_LIMITS = { move: 10, edit: 20, add: 5, skip: 5 } as const;
export type Bucket = keyof typeof ACTION_LIMITS;

/** Every change the plan's routes make, by its name in the change log, and the bucket it uses. */
export const WORKOUT_ACTIONS = {
  move: 'move',
  swap: 'move',
  edit: 'edit',
  add: 'add',
  adjust: 'edit',
  link: 'edit',
  auto: 'edit',
  unlink: 'edit',
  skip: 'skip',
  restore: 'skip',
  delete: 'skip',
} as const satisfies Record<string, Bucket>;
export type WorkoutAction = keyof typeof WORKOUT_ACTIONS;
export const WORKOUT_ACTION_NAMES = Object.keys(WORKOUT_ACTIONS) as WorkoutAction[];

/** The feature an athlete's change of this bucket needs; null when every plan may (a soft skip and its way back). */
export const bucketFeature = (bucket: Bucket): Feature | null => (bucket === 'skip' ? null : 'workout_control');

/** Actions anyone may take (and undo): a soft skip and its way back. */
export const FREE_ACTIONS: readonly string[] = WORKOUT_ACTION_NAMES.filter((a) => bucketFeature(WORKOUT_ACTIONS[a]) === null);

/** The feature an action needs of the athlete's membership, or null. */
export const actionFeature = (action: WorkoutAction): Feature | null => bucketFeature(WORKOUT_ACTIONS[action]);

/** The actions a membership with these features may not take, each with the feature that would allow it. */
export function lockedActions(features: Readonly<Record<Feature, boolean>>): Partial<Record<WorkoutAction, Feature>> {
  const locked: Partial<Record<WorkoutAction, Feature>> = {};
  for (const action of WORKOUT_ACTION_NAMES) {
    const feature = actionFeature(action);
    if (feature && !features[feature]) locked[action] = feature;
  }
  return locked;
}

/** Who makes a change, for whom, and on whose entitlement (here, beside the access rules, so every control module names it without importing the service). */
export interface ChangeBy {
  athlete: { id: string; timeZone: string };
  actorId: string;
  source: 'athlete' | 'coach' | 'ai_proposal' | 'system';
  reason?: string | undefined;
  /**
   * Who pays for the change, when not the athlete: replaces the athlete's workout_control (Pro) check for
   * every action, skip included. A coach's change is the coaching org's Team feature (ADR 011, "Plans").
   */
  entitlement?: () => Promise<void>;
}

/**
 * Whose eyes a change's totals are worked out for (ADR 061): a coach's change reads the thresholds a coach may see,
 * as their builder's preview does, so the preview is what the save stores and shows them nothing more.
 */
export const changeUse = (by: ChangeBy): DataUse => (by.source === 'coach' ? 'coach' : 'owner');
