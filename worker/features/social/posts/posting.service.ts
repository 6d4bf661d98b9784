// Posting: the composer's answer for an activity, a new post (an activity or a free entry), edits and deletes by
// the author, and one post as a viewer sees it.
import { AppError, ErrorCode } from '../../../lib/errors';
import { type PostsCore, type Viewer, notFound } from './posts.core';
import type { NewPost, PostPatch } from './posts.repo';
import type { CreatePostBody, UpdatePostBody } from './posts.schema';
import type { ComposerState, PostView } from './serializer';

export function createPosting(core: PostsCore) {
  const { deps, repo, relations, refuseSuspended, take, termsRefusal, visible, single, notifyMentions } = core;
  return {
    async composer(viewer: Viewer, activityId: string): Promise<ComposerState> {
      const a = await repo.ownActivity(viewer.id, activityId);
      if (!a) throw new AppError(ErrorCode.NOT_FOUND, 'No such activity.');
      const settings = await relations.settings(viewer.id);
      const postId = (await repo.byActivity(a.id)) ?? null;
      const terms = await termsRefusal(a.source);
      const suspended = settings.suspendedUntil && settings.suspendedUntil > deps.clock.now();
      const reason = terms
        ? { code: ErrorCode.PROVIDER_TERMS, message: terms }
        : suspended
          ? { code: ErrorCode.SUSPENDED, message: 'Your account is suspended from sharing for now.' }
          : postId
            ? { code: 'ALREADY_SHARED', message: 'This activity is already in your log.' }
            : null;
      return {
        activityId: a.id,
        canShare: reason === null,
        reason,
        postId,
        defaults: { visibility: settings.defaultPostVisibility as never, title: a.name },
      };
    },

    async create(viewer: Viewer, body: CreatePostBody): Promise<PostView> {
      await refuseSuspended(viewer.id);
      const settings = await relations.settings(viewer.id);
      const visibility = body.visibility ?? (settings.defaultPostVisibility as 'public' | 'followers' | 'private');
      const hides = {
        hideMap: body.hideMap ?? false,
        hideHeartRate: body.hideHeartRate ?? false,
        hidePacePower: body.hidePacePower ?? false,
        hideNotes: body.hideNotes ?? false,
      };
      let values: Omit<NewPost, 'authorId' | 'visibility'>;
      if ('activityId' in body) {
        const a = await repo.ownActivity(viewer.id, body.activityId);
        if (!a) throw new AppError(ErrorCode.NOT_FOUND, 'No such activity.');
        const terms = await termsRefusal(a.source);
        if (terms) throw new AppError(ErrorCode.PROVIDER_TERMS, terms);
        values = {
          kind: 'activity',
          activityId: a.id,
          title: body.title ?? a.name.slice(0, 200),
          body: body.description ?? null,
          dayAt: a.startTime,
        };
      } else {
        // Noon UTC: the entry's date stays the same day in every zone a viewer reads it in but the farthest few.
        values = {
          kind: 'entry',
          activityId: null,
          title: body.title,
          body: body.text ?? null,
          sport: body.sport,
          durationS: body.durationS ?? null,
          distanceM: body.distanceM ?? null,
          dayAt: new Date(`${body.date}T12:00:00Z`),
        };
      }
      await take(viewer.id, 'post');
      const row = await repo.insert({ ...values, authorId: viewer.id, rpe: body.rpe ?? null, visibility, ...hides });
      if (!row) throw new AppError(ErrorCode.CONFLICT, 'This activity is already in your log.');
      await notifyMentions(row.body, row, viewer, `post:${row.id}`);
      return single(viewer.id, row.id);
    },

    async update(viewer: Viewer, id: string, body: UpdatePostBody): Promise<PostView> {
      const { text, ...rest } = body;
      const patch: PostPatch = { ...rest, ...(text !== undefined ? { body: text } : {}) };
      if (!(await repo.update(viewer.id, id, patch))) throw notFound();
      return single(viewer.id, id);
    },

    async remove(viewer: Viewer, id: string) {
      if (!(await repo.remove(viewer.id, id))) throw notFound();
      return { ok: true as const };
    },

    get: (viewerId: string | null, id: string) => visible(viewerId, id).then((x) => x.view),
  };
}
