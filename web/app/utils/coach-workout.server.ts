// The coach's page for a client's planned workout (ADR 061, issue 55): what the workout is — its steps, targets,
// time, distance and planned load, as the library page draws a workout — read through the client's plan calendar,
// which the link and the athlete's sharing already guard. Null when it is not on the active plan any more.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Member } from '../../../worker/features/coach-os';
import { isAppError } from './forms.server';

export async function loadCoachWorkout(context: AppLoadContext, m: Member, clientId: string, workoutId: string, date: string) {
  const days = await context.services.clientPlans.calendar(m, clientId, date, date).catch((err: unknown) => {
    // No active plan, or no live link: the page still shows the conversation, without the workout's card.
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) return [];
    throw err;
  });
  const w = days.find((d) => d.workout.id === workoutId)?.workout;
  if (!w) return null;
  return {
    sport: w.sport,
    type: w.type,
    description: w.description,
    why: w.why,
    durationSec: w.durationSec,
    distanceM: w.distanceM,
    targetLoad: w.targetLoad,
    steps: w.steps as unknown[],
    skipped: w.skipped,
  };
}
export type CoachWorkout = NonNullable<Awaited<ReturnType<typeof loadCoachWorkout>>>;
