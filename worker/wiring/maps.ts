// Maps and segments (issue 57): the tracks every map, the heatmap and segment matching read; segments and boards.
import {
  createSegmentBoard,
  createSegmentsService,
  createTrackSync,
  interimPathOf,
  type SegmentMatcher,
  type TrackListener,
} from '../features/maps';
import { createRelations } from '../features/social';
import { SocialWiring } from './social';
import type { Built } from './core';

export class MapsWiring extends SocialWiring {
  /** Who is told when an athlete's tracks change, in order. */
  get trackListeners(): TrackListener[] {
    return this.keep('trackListeners', []);
  }

  /** The minute cron's sync of tracks with each athlete's history (ADR 099). */
  get trackSync(): Built<typeof createTrackSync> {
    return this.keep('trackSync', createTrackSync({ db: this.db, clock: this.clock, listeners: () => this.trackListeners }));
  }

  /**
   * What segments need of the matcher. Until the matcher slice is joined: the stretch cut straight from the track,
   * and no matching (efforts appear once the matcher's `segmentPathOf` and `matchSegmentHistory` are wired here).
   */
  get segmentMatcher(): SegmentMatcher {
    return this.keep('segmentMatcher', { pathOf: interimPathOf, matchHistory: async () => undefined });
  }

  /** Segments made from the athlete's activities, their efforts and the efforts on an activity (ADR 102). */
  get segments(): Built<typeof createSegmentsService> {
    return this.keep(
      'segments',
      createSegmentsService({
        db: this.db,
        relations: createRelations(this.db),
        matcher: this.segmentMatcher,
        defer: this.defer,
        policy: this.policy,
      }),
    );
  }

  /** A public segment's board under the weekly boards' rules (ADR 102). */
  get segmentBoard(): Built<typeof createSegmentBoard> {
    return this.keep('segmentBoard', createSegmentBoard({ db: this.db, relations: createRelations(this.db), policy: this.policy }));
  }
}
