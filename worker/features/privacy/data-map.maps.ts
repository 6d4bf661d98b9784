// Maps and segments' tables (issue 57) in the privacy data map: tracks are a thinned copy of the activity's own
// positions; a segment is its maker's; an effort is the rider's, and goes with the rider, the activity or the segment.
import * as s from '../../db/schema';
import { type DataMapEntry, OPERATIONAL } from './data-map.types';

export const MAPS_TABLES: readonly DataMapEntry[] = [
  {
    table: s.activityTracks,
    owner: { parent: s.activities, column: s.activityTracks.activityId },
    export: { exempt: 'a thinned copy of the positions in activity_streams, which the export holds; rebuilt from them' },
    erase: { activity_id: 'cascade', user_id: 'cascade' },
  },
  // The heatmap (ADR 100): counts per pixel drawn from the tracks above, rebuilt from them; nothing of its own.
  ...[s.heatmapBuckets, s.heatmapTiles].map((table) => ({
    table,
    owner: { user: table.userId },
    export: { exempt: 'pixel counts drawn from the routes in activity_streams, which the export holds; rebuilt from them' },
    erase: { user_id: 'cascade' as const },
  })),
  { table: s.heatmapStates, owner: { user: s.heatmapStates.userId }, export: { exempt: OPERATIONAL }, erase: { user_id: 'cascade' } },
  { table: s.mapStates, owner: { user: s.mapStates.userId }, export: { exempt: OPERATIONAL }, erase: { user_id: 'cascade' } },
  {
    table: s.segments,
    owner: { user: s.segments.ownerId },
    export: { area: 'activities' },
    erase: { owner_id: 'cascade', source_activity_id: 'set null' },
  },
  {
    table: s.segmentEfforts,
    owner: { user: s.segmentEfforts.userId },
    export: { area: 'activities' },
    erase: { user_id: 'cascade', activity_id: 'cascade', segment_id: 'cascade' },
  },
];
