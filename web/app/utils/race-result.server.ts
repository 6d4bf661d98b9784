import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { RaceBody } from '../../../worker/features/social/awards/awards.schema';
import { refuseWhileImpersonating } from '../../../worker/http/guards';
import { isAppError } from './forms.server';

// The activity page's race mark (ADR 084): the same schema and service as PUT/DELETE
// /api/v1/social/activities/{id}/race; a plain form, so it works without JavaScript.

export type RaceFormResult = { intent: 'race'; ok: boolean; message: string };

/** The athlete's mark on one of their activities, or null (also when it is not theirs: the page 404s elsewhere). */
export const loadRaceResult = (context: AppLoadContext, viewer: Viewer, id: string) =>
  context.services.raceResults
    .get(viewer.user.id, id)
    .then((r) => r.race)
    .catch(() => null);

const num = (v: string | undefined) => (v?.trim() ? Number(v.trim()) : null);

export async function saveRaceResult(
  context: AppLoadContext,
  viewer: Viewer,
  id: string,
  v: Record<string, string>,
): Promise<RaceFormResult> {
  refuseWhileImpersonating(viewer, 'mark an athlete’s race');
  try {
    if (v.race === 'off') {
      await context.services.raceResults.clear(viewer.user.id, id);
      return { intent: 'race', ok: true, message: 'No longer marked as a race.' };
    }
    const parsed = RaceBody.safeParse({ place: num(v.place), fieldSize: num(v.fieldSize) });
    if (!parsed.success) return { intent: 'race', ok: false, message: 'Places and finishers are whole numbers from 1.' };
    await context.services.raceResults.mark(viewer.user.id, id, parsed.data);
    return { intent: 'race', ok: true, message: 'Marked as a race: your racing achievements update within a minute or two.' };
  } catch (err) {
    if (isAppError(err) && err.status < 500) return { intent: 'race', ok: false, message: err.message };
    throw err;
  }
}
