// The social layer's services (issue 42, ADR 083): people, posts and the feed, moderation, achievements and
// leaderboards. Built on the athlete's and the coach console's services.
import { createPostsService, createRelations, zoneSecretOf } from '../features/social';
import { CoachOsWiring } from './coach-os';
import type { Built } from './core';

export class SocialWiring extends CoachOsWiring {
  /** Posts, the feed, kudos and comments: every read through the one serializer (ADR 083). */
  get socialPosts(): Built<typeof createPostsService> {
    return this.keep(
      'socialPosts',
      createPostsService({
        db: this.db,
        clock: this.clock,
        relations: createRelations(this.db),
        policy: this.policy,
        notify: this.notify,
        zoneSecret: zoneSecretOf(this.env),
      }),
    );
  }
}
