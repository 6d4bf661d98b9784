// Posts, the feed, kudos and comments. Every read ends in the serializer; every write checks the author's
// suspension, the provider's terms and the hourly limits first. Notifications never cross a block. The parts are
// cut at their seams (posts.core.ts, posting, feed, kudos, comments) and put together here as one service.
import { createComments } from './comments.service';
import { createFeed } from './feed.service';
import { createKudos } from './kudos.service';
import { type PostsDeps, createPostsCore } from './posts.core';
import { createPosting } from './posting.service';

export { FEED_PAGE } from './feed.service';
export { LIMITS, type Viewer, providerTermsMessage } from './posts.core';

export function createPostsService(deps: PostsDeps) {
  const core = createPostsCore(deps);
  return { ...createPosting(core), ...createFeed(core), ...createKudos(core), ...createComments(core) };
}
export type PostsService = ReturnType<typeof createPostsService>;
