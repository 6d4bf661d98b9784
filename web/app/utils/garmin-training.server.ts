// Planned workouts on Garmin for the pages (ADR 057): the consent on Settings → Data, and one workout's state and
// "Send to Garmin" — the same service the API uses, refused while impersonating as its routes are.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { refuseWhileImpersonating } from '../../../worker/http/guards';
import { appErrorToForm } from './forms.server';

export type GarminFormResult = { ok: false; intent: 'garmin-workouts' | 'garmin-send'; formError: string; reason?: string } | null;

export const loadGarminConsent = (context: AppLoadContext, viewer: Viewer) => context.services.garminTraining.consent(viewer.user.id);

export async function setGarminConsent(context: AppLoadContext, viewer: Viewer, values: Record<string, string>): Promise<GarminFormResult> {
  refuseWhileImpersonating(viewer, 'change what is sent to an athlete’s Garmin');
  try {
    await context.services.garminTraining.setConsent(viewer.user.id, values.enabled === 'on');
    return null;
  } catch (err) {
    return { ok: false, intent: 'garmin-workouts', formError: appErrorToForm(err).formError ?? 'This could not be changed. Try again.' };
  }
}

export const loadWorkoutOnGarmin = (context: AppLoadContext, viewer: Viewer, workoutId: string) =>
  context.services.garminTraining.state(viewer.user.id, workoutId);

export async function sendWorkoutToGarmin(
  context: AppLoadContext,
  viewer: Viewer,
  workoutId: string,
  values: Record<string, string>,
): Promise<GarminFormResult> {
  refuseWhileImpersonating(viewer, 'send a workout to an athlete’s Garmin');
  try {
    await context.services.garminTraining.send(viewer.user.id, workoutId, values.acknowledged === 'on');
    return null;
  } catch (err) {
    const f = appErrorToForm(err);
    return { ok: false, intent: 'garmin-send', formError: f.formError ?? 'The workout could not be sent. Try again.', reason: f.reason };
  }
}
