// The social layer's services (issue 42, ADR 083): people, posts and the feed, moderation, achievements and
// leaderboards. Built on the athlete's and the coach console's services.
import {
  createFollowsService,
  createModerationAdminService,
  createModerationService,
  createPeopleService,
  createPostsService,
  createRelations,
  zoneSecretOf,
} from '../features/social';
import { CoachOsWiring } from './coach-os';
import type { Built } from './core';

export class SocialWiring extends CoachOsWiring {
  /** People: settings, privacy zones, the directory and profiles. */
  get people(): Built<typeof createPeopleService> {
    return this.keep('people', createPeopleService({ db: this.db, clock: this.clock }));
  }

  /** Follows and requests, blocks and mutes; follow notices go through notify, never across a block. */
  get follows(): Built<typeof createFollowsService> {
    return this.keep('follows', createFollowsService({ db: this.db, clock: this.clock, notify: this.notify }));
  }

  /** Reports, notices and appeals: the athlete's side of moderation. */
  get moderation(): Built<typeof createModerationService> {
    return this.keep('moderation', createModerationService({ db: this.db, clock: this.clock }));
  }

  /** The moderators' queue, actions and appeal decisions (the `moderation` permission). */
  get moderationAdmin(): Built<typeof createModerationAdminService> {
    return this.keep(
      'moderationAdmin',
      createModerationAdminService({ db: this.db, clock: this.clock, audit: this.audit, notify: this.notify }),
    );
  }

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
