// Kudos: given once per person, taken back, and listed without anyone blocked either way with the viewer.
import type { PostsCore, Viewer } from './posts.core';
import { type KudosList, person } from './serializer';

export function createKudos(core: PostsCore) {
  const { deps, repo, relations, refuseSuspended, take, visible } = core;
  return {
    async giveKudos(viewer: Viewer, id: string): Promise<KudosList> {
      await refuseSuspended(viewer.id);
      const { post } = await visible(viewer.id, id);
      await take(viewer.id, 'kudos');
      const added = await repo.giveKudos(id, viewer.id);
      if (added.length > 0 && post.authorId !== viewer.id)
        await deps.notify.notify({
          userId: post.authorId,
          type: 'social.kudos',
          dedupeKey: `social.kudos:${id}:${viewer.id}`,
          data: { postId: id, byName: viewer.displayName.slice(0, 200), postTitle: post.title },
        });
      return this.kudos(viewer.id, id);
    },

    async takeKudos(viewer: Viewer, id: string): Promise<KudosList> {
      await visible(viewer.id, id);
      await repo.takeKudos(id, viewer.id);
      return this.kudos(viewer.id, id);
    },

    /** Who gave kudos, minus anyone blocked either way with the viewer. */
    async kudos(viewerId: string | null, id: string): Promise<KudosList> {
      await visible(viewerId, id);
      const blocked = new Set(viewerId ? await relations.blockedEitherWay(viewerId) : []);
      const people = (await repo.kudosGivers(id)).filter((p) => !blocked.has(p.id)).map(person);
      return { count: people.length, people };
    },
  };
}
