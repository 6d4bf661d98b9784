// The social layer's services (issue 42, ADR 083): people, posts and the feed, moderation, achievements and
// leaderboards. Built on the athlete's and the coach console's services.
import {
  createAwardsEvaluation,
  createAwardsService,
  createFollowsService,
  createModerationAdminService,
  createModerationService,
  createPeopleService,
  createPostsService,
  createRaceResultsService,
  createRelations,
  createReviewsAdminService,
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

  /** Achievements and weekly boards as the routes read them (ADR 083 "awards"). */
  get awards(): Built<typeof createAwardsService> {
    return this.keep(
      'awards',
      createAwardsService({ db: this.db, relations: createRelations(this.db), policy: this.policy, clock: this.clock }),
    );
  }

  /** Leaderboard review decisions (the `moderation` permission, ADR 084). */
  get reviewsAdmin(): Built<typeof createReviewsAdminService> {
    return this.keep('reviewsAdmin', createReviewsAdminService({ db: this.db, clock: this.clock, audit: this.audit }));
  }

  /** Races the athlete marked, with their place: what the racing achievements read (ADR 084). */
  get raceResults(): Built<typeof createRaceResultsService> {
    return this.keep('raceResults', createRaceResultsService({ db: this.db }));
  }

  /** The re-evaluation after a change of history, and the weekly close (the crons). */
  get awardsEvaluation(): Built<typeof createAwardsEvaluation> {
    return this.keep(
      'awardsEvaluation',
      createAwardsEvaluation({ db: this.db, policy: this.policy, notify: this.notify, clock: this.clock }),
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
        // The feed's reads over HTTP like the calendar and the bell: a feed page opens no pool connection.
        readDb: this.httpDb,
        policy: this.policy,
        notify: this.notify,
        zoneSecret: zoneSecretOf(this.env),
      }),
    );
  }
}
