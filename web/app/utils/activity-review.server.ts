// The activity page's intervals (detected reps, the planned workout it completed, rep by rep) and the
// athlete's note and RPE: loaded with the page, saved from its form.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { ActivityNotesPatch } from '../../../worker/features/activity-notes';
import { refuseWhileImpersonating } from '../../../worker/http/guards';
import { athleteOf } from './analytics.server';
import { formatDateTime } from './format';
import { appErrorToForm, isAppError, parseValues } from './forms.server';

/** Null for an activity that is not the viewer's (the page itself answers 404 then). */
const orNull = <T>(p: Promise<T>): Promise<T | null> =>
  p.catch((err) => {
    if (isAppError(err) && err.code === 'NOT_FOUND') return null;
    throw err;
  });

export async function loadActivityReview(context: AppLoadContext, viewer: Viewer, id: string) {
  const s = context.services;
  const [intervals, notes] = await Promise.all([
    orNull(s.intervals.forActivity(athleteOf(viewer), id)),
    orNull(s.activityNotes.get(viewer.user.id, id)),
  ]);
  return { intervals, notes, notesUpdated: notes?.updatedAt ? formatDateTime(notes.updatedAt, viewer.user.timeZone) : null };
}

export type ActivityReview = Awaited<ReturnType<typeof loadActivityReview>>;

/** The notes form: its note and RPE (an empty RPE clears it), checked by the API's own schema. */
export async function saveActivityNotes(context: AppLoadContext, viewer: Viewer, id: string, values: Record<string, string>) {
  refuseWhileImpersonating(viewer, 'write an athlete’s training notes');
  const rpe = values.rpe ? Number(values.rpe) : null;
  const parsed = parseValues({ note: values.note ?? '', rpe }, ActivityNotesPatch);
  if (!parsed.ok) return { intent: 'notes' as const, ...parsed };
  try {
    await context.services.activityNotes.update(viewer.user.id, id, parsed.data);
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') throw new Response('Not found', { status: 404 });
    return { intent: 'notes' as const, ...appErrorToForm(err) };
  }
  return { intent: 'notes' as const, ok: true as const };
}
