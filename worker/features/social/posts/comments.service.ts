// Comments: listed without anyone blocked either way, added (the author and anyone mentioned told), deleted by
// their author or the post's.
import { AppError, ErrorCode } from '../../../lib/errors';
import type { PostsCore, Viewer } from './posts.core';
import { type CommentView, serializeComment } from './serializer';

export function createComments(core: PostsCore) {
  const { deps, repo, relations, refuseSuspended, take, visible, notifyMentions } = core;
  return {
    async comments(viewerId: string | null, id: string): Promise<{ comments: CommentView[] }> {
      const { post } = await visible(viewerId, id);
      const blocked = new Set(viewerId ? await relations.blockedEitherWay(viewerId) : []);
      const comments = (await repo.comments(id))
        .filter((r) => !blocked.has(r.author.id))
        .flatMap((r) => serializeComment({ comment: r.comment, author: r.author, postAuthorId: post.authorId, viewerId }) ?? []);
      return { comments };
    },

    async addComment(viewer: Viewer, id: string, body: string): Promise<CommentView> {
      await refuseSuspended(viewer.id);
      const { post } = await visible(viewer.id, id);
      await take(viewer.id, 'comment');
      const c = await repo.addComment(id, viewer.id, body);
      if (post.authorId !== viewer.id)
        await deps.notify.notify({
          userId: post.authorId,
          type: 'social.comment',
          dedupeKey: `social.comment:${c.id}`,
          data: { postId: id, byName: viewer.displayName.slice(0, 200), postTitle: post.title, excerpt: body.slice(0, 280) },
        });
      await notifyMentions(body, post, viewer, `comment:${c.id}`);
      return serializeComment({ comment: c, author: viewer, postAuthorId: post.authorId, viewerId: viewer.id })!;
    },

    async removeComment(viewer: Viewer, commentId: string) {
      const c = await repo.comment(commentId);
      if (!c || (c.authorId !== viewer.id && c.postAuthorId !== viewer.id)) throw new AppError(ErrorCode.NOT_FOUND, 'No such comment.');
      await repo.removeComment(commentId);
      return { ok: true as const };
    },
  };
}
