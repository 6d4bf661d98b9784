// Bundled by segments.bench.ts (esbuild) so Node runs the worker's own matcher, and its service against the
// stack's Postgres through the same driver and proxy: the figures are for the production code path.
import { createDb } from '../worker/db/client';
import { deltaEncode } from '../worker/lib/delta-code';
import { createLogger } from '../worker/lib/logger';
import { createSegmentMatching } from '../worker/features/maps';
import { createSegmentMatchingRepo } from '../worker/features/maps/segments/matching/segment-matching.repo';

export { encodePolyline } from '../worker/lib/geo';
export { boxOf, decodeSegmentPath, decodeTrack, matchActivityAgainst, matchSegment, trackOf } from '../worker/features/maps';
export { encodeTrack } from '../worker/features/maps/tracks/track.calc';
export { region, rideAlong, road, segmentOf, stretch } from '../worker/features/maps/segments/matching/region.testing';
export { deltaEncode };

export function connect(databaseUrl: string, wsProxy: string) {
  const handle = createDb({ DATABASE_URL: databaseUrl, DB_WS_PROXY: wsProxy }, createLogger('warn'));
  return {
    close: handle.close,
    matching: createSegmentMatching({ db: handle.db, clock: { now: () => new Date() } }),
    repo: createSegmentMatchingRepo(handle.db),
  };
}
