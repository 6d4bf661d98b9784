// Wellness from Garmin for Settings → Data (ADR 071): the athlete's consent beside Garmin's HEALTH_EXPORT, refused
// while impersonating (it is the athlete's own act), through the same service the webhook consumer reads.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { refuseWhileImpersonating } from '../../../worker/http/guards';
import { appErrorToForm } from './forms.server';

export type GarminWellnessResult = { ok: false; intent: 'garmin-wellness'; formError: string } | null;

export const loadGarminWellness = (context: AppLoadContext, viewer: Viewer) => context.services.fileDoors.health.consent(viewer.user.id);

export async function setGarminWellness(
  context: AppLoadContext,
  viewer: Viewer,
  values: Record<string, string>,
): Promise<GarminWellnessResult> {
  refuseWhileImpersonating(viewer, 'change what Cadence keeps from an athlete’s Garmin');
  try {
    await context.services.fileDoors.health.setConsent(viewer.user.id, values.enabled === 'on');
    return null;
  } catch (err) {
    return { ok: false, intent: 'garmin-wellness', formError: appErrorToForm(err).formError ?? 'This could not be changed. Try again.' };
  }
}
