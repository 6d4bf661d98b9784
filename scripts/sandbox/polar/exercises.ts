// An exercise as AccessLink serves it: the JSON summary (the OpenAPI `exerciseHashId` schema) and the
// original files — FIT written by the same Encoder path as the Garmin export (on a Polar watch), TCX
// (served gzipped, as Polar's docs say) and GPX, all from the generator's per-second streams.
import { gzipSync } from 'node:zlib';
import { activityFit } from '../garmin-fit.ts';
import type { FitDevice } from '../garmin-fit-messages.ts';
import type { GeneratedActivity } from '../strava/generator.ts';
import { buildStreams } from '../strava/streams.ts';
import type { Streams } from '../strava/streams.ts';
import { localIso } from '../strava/tz.ts';
import type { Exercise } from './state.ts';

// Polar has no FIT product list of its own; any stable number names "the same watch".
const POLAR_WATCH: FitDevice = { manufacturer: 'polarElectro', product: 230 };
const DEVICE = 'Polar Vantage V3';

function sports(a: GeneratedActivity): { sport: string; detailed: string; tcx: string } {
  if (a.plan.sport === 'Ride') return { sport: 'CYCLING', detailed: a.trainer ? 'INDOOR_CYCLING' : 'ROAD_BIKING', tcx: 'Biking' };
  if (a.plan.sport === 'Swim') return { sport: 'SWIMMING', detailed: 'POOL_SWIMMING', tcx: 'Other' };
  return { sport: 'RUNNING', detailed: a.sportType === 'TrailRun' ? 'TRAIL_RUNNING' : 'RUNNING', tcx: 'Running' };
}

/** ISO 8601 duration as Polar writes it: `PT2H44M`, `PT35M12S`. */
function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

export function exerciseJson(e: Exercise, origin: string): Record<string, unknown> {
  const a = e.activity;
  const st = a.stats;
  const sp = sports(a);
  return {
    id: e.id,
    upload_time: new Date(e.uploadMs).toISOString(),
    polar_user: `${origin}/polar/accesslink/v3/users/${e.userId}`,
    device: DEVICE,
    device_id: (0x1a2b0000 + (e.userId % 0xffff)).toString(16).toUpperCase(),
    // Local wall time without an offset; the offset (minutes) beside it.
    start_time: localIso(a.startMs, a.utcOffset).slice(0, 19),
    start_time_utc_offset: Math.round(a.utcOffset / 60),
    duration: duration(a.elapsedTime),
    calories: Math.round(st.calories),
    distance: a.distance,
    ...(st.averageHeartrate !== null
      ? { heart_rate: { average: Math.round(st.averageHeartrate), maximum: Math.round(st.maxHeartrate ?? st.averageHeartrate) } }
      : {}),
    training_load: st.sufferScore ?? Math.round(a.movingTime / 60),
    sport: sp.sport,
    has_route: a.plan.start !== null && !a.trainer,
    detailed_sport_info: sp.detailed,
  };
}

const streamsOf = (a: GeneratedActivity) => buildStreams(a.seed, a.plan);
const at = (a: GeneratedActivity, s: Streams, i: number) => new Date(a.startMs + (s.time[i] ?? i) * 1000).toISOString();

export function exerciseFit(e: Exercise): Uint8Array {
  return activityFit(e.activity, streamsOf(e.activity), POLAR_WATCH);
}

/** Null when the exercise has no route (indoors, in the pool): there is nothing to put in a GPX. */
export function exerciseGpx(e: Exercise): string | null {
  const a = e.activity;
  const s = streamsOf(a);
  if (!s.latlng) return null;
  const points: string[] = [];
  for (let i = 0; i < s.n; i++) {
    const ele = s.altitude ? `<ele>${(s.altitude[i] ?? 0).toFixed(1)}</ele>` : '';
    const hr = s.heartrate ? `<gpxtpx:hr>${s.heartrate[i]}</gpxtpx:hr>` : '';
    points.push(
      `<trkpt lat="${(s.latlng[2 * i] ?? 0).toFixed(7)}" lon="${(s.latlng[2 * i + 1] ?? 0).toFixed(7)}">${ele}<time>${at(a, s, i)}</time>` +
        `<extensions><gpxtpx:TrackPointExtension>${hr}<gpxtpx:cad>${s.cadence[i]}</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Polar Flow" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<metadata><name>${sports(a).detailed}</name><time>${new Date(a.startMs).toISOString()}</time></metadata>
<trk><name>${sports(a).detailed}</name><trkseg>
${points.join('\n')}
</trkseg></trk></gpx>
`;
}

/** The TCX document, one lap; gzip it for the wire (`exerciseTcxGz`). */
export function exerciseTcx(e: Exercise): string {
  const a = e.activity;
  const s = streamsOf(a);
  const points: string[] = [];
  for (let i = 0; i < s.n; i++) {
    const pos = s.latlng
      ? `<Position><LatitudeDegrees>${(s.latlng[2 * i] ?? 0).toFixed(7)}</LatitudeDegrees><LongitudeDegrees>${(s.latlng[2 * i + 1] ?? 0).toFixed(7)}</LongitudeDegrees></Position>`
      : '';
    const alt = s.altitude ? `<AltitudeMeters>${(s.altitude[i] ?? 0).toFixed(1)}</AltitudeMeters>` : '';
    const hr = s.heartrate ? `<HeartRateBpm><Value>${s.heartrate[i]}</Value></HeartRateBpm>` : '';
    points.push(
      `<Trackpoint><Time>${at(a, s, i)}</Time>${pos}${alt}<DistanceMeters>${(s.distance[i] ?? 0).toFixed(1)}</DistanceMeters>${hr}<Cadence>${s.cadence[i]}</Cadence></Trackpoint>`,
    );
  }
  const st = a.stats;
  const start = new Date(a.startMs).toISOString();
  const hrSummary =
    st.averageHeartrate !== null
      ? `<AverageHeartRateBpm><Value>${Math.round(st.averageHeartrate)}</Value></AverageHeartRateBpm><MaximumHeartRateBpm><Value>${Math.round(st.maxHeartrate ?? st.averageHeartrate)}</Value></MaximumHeartRateBpm>`
      : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="${sports(a).tcx}"><Id>${start}</Id>
<Lap StartTime="${start}"><TotalTimeSeconds>${a.elapsedTime}</TotalTimeSeconds><DistanceMeters>${a.distance}</DistanceMeters><Calories>${Math.round(st.calories)}</Calories>${hrSummary}<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>
<Track>
${points.join('\n')}
</Track></Lap>
<Creator xsi:type="Device_t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Name>${DEVICE}</Name></Creator>
</Activity></Activities></TrainingCenterDatabase>
`;
}

export const exerciseTcxGz = (e: Exercise): Uint8Array => gzipSync(exerciseTcx(e));
