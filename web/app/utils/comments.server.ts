// The conversations on training as the pages load them (ADR 056): the same services and rules as the API.
// The browser then posts, edits, deletes and marks read through /api/v1/comments… and /api/v1/coach/….
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import type { Member } from '../../../worker/features/coach-os';
import type { SubjectRef } from '../../../worker/features/comments';
import { isUuid } from '../../../worker/lib/ids';
import { isAppError } from './forms.server';

/** The athlete's threads on their activity or workout; null when it is not theirs (the page 404s on its own). */
export async function loadAthleteComments(context: AppLoadContext, viewer: Viewer, s: SubjectRef) {
  if (!isUuid(s.id)) return null;
  try {
    return await context.services.comments.forAthlete(viewer.user.id, s);
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

/**
 * A coach's thread with their client on the client's activity or workout. A subject the source's terms keep
 * from coaches answers with the reason to show; anything else not found (another org's, an unlinked
 * client, a revoked link) is the 404 page.
 */
export async function loadCoachComments(context: AppLoadContext, m: Member, clientId: string, s: SubjectRef) {
  if (!isUuid(s.id)) throw new Response('Not found', { status: 404 });
  try {
    return { ok: true as const, ...(await context.services.clientComments.thread(m, clientId, s)) };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') {
      if (err.details?.reason === 'SOURCE_NOT_SHARED') return { ok: false as const, reason: err.message };
      throw new Response('Not found', { status: 404 });
    }
    throw err;
  }
}
