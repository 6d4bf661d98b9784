// Maps and segments (issue 57): the tracks every map, the heatmap and segment matching read; segments and boards.
import {
  createSegmentBoard,
  createSegmentMatching,
  createSegmentsService,
  createHeatmap,
  createTrackSync,
  type SegmentMatcher,
  storedPathOf,
  type TrackListener,
} from '../features/maps';
import { createRelations } from '../features/social';
import { SocialWiring } from './social';
import type { Built } from './core';

export class MapsWiring extends SocialWiring {
  /** Who is told when an athlete's tracks change, in order. */
  get trackListeners(): TrackListener[] {
    return this.keep('trackListeners', [this.segmentMatching, this.heatmap.listener]);
  }

  /** The personal heatmap's buckets, tiles and summary (ADR 100). */
  get heatmap(): Built<typeof createHeatmap> {
    return this.keep('heatmap', createHeatmap({ db: this.db, clock: this.clock }));
  }

  /** The minute cron's sync of tracks with each athlete's history (ADR 099). */
  get trackSync(): Built<typeof createTrackSync> {
    return this.keep('trackSync', createTrackSync({ db: this.db, clock: this.clock, listeners: () => this.trackListeners }));
  }

  /** Segment efforts: each new track against the segments near it, each new segment over every history (ADR 099). */
  get segmentMatching(): Built<typeof createSegmentMatching> {
    return this.keep('segmentMatching', createSegmentMatching({ db: this.db, clock: this.clock }));
  }

  /** What segments ask of the matcher: the path of a stretch, and a new or newly public segment matched over history. */
  get segmentMatcher(): SegmentMatcher {
    return this.keep('segmentMatcher', {
      pathOf: storedPathOf,
      matchHistory: (segmentId: string) => this.segmentMatching.matchSegmentHistory(segmentId),
    });
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
