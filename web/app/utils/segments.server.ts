// The segments pages: the same services and answers as /api/v1/segments, /segments/{id}/board and
// /activities/{id}/segment-efforts; forms go through the API's own schemas and limits.
import { redirect, type AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { CreateSegmentBody, PatchSegmentBody } from '../../../worker/features/maps/segments/segments.schema';
import { refuseWhileImpersonating } from '../../../worker/http/guards';
import { askReview } from './awards.server';
import { appErrorToForm, formValues, isAppError, orNotFoundPage, parseValues } from './forms.server';

export const loadSegments = async (context: AppLoadContext, viewer: Viewer) => ({
  ...(await context.services.segments.list(viewer.user.id)),
  units: viewer.user.units,
});
export type SegmentsView = Awaited<ReturnType<typeof loadSegments>>;

export async function loadSegment(context: AppLoadContext, viewer: Viewer, id: string) {
  const segment = await orNotFoundPage(context.services.segments.get(viewer.user.id, id));
  const board = segment.visibility === 'public' ? await context.services.segmentBoard.board(viewer.user.id, id) : null;
  return { segment, board, units: viewer.user.units, timeZone: viewer.user.timeZone };
}
export type SegmentView = Awaited<ReturnType<typeof loadSegment>>;

/** The efforts on an activity for its page; null when the activity is not the viewer's own (a coach's view). */
export async function loadActivitySegments(context: AppLoadContext, viewer: Viewer, activityId: string) {
  try {
    return await context.services.segments.onActivity(viewer.user.id, activityId);
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}
export type ActivitySegmentsView = NonNullable<Awaited<ReturnType<typeof loadActivitySegments>>>;

/** "Make a segment of this stretch": made and opened, or the form's errors. */
export async function makeSegment(context: AppLoadContext, viewer: Viewer, activityId: string, v: Record<string, string>) {
  const parsed = parseValues(
    { activityId, fromS: Number(v.fromS), toS: Number(v.toS), name: v.name, visibility: v.visibility || 'private' },
    CreateSegmentBody,
  );
  if (!parsed.ok) return { ...parsed, intent: 'segment' as const };
  try {
    const s = await context.services.segments.create(viewer.user.id, parsed.data);
    return redirect(`/segments/${s.id}`);
  } catch (err) {
    return { ...appErrorToForm(err), intent: 'segment' as const };
  }
}

/** The segment page's forms: rename, share or unshare, delete (the athlete's own act), ask for a review. */
export async function segmentAction(context: AppLoadContext, viewer: Viewer, id: string, formData: FormData) {
  const v = formValues(formData);
  if (v.intent === 'review') return { intent: 'review' as const, ...(await askReview(context, viewer, formData)) };
  try {
    if (v.intent === 'delete') {
      refuseWhileImpersonating(viewer, 'delete a segment');
      await context.services.segments.remove(viewer.user.id, id);
      return redirect('/segments');
    }
    const patch = v.intent === 'visibility' ? { visibility: v.visibility } : { name: v.name };
    const parsed = parseValues(patch, PatchSegmentBody);
    if (!parsed.ok) return { ...parsed, intent: v.intent ?? '' };
    await context.services.segments.update(viewer.user.id, id, parsed.data);
    return { ok: true as const, intent: v.intent ?? '', message: v.intent === 'visibility' ? 'Visibility changed.' : 'Renamed.' };
  } catch (err) {
    return { ...appErrorToForm(err), intent: v.intent ?? '' };
  }
}
