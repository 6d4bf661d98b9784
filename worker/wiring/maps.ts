// Maps and segments (issue 57): the tracks every map, the heatmap and segment matching read.
import { createSegmentMatching, createTrackSync, type TrackListener } from '../features/maps';
import { SocialWiring } from './social';
import type { Built } from './core';

export class MapsWiring extends SocialWiring {
  /** Who is told when an athlete's tracks change, in order. */
  get trackListeners(): TrackListener[] {
    return this.keep('trackListeners', [this.segmentMatching]);
  }

  /** The minute cron's sync of tracks with each athlete's history (ADR 099). */
  get trackSync(): Built<typeof createTrackSync> {
    return this.keep('trackSync', createTrackSync({ db: this.db, clock: this.clock, listeners: () => this.trackListeners }));
  }

  /** Segment efforts: each new track against the segments near it, each new segment over every history (ADR 099). */
  get segmentMatching(): Built<typeof createSegmentMatching> {
    return this.keep('segmentMatching', createSegmentMatching({ db: this.db, clock: this.clock }));
  }
}
