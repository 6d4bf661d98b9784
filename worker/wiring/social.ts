// The social layer's services (issue 42, ADR 083): people, posts and the feed, moderation, achievements and
// leaderboards. Built on the athlete's and the coach console's services.
import { createModerationAdminService, createModerationService } from '../features/social';
import type { Built } from './core';
import { CoachOsWiring } from './coach-os';

export class SocialWiring extends CoachOsWiring {
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
}
