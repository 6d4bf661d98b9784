// Maps and segments (issue 57): the tracks every map, the heatmap and segment matching read.
import { createHeatmap, createTrackSync, type TrackListener } from '../features/maps';
import { SocialWiring } from './social';
import type { Built } from './core';

export class MapsWiring extends SocialWiring {
  /** Who is told when an athlete's tracks change, in order. */
  get trackListeners(): TrackListener[] {
    return this.keep('trackListeners', [this.heatmap.listener]);
  }

  /** The personal heatmap's buckets, tiles and summary (ADR 100). */
  get heatmap(): Built<typeof createHeatmap> {
    return this.keep('heatmap', createHeatmap({ db: this.db, clock: this.clock }));
  }

  /** The minute cron's sync of tracks with each athlete's history (ADR 099). */
  get trackSync(): Built<typeof createTrackSync> {
    return this.keep('trackSync', createTrackSync({ db: this.db, clock: this.clock, listeners: () => this.trackListeners }));
  }
}
