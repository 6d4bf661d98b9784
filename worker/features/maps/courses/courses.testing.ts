// Test support for courses: an activity stored with a straight track due north (a point a second, 3 m apart, climbing
// 1 m in 100 m), or without positions (indoors); and the real public GPX the ingest corpus keeps.
import { activities, activityStreams } from '../../../db/schema';
import { deltaEncode } from '../../../lib/delta-code';
import type { Harness } from '../../../testing/harness';
import type { ActivitySource } from '../../activities';

const R = 6_371_000;
export const STEP_M = 3;

export async function activityWithTrack(
  h: Harness,
  userId: string,
  opts: { seconds?: number; source?: ActivitySource; gps?: boolean } = {},
) {
  const n = (opts.seconds ?? 1200) + 1;
  const t = Array.from({ length: n }, (_, i) => i);
  const lat = t.map((i) => 51.5 + ((i * STEP_M) / R) * (180 / Math.PI));
  const startTime = new Date(Date.UTC(2026, 10, 20, 7, 0, 0));
  const [row] = await h.db
    .insert(activities)
    .values({
      userId,
      source: opts.source ?? 'fit_upload',
      externalId: crypto.randomUUID(),
      sport: 'run',
      sportOriginal: 'Run',
      name: 'Canal run',
      startTime,
      localStartDate: startTime.toISOString().slice(0, 10),
      timezone: 'Europe/London',
      movingTimeS: n - 1,
      elapsedTimeS: n - 1,
      distanceM: (n - 1) * STEP_M,
      detailComplete: true,
      contentHash: crypto.randomUUID(),
    })
    .returning({ id: activities.id });
  await h.db.insert(activityStreams).values({
    activityId: row!.id,
    streams: {
      t,
      distanceDmDelta: deltaEncode(t.map((i) => i * STEP_M * 10)),
      altitudeDm: t.map((i) => Math.round(1000 + (i * STEP_M) / 10)),
      ...(opts.gps === false
        ? {}
        : { latE6Delta: deltaEncode(lat.map((v) => Math.round(v * 1e6))), lngE6Delta: deltaEncode(t.map(() => -120_000)) }),
    },
  });
  return row!.id;
}

/** mapbox/togeojson's test/data/run.gpx (BSD-2-Clause; ingest's corpus/real/README.md): a Garmin Connect export of a 3.1 km run. */
const CORPUS = import.meta.glob('../../ingest/files/corpus/real/run.gpx', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;
export const REAL_RUN_GPX = Object.values(CORPUS)[0]!;
/** The corpus's own sum of its 206 points (scripts/corpus, plain haversine): expected.json, distanceAllPointsM. */
export const REAL_RUN_M = 3098.53;
