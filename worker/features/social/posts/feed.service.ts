// The feed: the viewer's own posts and their followees' (not muted), keyset pages, grouped by the viewer's day.
import { localDater } from '../local-day';
import type { Relation } from '../people/relations';
import { decodeCursor, encodeCursor } from './feed-cursor';
import type { PostsCore, Viewer } from './posts.core';
import type { FeedPage } from './serializer';

export const FEED_PAGE = 20;
const SELF: Relation = { kind: 'self', muted: false };
const FOLLOWER: Relation = { kind: 'follower', muted: false };

export function createFeed(core: PostsCore) {
  // Reads only: over the core's reader (HTTP in the worker).
  const { repo, relations, view } = core.reads;
  return {
    async feed(viewer: Viewer, cursor: string | undefined): Promise<FeedPage> {
      const after = cursor ? decodeCursor(cursor) : null;
      // Who the page is of (the viewer and their followees) is read by the page's own statement; muted
      // followees are left out there too.
      const rows = await repo.feed(viewer.id, relations.feedAuthors(viewer.id), after, FEED_PAGE);
      const posts = await view(rows, viewer.id, async (id) => (id === viewer.id ? SELF : FOLLOWER));
      const dayOf = localDater(viewer.timeZone);
      const days: FeedPage['days'] = [];
      for (const p of posts) {
        const day = dayOf(new Date(p.dayAt));
        if (days.at(-1)?.day === day) days.at(-1)!.posts.push(p);
        else days.push({ day, posts: [p] });
      }
      const lastRow = rows.at(-1);
      return { days, nextCursor: rows.length === FEED_PAGE && lastRow ? encodeCursor(lastRow.key) : null };
    },
  };
}
