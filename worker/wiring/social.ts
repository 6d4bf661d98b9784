// The social layer's services (issue 42, ADR 083): people, posts and the feed, moderation, achievements and
// leaderboards. Built on the athlete's and the coach console's services.
import { createAwardsEvaluation, createAwardsService, createRelations } from '../features/social';
import { CoachOsWiring } from './coach-os';
import type { Built } from './core';

export class SocialWiring extends CoachOsWiring {
  /** Achievements and weekly boards as the routes read them (ADR 083 "awards"). */
  get awards(): Built<typeof createAwardsService> {
    return this.keep(
      'awards',
      createAwardsService({ db: this.db, relations: createRelations(this.db), policy: this.policy, clock: this.clock }),
    );
  }

  /** The re-evaluation after a change of history, and the weekly close (the crons). */
  get awardsEvaluation(): Built<typeof createAwardsEvaluation> {
    return this.keep(
      'awardsEvaluation',
      createAwardsEvaluation({ db: this.db, policy: this.policy, notify: this.notify, clock: this.clock }),
    );
  }
}
